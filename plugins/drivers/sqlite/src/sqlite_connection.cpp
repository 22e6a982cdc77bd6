// SPDX-License-Identifier: Apache-2.0
#include "sqlite_connection.hpp"

#include "sqlite_driver.hpp"
#include "sqlite_error.hpp"

#include <sqlite3.h>

#include <cctype>

namespace jetway::sqlite {

namespace {

/// A prepared statement that finalizes itself.
class statement {
 public:
    statement(sqlite3* db, std::string_view sql, const char** tail) : db_(db) {
        if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, tail) !=
            SQLITE_OK)
            throw_sqlite_error(db);
    }
    ~statement() { sqlite3_finalize(stmt_); }
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;

    sqlite3_stmt* get() const noexcept { return stmt_; }
    bool empty() const noexcept { return stmt_ == nullptr; }
    /// Steps once; true when a row is available.
    bool step() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw_sqlite_error(db_);
    }

 private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class sqlite_rows final : public sdk::row_set {
 public:
    sqlite_rows(sqlite3* db, std::string_view sql) : stmt_(db, sql, nullptr) {}
    statement& stmt() { return stmt_; }

    bool next() override { return !stmt_.empty() && stmt_.step(); }
    std::size_t column_count() const override {
        return stmt_.empty() ? 0 : static_cast<std::size_t>(sqlite3_column_count(stmt_.get()));
    }
    std::string_view column_name(std::size_t column) const override {
        const char* name = sqlite3_column_name(stmt_.get(), static_cast<int>(column));
        return name == nullptr ? std::string_view{} : std::string_view{name};
    }
    std::optional<std::string_view> value_at(std::size_t column) const override {
        const int c = static_cast<int>(column);
        if (sqlite3_column_type(stmt_.get(), c) == SQLITE_NULL) return std::nullopt;
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), c));
        const int size = sqlite3_column_bytes(stmt_.get(), c);
        return std::string_view{text == nullptr ? "" : text, static_cast<std::size_t>(size)};
    }

 private:
    statement stmt_;
};

bool only_whitespace(const char* begin, const char* end) {
    for (; begin < end; ++begin)
        if (!std::isspace(static_cast<unsigned char>(*begin))) return false;
    return true;
}

}  // namespace

sqlite_connection::sqlite_connection(const database_target& target, int busy_timeout_ms) {
    // SQLite's locking is pure cost here: the plugin ABI hands a connection to one thread at a
    // time (NOMUTEX), and nothing reads SQLite's memory statistics, whose global mutex every
    // allocation takes. Together 7% of the instructions of migrating 1,000 small files
    // (callgrind). The statistics can only be switched off before SQLite starts; if another
    // user in the process started it already, they stay on.
    static const int memstatus_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)memstatus_off;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(target.filename.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        sdk::error failure = open_error(target.filename, db_);
        sqlite3_close(db_);
        db_ = nullptr;
        throw failure;
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, busy_timeout_ms);
    try {
        for (const auto& [name, value] : target.pragmas) execute("PRAGMA " + name + " = " + value);
    } catch (...) {
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw;
    }
}

sqlite_connection::~sqlite_connection() {
    // SQLite first: closing the lock's descriptor while SQLite holds its own locks on the file
    // would drop them.
    sqlite3_close_v2(db_);
    close_lock_files();
}

std::int64_t sqlite_connection::execute(std::string_view sql) {
    // Runs every statement of the text in turn, as sqlite3_exec would, but with our errors.
    const char* cursor = sql.data();
    const char* const end = sql.data() + sql.size();
    std::int64_t affected = -1;
    while (cursor < end && !only_whitespace(cursor, end)) {
        const char* tail = nullptr;
        statement stmt(db_, std::string_view(cursor, static_cast<std::size_t>(end - cursor)), &tail);
        if (!stmt.empty()) {
            while (stmt.step()) {
            }
            affected = sqlite3_changes64(db_);
        }
        if (tail == nullptr || tail <= cursor) break;
        cursor = tail;
    }
    return affected;
}

std::unique_ptr<sdk::row_set> sqlite_connection::query(std::string_view sql,
                                                       const std::vector<sdk::value>& params) {
    auto rows = std::make_unique<sqlite_rows>(db_, sql);
    sqlite3_stmt* stmt = rows->stmt().get();
    for (std::size_t i = 0; i < params.size(); ++i) {
        const int index = static_cast<int>(i) + 1;
        const sdk::value& p = params[i];
        int rc = SQLITE_OK;
        switch (p.type) {
            case sdk::value::kind::null: rc = sqlite3_bind_null(stmt, index); break;
            case sdk::value::kind::integer: rc = sqlite3_bind_int64(stmt, index, p.integer); break;
            case sdk::value::kind::text:
                rc = sqlite3_bind_text64(stmt, index, p.text.data(), p.text.size(),
                                         SQLITE_TRANSIENT, SQLITE_UTF8);
                break;
        }
        if (rc != SQLITE_OK) throw_sqlite_error(db_, "binding parameter " + std::to_string(index));
    }
    return rows;
}

// IMMEDIATE takes the write lock at BEGIN: inside the migration lock nothing else of ours
// competes, and another program writing to the file waits here, not halfway through.
void sqlite_connection::begin() { execute("BEGIN IMMEDIATE"); }
void sqlite_connection::commit() { execute("COMMIT"); }
void sqlite_connection::rollback() {
    if (sqlite3_get_autocommit(db_) == 0) execute("ROLLBACK");
}

void sqlite_connection::interrupt() { sqlite3_interrupt(db_); }

std::string sqlite_connection::current_schema() { return "main"; }

std::vector<std::string> schema_objects(sqlite_connection& c, std::string_view schema, const char* type) {
    std::vector<std::string> names;
    auto rows = c.query("SELECT name FROM " + quote_identifier(schema) +
                            ".sqlite_master WHERE type = ? ORDER BY rowid",
                        {sdk::value::of(std::string_view(type))});
    while (rows->next()) names.emplace_back(*rows->value_at(0));
    return names;
}

bool sqlite_connection::schema_exists(std::string_view schema) {
    auto rows = query("SELECT 1 FROM pragma_database_list WHERE name = ?", {sdk::value::of(schema)});
    return rows->next();
}

bool sqlite_connection::schema_is_empty(std::string_view schema) {
    // Flyway's notion (spec §12.3): no tables but android_metadata and sqlite_sequence.
    for (const std::string& table : schema_objects(*this, schema, "table"))
        if (table != "android_metadata" && table != "sqlite_sequence") return false;
    return true;
}

std::string sqlite_connection::server_version() {
    return std::string("SQLite ") + sqlite3_libversion();
}

}  // namespace jetway::sqlite
