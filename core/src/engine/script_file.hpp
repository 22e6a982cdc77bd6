// SPDX-License-Identifier: Apache-2.0
// A SQL script as the engine runs it, the hooks around each of its statements, and how a failed
// statement reads (Flyway's error block).
#pragma once

#include <jetway/core/error.hpp>

#include "../sql/statement_splitter.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace jetway::core {

struct script_file {
    std::filesystem::path path;
    std::string script;  // relative to its location, for messages
    std::string encoding;
    bool detect_encoding = false;
    bool placeholder_replacement = true;
    std::optional<bool> execute_in_transaction;  // from <file>.conf

    bool operator==(const script_file&) const = default;
};

/// Hooks around each statement (statement-level callbacks, dry run bookkeeping).
struct statement_hooks {
    std::function<void(const split_statement&)> before;
    std::function<void(const split_statement&)> after;
    std::function<void(const split_statement&)> on_error;
    /// False when callbacks must run between statements: batch=true then sends them one by one.
    bool allow_batching = true;
    /// Instead of `after`, for a statement that went in a flight and succeeded.
    std::function<void(const split_statement&)> ran_in_flight;
};

/// Flyway's error block for a failed statement: file, line, statement, the database's words.
[[noreturn]] void throw_statement_failure(const script_file& file, const split_statement& statement, const error& cause);

}  // namespace jetway::core
