// SPDX-License-Identifier: Apache-2.0
#include "mysql_driver.hpp"

#include "mysql_connection.hpp"
#include "mysql_url.hpp"

namespace jetway::mysql {

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

}  // namespace jetway::mysql
