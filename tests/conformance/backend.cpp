// SPDX-License-Identifier: Apache-2.0
#include "backend.hpp"

#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <unistd.h>

#include "mariadb_client.hpp"
#include "test_support.hpp"

#if JW_BACKEND_SQLITE
#include <sqlite3.h>
#endif
#if JW_BACKEND_POSTGRESQL
#include <libpq-fe.h>
#endif

namespace jetway::test {
namespace {

[[maybe_unused]] std::string unique_name() {
    static std::atomic<int> counter{0};
    return "jwc_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
}

[[maybe_unused]] std::string server_file(const char* name) {
    return trim_copy(read_file(std::filesystem::path(JW_TEST_SERVERS_DIR) / name));
}

#if JW_BACKEND_SQLITE
class sqlite_backend final : public backend {
 public:
    explicit sqlite_backend(const std::string& scratch) : file_(scratch + "/conformance.db") {}
    std::string url() const override { return "jdbc:sqlite:" + file_; }
    bool transactional_ddl() const override { return true; }
    bool has_table(const std::string& name) override {
        return !query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + name + "'").empty();
    }
    rows query(const std::string& sql) override {
        sqlite3* db = nullptr;
        sqlite3_open_v2(file_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
            const std::string message = sqlite3_errmsg(db);
            sqlite3_close(db);
            throw std::runtime_error(message);
        }
        rows out;
        while (sqlite3_step(st) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int c = 0; c < sqlite3_column_count(st); ++c) {
                const auto* t = sqlite3_column_text(st, c);
                row.push_back(t == nullptr ? "NULL" : reinterpret_cast<const char*>(t));
            }
            out.push_back(row);
        }
        sqlite3_finalize(st);
        sqlite3_close(db);
        return out;
    }

 private:
    std::string file_;
};
#endif

#if JW_BACKEND_POSTGRESQL
class postgresql_backend final : public backend {
 public:
    postgresql_backend() {
        const std::string server = server_file("postgresql.url");  // jdbc:postgresql://h:p/postgres?user=postgres
        const auto host_start = server.find("//") + 2;
        const auto colon = server.find(':', host_start);
        const auto slash = server.find('/', colon);
        host_ = server.substr(host_start, colon - host_start);
        port_ = server.substr(colon + 1, slash - colon - 1);
        database_ = unique_name();
        run("postgres", "CREATE DATABASE " + database_);
    }
    ~postgresql_backend() override { run("postgres", "DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)"); }
    std::string url() const override {
        return "jdbc:postgresql://" + host_ + ":" + port_ + "/" + database_ + "?user=postgres";
    }
    bool transactional_ddl() const override { return true; }
    bool has_table(const std::string& name) override {
        return !query("SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = '" + name + "'").empty();
    }
    rows query(const std::string& sql) override { return run(database_, sql); }

 private:
    rows run(const std::string& database, const std::string& sql) {
        PGconn* c = PQconnectdb(("host=" + host_ + " port=" + port_ + " user=postgres dbname=" + database).c_str());
        PGresult* r = PQexec(c, sql.c_str());
        if (PQresultStatus(r) != PGRES_TUPLES_OK && PQresultStatus(r) != PGRES_COMMAND_OK) {
            const std::string message = PQresultErrorMessage(r);
            PQclear(r);
            PQfinish(c);
            throw std::runtime_error(message);
        }
        rows out;
        for (int i = 0; i < PQntuples(r); ++i) {
            std::vector<std::string> row;
            for (int j = 0; j < PQnfields(r); ++j) {
                std::string v = PQgetisnull(r, i, j) ? "NULL" : PQgetvalue(r, i, j);
                if (PQftype(r, j) == 16) v = v == "t" ? "1" : "0";  // boolean, as the others show it
                row.push_back(v);
            }
            out.push_back(row);
        }
        PQclear(r);
        PQfinish(c);
        return out;
    }
    std::string host_, port_, database_;
};
#endif

#if JW_BACKEND_MYSQL
class mysql_backend final : public backend {
 public:
    mysql_backend() {
        server_ = server_file("mariadb.url");  // jdbc:mariadb://h:p/?user=...&password=...
        socket_ = server_file("mariadb.socket");
        database_ = unique_name();
        run("CREATE DATABASE " + database_);
    }
    ~mysql_backend() override { run("DROP DATABASE IF EXISTS " + database_); }
    std::string url() const override {
        const auto q = server_.find("/?");
        return server_.substr(0, q) + "/" + database_ + server_.substr(q + 1);
    }
    bool transactional_ddl() const override { return false; }
    bool has_table(const std::string& name) override {
        return !query("SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '" + name + "'").empty();
    }
    rows query(const std::string& sql) override { return run(sql, database_); }

 private:
    rows run(const std::string& sql, const std::string& database = "") {
        return mariadb_client({"--socket=" + socket_}, sql, database);
    }
    std::string server_, socket_, database_;
};
#endif

}  // namespace

std::unique_ptr<backend> make_backend([[maybe_unused]] const std::string& scratch) {
#if JW_BACKEND_SQLITE
    return std::make_unique<sqlite_backend>(scratch);
#elif JW_BACKEND_POSTGRESQL
    return std::make_unique<postgresql_backend>();
#elif JW_BACKEND_MYSQL
    return std::make_unique<mysql_backend>();
#endif
}

}  // namespace jetway::test
