// SPDX-License-Identifier: Apache-2.0
#include "mysql_connection.hpp"

#include "mysql_error.hpp"

#include <jetway/sdk/error.hpp>
#include <jetway/sdk/log.hpp>

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <cctype>
#include <filesystem>
#include <limits>

namespace jetway::mysql {
namespace {

// A CALL returns more than one result; all must be read before the connection takes the next
// command ("Commands out of sync" otherwise).
void drain_results(sql::Statement& statement) {
    for (;;) {
        if (statement.getMoreResults()) {
            std::unique_ptr<sql::ResultSet> discard(statement.getResultSet());
        } else if (statement.getUpdateCount() == static_cast<uint64_t>(-1)) {
            return;
        }
    }
}

// Holds the statement with its result, so both die together.
class mysql_rows final : public sdk::row_set {
 public:
    mysql_rows(std::unique_ptr<sql::Statement> statement, std::unique_ptr<sql::ResultSet> rows)
        : statement_(std::move(statement)), rows_(std::move(rows)) {
        load_names();
    }
    mysql_rows(std::unique_ptr<sql::PreparedStatement> statement, std::unique_ptr<sql::ResultSet> rows)
        : prepared_(std::move(statement)), rows_(std::move(rows)) {
        load_names();
    }
    ~mysql_rows() override {
        try {
            rows_.reset();
            if (statement_) drain_results(*statement_);
        } catch (...) {
            // A destructor must not throw; the next command reports a broken connection.
        }
    }
    mysql_rows(const mysql_rows&) = delete;
    mysql_rows& operator=(const mysql_rows&) = delete;

    bool next() override {
        return rows_ && translated([&] {
                   if (!rows_->next()) return false;
                   values_.assign(names_.size(), std::nullopt);
                   for (std::size_t c = 0; c < names_.size(); ++c) {
                       const auto index = static_cast<uint32_t>(c + 1);
                       if (!rows_->isNull(index)) values_[c] = std::string(rows_->getString(index));
                   }
                   return true;
               });
    }
    std::size_t column_count() const override { return names_.size(); }
    std::string_view column_name(std::size_t c) const override { return names_.at(c); }
    std::optional<std::string_view> value_at(std::size_t c) const override {
        if (!values_.at(c)) return std::nullopt;
        return std::string_view(*values_[c]);
    }

 private:
    void load_names() {
        if (!rows_) return;
        sql::ResultSetMetaData* meta = rows_->getMetaData();
        for (unsigned int c = 1; c <= meta->getColumnCount(); ++c) names_.emplace_back(meta->getColumnLabel(c));
    }

    std::unique_ptr<sql::Statement> statement_;
    std::unique_ptr<sql::PreparedStatement> prepared_;
    std::unique_ptr<sql::ResultSet> rows_;
    std::vector<std::string> names_;
    std::vector<std::optional<std::string>> values_;
};

}  // namespace

std::string quote(std::string_view name) {
    std::string out = "`";
    for (const char c : name) {
        if (c == '`') out += '`';
        out += c;
    }
    return out + "`";
}

namespace {
// Debian's bundle of the system's trusted CAs (package ca-certificates).
constexpr const char* system_ca_bundle = "/etc/ssl/certs/ca-certificates.crt";

// Engines connect on threads of their own, many at once. Connector/C++ 1.1's
// get_driver_instance() is not thread-safe: it looks the driver up in a static std::map with no
// lock (two first calls at once each make a driver, and the second insert frees the first while
// its caller connects through it), and the call that creates the driver runs
// mysql_library_init(). So it is called once, in this static's thread-safe initialisation;
// connecting through the driver afterwards changes nothing the driver shares.
sql::mysql::MySQL_Driver& driver() {
    static sql::mysql::MySQL_Driver* const instance = sql::mysql::get_mysql_driver_instance();
    return *instance;
}

// The C client keeps state per thread, which Connector/C++ leaves to its user: mysql_thread_init
// on each thread that uses it, mysql_thread_end before the thread exits (Oracle's libmysqlclient
// leaks it otherwise; MariaDB Connector/C's do nothing).
struct client_thread {
    client_thread() { driver().threadInit(); }
    ~client_thread() { driver().threadEnd(); }
    client_thread(const client_thread&) = delete;
    client_thread& operator=(const client_thread&) = delete;
};
}  // namespace

mysql_connection::mysql_connection(const connect_target& t) {
    translated([&] {
        sql::ConnectOptionsMap options;
        options["hostName"] = sql::SQLString(t.host);
        options["port"] = t.port;
        options["userName"] = sql::SQLString(t.user);
        options["password"] = sql::SQLString(t.password);
        if (!t.database.empty()) options["schema"] = sql::SQLString(t.database);
        if (t.ssl_mode != 0) options["OPT_SSL_MODE"] = t.ssl_mode;
        // Connector/C++ verifies nothing without a CA file, even in VERIFY_CA mode: then the
        // system's CAs are the ones to check against, as libpq and Connector/J do.
        std::string ca = t.ssl_ca;
        if (ca.empty() && (t.ssl_mode == sql::SSL_MODE_VERIFY_CA || t.ssl_mode == sql::SSL_MODE_VERIFY_IDENTITY)) {
            ca = system_ca_bundle;
            if (!std::filesystem::exists(ca))
                throw sdk::connection_error("verifying the server's certificate needs a CA: name it with serverSslCert=FILE "
                                            "(there is no system CA bundle at " + ca + ")");
        }
        if (!ca.empty()) options["sslCA"] = sql::SQLString(ca);
        if (!t.ssl_cert.empty()) options["sslCert"] = sql::SQLString(t.ssl_cert);
        if (!t.ssl_key.empty()) options["sslKey"] = sql::SQLString(t.ssl_key);
        if (t.connect_timeout > 0) options["OPT_CONNECT_TIMEOUT"] = t.connect_timeout;
        options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
        // A migration's statements travel together in one query (execute_flight, batch=true).
        options["CLIENT_MULTI_STATEMENTS"] = true;
        try {
            thread_local const client_thread this_thread;
            conn_.reset(driver().connect(options));
        } catch (const sql::SQLException& e) {
            throw_connect_error(e);
        }
        return 0;  // Connector/C++ leaves the session in autocommit, as Jetway expects
    });
    // One round trip for every fact of the session the run needs.
    auto rows = query("SELECT @@foreign_key_checks, @@sql_safe_updates, DATABASE(), SUBSTRING_INDEX(USER(), '@', 1), VERSION(), "
                      "@@read_only, @@innodb_read_only", {});
    bool read_only = false;
    if (rows->next()) {
        original_foreign_key_checks_ = std::string(rows->value_at(0).value_or("1"));
        original_sql_safe_updates_ = std::string(rows->value_at(1).value_or("0"));
        database_ = std::string(rows->value_at(2).value_or(""));
        user_ = std::string(rows->value_at(3).value_or(""));
        version_ = std::string(rows->value_at(4).value_or(""));
        read_only = rows->value_at(5) == std::string_view("1");
        if (rows->value_at(6) == std::string_view("1")) read_only_reason_ = "the server runs with innodb_read_only";
    }
    rows.reset();
    if (read_only && read_only_reason_.empty()) read_only_reason_ = read_only_reason_for_user();
    session_may_have_changed_ = false;
    untouched_since_connect_ = true;
}

mysql_connection::~mysql_connection() {
    try {
        if (!lock_name_.empty()) release_lock();  // the session's end releases it
        if (conn_) conn_->close();
    } catch (...) {
        // The server releases named locks with the session anyway.
    }
}

void mysql_connection::note_statement(std::string_view sql) noexcept {
    if (session_may_have_changed_ && schema_in_use_.empty()) return;
    // User variables (@x, @@x), SET of any session variable, and procedures, which may do either.
    std::size_t start = 0;
    while (start < sql.size() && std::isspace(static_cast<unsigned char>(sql[start]))) ++start;
    auto starts_with = [&](std::string_view word) {
        if (sql.size() - start < word.size()) return false;
        for (std::size_t i = 0; i < word.size(); ++i)
            if (std::toupper(static_cast<unsigned char>(sql[start + i])) != word[i]) return false;
        return sql.size() - start == word.size() || !std::isalnum(static_cast<unsigned char>(sql[start + word.size()]));
    };
    // USE moves the session elsewhere: the next use_schema() must send its own again.
    if (starts_with("USE")) schema_in_use_.clear();
    session_may_have_changed_ = session_may_have_changed_ || sql.find('@') != std::string_view::npos ||
                                starts_with("SET") || starts_with("CALL") || starts_with("EXECUTE") || starts_with("USE");
}

std::vector<std::string> mysql_connection::take_pending() {
    settle_lock();
    std::vector<std::string> statements;
    if (begin_pending_) statements.emplace_back("START TRANSACTION");
    if (!schema_pending_.empty()) {
        statements.push_back("USE " + quote(schema_pending_));
        schema_in_use_ = schema_pending_;
    }
    begin_pending_ = false;
    schema_pending_.clear();
    return statements;
}

void mysql_connection::flush_pending() {
    untouched_since_connect_ = false;
    settle_lock();
    if (!begin_pending_ && schema_pending_.empty()) return;
    std::size_t done = 0;
    run_multi(take_pending(), done);
}

void mysql_connection::restore_session() {
    if (!session_may_have_changed_) return;
    session_may_have_changed_ = false;
    // Flyway's MySQLConnection.doRestoreOriginalState: user variables back to NULL (where the
    // server lists them), foreign_key_checks and sql_safe_updates back to what they were.
    std::string assignments = "foreign_key_checks = " + original_foreign_key_checks_ +
                              ", sql_safe_updates = " + original_sql_safe_updates_;
    const bool mariadb = version_.find("MariaDB") != std::string::npos;
    try {
        const auto names = column(mariadb ? "SELECT VARIABLE_NAME FROM information_schema.USER_VARIABLES WHERE VARIABLE_VALUE IS NOT NULL"
                                          : "SELECT VARIABLE_NAME FROM performance_schema.user_variables_by_thread "
                                            "WHERE THREAD_ID = PS_CURRENT_THREAD_ID() AND VARIABLE_VALUE IS NOT NULL");
        for (const std::string& name : names) assignments += ", @" + quote(name) + " = NULL";
    } catch (const sdk::error& e) {
        sdk::log_debug(std::string("user variables are not reset: the server does not list them (") + e.what() + ")");
    }
    execute("SET " + assignments);
    session_may_have_changed_ = false;
}

std::string mysql_connection::current_database() { return database_; }

// read_only stops only users without the privilege that overrides it: READ_ONLY ADMIN on
// MariaDB (SUPER too before 10.11), SUPER or CONNECTION_ADMIN on MySQL, where super_read_only
// stops everyone.
std::string mysql_connection::read_only_reason_for_user() {
    const bool mariadb = version_.find("MariaDB") != std::string::npos;
    if (!mariadb) {
        auto super = query("SELECT @@super_read_only", {});
        if (super->next() && super->value_at(0) == std::string_view("1")) return "the server runs with super_read_only";
    }
    const bool super_overrides = !mariadb || (version_.rfind("10.", 0) == 0 && version_.compare(0, 5, "10.11") != 0);
    const std::string privileges = super_overrides ? "'SUPER', 'READ_ONLY ADMIN', 'CONNECTION_ADMIN'" : "'READ_ONLY ADMIN'";
    auto granted = query("SELECT COUNT(*) FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = CONCAT('''', "
                         "SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''') "
                         "AND PRIVILEGE_TYPE IN (" + privileges + ")",
                         {});
    if (granted->next() && granted->value_at(0) != std::string_view("0")) return {};
    return "the server runs with read_only (a replica?) and this user may not override it; point Jetway at the primary";
}

namespace {

std::string first_word(std::string_view sql) {
    const std::size_t start = sql.find_first_not_of(" \t\r\n(");
    std::string word;
    for (std::size_t i = start; start != std::string_view::npos && i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i])); ++i)
        word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i])));
    return word;
}

bool is_read(std::string_view sql) {
    const std::string word = first_word(sql);
    return word == "SELECT" || word == "SHOW";
}

bool is_ddl(std::string_view sql) {
    const std::string word = first_word(sql);
    return word == "CREATE" || word == "ALTER" || word == "DROP" || word == "RENAME" || word == "TRUNCATE";
}

}  // namespace

std::int64_t mysql_connection::execute(std::string_view sql) {
    // In a Galera cluster a DDL statement fails certification (1213, "deadlock") when a change
    // from another node got in first; it was not applied, and the server asks for it again.
    // Not inside a transaction: there the failure may have taken earlier statements with it.
    for (int attempt = 1;; ++attempt) {
        try {
            return execute_once(sql);
        } catch (const sdk::error& e) {
            if (e.vendor_code() != 1213 || in_transaction_ || attempt == 5 || !galera_.value_or(false) || !is_ddl(sql)) throw;
        }
    }
}

std::int64_t mysql_connection::execute_once(std::string_view sql) {
    flush_pending();
    note_statement(sql);
    return translated([&]() -> std::int64_t {
        std::unique_ptr<sql::Statement> st(conn_->createStatement());
        std::int64_t affected = -1;
        if (st->execute(sql::SQLString(std::string(sql)))) {
            std::unique_ptr<sql::ResultSet> discard(st->getResultSet());
        } else {
            affected = static_cast<std::int64_t>(st->getUpdateCount());
        }
        drain_results(*st);
        return affected;
    });
}

namespace {

// `sql` with each ? outside quotes replaced by the next parameter as a literal.
std::string with_literals(std::string_view sql, const std::vector<sdk::value>& params) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(sql.size() + 32 * params.size());
    std::size_t next = 0;
    char quote = 0;
    for (const char c : sql) {
        if (quote != 0) {
            if (c == quote) quote = 0;
            out += c;
            continue;
        }
        if (c == '\'' || c == '"' || c == '`') quote = c;
        if (c != '?' || quote != 0) {
            out += c;
            continue;
        }
        if (next >= params.size()) throw sdk::error(JW_E_INVALID_ARGUMENT, "more ? than parameters in: " + std::string(sql));
        const sdk::value& v = params[next++];
        switch (v.type) {
            case sdk::value::kind::null: out += "NULL"; break;
            case sdk::value::kind::integer: out += std::to_string(v.integer); break;
            case sdk::value::kind::text:
                if (v.text.empty()) {
                    out += "''";
                    break;
                }
                out += "_utf8mb4 X'";
                for (const char ch : v.text) {
                    out += hex[(static_cast<unsigned char>(ch) >> 4) & 0xF];
                    out += hex[static_cast<unsigned char>(ch) & 0xF];
                }
                out += '\'';
                break;
        }
    }
    if (next != params.size()) throw sdk::error(JW_E_INVALID_ARGUMENT, "fewer ? than parameters in: " + std::string(sql));
    return out;
}

}  // namespace

std::unique_ptr<sdk::row_set> mysql_connection::query(std::string_view sql, const std::vector<sdk::value>& params) {
    // Galera aborts a statement holding a lock that a change replicated from another node needs,
    // reporting a deadlock (1213): another node's migrator altering the history table while this
    // one reads it. Outside a transaction only that read was lost, and reading again is safe.
    for (int attempt = 1;; ++attempt) {
        try {
            return query_once(sql, params);
        } catch (const sdk::error& e) {
            if (e.vendor_code() != 1213 || in_transaction_ || attempt == 5 || !is_read(sql)) throw;
        }
    }
}

// The migration lock's first try (mysql_lock.cpp) and the run's first read in one query.
std::unique_ptr<sdk::row_set> mysql_connection::read_with_lock_try(const std::string& sql) {
    const wanted_lock wanted = std::move(*lock_wanted_);
    lock_wanted_.reset();
    const std::string name = lock_name(wanted.table);
    // MariaDB says in the same answer whether it is a Galera node; MySQL has no such variable.
    const bool mariadb = version_.find("MariaDB") != std::string::npos;
    const std::string take =
        with_literals("SELECT GET_LOCK(?, 1)", {sdk::value::of(std::string_view(name))}) + (mariadb ? ", @@wsrep_on" : "");
    bool locked = false;
    auto rows = translated([&]() -> std::unique_ptr<sdk::row_set> {
        std::unique_ptr<sql::Statement> st(conn_->createStatement());
        std::unique_ptr<sql::ResultSet> lock_rows(st->execute(sql::SQLString(take + ";\n" + sql)) ? st->getResultSet() : nullptr);
        if (lock_rows && lock_rows->next()) {
            locked = lock_rows->getString(1) == "1";
            if (mariadb) galera_ = lock_rows->getInt(2) == 1;
        }
        lock_rows.reset();
        std::unique_ptr<sql::ResultSet> rs(st->getMoreResults() ? st->getResultSet() : nullptr);
        return std::make_unique<mysql_rows>(std::move(st), std::move(rs));
    });
    if (locked) lock_name_ = name;
    if (locked && !in_galera_cluster()) return rows;
    // A Galera node's claim comes before any read counts; a busy lock means waiting for it.
    rows.reset();
    if (!locked) {
        take_lock(wanted.table, wanted.retry_count);  // waits, or says who holds it
        return nullptr;
    }
    try {
        claim_cluster_lock(wanted.table, wanted.retry_count);
    } catch (...) {
        release_lock();
        settle_lock();
        throw;
    }
    return nullptr;
}

std::unique_ptr<sdk::row_set> mysql_connection::query_once(std::string_view sql, const std::vector<sdk::value>& params) {
    if (lock_wanted_ && release_pending_.empty() && !begin_pending_ && schema_pending_.empty() && harmless_read(sql)) {
        untouched_since_connect_ = false;
        if (auto rows = read_with_lock_try(params.empty() ? std::string(sql) : with_literals(sql, params))) return rows;
    }
    flush_pending();
    return translated([&]() -> std::unique_ptr<sdk::row_set> {
        const sql::SQLString text{std::string(sql)};
        if (params.empty()) {
            note_statement(sql);
            // Text protocol: statements as written, including ones prepare cannot take.
            std::unique_ptr<sql::Statement> st(conn_->createStatement());
            std::unique_ptr<sql::ResultSet> rs(st->execute(text) ? st->getResultSet() : nullptr);
            return std::make_unique<mysql_rows>(std::move(st), std::move(rs));
        }
        // Parameters go in as literals over the text protocol: a server-side prepare costs a
        // round trip of its own for every history insert. Text is sent as _utf8mb4 X'..', which
        // no sql_mode (NO_BACKSLASH_ESCAPES, ANSI_QUOTES) can read differently.
        std::unique_ptr<sql::Statement> st(conn_->createStatement());
        const std::string bound = with_literals(sql, params);
        std::unique_ptr<sql::ResultSet> rs(st->execute(sql::SQLString(bound)) ? st->getResultSet() : nullptr);
        return std::make_unique<mysql_rows>(std::move(st), std::move(rs));
    });
}

void mysql_connection::begin() {
    begin_pending_ = true;
    in_transaction_ = true;
}
void mysql_connection::commit() {
    in_transaction_ = false;
    if (begin_pending_) {
        begin_pending_ = false;  // nothing ran in it: nothing to commit
        return;
    }
    execute("COMMIT");
}
void mysql_connection::rollback() {
    in_transaction_ = false;
    if (begin_pending_) {
        begin_pending_ = false;
        return;
    }
    execute("ROLLBACK");
}

std::string mysql_connection::current_schema() {
    // Asked right after connecting: the connect query's answer still holds.
    return untouched_since_connect_ ? database_ : scalar("SELECT DATABASE()");
}
std::string mysql_connection::current_user() { return user_; }

std::string mysql_connection::server_version() {
    const std::string number = version_.substr(0, version_.find('-'));
    return (version_.find("MariaDB") != std::string::npos ? "MariaDB " : "MySQL ") + number;
}

bool mysql_connection::schema_exists(std::string_view schema) {
    return !scalar("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?", {std::string(schema)}).empty();
}

bool mysql_connection::schema_is_empty(std::string_view schema) {
    const std::string s(schema);
    // A Galera cluster's lock table (mysql_lock.cpp) is not the user's: another node's migrator
    // may have just made it.
    return scalar("SELECT (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? "
                  "AND table_name NOT LIKE '%!_jetway!_lock' ESCAPE '!') + "
                  "(SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = ?) + "
                  "(SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = ?) + "
                  "(SELECT COUNT(*) FROM information_schema.events WHERE event_schema = ?)",
                  {s, s, s, s}) == "0";
}

void mysql_connection::create_schema(std::string_view schema) { execute("CREATE SCHEMA " + quote(schema)); }
void mysql_connection::drop_schema(std::string_view schema) { execute("DROP SCHEMA " + quote(schema)); }
void mysql_connection::use_schema(std::string_view schema) {
    // Flyway's USE before each migration; when no statement since could have moved the session
    // elsewhere, it is already there.
    migration_schema_ = std::string(schema);  // each migration of a flight starts there
    if (schema == schema_in_use_ && schema_pending_.empty()) return;
    schema_pending_ = std::string(schema);
}

void mysql_connection::run_multi(const std::vector<std::string>& statements, std::size_t& done) {
    done = 0;
    if (statements.empty()) return;
    std::string text;
    for (const std::string& sql : statements) {
        if (!text.empty()) text += '\n';  // a trailing -- comment must not swallow the ;
        text.append(sql);
        text += statements.size() > 1 ? "\n;" : "";
    }
    translated([&] {
        std::unique_ptr<sql::Statement> st(conn_->createStatement());
        if (st->execute(sql::SQLString(text))) std::unique_ptr<sql::ResultSet> discard(st->getResultSet());
        // One result per statement. Connector/C++ cannot tell an update count from the end of
        // the results, so step exactly once per remaining statement; a failure throws there.
        for (done = 1; done < statements.size(); ++done)
            if (st->getMoreResults()) std::unique_ptr<sql::ResultSet> discard(st->getResultSet());
        done = statements.size();
        return 0;
    });
}

// One multi-statement query per batch: the server runs them in order and stops at the first
// error, which arrives while stepping through the results, so the count of results read before
// it says which statement failed.
void mysql_connection::execute_batch(const std::vector<std::string_view>& statements, std::size_t& ran) {
    ran = 0;
    flush_pending();
    std::vector<std::string> texts;
    texts.reserve(statements.size());
    for (const std::string_view sql : statements) {
        note_statement(sql);
        texts.emplace_back(sql);
    }
    run_multi(texts, ran);
}

namespace {
// A CALL may return any number of results, which would throw off the count that says which
// statement failed: it goes alone.
bool returns_one_result(std::string_view sql) { return first_word(sql) != "CALL"; }
}  // namespace

// A migration in one query: the deferred START TRANSACTION and USE, a mark of the time, the
// statements (a new START TRANSACTION after each DDL, whose implicit commit ended the last),
// the history row (JW_HISTORY_INSERT_TIMED reads the mark), COMMIT. A CALL splits it in two.
void mysql_connection::execute_flight(const std::vector<sdk::flight_statement>& statements, bool commit,
                                      std::size_t& ran) {
    constexpr std::size_t pending_part = std::numeric_limits<std::size_t>::max();
    ran = 0;
    std::vector<std::string> texts;
    std::vector<std::size_t> owner;  // per text: the statement it belongs to (pending_part: none)
    auto add = [&](std::string text, std::size_t of) {
        texts.push_back(std::move(text));
        owner.push_back(of);
    };
    auto send = [&] {
        std::size_t done = 0;
        try {
            run_multi(texts, done);
        } catch (...) {
            const std::size_t failed = owner[std::min(done, owner.size() - 1)];
            ran = failed == pending_part ? pending_part : failed;
            throw;
        }
        texts.clear();
        owner.clear();
    };
    for (std::string& text : take_pending()) add(std::move(text), pending_part);
    add("SET @jetway_flight_start = NOW(6)", pending_part);
    for (std::size_t i = 0; i < statements.size(); ++i) {
        const sdk::flight_statement& s = statements[i];
        if (s.next_migration) {
            // The last migration commits (unless a group's); the next starts as the first did.
            if (!s.same_transaction) {
                add("COMMIT", i);
                in_transaction_ = false;
            }
            if (session_may_have_changed_) {
                // Putting the session back first asks which user variables are set.
                send();
                try {
                    restore_session();
                } catch (...) {
                    ran = i;
                    throw;
                }
            }
            if (!s.same_transaction) begin();
            use_schema(std::string(migration_schema_));  // a copy: use_schema assigns migration_schema_
            for (std::string& text : take_pending()) add(std::move(text), i);
            add("SET @jetway_flight_start = NOW(6)", i);
            continue;
        }
        // The host's own statements (the history row) come with parameters and change nothing
        // in the session; only the migration's may.
        if (s.params.empty()) note_statement(s.sql);
        const bool alone = !returns_one_result(s.sql);
        if (alone) send();
        add(s.params.empty() ? std::string(s.sql) : with_literals(s.sql, s.params), i);
        if (s.commits_implicitly && in_transaction_) add("START TRANSACTION", i);
        if (alone) {
            // Read every result it returns, as execute() does.
            const std::string call = std::move(texts.back());
            texts.pop_back();
            owner.pop_back();
            std::vector<std::string> reopen = std::move(texts);
            texts.clear();
            owner.clear();
            try {
                execute_once(call);
            } catch (...) {
                ran = i;
                throw;
            }
            for (std::string& text : reopen) add(std::move(text), i);
        }
    }
    if (commit) add("COMMIT", statements.size());
    add("SET @jetway_flight_start = NULL", statements.size());
    send();
    if (commit) in_transaction_ = false;
    ran = statements.size();
}

}  // namespace jetway::mysql
