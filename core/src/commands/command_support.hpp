// SPDX-License-Identifier: Apache-2.0
// Small pieces the commands share: labels for log lines, the history lock, timing.
#pragma once

#include <jetway/core/error.hpp>
#include <jetway/core/migration_info.hpp>

#include "../engine/callback_runner.hpp"
#include "../engine/session.hpp"

#include <chrono>
#include <functional>
#include <string>

namespace jetway::core {

/// `schema "main" to version "1 - init"` / `schema "main" with repeatable migration "v"`.
std::string migration_text(session& s, const resolved_migration& m);

/// Runs a command's `body` between its callbacks: before<event> first, then after<event> when
/// the body returns, or after<event>Error when it throws (the error goes on).
template <class Body>
void with_command_events(session& s, const std::string& event, Body&& body) {
    s.callbacks().fire("before" + event);
    try {
        body();
    } catch (const error&) {
        s.callbacks().fire_on_error("after" + event + "Error");
        throw;
    }
    s.callbacks().fire("after" + event);
}

/// `"main"` as the database quotes it.
std::string quoted_schema(session& s);

/// Runs `body` holding the migration lock: the driver's own lock (PostgreSQL, MySQL), or for
/// databases without one (SQLite) a write transaction that `body` may commit itself. Returns
/// whether that transaction is still open when `body` returns (it is then committed).
void with_history_lock(session& s, const std::function<void(bool& transaction_open)>& body);

/// Creates the history table if it does not exist, under the lock (concurrent migrators).
void ensure_history_table(session& s);

/// Milliseconds since `start`.
long long elapsed_ms(std::chrono::steady_clock::time_point start);

/// The ignoreMigrationPatterns of the configuration, plus `extra`.
std::vector<ignore_pattern> ignore_patterns(const configuration& config, const std::vector<std::string>& extra = {});

/// A history row for a resolved migration.
applied_migration history_row(session& s, const resolved_migration& m, int rank, int execution_time, bool success);

/// Whether `sql` is a statement MySQL/MariaDB commit implicitly (DDL and the like).
bool commits_implicitly(const std::string& sql);

/// The INSERT of `row` as literal SQL, for the dry-run file.
std::string insert_statement_text(session& s, const applied_migration& row);

/// Holds the driver's migration lock for as long as it lives, and tells the session so
/// (with_history_lock then only scopes transactions). Released even when the run fails.
/// Where the lock lasts one transaction (a transaction-pooling proxy), it takes nothing:
/// begin_locked and with_history_lock lock each transaction instead.
class run_lock {
 public:
    explicit run_lock(session& s);
    ~run_lock();
    run_lock(const run_lock&) = delete;
    run_lock& operator=(const run_lock&) = delete;

 private:
    session& session_;
    bool held_ = false;
};

/// Whether the driver's lock lasts only as long as a transaction on this connection (not
/// in a dry run, which takes no lock).
bool lock_lives_in_transactions(session& s);

/// Opens a transaction and, where the lock lives in transactions, takes it there and forgets
/// the history read before (other migrators may have written since).
void begin_locked(session& s);

/// The error for a migration that must run outside a transaction where no lock can cover it.
[[noreturn]] void throw_outside_transaction_refused(session& s, const resolved_migration& m);

/// How `m` runs, asked of its resolver (a SQL file is read through for this).
sdk::transaction_mode transaction_mode_of(session& s, const resolved_migration& m);

/// The lock transaction handling shared by migrate and undo for one script: run `file` (a
/// resolved migration) the Flyway way (spec §6.4, §6.5) and record `row_type` in history.
void apply_script(session& s, const resolved_migration& m, bool& transaction_open, const std::string& log_verb,
                  const std::string& row_type, bool undo);

}  // namespace jetway::core
