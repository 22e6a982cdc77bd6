// SPDX-License-Identifier: Apache-2.0
// A migration's statements kept to travel together (issue 20): sent after what the connection
// deferred (BEGIN, the session reset), with the history row and COMMIT, in one round trip, and
// a failure still names its file, line and statement. Where the driver allows it, one flight
// carries several migrations, each ending with its row and COMMIT.
#pragma once

#include <jetway/core/database_connection.hpp>

#include "script_file.hpp"

#include <string>
#include <vector>

namespace jetway::core {

/// What the engine adds to the end of a migration in a flight (its history row), and what to
/// say when it fails.
struct flight_tail {
    std::string sql;
    std::vector<sql_value> params;
    std::string failed;
};

class statement_flight {
 public:
    /// Keeps `statement` of `file`; `hooks` must outlive the flight (ran_in_flight, on_error).
    void keep(const script_file& file, split_statement&& statement, const statement_hooks& hooks);
    /// Ends the current migration (`script`, for messages) with `tail` and its COMMIT (none in
    /// a group's transaction); what is kept next belongs to the next migration, which starts as
    /// the flight's first did.
    void end_migration(const flight_tail& tail, const std::string& script, bool same_transaction);
    /// Forgets what the current migration kept (nothing of it was sent).
    void drop_current_migration();
    bool empty() const noexcept { return kept_.empty(); }
    std::size_t bytes() const noexcept { return bytes_; }
    /// How many migrations end_migration() ended in this flight.
    std::size_t migrations_ended() const noexcept { return ended_; }

    /// Sends what was kept, then `tail` when given, then COMMIT when `commit`. Throws Flyway's
    /// error block for a failing statement, `tail->failed` for a tail, or a commit failure,
    /// after setting `failed_migration` to the failing one (counted from this flight's first);
    /// its transaction then stays open for the caller to roll back.
    void send(database_connection& connection, const flight_tail* tail, bool commit, std::size_t& failed_migration) const;

 private:
    struct kept {
        enum class kind { statement, tail, next_migration } what;
        std::size_t migration;  // how many migrations ended before it in this flight
        std::size_t file = 0;   // statement: in files_
        split_statement statement;
        const statement_hooks* hooks = nullptr;
        flight_tail tail;    // tail
        std::string script;  // tail, next_migration: the migration it ends
        bool same_transaction = false;  // next_migration: in a group's transaction, no COMMIT
    };
    std::vector<script_file> files_;
    std::vector<kept> kept_;
    std::size_t bytes_ = 0;
    std::size_t ended_ = 0;
};

}  // namespace jetway::core
