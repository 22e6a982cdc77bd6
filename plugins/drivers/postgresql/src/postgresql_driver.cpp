// SPDX-License-Identifier: Apache-2.0
#include "postgresql_driver.hpp"

#include "postgresql_connection.hpp"
#include "postgresql_url.hpp"

namespace jetway::pg {

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

}  // namespace jetway::pg
