// SPDX-License-Identifier: Apache-2.0
// The migration lock: a MySQL named lock with Flyway's name (spec §5.3), so Jetway and Flyway
// exclude each other. Unlike Flyway, a waiter gives up after lockRetryCount seconds and names
// the connection that holds it.
//
// A named lock lives on one server. In a Galera cluster every node is a primary and knows
// nothing of another node's named locks, so there the holder also claims a row in a small
// replicated table, and the cluster's certification lets only one claim commit.
#include "mysql_connection.hpp"

#include <jetway/sdk/error.hpp>
#include <jetway/sdk/log.hpp>

#include <chrono>
#include <cstdint>
#include <thread>

namespace jetway::mysql {

std::string lock_name(std::string_view quoted_table) {
    // Java's String.hashCode; identifiers here are what the user configured, usually ASCII,
    // and multi-byte characters are hashed as their UTF-16 units like Java does.
    std::uint32_t h = 0;
    for (std::size_t i = 0; i < quoted_table.size();) {
        const auto c = static_cast<unsigned char>(quoted_table[i]);
        std::uint32_t cp = c;
        std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (n > 1) cp = c & (0xFFu >> (n + 1));
        for (std::size_t k = 1; k < n && i + k < quoted_table.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(quoted_table[i + k]) & 0x3Fu);
        i += n;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            h = 31u * h + (0xD800u + (cp >> 10));
            h = 31u * h + (0xDC00u + (cp & 0x3FFu));
        } else {
            h = 31u * h + cp;
        }
    }
    return "Flyway-" + std::to_string(static_cast<std::int32_t>(h));
}

std::string cluster_lock_table(std::string_view quoted_table) {
    // `db`.`flyway_schema_history` -> `db`.`flyway_schema_history_jetway_lock`
    return std::string(quoted_table.substr(0, quoted_table.size() - 1)) + "_jetway_lock`";
}

void mysql_connection::acquire_lock(std::string_view table, int retry_count) {
    if (!release_pending_.empty() && release_pending_ == lock_name(table)) {
        lock_name_ = release_pending_;  // never released: still ours
        release_pending_.clear();
        return;
    }
    settle_lock();
    lock_wanted_ = wanted_lock{std::string(table), retry_count};
}

void mysql_connection::settle_lock() {
    if (!release_pending_.empty()) {
        const std::string name = std::move(release_pending_);
        release_pending_.clear();
        scalar("SELECT RELEASE_LOCK(?)", {name});
    }
    if (lock_wanted_) {
        const wanted_lock wanted = std::move(*lock_wanted_);
        lock_wanted_.reset();
        take_lock(wanted.table, wanted.retry_count);
    }
}

bool mysql_connection::harmless_read(std::string_view sql) {
    return sql.rfind("SELECT 1 FROM information_schema.", 0) == 0 || sql.rfind("SELECT `installed_rank`, `version`", 0) == 0;
}

void mysql_connection::take_lock(std::string_view table, int retry_count) {
    const std::string name = lock_name(table);
    int retries = retry_count;
    for (;;) {
        if (scalar("SELECT GET_LOCK(?, 1)", {name}) == "1") {
            lock_name_ = name;
            break;
        }
        if (retries == 0) {
            std::string who = "another connection";
            const std::string id = scalar("SELECT IS_USED_LOCK(?)", {name});
            if (!id.empty()) {
                auto rows = query("SELECT id, user, host, time FROM information_schema.processlist WHERE id = ?",
                                  {sdk::value::of(std::string_view(id))});
                if (rows->next())
                    who = "connection " + std::string(*rows->value_at(0)) + " (user '" + std::string(*rows->value_at(1)) +
                          "' from " + std::string(*rows->value_at(2)) + ", connected " + std::string(*rows->value_at(3)) +
                          " s ago)";
                else
                    who = "connection " + id;
            }
            throw sdk::error(JW_E_LOCK_TIMEOUT, "Number of retries exceeded while attempting to acquire MySQL named lock " +
                                                    name + " for " + std::string(table) +
                                                    ". Configure the number of retries with the 'lockRetryCount' "
                                                    "configuration option. The lock is held by " + who);
        }
        if (retries > 0) --retries;
    }
    if (!in_galera_cluster()) return;
    try {
        claim_cluster_lock(table, retry_count);
    } catch (...) {
        release_lock();
        throw;
    }
}

bool mysql_connection::in_galera_cluster() {
    // Asked once per connection, only of a connection that locks. SHOW works on MySQL too,
    // where the variable does not exist.
    if (!galera_) {
        auto rows = query("SHOW VARIABLES LIKE 'wsrep_on'", {});
        galera_ = rows->next() && rows->value_at(1) == std::string_view("ON");
    }
    return *galera_;
}

// Called holding this node's named lock: every other migrator on this node waits for it, so a
// claim by this node that is still in the table was left by a holder that died.
void mysql_connection::claim_cluster_lock(std::string_view table, int retry_count) {
    const std::string lock_table = cluster_lock_table(table);
    const auto start = std::chrono::steady_clock::now();
    // Waiters only read while a claim stands: a write from another node can make the holder's
    // DDL fail certification.
    for (;;) {
        std::unique_ptr<sdk::row_set> rows;
        try {
            rows = query("SELECT node, connection_id, locked_by, locked_at, node = CONCAT(@@hostname, ':', @@port) FROM " +
                             lock_table + " WHERE id = 1",
                         {});
        } catch (const sdk::error& e) {
            if (e.vendor_code() != 1146) throw;  // the first claim in this database makes the table
            execute("CREATE TABLE IF NOT EXISTS " + lock_table +
                    " (id INT NOT NULL PRIMARY KEY, node VARCHAR(255) NOT NULL, connection_id BIGINT NOT NULL, "
                    "locked_by VARCHAR(100) NOT NULL, locked_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP) ENGINE=InnoDB");
            continue;
        }
        if (!rows->next()) {
            rows.reset();
            try {
                execute("INSERT INTO " + lock_table + " (id, node, connection_id, locked_by) VALUES "
                        "(1, CONCAT(@@hostname, ':', @@port), CONNECTION_ID(), SUBSTRING_INDEX(USER(), '@', 1))");
                cluster_lock_table_ = lock_table;
                return;
            } catch (const sdk::error& e) {
                // 1062: another claim got there; 1213: another node's claim won certification.
                if (e.vendor_code() != 1062 && e.vendor_code() != 1213) throw;
            }
            continue;
        }
        const std::string node(*rows->value_at(0)), holder(*rows->value_at(1));
        if (rows->value_at(4) == std::string_view("1")) {
            rows.reset();
            sdk::log_warn("Taking over the migration lock of connection " + holder + " on this node (" + node +
                          "), which ended without releasing it");
            query("DELETE FROM " + lock_table + " WHERE id = 1 AND node = ? AND connection_id = ?",
                  {sdk::value::of(std::string_view(node)), sdk::value::of(std::string_view(holder))});
            continue;
        }
        if (retry_count >= 0 && std::chrono::steady_clock::now() - start >= std::chrono::seconds(retry_count))
            throw sdk::error(JW_E_LOCK_TIMEOUT,
                             "Number of retries exceeded while attempting to acquire the Galera cluster's migration lock "
                             "for " + std::string(table) + ". Configure the number of retries with the 'lockRetryCount' "
                             "configuration option. The lock is held by connection " + holder + " (user '" +
                             std::string(*rows->value_at(2)) + "') on node " + node + " since " +
                             std::string(*rows->value_at(3)) + ". If no migrator runs there, that one died holding it: "
                             "the next migrator connected to that node takes it over, or remove it with DELETE FROM " +
                             lock_table);
        rows.reset();
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

void mysql_connection::release_lock() {
    if (!cluster_lock_table_.empty()) {
        const std::string lock_table = cluster_lock_table_;
        cluster_lock_table_.clear();
        try {
            execute("DELETE FROM " + lock_table + " WHERE id = 1 AND node = CONCAT(@@hostname, ':', @@port) "
                    "AND connection_id = CONNECTION_ID()");
        } catch (const sdk::error& e) {
            if (e.vendor_code() != 1146) throw;  // clean dropped the table, and the claim with it
        }
    }
    if (lock_wanted_) {
        lock_wanted_.reset();  // never taken
        return;
    }
    if (lock_name_.empty()) return;
    // The session's end releases it, which is next for a run; anything sent before releases it first.
    release_pending_ = lock_name_;
    lock_name_.clear();
}

}  // namespace jetway::mysql
