// SPDX-License-Identifier: Apache-2.0
// The migration lock: a MySQL named lock with Flyway's name (spec §5.3), so Jetway and Flyway
// exclude each other. Unlike Flyway, a waiter gives up after lockRetryCount seconds and names
// the connection that holds it.
#include "mysql_connection.hpp"

#include <jetway/sdk/error.hpp>

#include <cstdint>

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

void mysql_connection::acquire_lock(std::string_view table, int retry_count) {
    const std::string name = lock_name(table);
    int retries = retry_count;
    for (;;) {
        if (scalar("SELECT GET_LOCK(?, 1)", {name}) == "1") {
            lock_name_ = name;
            return;
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
}

void mysql_connection::release_lock() {
    if (lock_name_.empty()) return;
    const std::string name = lock_name_;
    lock_name_.clear();
    scalar("SELECT RELEASE_LOCK(?)", {name});
}

}  // namespace jetway::mysql
