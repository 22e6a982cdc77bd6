// SPDX-License-Identifier: Apache-2.0
#include "postgresql_fixture.hpp"

#include <libpq-fe.h>

#include <atomic>
#include <regex>
#include <stdexcept>
#include <unistd.h>

namespace jetway::test {

rows pg_query(const std::string& conninfo, const std::string& sql) {
    PGconn* c = PQconnectdb(conninfo.c_str());
    if (PQstatus(c) != CONNECTION_OK) {
        const std::string message = PQerrorMessage(c);
        PQfinish(c);
        throw std::runtime_error("cannot connect: " + message);
    }
    PGresult* r = PQexec(c, sql.c_str());
    const ExecStatusType status = PQresultStatus(r);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        const std::string message = PQresultErrorMessage(r);
        PQclear(r);
        PQfinish(c);
        throw std::runtime_error(message + " in: " + sql);
    }
    rows out;
    for (int i = 0; i < PQntuples(r); ++i) {
        std::vector<std::string> row;
        for (int j = 0; j < PQnfields(r); ++j) row.push_back(PQgetisnull(r, i, j) ? "NULL" : PQgetvalue(r, i, j));
        out.push_back(std::move(row));
    }
    PQclear(r);
    PQfinish(c);
    return out;
}

void PostgresqlDatabase::SetUp() {
    const std::string server_url = trim_copy(read_file(std::filesystem::path(JW_TEST_SERVERS_DIR) / "postgresql.url"));
    std::smatch m;
    const std::regex pattern(R"(//([^:/]+):(\d+)/)");
    ASSERT_TRUE(std::regex_search(server_url, m, pattern)) << "no PostgreSQL server for this suite: " << server_url;
    host_ = m[1];
    port_ = m[2];
    static std::atomic<int> counter{0};
    database_ = "jw_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    pg_query(conninfo("postgres"), "CREATE DATABASE " + database_);
    url_ = "jdbc:postgresql://" + host_ + ":" + port_ + "/" + database_ + "?user=postgres";
}

void PostgresqlDatabase::TearDown() {
    if (!database_.empty()) pg_query(conninfo("postgres"), "DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
}

std::string PostgresqlDatabase::conninfo(const std::string& database) const {
    return "host=" + host_ + " port=" + port_ + " user=postgres dbname=" + database;
}

process_result PostgresqlDatabase::jetway(const std::vector<std::string>& args, const std::vector<std::string>& env) {
    return jetway_at(url_, args, env);
}

process_result PostgresqlDatabase::jetway_at(const std::string& url, const std::vector<std::string>& args,
                                             const std::vector<std::string>& env) {
    std::vector<std::string> argv{std::string(JW_TEST_BUILD_DIR) + "/bin/jetway", "-url=" + url,
                                  "-locations=filesystem:" + (dir_ / "sql").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, env, dir_.path());
}

std::string PostgresqlDatabase::url_via(const std::string& url_file) const {
    const std::string server = trim_copy(read_file(std::filesystem::path(JW_TEST_SERVERS_DIR) / url_file));
    std::smatch m;
    const std::string port = std::regex_search(server, m, std::regex(R"(:(\d+)/)")) ? m[1].str() : "";
    return "jdbc:postgresql://" + host_ + ":" + port + "/" + database_ + "?user=postgres";
}

rows PostgresqlDatabase::query(const std::string& sql) { return pg_query(conninfo(database_), sql); }

rows PostgresqlDatabase::history(const std::string& schema) {
    return query("SELECT installed_rank, version, description, type, script, checksum, success FROM \"" + schema +
                 "\".flyway_schema_history ORDER BY installed_rank");
}

}  // namespace jetway::test
