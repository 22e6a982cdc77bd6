// SPDX-License-Identifier: Apache-2.0
// Flyway's flyway_schema_history DDL and statements for SQLite (spec §4.2, §4.4), so that Flyway
// and Jetway can take turns on one database file.
#include "sqlite_driver.hpp"

namespace jetway::sqlite {

std::string sqlite_driver::history_sql(sdk::history_statement which, std::string_view schema,
                                       std::string_view table) const {
    const std::string qualified = quote_identifier(schema) + "." + quote_identifier(table);
    switch (which) {
        case sdk::history_statement::create_table:
            return "CREATE TABLE " + qualified +
                   " (\n"
                   "    \"installed_rank\" INT NOT NULL PRIMARY KEY,\n"
                   "    \"version\" VARCHAR(50),\n"
                   "    \"description\" VARCHAR(200) NOT NULL,\n"
                   "    \"type\" VARCHAR(20) NOT NULL,\n"
                   "    \"script\" VARCHAR(1000) NOT NULL,\n"
                   "    \"checksum\" INT,\n"
                   "    \"installed_by\" VARCHAR(100) NOT NULL,\n"
                   "    \"installed_on\" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),\n"
                   "    \"execution_time\" INT NOT NULL,\n"
                   "    \"success\" BOOLEAN NOT NULL\n"
                   ");\n"
                   "CREATE INDEX " +
                   quote_identifier(schema) + "." + quote_identifier(std::string(table) + "_s_idx") +
                   " ON " + quote_identifier(table) + " (\"success\");\n";
        case sdk::history_statement::table_exists:
            return "SELECT 1 FROM " + quote_identifier(schema) +
                   ".sqlite_master WHERE type = 'table' AND name = " + quote_literal(table);
        case sdk::history_statement::list_objects:
            return sqlite_catalog_objects_sql(schema);
        default:
            // Select, insert, update and delete are the SDK's ANSI defaults.
            return sdk::driver::history_sql(which, schema, table);
    }
    throw sdk::error(JW_E_INVALID_ARGUMENT, "unknown history statement");
}

}  // namespace jetway::sqlite
