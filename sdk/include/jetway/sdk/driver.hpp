// SPDX-License-Identifier: Apache-2.0
// The driver interface: one instance per loaded plugin, stateless and thread-safe.
#pragma once

#include <jetway/plugin_abi.h>
#include <jetway/sdk/connection.hpp>

#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace jetway::sdk {

/// Options the host passes to connect: user, password, connectRetries and the like.
using connect_options = std::map<std::string, std::string, std::less<>>;

/// Which history-table statement to render (mirrors JW_HISTORY_*).
enum class history_statement : std::int32_t {
    create_table = JW_HISTORY_CREATE_TABLE,
    table_exists = JW_HISTORY_TABLE_EXISTS,
    select_rows = JW_HISTORY_SELECT,
    insert_row = JW_HISTORY_INSERT,
    insert_row_timed = JW_HISTORY_INSERT_TIMED,
    lock_table = JW_HISTORY_LOCK,
    delete_failed = JW_HISTORY_DELETE_FAILED,
    update_row = JW_HISTORY_UPDATE_ROW,
    list_schemas = JW_CATALOG_SCHEMAS,      // API 1.9: names LIKE parameter 1, for fleet runs
    list_databases = JW_CATALOG_DATABASES,  // API 1.9
    tablespace = JW_HISTORY_TABLESPACE,     // API 1.10: the clause for tablespace `table`
    list_objects = JW_CATALOG_OBJECTS,      // API 1.10: kind, name, definition of each object
};

/// What a driver's connections offer beyond the required functions. The host treats a function
/// that is not offered as absent (NULL in the C table) and works around it.
struct driver_features {
    bool locking = false;        // connection::acquire_lock / release_lock
    bool create_schema = false;  // connection::create_schema and drop_schema
    bool clean = false;          // connection::clean_schema
    bool copy_in = false;        // connection::copy_in
    bool use_schema = false;     // connection::use_schema
    bool batch = false;          // connection::execute_batch (API 1.2)
    bool flight = false;         // connection::execute_flight (API 1.7)
    bool flight_of_migrations = false;  // execute_flight honours next_migration, same_transaction (API 1.8)
};

/// A database driver. connect() may be called from any thread.
class driver {
 public:
    virtual ~driver() = default;
    /// Which optional connection functions this driver implements. Default: none.
    virtual driver_features features() const noexcept { return {}; }
    /// Opens a connection for `url` (the URL exactly as the user wrote it).
    virtual std::unique_ptr<connection> connect(std::string_view url,
                                                const connect_options& options) = 0;
    /// The SQL of one history-table statement for schema.table; the core runs it. The default
    /// renders ANSI SQL with quote_identifier() for everything but create_table and
    /// table_exists, which every driver writes for its database.
    virtual std::string history_sql(history_statement which, std::string_view schema,
                                    std::string_view table) const;
    /// `name` quoted as an identifier. Default: ANSI double quotes, embedded quotes doubled.
    virtual std::string quote_identifier(std::string_view name) const;
    /// How the n-th (1-based) bound parameter is written in SQL. Default: "?"; PostgreSQL: "$n".
    virtual std::string parameter_marker(int index) const {
        (void)index;
        return "?";
    }
    /// The dialect's splitting rules. Static data: the pointer must stay valid while loaded.
    virtual const jw_dialect_v1& dialect() const noexcept = 0;
};

inline std::string driver::quote_identifier(std::string_view name) const {
    std::string quoted = "\"";
    for (const char c : name) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

inline std::string driver::history_sql(history_statement which, std::string_view schema,
                                       std::string_view table) const {
    const std::string t = quote_identifier(schema) + "." + quote_identifier(table);
    auto q = [this](const char* column) { return quote_identifier(column); };
    auto p = [this](int n) { return parameter_marker(n); };
    switch (which) {
        case history_statement::select_rows:
            return "SELECT " + q("installed_rank") + ", " + q("version") + ", " + q("description") +
                   ", " + q("type") + ", " + q("script") + ", " + q("checksum") + ", " +
                   q("installed_on") + ", " + q("installed_by") + ", " + q("execution_time") + ", " +
                   q("success") + " FROM " + t + " WHERE " + q("installed_rank") + " > " + p(1) +
                   " ORDER BY " + q("installed_rank");
        case history_statement::insert_row:
            return "INSERT INTO " + t + " (" + q("installed_rank") + ", " + q("version") + ", " +
                   q("description") + ", " + q("type") + ", " + q("script") + ", " + q("checksum") +
                   ", " + q("installed_by") + ", " + q("execution_time") + ", " + q("success") +
                   ") VALUES (" + p(1) + ", " + p(2) + ", " + p(3) + ", " + p(4) + ", " + p(5) + ", " + p(6) +
                   ", " + p(7) + ", " + p(8) + ", " + p(9) + ")";
        case history_statement::insert_row_timed:
            return {};  // only drivers with execute_flight render it
        case history_statement::delete_failed:
            // NOT works on PostgreSQL booleans and on MySQL's and SQLite's 0/1 alike.
            return "DELETE FROM " + t + " WHERE NOT " + q("success");
        case history_statement::update_row:
            return "UPDATE " + t + " SET " + q("description") + " = " + p(1) + ", " + q("type") + " = " + p(2) +
                   ", " + q("checksum") + " = " + p(3) + " WHERE " + q("installed_rank") + " = " + p(4);
        case history_statement::lock_table:
            return {};
        case history_statement::create_table:
        case history_statement::table_exists:
        case history_statement::list_schemas:
        case history_statement::list_databases:
        case history_statement::tablespace:
        case history_statement::list_objects:
            break;
    }
    throw not_implemented("history_sql for this statement");
}

}  // namespace jetway::sdk
