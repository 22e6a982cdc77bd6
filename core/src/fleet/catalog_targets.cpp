// SPDX-License-Identifier: Apache-2.0
// Targets the database knows: its schemas, its server's databases, or the rows of a query, read
// through the driver of `url` over one connection that closes before the fleet starts.
#include "target_sources.hpp"

#include "../engine/database_target.hpp"

#include <jetway/core/connection_url.hpp>
#include <jetway/core/error.hpp>
#include <jetway/plugin_abi.h>


namespace jetway::core {
namespace {

std::vector<std::string> names_like(database_connection& connection, std::int32_t which, const std::string& pattern,
                                    const std::string& setting, const std::string& database) {
    std::string sql;
    try {
        sql = connection.history_sql(which, "", "");
    } catch (const error&) {
        throw error(error_code::configuration, "flyway." + setting + " cannot be used with " + database +
                                                   ": its driver does not list " +
                                                   (which == JW_CATALOG_SCHEMAS ? "schemas" : "databases"));
    }
    std::vector<std::string> names;
    row_cursor rows = connection.query(sql, {sql_value::of(pattern)});
    while (rows.next())
        if (auto name = rows.value(0)) names.push_back(std::move(*name));
    return names;
}

}  // namespace

std::vector<fleet_target> list_catalog_targets(const configuration& config, plugin_registry& registry) {
    const bool asked = !config.target_schemas.empty() || !config.target_databases.empty() || !config.targets_query.empty();
    if (!asked) return {};
    if (config.url.empty())
        throw error(error_code::configuration,
                    "targetSchemas, targetDatabases and targetsQuery read the database that url names: set url");
    // Only a connection: the catalog's URL needs no schema of its own (a MySQL server URL).
    const std::unique_ptr<database_connection> catalog = connect_to_database(config, registry);
    database_connection& connection = *catalog;
    const std::string shown = redact_url(config.url);
    std::vector<fleet_target> targets;

    if (!config.target_schemas.empty())
        for (std::string& schema : names_like(connection, JW_CATALOG_SCHEMAS, config.target_schemas, "targetSchemas", shown))
            targets.push_back({config.url, {std::move(schema)}, {}, "targetSchemas=" + config.target_schemas});

    if (!config.target_databases.empty())
        for (const std::string& database :
             names_like(connection, JW_CATALOG_DATABASES, config.target_databases, "targetDatabases", shown)) {
            auto url = url_with_database(config.url, database);
            if (!url)
                throw error(error_code::configuration,
                            "flyway.targetDatabases cannot be used with " + shown + ": the URL names no server");
            targets.push_back({std::move(*url), {}, {}, "targetDatabases=" + config.target_databases});
        }

    if (!config.targets_query.empty()) {
        row_cursor rows = connection.query(config.targets_query);
        std::size_t url_column = 0;
        std::optional<std::size_t> schemas_column;
        for (std::size_t c = 0; c < rows.column_count(); ++c) {
            const std::string name = rows.column_name(c);
            if (name == "url" || name == "URL") url_column = c;
            if (name == "schemas" || name == "SCHEMAS") schemas_column = c;
        }
        int row = 0;
        while (rows.next()) {
            ++row;
            auto url = rows.value(url_column);
            if (!url || url->empty())
                throw error(error_code::configuration, "flyway.targetsQuery returned no url in row " + std::to_string(row));
            fleet_target target{std::move(*url), {}, {}, "targetsQuery row " + std::to_string(row)};
            if (schemas_column)
                if (auto schemas = rows.value(*schemas_column)) target.schemas = schema_list(*schemas);
            targets.push_back(std::move(target));
        }
    }
    return targets;
}

}  // namespace jetway::core
