// SPDX-License-Identifier: Apache-2.0
#include "mysql_driver.hpp"

#include "mysql_connection.hpp"
#include "mysql_url.hpp"

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

std::unique_ptr<sdk::connection> mysql_driver::connect(std::string_view url, const sdk::connect_options& options) {
    return std::make_unique<mysql_connection>(parse_url(url, options));
}

std::string mysql_driver::quote_identifier(std::string_view name) const { return quote(name); }

const jw_dialect_v1& mysql_driver::dialect() const noexcept {
    static const jw_dialect_v1 d = {
        sizeof(jw_dialect_v1),
        /*backslash_escapes_in_strings=*/1,
        /*hash_comments=*/1,
        /*dollar_quotes=*/0,
        /*double_quote_is_string=*/1,
        /*backtick_identifiers=*/1,
        /*delimiter_command=*/1,
        /*executable_comments=*/1,
        /*copy_from_stdin=*/0,
        // MariaDB's BEGIN NOT ATOMIC is harmless to MySQL's rules, so one set serves both.
        /*block_rules=*/JW_BLOCKS_MARIADB,
        // DDL commits implicitly: a failed migration leaves what ran before it, and a row says so.
        /*transactional_ddl=*/0,
        /*non_transactional=*/nullptr,
        /*transaction_excludes_writers=*/0,
        // The statements MySQL and MariaDB commit before and after themselves.
        /*implicit_commit=*/
        "(CREATE|ALTER|DROP|RENAME|TRUNCATE|GRANT|REVOKE|LOCK|UNLOCK|ANALYZE|OPTIMIZE|REPAIR|INSTALL|UNINSTALL)( .*)?",
    };
    return d;
}

// Flyway's MySQL history table (spec §4.2).
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
        default:
            return sdk::driver::history_sql(which, schema, table);
    }
}

}  // namespace jetway::mysql
