// SPDX-License-Identifier: Apache-2.0
// clean for SQLite (spec §12): views, then tables with foreign keys switched off for the while,
// and the AUTOINCREMENT counters; the database file itself stays.
#include "sqlite_connection.hpp"
#include "sqlite_driver.hpp"

namespace jetway::sqlite {

void sqlite_connection::clean_schema(std::string_view schema) {
    auto fk = query("PRAGMA foreign_keys", {});
    const bool foreign_keys = fk->next() && fk->value_at(0) == std::string_view("1");
    fk.reset();
    for (const std::string& view : schema_objects(*this, schema, "view"))
        execute("DROP VIEW " + quote_identifier(schema) + "." + quote_identifier(view));
    bool has_sequence = false;
    if (foreign_keys) execute("PRAGMA foreign_keys = OFF");
    for (const std::string& table : schema_objects(*this, schema, "table")) {
        if (table == "sqlite_sequence") {
            has_sequence = true;
            continue;
        }
        execute("DROP TABLE " + quote_identifier(schema) + "." + quote_identifier(table));
    }
    if (foreign_keys) execute("PRAGMA foreign_keys = ON");
    if (has_sequence) execute("DELETE FROM " + quote_identifier(schema) + ".sqlite_sequence");
}

}  // namespace jetway::sqlite
