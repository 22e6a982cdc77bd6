// SPDX-License-Identifier: Apache-2.0
// One libpq connection behind the SDK's connection interface.
#pragma once

#include <jetway/sdk/connection.hpp>

#include "postgresql_url.hpp"

#include <string>
#include <vector>

struct pg_conn;
struct pg_result;

namespace jetway::pg {

class postgresql_connection final : public sdk::connection {
 public:
    /// `session_lock_vouched`: the user said (postgresql.transactional.lock=false) that a pooler,
    /// if any, keeps this client on one server session, so a session lock holds.
    postgresql_connection(const keywords& kw, bool session_lock_vouched);
    ~postgresql_connection() override;
    postgresql_connection(const postgresql_connection&) = delete;
    postgresql_connection& operator=(const postgresql_connection&) = delete;

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
    void copy_begin(std::string_view sql) override;
    void copy_put(std::string_view data) override;
    std::int64_t copy_end() override;
    void use_schema(std::string_view schema) override;
    void execute_batch(const std::vector<std::string_view>& statements, std::size_t& ran) override;
    void restore_session() override;
    std::string current_database() override;
    std::string read_only_reason() override { return read_only_reason_; }
    sdk::lock_scope migration_lock_scope() override { return lock_scope_; }

 private:
    friend class postgresql_rows;
    void check_pooler(bool session_lock_vouched);
    /// Sends what begin() and restore_session() deferred, before anything else reaches the server.
    void flush_pending();
    /// The deferred BEGIN and role reset, in order, and as the start of a simple query ("" when none).
    std::vector<std::string> take_pending();
    std::string take_pending_text();
    /// SET ROLE and a statement with parameters in one flight (libpq's pipeline mode).
    pg_result* exec_params_after_restore(const std::string& sql, int count, const char* const* values);

    pg_conn* conn_ = nullptr;
    std::int64_t lock_key_ = 0;
    bool locked_ = false;
    // Through a pooler that may move each transaction to another server session, the lock is
    // a transaction lock taken in every transaction.
    sdk::lock_scope lock_scope_ = sdk::lock_scope::session;
    std::string original_search_path_;
    // What the session was at connect: Flyway sets the role back to it before each migration
    // and history write, and ${flyway:database} is the database.
    std::string original_role_;
    std::string database_;
    std::string read_only_reason_;  // read at connect: a standby stays one for a run
    // current_schema() as the connect query found it, good until the session runs anything else
    // (initSql may set the search_path): the run asks for it right after connecting.
    std::string connect_schema_;
    bool untouched_since_connect_ = false;
    // restore_session() only notes the reset; it travels with the next round trip.
    bool restore_pending_ = false;
    // begin() only notes the transaction: Jetway resets the search_path right after it, and the
    // two go to the server together, one round trip per migration fewer.
    bool begin_pending_ = false;
};

/// 0x466C79776179 ("Flyway") plus Java's String.hashCode of the quoted table name (spec §5.2).
std::int64_t advisory_lock_key(std::string_view quoted_table);

}  // namespace jetway::pg
