// SPDX-License-Identifier: Apache-2.0
// The objects of the configured schemas, read through the driver's JW_CATALOG_OBJECTS query,
// for check -drift to compare with what the migrations build.
#include "commands.hpp"

#include <jetway/core/error.hpp>
#include <jetway/plugin_abi.h>

namespace jetway::core {

std::vector<catalog_object> run_catalog_objects(session& s) {
    std::vector<catalog_object> objects;
    for (const std::string& schema : s.schemas()) {
        std::string sql;
        try {
            sql = s.connection().history_sql(JW_CATALOG_OBJECTS, schema, s.config().table);
        } catch (const error&) {
            throw error(error_code::configuration,
                        "check -drift cannot read " + s.redacted_url() + ": its driver does not list a schema's objects");
        }
        row_cursor rows = s.connection().query(sql, {sql_value::of(schema), sql_value::of(s.config().table)});
        while (rows.next())
            objects.push_back({schema, rows.value(0).value_or(""), rows.value(1).value_or(""), rows.value(2).value_or("")});
    }
    return objects;
}

}  // namespace jetway::core
