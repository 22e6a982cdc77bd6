// SPDX-License-Identifier: Apache-2.0
#include "postgresql_driver.hpp"

#include "postgresql_connection.hpp"
#include "postgresql_url.hpp"

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

std::unique_ptr<sdk::connection> postgresql_driver::connect(std::string_view url, const sdk::connect_options& options) {
    const auto vouched = options.find("postgresql.transactional.lock");
    return std::make_unique<postgresql_connection>(connection_keywords(url, options),
                                                   vouched != options.end() && vouched->second == "false");
}

const jw_dialect_v1& postgresql_driver::dialect() const noexcept {
    static const jw_dialect_v1 d = {
        sizeof(jw_dialect_v1),
        /*backslash_escapes_in_strings=*/0,
        /*hash_comments=*/0,
        /*dollar_quotes=*/1,
        /*double_quote_is_string=*/0,
        /*backtick_identifiers=*/0,
        /*delimiter_command=*/0,
        /*executable_comments=*/0,
        /*copy_from_stdin=*/1,
        /*block_rules=*/JW_BLOCKS_POSTGRESQL,
        /*transactional_ddl=*/1,
        // Flyway's list (spec §6.3); ALTER TYPE ... ADD VALUE only matters before PostgreSQL 12.
        /*non_transactional=*/
        "(CREATE|DROP) (DATABASE|TABLESPACE|SUBSCRIPTION).*\n"
        "ALTER SYSTEM.*\n"
        "(CREATE|DROP)( UNIQUE)? INDEX CONCURRENTLY.*\n"
        "REINDEX( VERBOSE)? (SCHEMA|DATABASE|SYSTEM).*\n"
        "VACUUM.*\n"
        "DISCARD ALL.*",
        /*transaction_excludes_writers=*/0,
        /*implicit_commit=*/nullptr,
    };
    return d;
}

// Flyway's PostgreSQL history table (spec §4.2), so Flyway and Jetway can take turns.
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
        case sdk::history_statement::select_rows:
            // Flyway's comment keeps pgpool from sending the read to a replica.
            return "/*NO LOAD BALANCE*/\n" + sdk::driver::history_sql(which, schema, table);
        default:
            return sdk::driver::history_sql(which, schema, table);
    }
}

}  // namespace jetway::pg
