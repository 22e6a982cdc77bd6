// SPDX-License-Identifier: Apache-2.0
#include <jetway/core/database_connection.hpp>
#include <jetway/core/error.hpp>

#include <algorithm>

namespace jetway::core {
namespace {

jw_str to_jw(std::string_view s) noexcept { return jw_str{s.data(), s.size()}; }

jw_error fresh_error() noexcept {
    jw_error err{};
    err.struct_size = sizeof(jw_error);
    return err;
}

void check(jw_status status, jw_error& err, const std::string& context = {}) {
    if (status != JW_OK) throw_plugin_error(status, err, context);
}

// A jw_str_sink that copies what the plugin writes into a std::string.
struct string_sink {
    std::string value;
    jw_str_sink sink() noexcept {
        return jw_str_sink{this, [](void* ctx, jw_str s) {
                               static_cast<string_sink*>(ctx)->value.assign(s.data, s.size);
                           }};
    }
};

}  // namespace

row_cursor::row_cursor(std::shared_ptr<const plugin_library> library, jw_rows* rows) noexcept
    : library_(std::move(library)), rows_(rows) {}

row_cursor::row_cursor(row_cursor&& other) noexcept
    : library_(std::move(other.library_)), rows_(other.rows_) {
    other.rows_ = nullptr;
}

row_cursor::~row_cursor() {
    if (rows_ != nullptr) library_->driver().rows_close(rows_);
}

bool row_cursor::next() {
    jw_error err = fresh_error();
    std::int32_t has_row = 0;
    check(library_->driver().rows_next(rows_, &has_row, &err), err);
    return has_row != 0;
}

std::size_t row_cursor::column_count() const {
    return library_->driver().rows_column_count(rows_);
}

std::string row_cursor::column_name(std::size_t column) const {
    const jw_str name =
        library_->driver().rows_column_name(rows_, static_cast<std::uint32_t>(column));
    return std::string(name.data, name.size);
}

std::optional<std::string> row_cursor::value(std::size_t column) const {
    jw_str out{nullptr, 0};
    if (library_->driver().rows_value(rows_, static_cast<std::uint32_t>(column), &out) == 0)
        return std::nullopt;
    return std::string(out.data == nullptr ? "" : out.data, out.size);
}

database_connection::database_connection(std::shared_ptr<const plugin_library> library,
                                         const std::string& url,
                                         const std::map<std::string, std::string>& options)
    : library_(std::move(library)) {
    std::vector<jw_option> opts;
    opts.reserve(options.size());
    for (const auto& [key, value] : options) opts.push_back({to_jw(key), to_jw(value)});
    jw_error err = fresh_error();
    // API 1.6: the connection logs to this load's host, so two engines each hear their own.
    const jw_driver_v1& driver = library_->driver();
    const jw_status status =
        driver.connect_host != nullptr
            ? driver.connect_host(&library_->host(), to_jw(url), opts.data(), opts.size(), &handle_, &err)
            : driver.connect(to_jw(url), opts.data(), opts.size(), &handle_, &err);
    check(status, err);
}

database_connection::~database_connection() {
    if (handle_ != nullptr) library_->driver().disconnect(handle_);
}

std::int64_t database_connection::execute(std::string_view sql) {
    jw_error err = fresh_error();
    std::int64_t affected = -1;
    check(library_->driver().execute(handle_, to_jw(sql), &affected, &err), err);
    return affected;
}

row_cursor database_connection::query(std::string_view sql, const std::vector<sql_value>& params) {
    std::vector<jw_value> values(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
        if (params[i].integer) {
            values[i].kind = JW_VALUE_INT64;
            values[i].integer = *params[i].integer;
        } else if (params[i].text) {
            values[i].kind = JW_VALUE_TEXT;
            values[i].text = to_jw(*params[i].text);
        } else {
            values[i].kind = JW_VALUE_NULL;
        }
    }
    jw_error err = fresh_error();
    jw_rows* rows = nullptr;
    check(library_->driver().query(handle_, to_jw(sql), values.data(), values.size(), &rows, &err),
          err);
    return row_cursor(library_, rows);
}

void database_connection::begin() {
    jw_error err = fresh_error();
    check(library_->driver().begin(handle_, &err), err);
    in_transaction_ = true;
}

void database_connection::commit() {
    in_transaction_ = false;
    jw_error err = fresh_error();
    check(library_->driver().commit(handle_, &err), err);
}

void database_connection::rollback() {
    in_transaction_ = false;
    jw_error err = fresh_error();
    check(library_->driver().rollback(handle_, &err), err);
}

std::size_t database_connection::execute_batch(const std::vector<std::string_view>& statements) {
    std::vector<jw_str> texts;
    texts.reserve(statements.size());
    for (const std::string_view sql : statements) texts.push_back(to_jw(sql));
    std::size_t ran = 0;
    jw_error err = fresh_error();
    const jw_status status = library_->driver().execute_batch(handle_, texts.data(), texts.size(), &ran, &err);
    // A plugin that reports more than it was given is wrong; never index past the batch.
    ran = std::min(ran, statements.size());
    if (status != JW_OK) {
        try {
            throw_plugin_error(status, err, "");
        } catch (const error& e) {
            throw batch_failure{e, ran};
        }
    }
    return ran;
}

void database_connection::execute_flight(const std::vector<flight_statement>& statements, bool commit) {
    std::vector<std::vector<jw_value>> values(statements.size());
    std::vector<jw_statement> items(statements.size());
    for (std::size_t i = 0; i < statements.size(); ++i) {
        for (const sql_value& p : statements[i].params) {
            jw_value v{};
            if (p.integer) {
                v.kind = JW_VALUE_INT64;
                v.integer = *p.integer;
            } else if (p.text) {
                v.kind = JW_VALUE_TEXT;
                v.text = to_jw(*p.text);
            } else {
                v.kind = JW_VALUE_NULL;
            }
            values[i].push_back(v);
        }
        items[i] = jw_statement{to_jw(statements[i].sql), values[i].data(), values[i].size(),
                                (statements[i].commits_implicitly ? JW_STATEMENT_COMMITS_IMPLICITLY : 0) |
                                    (statements[i].next_migration ? JW_STATEMENT_NEXT_MIGRATION : 0) |
                                    (statements[i].same_transaction ? JW_STATEMENT_SAME_TRANSACTION : 0) |
                                    (statements[i].restore_session ? JW_STATEMENT_RESTORE_SESSION : 0)};
    }
    std::size_t ran = 0;
    jw_error err = fresh_error();
    const jw_status status = library_->driver().execute_flight(handle_, items.data(), items.size(), commit ? 1 : 0, &ran, &err);
    if (status != JW_OK) {
        // A plugin that reports more than it was given is wrong; never index past the flight.
        if (ran != std::string::npos) ran = std::min(ran, statements.size());
        try {
            throw_plugin_error(status, err, "");
        } catch (const error& e) {
            throw batch_failure{e, ran};
        }
    }
    if (commit) in_transaction_ = false;
}

std::string database_connection::current_schema() {
    jw_error err = fresh_error();
    string_sink out;
    check(library_->driver().current_schema(handle_, out.sink(), &err), err);
    return out.value;
}

std::string database_connection::server_version() {
    jw_error err = fresh_error();
    string_sink out;
    check(library_->driver().server_version(handle_, out.sink(), &err), err);
    return out.value;
}

std::string database_connection::history_sql(std::int32_t which, std::string_view schema,
                                             std::string_view table) {
    jw_error err = fresh_error();
    string_sink out;
    check(library_->driver().history_sql(which, to_jw(schema), to_jw(table), out.sink(), &err),
          err);
    return out.value;
}

std::string database_connection::current_user() {
    if (library_->driver().current_user == nullptr) return {};
    jw_error err = fresh_error();
    string_sink out;
    check(library_->driver().current_user(handle_, out.sink(), &err), err);
    return out.value;
}

database_connection::schema_state database_connection::inspect_schema(std::string_view schema) {
    jw_error err = fresh_error();
    std::int32_t exists = 0;
    std::int32_t empty = 0;
    check(library_->driver().schema_state(handle_, to_jw(schema), &exists, &empty, &err), err);
    return {exists != 0, empty != 0};
}

void database_connection::create_schema(std::string_view schema) {
    jw_error err = fresh_error();
    check(library_->driver().create_schema(handle_, to_jw(schema), &err), err);
}

void database_connection::drop_schema(std::string_view schema) {
    jw_error err = fresh_error();
    check(library_->driver().drop_schema(handle_, to_jw(schema), &err), err);
}

void database_connection::clean_schema(std::string_view schema) {
    jw_error err = fresh_error();
    check(library_->driver().clean_schema(handle_, to_jw(schema), &err), err);
}

std::string database_connection::quote_identifier(std::string_view name) const {
    jw_error err = fresh_error();
    string_sink out;
    check(library_->driver().quote_identifier(to_jw(name), out.sink(), &err), err);
    return out.value;
}

void database_connection::copy_begin(std::string_view sql) {
    if (library_->driver().copy_begin == nullptr || library_->driver().copy_put == nullptr ||
        library_->driver().copy_end == nullptr)
        throw error(error_code::sql_failed, "the " + library_->name() + " driver cannot run COPY ... FROM STDIN");
    jw_error err = fresh_error();
    check(library_->driver().copy_begin(handle_, to_jw(sql), &err), err);
}

void database_connection::copy_put(std::string_view data) {
    jw_error err = fresh_error();
    check(library_->driver().copy_put(handle_, to_jw(data), &err), err);
}

std::int64_t database_connection::copy_end() {
    jw_error err = fresh_error();
    std::int64_t affected = -1;
    check(library_->driver().copy_end(handle_, &affected, &err), err);
    return affected;
}

void database_connection::use_schema(std::string_view schema) {
    if (library_->driver().use_schema == nullptr) return;
    jw_error err = fresh_error();
    check(library_->driver().use_schema(handle_, to_jw(schema), &err), err);
}

void database_connection::restore_session() {
    if (library_->driver().restore_session == nullptr) return;
    jw_error err = fresh_error();
    check(library_->driver().restore_session(handle_, &err), err);
}

std::string database_connection::read_only_reason() {
    if (library_->driver().read_only_reason == nullptr) return {};
    jw_error err = fresh_error();
    string_sink out;
    check(library_->driver().read_only_reason(handle_, out.sink(), &err), err);
    return out.value;
}

std::string database_connection::current_database() {
    if (library_->driver().current_database == nullptr) return {};
    jw_error err = fresh_error();
    string_sink out;
    check(library_->driver().current_database(handle_, out.sink(), &err), err);
    return out.value;
}

void database_connection::acquire_lock(std::string_view table, int retry_count) {
    jw_error err = fresh_error();
    check(library_->driver().acquire_lock(handle_, to_jw(table), retry_count, &err), err);
}

bool database_connection::lock_lives_in_transactions() {
    if (library_->driver().lock_scope == nullptr) return false;
    jw_error err = fresh_error();
    std::int32_t scope = JW_LOCK_SESSION;
    check(library_->driver().lock_scope(handle_, &scope, &err), err);
    return scope == JW_LOCK_TRANSACTION;
}

void database_connection::interrupt() {
    if (library_->driver().interrupt == nullptr) return;
    jw_error err = fresh_error();
    check(library_->driver().interrupt(handle_, &err), err, "interrupting the statement");
}

void database_connection::release_lock() {
    jw_error err = fresh_error();
    check(library_->driver().release_lock(handle_, &err), err);
}

}  // namespace jetway::core
