// SPDX-License-Identifier: Apache-2.0
#include "sqlite_driver.hpp"

#include "sqlite_connection.hpp"
#include "sqlite_url.hpp"

#include <charconv>

namespace jetway::sqlite {
namespace {
// Long enough for another migrator's transaction to finish, short enough to report a stuck one.
constexpr int default_busy_timeout_ms = 60'000;

int busy_timeout(const sdk::connect_options& options) {
    const auto it = options.find("sqlite.busyTimeout");
    if (it == options.end()) return default_busy_timeout_ms;
    int value = 0;
    const auto& text = it->second;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size() || value < 0)
        throw sdk::error(JW_E_INVALID_ARGUMENT,
                         "sqlite.busyTimeout must be a number of milliseconds, got '" + text + "'");
    return value;
}
}  // namespace

std::unique_ptr<sdk::connection> sqlite_driver::connect(std::string_view url,
                                                        const sdk::connect_options& options) {
    return std::make_unique<sqlite_connection>(database_target_from_url(url), busy_timeout(options));
}

const jw_dialect_v1& sqlite_driver::dialect() const noexcept {
    static const jw_dialect_v1 d = {
        sizeof(jw_dialect_v1),
        /*backslash_escapes_in_strings=*/0,
        /*hash_comments=*/0,
        /*dollar_quotes=*/0,
        /*double_quote_is_string=*/0,
        /*backtick_identifiers=*/1,
        /*delimiter_command=*/0,
        /*executable_comments=*/0,
        /*copy_from_stdin=*/0,
        /*block_rules=*/JW_BLOCKS_SQLITE,
        /*transactional_ddl=*/1,
        // Flyway flags PRAGMA foreign_keys (spec §6.3); VACUUM cannot run in a transaction.
        /*non_transactional=*/"PRAGMA FOREIGN_KEYS.*\nVACUUM.*",
        /*transaction_excludes_writers=*/1,
        /*implicit_commit=*/nullptr,
    };
    return d;
}

std::string quote_identifier(std::string_view name) {
    std::string quoted = "\"";
    for (const char c : name) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

std::string quote_literal(std::string_view text) {
    std::string quoted = "'";
    for (const char c : text) {
        if (c == '\'') quoted += '\'';
        quoted += c;
    }
    return quoted + "'";
}

}  // namespace jetway::sqlite
