// SPDX-License-Identifier: Apache-2.0
// The migration lock and the transactions under it: once for a whole run where the driver's lock
// outlives transactions, in every transaction where it cannot (a transaction-pooling proxy), or
// the write transaction itself for a driver without a lock.
#pragma once

#include "../engine/session.hpp"

#include <functional>

namespace jetway::core {

/// Runs `body` holding the migration lock: the driver's own lock (PostgreSQL, MySQL), or for
/// databases without one (SQLite) a write transaction that `body` may commit itself. Returns
/// whether that transaction is still open when `body` returns (it is then committed).
void with_history_lock(session& s, const std::function<void(bool& transaction_open)>& body);

/// Creates the history table if it does not exist, under the lock (concurrent migrators).
void ensure_history_table(session& s);

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

}  // namespace jetway::core
