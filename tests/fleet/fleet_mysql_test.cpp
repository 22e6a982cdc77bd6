// SPDX-License-Identifier: Apache-2.0
// Fleet runs on the suite's MariaDB server (issue 21): every database matching a pattern (a
// MySQL schema is a database, so targetSchemas lists the same), migrated in parallel through
// the MySQL driver, each database with its own history, a failing one leaving the others.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <unistd.h>

#include "mariadb_client.hpp"
#include "test_support.hpp"

namespace jetway::test {
namespace {

using json = nlohmann::json;

class FleetMysql : public ::testing::Test {
 protected:
    void SetUp() override {
        const suite_mariadb server = read_suite_mariadb(JW_TEST_SERVERS_DIR);
        server_url_ = server.url;
        socket_ = server.socket;
        ASSERT_FALSE(server_url_.empty()) << "no MariaDB server for this suite";
        static std::atomic<int> counter{0};
        prefix_ = "fleet_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
        write_file(dir_ / "sql" / "V1__accounts.sql", "CREATE TABLE accounts (id INT);\nINSERT INTO accounts VALUES (1);");
        write_file(dir_ / "sql" / "V2__orders.sql", "CREATE TABLE orders (id INT);");
    }
    void TearDown() override {
        for (const std::string& db : databases_) sql("DROP DATABASE IF EXISTS " + db);
    }
    rows sql(const std::string& statements, const std::string& database = "") {
        return mariadb_client({"--socket=" + socket_}, statements, database);
    }
    std::string create_database(const std::string& suffix) {
        databases_.push_back(prefix_ + suffix);
        sql("CREATE DATABASE " + databases_.back());
        return databases_.back();
    }
    // The server's URL names no database: jdbc:mysql://host:port/?user=root...
    process_result jetway(const std::vector<std::string>& args) {
        std::vector<std::string> argv{std::string(JW_TEST_BUILD_DIR) + "/bin/jetway", "-url=" + server_url_,
                                      "-locations=filesystem:" + (dir_ / "sql").string()};
        argv.insert(argv.end(), args.begin(), args.end());
        return run_process(argv, {}, dir_.path());
    }
    rows history(const std::string& db) {
        return sql("SELECT version, script, success FROM flyway_schema_history ORDER BY installed_rank", db);
    }

    scratch_dir dir_;
    std::string server_url_, socket_, prefix_;
    std::vector<std::string> databases_;
};

const rows both_applied{{"1", "V1__accounts.sql", "1"}, {"2", "V2__orders.sql", "1"}};

TEST_F(FleetMysql, TargetDatabasesMigratesEachMatchingDatabaseInParallel) {
    for (int i = 1; i <= 8; ++i) create_database("_t" + std::to_string(i));
    const std::string other = create_database("_other");
    const auto r = jetway({"migrate", "-targetDatabases=" + prefix_ + "\\_t%", "-parallel=4", "-outputType=json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json doc = json::parse(r.out);
    EXPECT_EQ(doc["targetCount"], 8);
    EXPECT_EQ(doc["succeeded"], 8);
    for (int i = 1; i <= 8; ++i) EXPECT_EQ(history(prefix_ + "_t" + std::to_string(i)), both_applied) << i;
    EXPECT_EQ(sql("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + other + "'"), (rows{{"0"}}));
    // A MySQL schema is a database: targetSchemas lists the same ones, and all are current.
    const auto again = jetway({"migrate", "-targetSchemas=" + prefix_ + "\\_t%", "-outputType=json"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    const json second = json::parse(again.out);
    EXPECT_EQ(second["targetCount"], 8);
    for (const auto& t : second["targets"]) EXPECT_EQ(t["migrationsExecuted"], 0) << t;
}

TEST_F(FleetMysql, AFailingDatabaseIsRecordedAsFailedAndTheOthersFinish) {
    const std::string a = create_database("_a"), b = create_database("_b"), c = create_database("_c");
    sql("CREATE TABLE orders (x INT)", b);  // V2 fails there, after V1 committed
    sql("CREATE TABLE flyway_schema_history_marker (x INT)", b);
    const auto r = jetway({"migrate", "-targetDatabases=" + prefix_ + "\\_%", "-baselineOnMigrate=true",
                           "-baselineVersion=0"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(history(a), (rows{{"1", "V1__accounts.sql", "1"}, {"2", "V2__orders.sql", "1"}}));
    EXPECT_EQ(history(c), both_applied);
    // MariaDB's DDL commits itself: the failure is recorded, as a single run records it.
    EXPECT_EQ(history(b), (rows{{"0", "<< Flyway Baseline >>", "1"}, {"1", "V1__accounts.sql", "1"}, {"2", "V2__orders.sql", "0"}}));
    EXPECT_NE(r.out.find("3 targets: 2 succeeded, 1 failed, 0 not run"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("Table 'orders' already exists"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace jetway::test
