// SPDX-License-Identifier: Apache-2.0
// One libpq connection behind the SDK's connection interface.
#pragma once

#include <jetway/sdk/connection.hpp>

#include "postgresql_url.hpp"

#include <optional>
#include <string>
#include <vector>

struct pg_conn;
struct pg_cancel;
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
    void execute_flight(const std::vector<sdk::flight_statement>& statements, bool commit, std::size_t& ran) override;
    void restore_session() override;
    std::string current_database() override;
    std::string read_only_reason() override { return read_only_reason_; }
    sdk::lock_scope migration_lock_scope() override { return lock_scope_; }
    /// A cancel request for the statement running, on a connection of its own (PQcancel is
    /// libpq's thread-safe way); the statement fails with SQLSTATE 57014.
    void interrupt() override;

 private:
    friend class postgresql_rows;
    void check_pooler(bool session_lock_vouched);
    /// The polling loop of acquire_lock: takes the lock or throws naming its holder.
    void take_lock(std::string_view table, int retry_count);
    /// Before anything reaches the server: the unlock release_lock() deferred, then the lock
    /// acquire_lock() deferred (taken on its own when the next statement is not a harmless read).
    void settle_lock();
    /// Jetway's own reads that may run before the lock is known to be held, and again after
    /// (the catalog, the history table): they change nothing.
    static bool harmless_read(std::string_view sql);
    /// Sends what begin(), restore_session() and use_schema() deferred, before anything else
    /// reaches the server.
    void flush_pending();
    /// The deferred BEGIN, role reset and search_path, in order, and as the start of a simple
    /// query ("" when none).
    std::vector<std::string> take_pending();
    std::string take_pending_text();
    /// One statement of a pipeline: its text and parameter values (null pointers for NULL).
    struct piped {
        std::string sql;
        std::vector<std::string> storage;
        std::vector<const char*> values;
    };
    static piped pipe_of(std::string_view sql, const std::vector<sdk::value>& params);
    /// `sql` with $1 .. $n replaced by `params` as literals (for a multi-statement query).
    std::string with_literals(std::string_view sql, const std::vector<sdk::value>& params) const;
    /// The deferred statements, then `items`, in one flight (libpq's pipeline mode). Returns the
    /// index in `items` of the first failure (items.size() when none, SIZE_MAX when a deferred
    /// one failed) with its result in `failure`; `last` and `first`, when given, get the last and
    /// the first item's results.
    std::size_t pipeline(std::vector<piped>& items, pg_result** failure, pg_result** last = nullptr,
                         pg_result** first = nullptr);

    pg_conn* conn_ = nullptr;
    pg_cancel* cancel_ = nullptr;  // made at connect, on the connection's own thread
    std::int64_t lock_key_ = 0;
    bool locked_ = false;
    // acquire_lock() of a session lock only notes it: the first try travels with the run's first
    // read, so a run that finds nothing to do costs one round trip fewer.
    struct wanted_lock {
        std::string table;
        int retry_count;
    };
    std::optional<wanted_lock> lock_wanted_;
    // release_lock() on a direct connection only notes it: the end of the session releases the
    // lock, and anything sent before then sends the unlock first.
    bool unlock_pending_ = false;
    bool pooled_ = false;  // a pooler stands between us and the server
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
    // use_schema() only notes the search_path (as a literal): it goes with the next round trip.
    std::string search_path_pending_;
    // The last use_schema()'s literal: every migration of a flight starts with it (API 1.8).
    std::string migration_search_path_;
};

/// Where each transaction Jetway begins notes when it began (seconds since the epoch): a flight
/// may carry several migrations in one query, and now() is the query's start for all of them.
inline constexpr const char* migration_start_setting = "jetway.migration_start";
/// The same for the transaction (installed_on): a group's migrations share one.
inline constexpr const char* transaction_start_setting = "jetway.transaction_start";
/// The statement that sets the migration's start, and the transaction's when `transaction_too`,
/// for the session or (behind a pooler) for the transaction.
std::string migration_start_mark(bool transaction_too, bool session_level);

/// 0x466C79776179 ("Flyway") plus Java's String.hashCode of the quoted table name (spec §5.2).
std::int64_t advisory_lock_key(std::string_view quoted_table);

}  // namespace jetway::pg
