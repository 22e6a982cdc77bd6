// SPDX-License-Identifier: Apache-2.0
#include "postgresql_connection.hpp"

#include "postgresql_error.hpp"

#include <jetway/sdk/error.hpp>
#include <jetway/sdk/log.hpp>

#include <libpq-fe.h>

#include <cctype>
#include <cstdlib>
#include <limits>

namespace jetway::pg {
namespace {

// Owns a PGresult.
struct result_ptr {
    PGresult* r;
    explicit result_ptr(PGresult* result) : r(result) {}
    ~result_ptr() { PQclear(r); }
    result_ptr(const result_ptr&) = delete;
    result_ptr& operator=(const result_ptr&) = delete;
};

// Server notices (RAISE NOTICE, warnings) become log lines, as Flyway prints them "DB: ...".
void on_notice(void*, const PGresult* result) {
    const char* severity = PQresultErrorField(result, PG_DIAG_SEVERITY_NONLOCALIZED);
    const char* message = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    const std::string line = std::string("DB: ") + (message ? message : "");
    if (severity != nullptr && std::string(severity) == "WARNING") sdk::log_warn(line);
    else sdk::log_info(line);
}

}  // namespace

class postgresql_rows final : public sdk::row_set {
 public:
    explicit postgresql_rows(PGresult* result) : result_(result), rows_(PQntuples(result)) {}
    ~postgresql_rows() override { PQclear(result_); }
    postgresql_rows(const postgresql_rows&) = delete;
    postgresql_rows& operator=(const postgresql_rows&) = delete;

    bool next() override { return ++row_ < rows_; }
    std::size_t column_count() const override { return static_cast<std::size_t>(PQnfields(result_)); }
    std::string_view column_name(std::size_t c) const override { return PQfname(result_, static_cast<int>(c)); }
    std::optional<std::string_view> value_at(std::size_t c) const override {
        const int col = static_cast<int>(c);
        if (PQgetisnull(result_, row_, col)) return std::nullopt;
        return std::string_view(PQgetvalue(result_, row_, col), static_cast<std::size_t>(PQgetlength(result_, row_, col)));
    }

 private:
    PGresult* result_;
    int rows_;
    int row_ = -1;
};

postgresql_connection::postgresql_connection(const keywords& kw, bool session_lock_vouched) {
    std::vector<const char*> keys, values;
    for (const auto& [k, v] : kw) {
        keys.push_back(k.c_str());
        values.push_back(v.c_str());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);
    conn_ = PQconnectdbParams(keys.data(), values.data(), 0);
    if (PQstatus(conn_) != CONNECTION_OK) {
        const std::string message = error_message(conn_);
        PQfinish(conn_);
        conn_ = nullptr;
        throw sdk::connection_error(message);
    }
    PQsetNoticeReceiver(conn_, &on_notice, nullptr);
    cancel_ = PQgetCancel(conn_);
    // One round trip for what the session starts with.
    auto rows = query("SELECT current_setting('search_path'), current_user, current_database(), pg_is_in_recovery(), "
                      "current_setting('default_transaction_read_only'), pg_backend_pid(), current_schema()", {});
    bool& pooled = pooled_;
    if (rows->next()) {
        original_search_path_ = std::string(rows->value_at(0).value_or(""));
        original_role_ = std::string(rows->value_at(1).value_or(""));
        database_ = std::string(rows->value_at(2).value_or(""));
        if (rows->value_at(3) == std::string_view("t"))
            read_only_reason_ = "it is a hot standby (in recovery); point Jetway at the primary server";
        else if (rows->value_at(4) == std::string_view("on"))
            read_only_reason_ = "default_transaction_read_only is on for this user or database";
        // A pooler hands out its own process id, since the server process changes under it.
        pooled = rows->value_at(5) != std::string_view(std::to_string(PQbackendPID(conn_)));
        connect_schema_ = std::string(rows->value_at(6).value_or(""));
    }
    rows.reset();
    untouched_since_connect_ = true;
    if (pooled) check_pooler(session_lock_vouched);
}

// Behind a pooler: whether it allows transactions at all (statement pooling does not), and
// whether a session lock may be trusted (only when the user vouches for session pooling).
void postgresql_connection::check_pooler(bool session_lock_vouched) {
    PGresult* begun = PQexec(conn_, "BEGIN");
    const bool ok = PQresultStatus(begun) == PGRES_COMMAND_OK;
    PQclear(begun);
    if (!ok)
        throw sdk::connection_error(
            "this connection goes through a pooler that allows no transaction (PgBouncer's statement pooling "
            "mode): migrations need transactions to be applied exactly once, or not at all. Connect directly to the "
            "server, or through a pooler port in transaction or session pooling mode");
    execute("COMMIT");
    if (session_lock_vouched) return;
    lock_scope_ = sdk::lock_scope::transaction;
    sdk::log_info("This connection goes through a connection pooler (the server process is not the one announced at "
                  "connect), which may run each transaction on another server connection: the migration lock is "
                  "taken inside each transaction, and the history read again there");
}

postgresql_connection::~postgresql_connection() {
    if (locked_) {
        try {
            release_lock();
        } catch (...) {
            // The lock goes with the session anyway.
        }
    }
    PQfreeCancel(cancel_);
    PQfinish(conn_);
}

void postgresql_connection::interrupt() {
    char reason[256] = {0};
    if (cancel_ != nullptr && PQcancel(cancel_, reason, sizeof reason) == 0)
        throw sdk::connection_error(std::string("cannot send the cancel request: ") + reason);
}

std::string migration_start_mark(bool transaction_too, bool session_level) {
    const std::string now = "EXTRACT(EPOCH FROM clock_timestamp())::text";
    const std::string scope = session_level ? "false" : "true";
    std::string sql = std::string("SELECT set_config('") + migration_start_setting + "', " + now + ", " + scope + ")";
    if (transaction_too) sql += std::string(", set_config('") + transaction_start_setting + "', " + now + ", " + scope + ")";
    return sql;
}

std::vector<std::string> postgresql_connection::take_pending() {
    std::vector<std::string> statements;
    if (begin_pending_) {
        statements.emplace_back("BEGIN");
        // For the session, so a migration's own COMMIT does not take it away; behind a pooler
        // (no flights there) for the transaction, as the next client may get this session.
        statements.push_back(migration_start_mark(true, !pooled_));
    }
    if (restore_pending_) {
        // Flyway's reset: the role the session had at connect, as a string literal.
        char* literal = PQescapeLiteral(conn_, original_role_.data(), original_role_.size());
        if (literal == nullptr) throw sdk::error(JW_E_INVALID_ARGUMENT, PQerrorMessage(conn_));
        statements.push_back(std::string("SET ROLE ") + literal);
        PQfreemem(literal);
    }
    if (!search_path_pending_.empty())
        statements.push_back("SELECT set_config('search_path', " + search_path_pending_ + ", false)");
    begin_pending_ = restore_pending_ = false;
    search_path_pending_.clear();
    return statements;
}

std::string postgresql_connection::take_pending_text() {
    std::string sql;
    for (const std::string& statement : take_pending()) sql += statement + "; ";
    return sql;
}

void postgresql_connection::flush_pending() {
    untouched_since_connect_ = false;
    settle_lock();
    std::string sql = take_pending_text();
    if (sql.empty()) return;
    // The deferred statements as one simple query: all run, or the error says why.
    PGresult* r = PQexec(conn_, sql.c_str());
    check_result(conn_, r);
    PQclear(r);
}

void postgresql_connection::restore_session() { restore_pending_ = !original_role_.empty(); }

std::string postgresql_connection::current_database() { return database_; }

postgresql_connection::piped postgresql_connection::pipe_of(std::string_view sql, const std::vector<sdk::value>& params) {
    piped item{std::string(sql), {}, {}};
    item.storage.reserve(params.size());  // values point into it: no reallocation
    for (const sdk::value& p : params) {
        if (p.type == sdk::value::kind::null) {
            item.values.push_back(nullptr);
            continue;
        }
        item.storage.push_back(p.type == sdk::value::kind::integer ? std::to_string(p.integer) : std::string(p.text));
        item.values.push_back(item.storage.back().c_str());
    }
    return item;
}

// libpq's pipeline mode: every statement goes out before any result is read, so the flight
// costs one round trip. Inside a transaction the first failure aborts the rest (the server
// answers PGRES_PIPELINE_ABORTED for them) and the caller rolls back.
std::size_t postgresql_connection::pipeline(std::vector<piped>& items, PGresult** failure, PGresult** last,
                                            PGresult** first) {
    untouched_since_connect_ = false;
    settle_lock();
    *failure = nullptr;
    if (last != nullptr) *last = nullptr;
    if (first != nullptr) *first = nullptr;
    std::vector<piped> all;
    for (std::string& text : take_pending()) all.push_back({std::move(text), {}, {}});
    const std::size_t before = all.size();
    std::size_t failed = std::numeric_limits<std::size_t>::max();
    if (PQenterPipelineMode(conn_) != 1) throw sdk::sql_error(std::string("cannot enter pipeline mode: ") + PQerrorMessage(conn_));
    auto lost = [&] {
        const std::string message = PQerrorMessage(conn_);
        if (*failure != nullptr) PQclear(*failure);
        if (last != nullptr && *last != nullptr) PQclear(*last);
        if (first != nullptr && *first != nullptr) PQclear(*first);
        PQexitPipelineMode(conn_);
        return sdk::connection_error("lost the connection to PostgreSQL: " + message);
    };
    auto send = [&](const piped& item) {
        if (PQsendQueryParams(conn_, item.sql.c_str(), static_cast<int>(item.values.size()), nullptr, item.values.data(),
                              nullptr, nullptr, 0) != 1)
            throw lost();
    };
    for (const piped& item : all) send(item);
    for (const piped& item : items) send(item);
    if (PQpipelineSync(conn_) != 1) throw lost();

    const std::size_t total = before + items.size();
    for (std::size_t i = 0; i < total; ++i) {
        PGresult* r = PQgetResult(conn_);
        if (r == nullptr) throw lost();
        const ExecStatusType status = PQresultStatus(r);
        const bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
        if (!ok && status != PGRES_PIPELINE_ABORTED && *failure == nullptr) {
            *failure = r;
            failed = i;
        } else if (ok && last != nullptr && i + 1 == total && *failure == nullptr) {
            *last = r;
        } else if (ok && first != nullptr && i == before && *failure == nullptr) {
            *first = r;
        } else {
            PQclear(r);
        }
        // Each statement's results end with a NULL.
        while ((r = PQgetResult(conn_)) != nullptr) PQclear(r);
    }
    PGresult* sync = PQgetResult(conn_);
    const bool synced = sync != nullptr && PQresultStatus(sync) == PGRES_PIPELINE_SYNC;
    PQclear(sync);
    if (!synced || PQexitPipelineMode(conn_) != 1) throw lost();
    if (*failure == nullptr) return items.size();
    return failed < before ? std::numeric_limits<std::size_t>::max() : failed - before;
}

std::int64_t postgresql_connection::execute(std::string_view sql) {
    untouched_since_connect_ = false;
    flush_pending();
    PGresult* r = PQexec(conn_, std::string(sql).c_str());
    check_result(conn_, r);
    result_ptr owned(r);
    const char* tuples = PQcmdTuples(r);
    return tuples != nullptr && *tuples != '\0' ? std::atoll(tuples) : -1;
}

std::unique_ptr<sdk::row_set> postgresql_connection::query(std::string_view sql, const std::vector<sdk::value>& params) {
    untouched_since_connect_ = false;
    PGresult* r = nullptr;
    const std::string text(sql);
    if (lock_wanted_ && !unlock_pending_ && !begin_pending_ && !restore_pending_ && search_path_pending_.empty() &&
               harmless_read(sql)) {
        // The lock's first try and this read in one flight; the read counts if the lock was had.
        const wanted_lock wanted = std::move(*lock_wanted_);
        lock_wanted_.reset();
        const std::string key = std::to_string(lock_key_);
        std::vector<piped> items;
        items.push_back(pipe_of("SELECT pg_try_advisory_lock($1::bigint)", {sdk::value::of(std::string_view(key))}));
        items.push_back(pipe_of(sql, params));
        PGresult* failure = nullptr;
        PGresult* took = nullptr;
        const std::size_t done = pipeline(items, &failure, &r, &took);
        const bool locked = took != nullptr && PQntuples(took) == 1 && std::string_view(PQgetvalue(took, 0, 0)) == "t";
        if (took != nullptr) PQclear(took);
        if (done != items.size()) {
            if (r != nullptr) PQclear(r);
            if (locked) locked_ = true;
            else lock_wanted_ = wanted;
            check_result(conn_, failure);
        }
        if (!locked) {
            PQclear(r);
            take_lock(wanted.table, wanted.retry_count);  // waits, or says who holds it
            return query(sql, params);
        }
        locked_ = true;
    } else if (params.empty()) {
        // The simple protocol: what a migration sends, exactly as written.
        flush_pending();
        r = PQexec(conn_, text.c_str());
    } else if (begin_pending_ || restore_pending_ || !search_path_pending_.empty()) {
        // A history write after restore_session(): the role reset travels with it.
        std::vector<piped> items;
        items.push_back(pipe_of(sql, params));
        PGresult* failure = nullptr;
        const std::size_t done = pipeline(items, &failure, &r);
        if (done != items.size()) check_result(conn_, failure);
    } else {
        settle_lock();
        piped item = pipe_of(sql, params);
        r = PQexecParams(conn_, text.c_str(), static_cast<int>(item.values.size()), nullptr, item.values.data(), nullptr,
                         nullptr, 0);
    }
    if (PQresultStatus(r) == PGRES_COPY_IN) {
        PQputCopyEnd(conn_, "COPY FROM STDIN without data");
        PQclear(r);
        while ((r = PQgetResult(conn_)) != nullptr) PQclear(r);
        throw sdk::sql_error("COPY ... FROM STDIN needs its data lines after the statement, ended by \\.");
    }
    check_result(conn_, r);
    return std::make_unique<postgresql_rows>(r);
}

void postgresql_connection::begin() { begin_pending_ = true; }
void postgresql_connection::commit() {
    if (begin_pending_) {
        begin_pending_ = false;  // nothing ran in it: nothing to commit
        return;
    }
    execute("COMMIT");
}
void postgresql_connection::rollback() {
    if (begin_pending_) {
        begin_pending_ = false;
        return;
    }
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) execute("ROLLBACK");
}

std::string postgresql_connection::current_schema() {
    const std::string schema = untouched_since_connect_ ? connect_schema_ : scalar("SELECT current_schema()");
    if (schema.empty())
        throw sdk::error(JW_E_INVALID_ARGUMENT,
                         "Unable to determine current schema as search_path is empty. Set the current schema in "
                         "currentSchema parameter of the JDBC URL or in Flyway's schemas property.");
    return schema;
}

// The user at connect: installed_by's default, whatever role a migration switched to since.
std::string postgresql_connection::current_user() { return original_role_; }

std::string postgresql_connection::server_version() {
    // The server announces its version at connect (ParameterStatus): no round trip.
    const char* announced = PQparameterStatus(conn_, "server_version");
    const std::string v = announced != nullptr ? announced : scalar("SHOW server_version");
    return "PostgreSQL " + v.substr(0, v.find(' '));
}

bool postgresql_connection::schema_exists(std::string_view schema) {
    return !scalar("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1", {std::string(schema)}).empty();
}

bool postgresql_connection::schema_is_empty(std::string_view schema) {
    // Flyway's test (spec §12.1): no relations, types or functions of its own (extensions'
    // objects do not count).
    static const char* sql =
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "  WHERE n.nspname = $1 AND c.relkind IN ('r', 'v', 'S', 't', 'p', 'f') "
        "  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')) "
        "OR EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
        "  WHERE n.nspname = $1 AND t.typcategory NOT IN ('A', 'C') "
        "  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')) "
        "OR EXISTS (SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace "
        "  WHERE n.nspname = $1 "
        "  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')) "
        "THEN 'f' ELSE 't' END";
    return scalar(sql, {std::string(schema)}) == "t";
}

void postgresql_connection::create_schema(std::string_view schema) {
    char* quoted = PQescapeIdentifier(conn_, schema.data(), schema.size());
    const std::string sql = std::string("CREATE SCHEMA ") + quoted;
    PQfreemem(quoted);
    execute(sql);
}

void postgresql_connection::drop_schema(std::string_view schema) {
    char* quoted = PQescapeIdentifier(conn_, schema.data(), schema.size());
    const std::string sql = std::string("DROP SCHEMA ") + quoted + " CASCADE";
    PQfreemem(quoted);
    execute(sql);
}

void postgresql_connection::use_schema(std::string_view schema) {
    untouched_since_connect_ = false;
    // Flyway puts the default schema first and keeps what the session had (spec §6.6).
    char* quoted = PQescapeIdentifier(conn_, schema.data(), schema.size());
    if (quoted == nullptr) throw sdk::error(JW_E_INVALID_ARGUMENT, PQerrorMessage(conn_));
    std::string path = quoted;
    PQfreemem(quoted);
    if (!original_search_path_.empty()) path += ", " + original_search_path_;
    char* literal = PQescapeLiteral(conn_, path.data(), path.size());
    if (literal == nullptr) throw sdk::error(JW_E_INVALID_ARGUMENT, PQerrorMessage(conn_));
    // It goes with the next round trip, with the deferred BEGIN and role reset.
    search_path_pending_ = literal;
    migration_search_path_ = search_path_pending_;  // each migration of a flight starts with it
    PQfreemem(literal);
}

void postgresql_connection::copy_begin(std::string_view sql) {
    untouched_since_connect_ = false;
    flush_pending();
    PGresult* r = PQexec(conn_, std::string(sql).c_str());
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        check_result(conn_, r);
        PQclear(r);
        throw sdk::sql_error("the statement did not start a COPY FROM STDIN: " + std::string(sql));
    }
    PQclear(r);
}

void postgresql_connection::copy_put(std::string_view data) {
    if (PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) != 1)
        throw sdk::sql_error(std::string("COPY failed: ") + PQerrorMessage(conn_));
}

std::int64_t postgresql_connection::copy_end() {
    if (PQputCopyEnd(conn_, nullptr) != 1) throw sdk::sql_error(std::string("COPY failed: ") + PQerrorMessage(conn_));
    std::int64_t copied = -1;
    PGresult* r = nullptr;
    while ((r = PQgetResult(conn_)) != nullptr) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK) {
            // Drain the rest before reporting, so the connection stays usable.
            PGresult* rest = nullptr;
            while ((rest = PQgetResult(conn_)) != nullptr) PQclear(rest);
            check_result(conn_, r);
        }
        const char* tuples = PQcmdTuples(r);
        if (tuples != nullptr && *tuples != '\0') copied = std::atoll(tuples);
        PQclear(r);
    }
    return copied;
}

// One flight for the batch: a failure aborts the rest, and the caller rolls back.
void postgresql_connection::execute_batch(const std::vector<std::string_view>& statements, std::size_t& ran) {
    std::vector<piped> items;
    items.reserve(statements.size());
    for (const std::string_view sql : statements) items.push_back({std::string(sql), {}, {}});
    PGresult* failure = nullptr;
    ran = pipeline(items, &failure);
    if (ran == std::numeric_limits<std::size_t>::max()) ran = 0;
    if (failure != nullptr) check_result(conn_, failure);
}

// A migration in one round trip: the deferred BEGIN, role and search_path, its statements, its
// history row and COMMIT. The results come back in order, so the failing one is known.
namespace {

// Whether `sql` holds nothing but blanks and comments: the server gives such a part of a
// multi-statement query no result, so it must not be counted.
bool only_comments(std::string_view sql) {
    for (std::size_t i = 0; i < sql.size();) {
        if (std::isspace(static_cast<unsigned char>(sql[i]))) {
            ++i;
        } else if (sql.compare(i, 2, "--") == 0) {
            const std::size_t end = sql.find('\n', i);
            i = end == std::string_view::npos ? sql.size() : end + 1;
        } else if (sql.compare(i, 2, "/*") == 0) {
            int depth = 0;  // PostgreSQL's block comments nest
            do {
                if (sql.compare(i, 2, "/*") == 0) ++depth, i += 2;
                else if (sql.compare(i, 2, "*/") == 0) --depth, i += 2;
                else ++i;
            } while (depth > 0 && i < sql.size());
        } else {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string postgresql_connection::with_literals(std::string_view sql, const std::vector<sdk::value>& params) const {
    // $1 .. $n of the host's own statements (the history row) as literals; none is in a string.
    std::string out;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        std::size_t digits = 0;
        while (sql[i] == '$' && i + 1 + digits < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1 + digits])))
            ++digits;
        if (digits == 0) {
            out += sql[i];
            continue;
        }
        const std::size_t n = std::stoul(std::string(sql.substr(i + 1, digits)));
        if (n == 0 || n > params.size()) throw sdk::error(JW_E_INVALID_ARGUMENT, "no parameter $" + std::to_string(n));
        const sdk::value& v = params[n - 1];
        if (v.type == sdk::value::kind::null) {
            out += "NULL";
        } else if (v.type == sdk::value::kind::integer) {
            // Quoted, as a parameter's text is: the column's type decides (1 is a boolean too).
            out += "'" + std::to_string(v.integer) + "'";
        } else {
            char* literal = PQescapeLiteral(conn_, v.text.data(), v.text.size());
            if (literal == nullptr) throw sdk::error(JW_E_INVALID_ARGUMENT, PQerrorMessage(conn_));
            out += literal;
            PQfreemem(literal);
        }
        i += digits;
    }
    return out;
}

// A migration in one round trip: the deferred BEGIN, role and search_path, its statements, its
// history row and COMMIT as one simple query, as psql sends a script given with -c: the server
// runs the statements in order, stops at the first failure, and answers each in order, so the
// failing one is known. (A pipeline of extended-protocol messages costs the server twice as
// much for big INSERTs.)
void postgresql_connection::execute_flight(const std::vector<sdk::flight_statement>& statements, bool commit,
                                           std::size_t& ran) {
    constexpr std::size_t pending_part = std::numeric_limits<std::size_t>::max();
    untouched_since_connect_ = false;
    settle_lock();
    std::string text;
    std::vector<std::size_t> owner;  // per answer the server will give: the statement it is for
    std::vector<std::size_t> starts;  // ... and where its text starts in the query
    auto add = [&](std::string_view sql, std::size_t of) {
        if (only_comments(sql)) return;
        starts.push_back(text.size());
        text.append(sql);
        text += "\n;\n";  // a newline first: a trailing -- comment must not swallow the ;
        owner.push_back(of);
    };
    for (const std::string& sql : take_pending()) add(sql, pending_part);
    for (std::size_t i = 0; i < statements.size(); ++i) {
        if (statements[i].next_migration) {
            // The last migration commits (unless a group's); the next starts as the first did.
            const bool group = statements[i].same_transaction;
            if (!group) {
                add("COMMIT", i);
                begin();
            }
            restore_session();
            search_path_pending_ = migration_search_path_;
            for (const std::string& sql : take_pending()) add(sql, i);
            if (group) add(migration_start_mark(false, !pooled_), i);
            continue;
        }
        if (statements[i].restore_session) {
            // A history row: the role the session had at connect first (a migration may have
            // switched to one without rights on the table).
            restore_session();
            for (const std::string& sql : take_pending()) add(sql, i);
        }
        add(statements[i].params.empty() ? std::string(statements[i].sql) : with_literals(statements[i].sql, statements[i].params), i);
    }
    if (commit) add("COMMIT", statements.size());
    ran = statements.size();
    if (owner.empty()) return;
    if (PQsendQuery(conn_, text.c_str()) != 1) throw sdk::connection_error("lost the connection to PostgreSQL: " + error_message(conn_));
    std::size_t answered = 0;
    PGresult* failure = nullptr;
    for (PGresult* r = PQgetResult(conn_); r != nullptr; r = PQgetResult(conn_)) {
        const ExecStatusType status = PQresultStatus(r);
        if (status == PGRES_COPY_IN) {
            // The host sends COPY on its own; ending it here makes the server answer with its error.
            PQputCopyEnd(conn_, "COPY FROM STDIN cannot be part of a flight");
            PQclear(r);
            continue;
        }
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
            if (failure == nullptr) ++answered;
            PQclear(r);
        } else if (failure == nullptr) {
            failure = r;
        } else {
            PQclear(r);
        }
    }
    if (failure == nullptr) return;
    ran = answered < owner.size() ? owner[answered] : statements.size();
    // The server places an error in the whole query, in characters: from the statement's start.
    int offset = 0;
    if (answered < starts.size())
        for (std::size_t i = 0; i < starts[answered]; ++i)
            if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++offset;
    check_result(conn_, failure, offset);  // ran is SIZE_MAX when the deferred part failed
}

}  // namespace jetway::pg
