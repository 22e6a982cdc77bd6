// SPDX-License-Identifier: Apache-2.0
// The migration lock: a PostgreSQL advisory lock with Flyway's key (spec §5.2), so Jetway and
// Flyway exclude each other. Unlike Flyway's default it is a session lock taken outside any
// transaction, so a migration's CREATE INDEX CONCURRENTLY does not wait on it.
#include "postgresql_connection.hpp"

#include "postgresql_error.hpp"

#include <jetway/sdk/error.hpp>

#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <thread>

namespace jetway::pg {
namespace {

// Java's String.hashCode: over UTF-16 code units, 32-bit wrapping arithmetic.
std::int32_t java_hash(std::string_view utf8) {
    std::uint32_t h = 0;
    auto mix = [&](std::uint32_t unit) { h = 31u * h + unit; };
    for (std::size_t i = 0; i < utf8.size();) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        std::uint32_t cp = c;
        std::size_t n = 1;
        if (c >= 0xF0) {
            cp = c & 0x07u;
            n = 4;
        } else if (c >= 0xE0) {
            cp = c & 0x0Fu;
            n = 3;
        } else if (c >= 0xC0) {
            cp = c & 0x1Fu;
            n = 2;
        }
        for (std::size_t k = 1; k < n && i + k < utf8.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3Fu);
        i += n;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            mix(0xD800u + (cp >> 10));
            mix(0xDC00u + (cp & 0x3FFu));
        } else {
            mix(cp);
        }
    }
    return static_cast<std::int32_t>(h);
}

}  // namespace

std::int64_t advisory_lock_key(std::string_view quoted_table) {
    return 0x466C79776179LL + java_hash(quoted_table);
}

void postgresql_connection::acquire_lock(std::string_view table, int retry_count) {
    const std::int64_t key = advisory_lock_key(table);
    if (unlock_pending_ && key == lock_key_) {
        unlock_pending_ = false;  // never released: still ours
        locked_ = true;
        return;
    }
    settle_lock();
    if (lock_scope_ == sdk::lock_scope::session) {
        lock_key_ = key;
        lock_wanted_ = wanted_lock{std::string(table), retry_count};
        return;
    }
    take_lock(table, retry_count);
}

void postgresql_connection::settle_lock() {
    if (unlock_pending_) {
        unlock_pending_ = false;
        const std::string key = std::to_string(lock_key_);
        const char* values[] = {key.c_str()};
        PGresult* r = PQexecParams(conn_, "SELECT pg_advisory_unlock($1::bigint)", 1, nullptr, values, nullptr, nullptr, 0);
        check_result(conn_, r);
        PQclear(r);
    }
    if (lock_wanted_) {
        const wanted_lock wanted = std::move(*lock_wanted_);
        lock_wanted_.reset();
        take_lock(wanted.table, wanted.retry_count);
    }
}

bool postgresql_connection::harmless_read(std::string_view sql) {
    return sql.rfind("SELECT 1 FROM pg_catalog.", 0) == 0 || sql.rfind("/*NO LOAD BALANCE*/", 0) == 0;
}

void postgresql_connection::take_lock(std::string_view table, int retry_count) {
    lock_key_ = advisory_lock_key(table);
    const std::string key = std::to_string(lock_key_);
    // Through a transaction pooler the lock is the open transaction's (Flyway's default kind);
    // it goes with the commit, so there is nothing to release. Polled more often than the
    // session lock: a transaction lock changes hands once per migration.
    const bool per_transaction = lock_scope_ == sdk::lock_scope::transaction;
    const char* take = per_transaction ? "SELECT pg_try_advisory_xact_lock($1::bigint)" : "SELECT pg_try_advisory_lock($1::bigint)";
    const auto pause = per_transaction ? std::chrono::milliseconds(50) : std::chrono::milliseconds(1000);
    const auto budget = std::chrono::seconds(retry_count);
    const auto start = std::chrono::steady_clock::now();
    for (;;) {
        if (scalar(take, {key}) == "t") {
            locked_ = !per_transaction;
            return;
        }
        if (retry_count >= 0 && std::chrono::steady_clock::now() - start >= budget) {
            // Say who holds it: the question every waiting user asks next.
            auto holder = query(
                "SELECT a.pid, COALESCE(a.application_name, ''), COALESCE(to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS'), ''), "
                "COALESCE(host(a.client_addr), 'a local socket') FROM pg_catalog.pg_locks l "
                "JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
                "AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()) "
                "AND l.classid = ($1::bigint >> 32)::oid AND l.objid = ($1::bigint & 4294967295)::oid AND l.objsubid = 1",
                {sdk::value::of(std::string_view(key))});
            std::string who = "another session";
            if (holder->next())
                who = "process " + std::string(*holder->value_at(0)) + " (application '" + std::string(*holder->value_at(1)) +
                      "', connected since " + std::string(*holder->value_at(2)) + " from " + std::string(*holder->value_at(3)) + ")";
            // Through a pooler that is a server connection, and the client that took the lock on
            // it may since have gone; the application is whoever used it last.
            if (per_transaction) who += ", a server connection of the pooler: the lock may have been taken by another of its clients";
            throw sdk::error(JW_E_LOCK_TIMEOUT,
                             "Number of retries exceeded while attempting to acquire PostgreSQL advisory lock. Configure the "
                             "number of retries with the 'lockRetryCount' configuration option. The lock on " +
                                 std::string(table) + " is held by " + who);
        }
        std::this_thread::sleep_for(pause);
    }
}

void postgresql_connection::release_lock() {
    if (lock_wanted_) {
        lock_wanted_.reset();  // never taken
        return;
    }
    if (!locked_) return;
    locked_ = false;
    // The server releases a session's advisory locks when it ends, which is next for a run;
    // behind a pooler the server session outlives ours, so the unlock goes now.
    if (!pooled_) {
        unlock_pending_ = true;
        return;
    }
    if (scalar("SELECT pg_advisory_unlock($1::bigint)", {std::to_string(lock_key_)}) != "t")
        throw sdk::error(JW_E_LOCK_TIMEOUT, "Unable to release PostgreSQL advisory lock");
}

}  // namespace jetway::pg
