// SPDX-License-Identifier: Apache-2.0
// Flyway's PostgreSQL history table (spec §4.2), so Flyway and Jetway can take turns.
#include "postgresql_driver.hpp"

#include "postgresql_connection.hpp"

namespace jetway::pg {
namespace {

std::string literal(std::string_view text) {
    std::string out = "'";
    for (const char c : text) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}
}  // namespace

std::string postgresql_driver::history_sql(sdk::history_statement which, std::string_view schema,
                                           std::string_view table) const {
    const std::string t = quote_identifier(schema) + "." + quote_identifier(table);
    switch (which) {
        case sdk::history_statement::create_table:
            return "CREATE TABLE " + t +
                   " (\n"
                   "    \"installed_rank\" INT NOT NULL,\n"
                   "    \"version\" VARCHAR(50),\n"
                   "    \"description\" VARCHAR(200) NOT NULL,\n"
                   "    \"type\" VARCHAR(20) NOT NULL,\n"
                   "    \"script\" VARCHAR(1000) NOT NULL,\n"
                   "    \"checksum\" INTEGER,\n"
                   "    \"installed_by\" VARCHAR(100) NOT NULL,\n"
                   "    \"installed_on\" TIMESTAMP NOT NULL DEFAULT now(),\n"
                   "    \"execution_time\" INTEGER NOT NULL,\n"
                   "    \"success\" BOOLEAN NOT NULL\n"
                   ");\n"
                   "ALTER TABLE " + t + " ADD CONSTRAINT " + quote_identifier(std::string(table) + "_pk") +
                   " PRIMARY KEY (\"installed_rank\");\n"
                   "CREATE INDEX " + quote_identifier(std::string(table) + "_s_idx") + " ON " + t + " (\"success\");\n";
        case sdk::history_statement::table_exists:
            return "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = " + literal(schema) +
                   " AND tablename = " + literal(table);
        case sdk::history_statement::insert_row_timed: {
            // The BEGIN marked when the transaction started, and each migration its own start
            // (take_pending, execute_flight): now() would be the start of the whole flight,
            // which may carry several transactions. installed_on is the transaction's start, as
            // now() is for a migration applied alone or a group's.
            auto started = [](const char* setting) {
                return std::string("COALESCE(NULLIF(current_setting('") + setting +
                       "', true), '')::float8, EXTRACT(EPOCH FROM clock_timestamp())::float8)";
            };
            return "INSERT INTO " + t +
                   " (\"installed_rank\", \"version\", \"description\", \"type\", \"script\", \"checksum\", "
                   "\"installed_by\", \"installed_on\", \"execution_time\", \"success\") VALUES ($1, $2, $3, $4, $5, $6, $7, "
                   "(SELECT to_timestamp(" + started(transaction_start_setting) + ")), "
                   "(SELECT ((EXTRACT(EPOCH FROM clock_timestamp()) - " + started(migration_start_setting) +
                   ") * 1000)::integer), $8)";
        }
        case sdk::history_statement::select_rows:
            // Flyway's comment keeps pgpool from sending the read to a replica.
            return "/*NO LOAD BALANCE*/\n" + sdk::driver::history_sql(which, schema, table);
        case sdk::history_statement::list_schemas:
            // The user's schemas: not the system's own (pg_catalog, pg_toast, information_schema).
            return "SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname LIKE $1 AND nspname NOT LIKE 'pg\\_%' "
                   "AND nspname <> 'information_schema' ORDER BY 1";
        case sdk::history_statement::list_databases:
            return "SELECT datname FROM pg_catalog.pg_database WHERE datname LIKE $1 AND datallowconn "
                   "AND NOT datistemplate ORDER BY 1";
        case sdk::history_statement::tablespace:
            return " TABLESPACE " + quote_identifier(table);
        case sdk::history_statement::list_objects:
            return postgresql_catalog_objects_sql(schema);
        default:
            return sdk::driver::history_sql(which, schema, table);
    }
}

}  // namespace jetway::pg
