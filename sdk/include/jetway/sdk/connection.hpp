// SPDX-License-Identifier: Apache-2.0
// The C++ interfaces a driver author implements: connection and row_set.
#pragma once

#include <jetway/sdk/error.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jetway::sdk {

/// How long a connection's migration lock can be held (mirrors JW_LOCK_*).
enum class lock_scope : std::int32_t {
    session = JW_LOCK_SESSION,
    transaction = JW_LOCK_TRANSACTION,
};

/// A bound parameter: NULL, a 64-bit integer or text.
struct value {
    enum class kind { null, integer, text };
    kind type = kind::null;
    std::int64_t integer = 0;
    std::string_view text;

    static value null() { return {}; }
    static value of(std::int64_t v) { return {kind::integer, v, {}}; }
    static value of(std::string_view v) { return {kind::text, 0, v}; }
};

/// A statement of a flight (connection::execute_flight).
struct flight_statement {
    std::string_view sql;
    std::vector<value> params;
    /// DDL that ends the open transaction (MySQL): the driver opens another right after it.
    bool commits_implicitly = false;
    /// No text: commit, then start the next migration as the flight began (API 1.8).
    bool next_migration = false;
    /// With next_migration: the next migration joins the open transaction (API 1.8).
    bool same_transaction = false;
    /// Put the session back (restore_session) right before this statement (API 1.9).
    bool restore_session = false;
};

/// The rows of one query. Used by one thread at a time; destroyed before its connection.
class row_set {
 public:
    virtual ~row_set() = default;
    /// Advances to the next row; false after the last one.
    virtual bool next() = 0;
    virtual std::size_t column_count() const = 0;
    /// Column name; the view stays valid until the row_set is destroyed.
    virtual std::string_view column_name(std::size_t column) const = 0;
    /// The current row's value as text, std::nullopt for SQL NULL. Valid until next().
    virtual std::optional<std::string_view> value_at(std::size_t column) const = 0;
};

/// One open database session. Used by one thread at a time.
class connection {
 public:
    virtual ~connection() = default;

    /// Runs one statement, returns the rows it changed (or -1 when the database does not say).
    virtual std::int64_t execute(std::string_view sql) = 0;
    /// Runs one statement with parameters; the result may have no columns.
    virtual std::unique_ptr<row_set> query(std::string_view sql,
                                           const std::vector<value>& params) = 0;

    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;

    /// Takes the migration lock for `table` (the history table's quoted, qualified name);
    /// retry_count < 0 waits forever. Throw an error
    /// with JW_E_LOCK_TIMEOUT naming the holder on giving up. Default: not offered.
    virtual void acquire_lock(std::string_view table, int retry_count) {
        (void)table;
        (void)retry_count;
        throw not_implemented("acquire_lock");
    }
    virtual void release_lock() { throw not_implemented("release_lock"); }

    /// Helpers for driver code built on query(): the first column of every row, with text
    /// parameters, and the first value (empty when there is no row).
    std::vector<std::string> column(std::string_view sql, const std::vector<std::string>& params = {}) {
        std::vector<value> values;
        for (const auto& p : params) values.push_back(value::of(std::string_view(p)));
        auto rows = query(sql, values);
        std::vector<std::string> out;
        while (rows->next()) out.emplace_back(rows->value_at(0).value_or(""));
        return out;
    }
    std::string scalar(std::string_view sql, const std::vector<std::string>& params = {}) {
        const auto values = column(sql, params);
        return values.empty() ? std::string{} : values.front();
    }

    /// The schema unqualified names resolve to.
    virtual std::string current_schema() = 0;
    /// The user the connection acts as (Flyway's installed_by default). Default: "".
    virtual std::string current_user() { return {}; }
    /// Whether `schema` exists, and whether it holds no objects.
    virtual bool schema_exists(std::string_view schema) = 0;
    virtual bool schema_is_empty(std::string_view schema) = 0;
    /// Creates `schema`. Default: the database has no schemas to create.
    virtual void create_schema(std::string_view schema) {
        (void)schema;
        throw not_implemented("create_schema");
    }
    /// COPY ... FROM STDIN in parts: the statement, its data in pieces, then the end (which
    /// returns the rows copied). Default: not offered.
    virtual void copy_begin(std::string_view sql) {
        (void)sql;
        throw not_implemented("copy_begin");
    }
    virtual void copy_put(std::string_view data) {
        (void)data;
        throw not_implemented("copy_put");
    }
    virtual std::int64_t copy_end() { throw not_implemented("copy_end"); }
    /// batch=true: runs `statements` in order in as few round trips as the database allows
    /// (API 1.2). Called only inside a transaction and only with statements that return no
    /// rows. Sets `ran` to how many succeeded, then throws the first failure's error. Default:
    /// not offered (the host sends them one by one).
    virtual void execute_batch(const std::vector<std::string_view>& statements, std::size_t& ran) {
        (void)statements;
        (void)ran;
        throw not_implemented("execute_batch");
    }
    /// What begin, restore_session and use_schema left pending, then `statements`, then COMMIT
    /// when `commit`, sent before any answer is read: a migration in one round trip (API 1.7).
    /// Results are dropped. Sets `ran` to how many statements succeeded, then throws the first
    /// failure (COMMIT's when ran == statements.size()), leaving the transaction for the host to
    /// roll back; a failure of the pending part leaves `ran` at SIZE_MAX. Default: not offered.
    virtual void execute_flight(const std::vector<flight_statement>& statements, bool commit, std::size_t& ran) {
        (void)statements;
        (void)commit;
        (void)ran;
        throw not_implemented("execute_flight");
    }
    /// Makes `schema` the default for unqualified names. Default: not offered.
    virtual void use_schema(std::string_view schema) {
        (void)schema;
        throw not_implemented("use_schema");
    }
    /// Drops `schema` with everything in it (offered together with create_schema).
    virtual void drop_schema(std::string_view schema) {
        (void)schema;
        throw not_implemented("drop_schema");
    }
    /// Drops every object of `schema` (spec §12). Default: not offered.
    virtual void clean_schema(std::string_view schema) {
        (void)schema;
        throw not_implemented("clean_schema");
    }
    /// Product and version, e.g. "SQLite 3.40.1".
    virtual std::string server_version() = 0;
    /// Puts back what a migration may have changed in the session: the host calls it before
    /// each migration and each history write (API 1.3). A driver may defer the work to its next
    /// round trip. Default: nothing to restore.
    virtual void restore_session() {}
    /// The database (JDBC catalog) the connection is in, "" when there is none (API 1.3).
    virtual std::string current_database() { return {}; }
    /// Why this connection cannot write, "" when it can: "it is a hot standby (in recovery)"
    /// (API 1.4). Commands that write refuse before touching anything. Default: writable.
    virtual std::string read_only_reason() { return {}; }
    /// How long acquire_lock's lock can last (API 1.5): the whole session, or only the open
    /// transaction, where a pooler may run each transaction on another server session.
    /// Default: the session.
    virtual lock_scope migration_lock_scope() { return lock_scope::session; }
    /// Since API 1.11: called from another thread while this connection may be running a
    /// statement; ask the database to stop that statement (it then fails with the database's
    /// error). Must be safe against any call in flight. The default does nothing: the run then
    /// stops once the statement running ends.
    virtual void interrupt() {}
};

}  // namespace jetway::sdk
