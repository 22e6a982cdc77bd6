// SPDX-License-Identifier: Apache-2.0
// RAII wrappers over a driver plugin's connection and result handles. Each holds the library
// that made it, declared before the handle, so the code behind the handle outlives the handle.
#pragma once

#include <jetway/core/error.hpp>
#include <jetway/core/plugin_library.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jetway::core {

/// A parameter for query(): NULL, an integer or text.
struct sql_value {
    std::optional<std::int64_t> integer;
    std::optional<std::string> text;

    static sql_value null() { return {}; }
    static sql_value of(std::int64_t v) { return {v, std::nullopt}; }
    static sql_value of(std::string v) { return {std::nullopt, std::move(v)}; }
};

class row_cursor {
 public:
    row_cursor(std::shared_ptr<const plugin_library> library, jw_rows* rows) noexcept;
    ~row_cursor();
    row_cursor(row_cursor&&) noexcept;
    row_cursor& operator=(row_cursor&&) = delete;
    row_cursor(const row_cursor&) = delete;

    bool next();
    std::size_t column_count() const;
    std::string column_name(std::size_t column) const;
    /// The current row's value as text; std::nullopt for SQL NULL.
    std::optional<std::string> value(std::size_t column) const;

 private:
    std::shared_ptr<const plugin_library> library_;
    jw_rows* rows_;
};

/// A batch that stopped: the failing statement's error and how many before it succeeded.
struct batch_failure {
    error cause;
    std::size_t ran = 0;
};

/// A statement of a flight (execute_flight).
struct flight_statement {
    std::string_view sql;
    std::vector<sql_value> params;
    bool commits_implicitly = false;  // DDL that ends the transaction (MySQL)
    bool next_migration = false;      // no text: commit, then start the next migration (API 1.8)
    bool same_transaction = false;    // with next_migration: without the commit (-group=true)
    bool restore_session = false;     // the session put back first: a history row (API 1.9)
};

class database_connection {
 public:
    /// Connects through the driver of `library`. `options` are passed through as key/value.
    database_connection(std::shared_ptr<const plugin_library> library, const std::string& url,
                        const std::map<std::string, std::string>& options);
    ~database_connection();
    database_connection(const database_connection&) = delete;
    database_connection& operator=(const database_connection&) = delete;

    std::int64_t execute(std::string_view sql);
    row_cursor query(std::string_view sql, const std::vector<sql_value>& params = {});
    void begin();
    void commit();
    void rollback();
    /// Whether a transaction this wrapper began is open (begin() not yet followed by commit()
    /// or rollback()).
    bool in_transaction() const noexcept { return in_transaction_; }
    /// Whether the driver can send several statements in one round trip (batch=true).
    bool can_batch() const noexcept { return library_->driver().execute_batch != nullptr; }
    /// Runs `statements` as one batch inside the open transaction; returns how many ran (all).
    /// Throws batch_failure naming the failing statement's index.
    std::size_t execute_batch(const std::vector<std::string_view>& statements);
    /// Whether the driver can send a migration in one round trip (API 1.7).
    bool can_fly() const noexcept { return library_->driver().execute_flight != nullptr; }
    /// Whether one flight may carry several migrations, each committed (API 1.8).
    bool can_fly_migrations() const noexcept {
        return can_fly() && (library_->driver().flight_flags & JW_STATEMENT_NEXT_MIGRATION) != 0;
    }
    /// ... and a group's migrations, in one transaction (API 1.8).
    bool can_fly_group() const noexcept {
        return can_fly_migrations() && (library_->driver().flight_flags & JW_STATEMENT_SAME_TRANSACTION) != 0;
    }
    /// What begin/restore_session/use_schema deferred, `statements`, and COMMIT when `commit`,
    /// in one round trip. Throws batch_failure: ran == statements.size() when COMMIT failed,
    /// npos when the deferred part did. The transaction stays open on failure.
    void execute_flight(const std::vector<flight_statement>& statements, bool commit);
    std::string current_schema();
    std::string server_version();
    std::string history_sql(std::int32_t which, std::string_view schema, std::string_view table);
    /// installed_by's default: the database user ("" where the database has none).
    std::string current_user();
    struct schema_state {
        bool exists = false;
        bool empty = false;
    };
    schema_state inspect_schema(std::string_view schema);
    /// False when the driver offers no schema creation (SQLite).
    bool can_create_schemas() const noexcept { return library_->driver().create_schema != nullptr; }
    void create_schema(std::string_view schema);
    void drop_schema(std::string_view schema);
    bool can_clean() const noexcept { return library_->driver().clean_schema != nullptr; }
    void clean_schema(std::string_view schema);
    std::string quote_identifier(std::string_view name) const;
    /// COPY ... FROM STDIN in parts; throws when the driver has no COPY support.
    void copy_begin(std::string_view sql);
    void copy_put(std::string_view data);
    std::int64_t copy_end();
    /// Sets the schema unqualified names resolve to, where the driver supports it.
    void use_schema(std::string_view schema);
    /// Puts back what a migration may have changed in the session (role, session variables),
    /// where the driver knows how; Flyway does it before each migration and history write.
    void restore_session();
    /// The database (JDBC catalog) of the connection, "" where the driver reports none.
    std::string current_database();
    /// Why the database cannot be written through this connection; "" when it can.
    std::string read_only_reason();
    /// Whether the driver takes a lock of its own (advisory / named locks); otherwise the
    /// migration transaction is the lock (SQLite's BEGIN IMMEDIATE).
    bool has_lock() const noexcept { return library_->driver().acquire_lock != nullptr; }
    void acquire_lock(std::string_view table, int retry_count);
    void release_lock();
    /// Whether the lock can only live inside a transaction (a transaction-pooling proxy sits
    /// between Jetway and the server): then every transaction takes it and reads history anew.
    bool lock_lives_in_transactions();

    /// From another thread: asks the driver to stop the statement running (API 1.11); nothing
    /// where the driver cannot. Safe while the connection's own thread uses it.
    void interrupt();

    const plugin_library& library() const noexcept { return *library_; }

 private:
    std::shared_ptr<const plugin_library> library_;  // before handle_: destroyed after it
    jw_connection* handle_ = nullptr;
    bool in_transaction_ = false;
};

}  // namespace jetway::core
