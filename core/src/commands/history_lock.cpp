// SPDX-License-Identifier: Apache-2.0
#include "history_lock.hpp"

#include <jetway/core/error.hpp>

#include "../engine/script_runner.hpp"

#include <spdlog/spdlog.h>

namespace jetway::core {
namespace {

// Runs `body`, told whether a transaction is open (it may open or close one), then commits what
// is open, or rolls back when `body` throws: always, or only when it left one open.
void within_transaction(database_connection& c, bool open, const std::function<void(bool&)>& body,
                        bool roll_back_always) {
    try {
        body(open);
        if (open) c.commit();
    } catch (...) {
        if (open || roll_back_always) {
            try {
                c.rollback();
            } catch (...) {
            }
        }
        throw;
    }
}

}  // namespace

run_lock::run_lock(session& s) : session_(s) {
    // Where the lock cannot outlive a transaction, each transaction takes it (begin_locked).
    if (s.connection().lock_lives_in_transactions()) return;
    s.connection().acquire_lock(s.history().qualified_name(), s.config().lock_retry_count);
    s.rows().set_sole_writer(true);
    held_ = true;
}

run_lock::~run_lock() {
    if (!held_) return;
    session_.rows().set_sole_writer(false);
    try {
        session_.connection().release_lock();
    } catch (...) {
        // A lost connection takes the lock with it; nothing is left to release.
    }
}

bool lock_lives_in_transactions(session& s) {
    database_connection& c = s.connection();
    return c.has_lock() && !s.scripts().diverted() && c.lock_lives_in_transactions();
}

void begin_locked(session& s) {
    database_connection& c = s.connection();
    c.begin();
    if (!lock_lives_in_transactions(s)) return;
    try {
        c.acquire_lock(s.history().qualified_name(), s.config().lock_retry_count);
    } catch (...) {
        try {
            c.rollback();
        } catch (...) {
        }
        throw;
    }
    // Other migrators may have written between our transactions.
    s.rows().may_have_changed();
}

void with_history_lock(session& s, const std::function<void(bool&)>& body) {
    database_connection& c = s.connection();
    if (s.scripts().diverted()) {
        // Dry run: read-only, no lock and no transaction can be taken.
        bool open = false;
        body(open);
        return;
    }
    if (lock_lives_in_transactions(s)) {
        // Through a transaction-pooling proxy: the lock is the transaction's, and so is the
        // history read inside it.
        begin_locked(s);
        within_transaction(c, true, body, false);
        return;
    }
    if (c.has_lock() && s.rows().sole_writer()) {
        // The run already holds the lock: only the transaction is ours to close.
        within_transaction(c, false, body, true);
        return;
    }
    if (c.has_lock()) {
        c.acquire_lock(s.history().qualified_name(), s.config().lock_retry_count);
        s.rows().may_have_changed();
        try {
            within_transaction(c, false, body, true);
        } catch (...) {
            c.release_lock();
            throw;
        }
        c.release_lock();
        return;
    }
    // SQLite: BEGIN IMMEDIATE takes the database's write lock; re-reading history inside it
    // is what lets several processes migrate one file without applying anything twice.
    c.begin();
    s.rows().may_have_changed();
    within_transaction(c, true, body, false);
}

void ensure_history_table(session& s) {
    if (s.rows().table_exists()) return;
    with_history_lock(s, [&](bool&) {
        if (s.rows().table_exists()) return;  // another migrator created it meanwhile
        spdlog::info("Creating Schema History table {} ...", s.history().qualified_name());
        if (s.scripts().diverted()) {
            s.dry_run_write(s.history().create_sql());
            return;
        }
        s.history().create();
        s.rows().table_now_exists(true);
    });
}

}  // namespace jetway::core
