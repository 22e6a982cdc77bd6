// SPDX-License-Identifier: Apache-2.0
// One MySQL Connector/C++ connection behind the SDK's connection interface.
#pragma once

#include <jetway/sdk/connection.hpp>

#include "mysql_url.hpp"

#include <memory>
#include <optional>
#include <string>

namespace sql {
class Connection;
}

namespace jetway::mysql {

class mysql_connection final : public sdk::connection {
 public:
    explicit mysql_connection(const connect_target& target);
    ~mysql_connection() override;
    mysql_connection(const mysql_connection&) = delete;
    mysql_connection& operator=(const mysql_connection&) = delete;

    std::int64_t execute(std::string_view sql) override;
    std::unique_ptr<sdk::row_set> query(std::string_view sql, const std::vector<sdk::value>& params) override;
    void begin() override;
    void commit() override;
    void rollback() override;
    void acquire_lock(std::string_view table, int retry_count) override;
    void release_lock() override;
    std::string current_schema() override;
    std::string current_user() override;
    std::string server_version() override;
    bool schema_exists(std::string_view schema) override;
    bool schema_is_empty(std::string_view schema) override;
    void create_schema(std::string_view schema) override;
    void drop_schema(std::string_view schema) override;
    void clean_schema(std::string_view schema) override;
    void use_schema(std::string_view schema) override;
    void execute_batch(const std::vector<std::string_view>& statements, std::size_t& ran) override;
    void execute_flight(const std::vector<sdk::flight_statement>& statements, bool commit, std::size_t& ran) override;
    void restore_session() override;
    std::string current_database() override;
    std::string read_only_reason() override { return read_only_reason_; }

 private:
    std::int64_t execute_once(std::string_view sql);
    std::unique_ptr<sdk::row_set> query_once(std::string_view sql, const std::vector<sdk::value>& params);
    /// Notes a statement that may change what restore_session() puts back.
    void note_statement(std::string_view sql) noexcept;
    /// The deferred START TRANSACTION and USE, in order ("" when none), and sending them.
    std::vector<std::string> take_pending();
    void flush_pending();
    /// Runs `statements` as one multi-statement query, stepping through one result each; on a
    /// failure, `done` holds how many succeeded before it.
    void run_multi(const std::vector<std::string>& statements, std::size_t& done);

    std::unique_ptr<sql::Connection> conn_;
    std::string lock_name_;
    // acquire_lock() only notes the lock: its first try travels with the run's first read. A
    // release only notes it too: the session's end releases a named lock, and anything sent
    // before then releases it first.
    struct wanted_lock {
        std::string table;
        int retry_count;
    };
    std::optional<wanted_lock> lock_wanted_;
    std::string release_pending_;  // the name of the lock to release
    void take_lock(std::string_view table, int retry_count);
    void settle_lock();
    /// Jetway's own reads that may run before the lock is known to be held, and again after.
    static bool harmless_read(std::string_view sql);
    /// The lock's first try and `sql` in one multi-statement query; null when the lock was busy.
    std::unique_ptr<sdk::row_set> read_with_lock_try(const std::string& sql);
    bool untouched_since_connect_ = false;  // database_ is still what DATABASE() would say
    /// Galera: whether wsrep is on (read at the first lock), and the table of the claim held.
    bool in_galera_cluster();
    void claim_cluster_lock(std::string_view table, int retry_count);
    std::optional<bool> galera_;
    std::string cluster_lock_table_;
    bool in_transaction_ = false;  // since begin(): a lost statement there loses the transaction
    // begin() and use_schema() only note what to do: it goes with the next round trip, and a
    // migration's flight carries it with its statements.
    bool begin_pending_ = false;
    std::string schema_pending_;
    std::string migration_schema_;  // the last use_schema(): each migration of a flight starts there
    std::string schema_in_use_;  // what the last USE chose ("" when a statement may have changed it)
    // The session as it was at connect (Flyway's MySQLConnection reads the same), and whether a
    // statement since the last restore could have changed it: only then does restoring cost a
    // round trip.
    std::string original_foreign_key_checks_ = "1";
    std::string original_sql_safe_updates_ = "0";
    std::string database_, user_, version_;
    std::string read_only_reason_;  // read at connect
    std::string read_only_reason_for_user();
    bool session_may_have_changed_ = false;
};

/// `name` in backticks, embedded backticks doubled.
std::string quote(std::string_view name);

/// Where a Galera cluster's migration lock row lives: the history table's name + _jetway_lock.
std::string cluster_lock_table(std::string_view quoted_table);

/// Flyway's lock name for a table: Flyway-<Java String.hashCode of `db`.`table`> (spec §5.3).
std::string lock_name(std::string_view quoted_table);

}  // namespace jetway::mysql
