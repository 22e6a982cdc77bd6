// SPDX-License-Identifier: Apache-2.0
// A migration's statements kept to travel together (issue 20): sent after what the connection
// deferred (BEGIN, the session reset), with the history row and COMMIT, in one round trip, and
// a failure still names its file, line and statement.
#pragma once

#include <jetway/core/database_connection.hpp>

#include "script_file.hpp"

#include <string>
#include <vector>

namespace jetway::core {

/// What the engine adds to the end of a flight (the history row), and what to say when it fails.
struct flight_tail {
    std::string sql;
    std::vector<sql_value> params;
    std::string failed;
};

class statement_flight {
 public:
    /// Keeps `statement` of `file`; `hooks` must outlive the flight (ran_in_flight, on_error).
    void keep(const script_file& file, split_statement&& statement, const statement_hooks& hooks);
    bool empty() const noexcept { return statements_.empty(); }
    std::size_t bytes() const noexcept { return bytes_; }

    /// Sends the kept statements, then `tail` when given, then COMMIT when `commit`. Throws
    /// Flyway's error block for a failing statement, `tail->failed` for the tail, or a commit
    /// failure; the transaction then stays open for the caller to roll back.
    void send(database_connection& connection, const flight_tail* tail, bool commit) const;

 private:
    struct kept {
        std::size_t file;  // in files_
        split_statement statement;
        const statement_hooks* hooks;
    };
    std::vector<script_file> files_;
    std::vector<kept> statements_;
    std::size_t bytes_ = 0;
};

}  // namespace jetway::core
