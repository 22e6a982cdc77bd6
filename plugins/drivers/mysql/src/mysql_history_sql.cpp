// SPDX-License-Identifier: Apache-2.0
// Flyway's MySQL history table (spec §4.2).
#include "mysql_driver.hpp"

#include "mysql_connection.hpp"

namespace jetway::mysql {
namespace {

std::string literal(std::string_view text) {
    std::string out = "'";
    for (const char c : text) {
        if (c == '\'' || c == '\\') out += c;
        out += c;
    }
    return out + "'";
}
}  // namespace

std::string mysql_driver::history_sql(sdk::history_statement which, std::string_view schema, std::string_view table) const {
    const std::string t = quote(schema) + "." + quote(table);
    switch (which) {
        case sdk::history_statement::create_table:
            return "CREATE TABLE " + t +
                   " (\n"
                   "    `installed_rank` INT NOT NULL,\n"
                   "    `version` VARCHAR(50),\n"
                   "    `description` VARCHAR(200) NOT NULL,\n"
                   "    `type` VARCHAR(20) NOT NULL,\n"
                   "    `script` VARCHAR(1000) NOT NULL,\n"
                   "    `checksum` INT,\n"
                   "    `installed_by` VARCHAR(100) NOT NULL,\n"
                   "    `installed_on` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
                   "    `execution_time` INT NOT NULL,\n"
                   "    `success` BOOL NOT NULL,\n"
                   "    CONSTRAINT " + quote(std::string(table) + "_pk") + " PRIMARY KEY (`installed_rank`)\n"
                   ");\n"
                   "CREATE INDEX " + quote(std::string(table) + "_s_idx") + " ON " + t + " (`success`);\n";
        case sdk::history_statement::table_exists:
            return "SELECT 1 FROM information_schema.tables WHERE table_schema = " + literal(schema) +
                   " AND table_name = " + literal(table);
        case sdk::history_statement::insert_row_timed:
            // The flight (execute_flight) marks its start in @jetway_flight_start.
            return "INSERT INTO " + t +
                   " (`installed_rank`, `version`, `description`, `type`, `script`, `checksum`, `installed_by`, "
                   "`execution_time`, `success`) VALUES (?, ?, ?, ?, ?, ?, ?, "
                   "COALESCE(TIMESTAMPDIFF(MICROSECOND, @jetway_flight_start, NOW(6)) DIV 1000, 0), ?)";
        case sdk::history_statement::list_schemas:
        case sdk::history_statement::list_databases:
            // A MySQL schema is a database: both list the user's, not the server's own.
            return "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE ? AND schema_name NOT IN "
                   "('mysql', 'information_schema', 'performance_schema', 'sys') ORDER BY 1";
        case sdk::history_statement::tablespace:
            // InnoDB general tablespaces (CREATE TABLESPACE ... ADD DATAFILE); MariaDB has none
            // and says so when the table is created.
            return " TABLESPACE " + quote(table);
        case sdk::history_statement::list_objects:
            return mysql_catalog_objects_sql(schema);
        default:
            return sdk::driver::history_sql(which, schema, table);
    }
}

}  // namespace jetway::mysql
