// SPDX-License-Identifier: Apache-2.0
#include <jetway/core/error.hpp>
#include <jetway/core/schema_history.hpp>

#include <jetway/plugin_abi.h>

#include <spdlog/spdlog.h>

#include <charconv>

namespace jetway::core {
namespace {

std::optional<std::int32_t> to_int(const std::optional<std::string>& text) {
    if (!text || text->empty()) return std::nullopt;
    std::int64_t value = 0;
    std::from_chars(text->data(), text->data() + text->size(), value);
    return static_cast<std::int32_t>(value);
}

bool to_bool(const std::optional<std::string>& text) {
    // 1/0 (MySQL, SQLite), t/f (PostgreSQL text form), true/false.
    return text && (*text == "1" || *text == "t" || *text == "true" || *text == "TRUE");
}

// Characters, not bytes, as Flyway counts them (UTF-16 units differ only for astral planes).
std::size_t char_count(const std::string& text) {
    std::size_t n = 0;
    for (const char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

// The byte offset of character `index`.
std::size_t byte_offset(const std::string& text, std::size_t index) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (chars == index) return i;
            ++chars;
        }
    }
    return text.size();
}

}  // namespace

schema_history::schema_history(database_connection& connection, std::string schema, std::string table,
                               std::string tablespace)
    : connection_(connection), schema_(std::move(schema)), table_(std::move(table)), tablespace_(std::move(tablespace)) {
    qualified_ = connection_.quote_identifier(schema_) + "." + connection_.quote_identifier(table_);
}

bool schema_history::exists() {
    auto rows = connection_.query(connection_.history_sql(JW_HISTORY_TABLE_EXISTS, schema_, table_));
    return rows.next();
}

std::string schema_history::create_sql() {
    std::string ddl = connection_.history_sql(JW_HISTORY_CREATE_TABLE, schema_, table_);
    if (tablespace_.empty()) return ddl;
    std::string clause;
    try {
        clause = connection_.history_sql(JW_HISTORY_TABLESPACE, schema_, tablespace_);
    } catch (const error&) {
        spdlog::warn("flyway.tablespace={} has no effect: this database has no tablespaces, so {} is created "
                     "without one",
                     tablespace_, qualified_);
        return ddl;
    }
    const std::size_t first_end = ddl.find(";\n");
    ddl.insert(first_end == std::string::npos ? ddl.size() : first_end, clause);
    return ddl;
}

void schema_history::create() {
    // The driver's DDL is several statements, one per ";\n"; not every client runs a batch.
    const std::string ddl = create_sql();
    std::size_t start = 0;
    while (start < ddl.size()) {
        std::size_t end = ddl.find(";\n", start);
        if (end == std::string::npos) end = ddl.size();
        const std::string statement = ddl.substr(start, end - start);
        if (statement.find_first_not_of(" \t\r\n") != std::string::npos) connection_.execute(statement);
        start = end + 2;
    }
}

std::vector<applied_migration> schema_history::read(int after_rank) {
    std::vector<applied_migration> out;
    try {
        auto rows = connection_.query(connection_.history_sql(JW_HISTORY_SELECT, schema_, table_),
                                      {sql_value::of(std::int64_t{after_rank})});
        while (rows.next()) {
            applied_migration a;
            a.installed_rank = to_int(rows.value(0)).value_or(0);
            if (const auto v = rows.value(1); v && !v->empty()) a.version = migration_version::parse(*v);
            a.description = rows.value(2).value_or("");
            a.type = rows.value(3).value_or("");
            a.script = rows.value(4).value_or("");
            a.checksum = to_int(rows.value(5));
            a.installed_on = rows.value(6).value_or("");
            a.installed_by = rows.value(7).value_or("");
            a.execution_time = to_int(rows.value(8)).value_or(0);
            a.success = to_bool(rows.value(9));
            out.push_back(std::move(a));
        }
    } catch (const error& e) {
        throw error(e.code(), "Error while retrieving the list of applied migrations from Schema History table " +
                                  qualified_ + ": " + e.what(), e.sqlstate(), e.vendor_code());
    }
    return out;
}

int schema_history::next_rank(const std::vector<applied_migration>& rows, bool schema_row) {
    if (rows.empty()) return schema_row ? 0 : 1;
    return rows.back().installed_rank + 1;
}

std::string schema_history::abbreviate_description(const std::string& description) {
    if (char_count(description) <= 200) return description;
    return description.substr(0, byte_offset(description, 197)) + "...";
}

std::string schema_history::abbreviate_script(const std::string& script) {
    if (char_count(script) <= 1000) return script;
    return "..." + script.substr(byte_offset(script, 3), byte_offset(script, 1000) - byte_offset(script, 3));
}

void schema_history::insert(const applied_migration& row) {
    // A migration may have changed the session (SET ROLE to a role without rights on this table):
    // Flyway puts it back before every history write, and so do we.
    connection_.restore_session();
    try {
        connection_.query(connection_.history_sql(JW_HISTORY_INSERT, schema_, table_),
                          {sql_value::of(std::int64_t{row.installed_rank}),
                           row.version ? sql_value::of(row.version->text()) : sql_value::null(),
                           sql_value::of(abbreviate_description(row.description)),
                           sql_value::of(row.type), sql_value::of(abbreviate_script(row.script)),
                           row.checksum ? sql_value::of(std::int64_t{*row.checksum}) : sql_value::null(),
                           sql_value::of(row.installed_by), sql_value::of(std::int64_t{row.execution_time}),
                           sql_value::of(std::int64_t{row.success ? 1 : 0})})
            .next();
    } catch (const error& e) {
        throw error(e.code(), "Unable to insert row for version '" + (row.version ? row.version->text() : std::string("null")) +
                                  "' in Schema History table " + qualified_ + ": " + e.what(),
                    e.sqlstate(), e.vendor_code());
    }
}

schema_history::timed_insert schema_history::insert_timed(const applied_migration& row) {
    connection_.restore_session();
    return {connection_.history_sql(JW_HISTORY_INSERT_TIMED, schema_, table_),
            {sql_value::of(std::int64_t{row.installed_rank}), row.version ? sql_value::of(row.version->text()) : sql_value::null(),
             sql_value::of(abbreviate_description(row.description)), sql_value::of(row.type),
             sql_value::of(abbreviate_script(row.script)),
             row.checksum ? sql_value::of(std::int64_t{*row.checksum}) : sql_value::null(), sql_value::of(row.installed_by),
             sql_value::of(std::int64_t{row.success ? 1 : 0})},
            "Unable to insert row for version '" + (row.version ? row.version->text() : std::string("null")) +
                "' in Schema History table " + qualified_};
}

bool schema_history::measures_execution_time() {
    return !connection_.history_sql(JW_HISTORY_INSERT_TIMED, schema_, table_).empty();
}

void schema_history::delete_failed() {
    connection_.restore_session();
    connection_.execute(connection_.history_sql(JW_HISTORY_DELETE_FAILED, schema_, table_));
}

void schema_history::update(int installed_rank, const std::string& description, const std::string& type,
                            const std::optional<std::int32_t>& checksum) {
    connection_.restore_session();
    connection_.query(connection_.history_sql(JW_HISTORY_UPDATE_ROW, schema_, table_),
                      {sql_value::of(abbreviate_description(description)), sql_value::of(type),
                       checksum ? sql_value::of(std::int64_t{*checksum}) : sql_value::null(),
                       sql_value::of(std::int64_t{installed_rank})})
        .next();
}

applied_migration schema_history::row_for(const resolved_migration& m, int rank, int execution_time, bool success,
                                           const std::string& installed_by) {
    applied_migration row;
    row.installed_rank = rank;
    row.version = m.version;
    row.description = m.description;
    row.type = m.type;
    row.script = m.script;
    row.checksum = m.checksum;
    row.installed_by = installed_by;
    row.execution_time = execution_time;
    row.success = success;
    return row;
}

std::string schema_history::insert_text(const applied_migration& row) const {
    auto literal = [](const std::string& text) {
        std::string out = "'";
        for (const char ch : text) {
            if (ch == '\'') out += '\'';
            out += ch;
        }
        return out + "'";
    };
    auto q = [&](const char* column) { return connection_.quote_identifier(column); };
    return "INSERT INTO " + qualified_ + " (" + q("installed_rank") + ", " + q("version") + ", " +
           q("description") + ", " + q("type") + ", " + q("script") + ", " + q("checksum") + ", " +
           q("installed_by") + ", " + q("execution_time") + ", " + q("success") + ") VALUES (" +
           std::to_string(row.installed_rank) + ", " + (row.version ? literal(row.version->text()) : "NULL") + ", " +
           literal(abbreviate_description(row.description)) + ", " + literal(row.type) + ", " +
           literal(abbreviate_script(row.script)) + ", " +
           (row.checksum ? std::to_string(*row.checksum) : "NULL") + ", " + literal(row.installed_by) + ", " +
           std::to_string(row.execution_time) + ", " + (row.success ? "1" : "0") + ");";
}

}  // namespace jetway::core
