// SPDX-License-Identifier: Apache-2.0
// Jetway and PostgreSQL through a proxy the test controls: a connection cut in the middle of a
// migration, a server that comes up late, the round trips of the bookkeeping and the ones
// batch=true saves.
#include <chrono>
#include <future>
#include <thread>

#include "postgresql_fixture.hpp"
#include "round_trip_cases.hpp"
#include "tcp_proxy.hpp"

using jetway::test::rows;

namespace {

class PostgresqlNetwork : public jetway::test::PostgresqlDatabase {
 protected:

    std::string url_through(const jetway::test::tcp_proxy& proxy) const {
        return "jdbc:postgresql://127.0.0.1:" + std::to_string(proxy.port()) + "/" + database_ + "?user=postgres";
    }
    jetway::test::process_result jetway_via(const std::string& url, std::vector<std::string> args) {
        args.insert(args.begin(), {std::string(JW_TEST_BUILD_DIR) + "/bin/jetway", "-url=" + url,
                                   "-locations=filesystem:" + (dir_ / "sql").string()});
        return jetway::test::run_process(args, {}, dir_.path());
    }
};

TEST_F(PostgresqlNetwork, ConnectionCutMidMigrationLeavesNoRecordAndTheNextRunFinishes) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("V2__slow.sql", "INSERT INTO a VALUES (1);\nSELECT pg_sleep(1.5);\nINSERT INTO a VALUES (2);\n");
    jetway::test::tcp_proxy proxy(std::stoi(port_));
    auto run = std::async(std::launch::async, [&] { return jetway_via(url_through(proxy), {"migrate"}); });
    // Cut while V2 sleeps on the server.
    for (int i = 0; i < 100 && query("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%'") == rows{{"0"}}; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    proxy.cut();
    const auto r = run.get();
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("connection"), std::string::npos) << r.err;
    EXPECT_EQ(history(), (rows{{"1", "1", "a", "SQL", "V1__a.sql", history().at(0).at(5), "t"}})) << "V2 is not recorded";
    // The server rolls V2 back and frees the lock when it notices its client is gone.
    const auto again = jetway({"-lockRetryCount=10", "migrate"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(query("SELECT x FROM a ORDER BY x"), (rows{{"1"}, {"2"}})) << "V2's inserts happened exactly once";
}

TEST_F(PostgresqlNetwork, ConnectRetriesWaitForAServerThatComesUpLate) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    jetway::test::tcp_proxy proxy(std::stoi(port_), /*delay_ms=*/2500);
    const auto r = jetway_via(url_through(proxy), {"-connectRetries=5", "-connectRetriesInterval=2", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("WARNING: Connection error: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Retrying in 1 sec..."), std::string::npos) << r.err;
    EXPECT_EQ(history().size(), 1u);
}

TEST_F(PostgresqlNetwork, BatchSendsDataChangesInAFractionOfTheRoundTrips) {
    migration("V1__table.sql", "CREATE TABLE t (x INT PRIMARY KEY, note TEXT);");
    migration("V2__rows.sql", jetway::test::many_inserts());
    const rows expected{{"241", "10", "1000"}};
    const std::string check = "SELECT count(*), count(*) FILTER (WHERE note = 'low'), max(x) FROM t";

    jetway::test::tcp_proxy one_by_one(std::stoi(port_));
    auto r = jetway_via(url_through(one_by_one), {"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query(check), expected);
    const rows history_one_by_one = history();
    ASSERT_EQ(jetway({"-cleanDisabled=false", "clean"}).exit_code, 0);

    jetway::test::tcp_proxy batched(std::stoi(port_));
    r = jetway_via(url_through(batched), {"-batch=true", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query(check), expected);
    EXPECT_EQ(history(), history_one_by_one);
    // 250 inserts in batches of at most 100: three pipelines instead of 250 round trips.
    EXPECT_LE(batched.round_trips() + 240, one_by_one.round_trips())
        << "batched " << batched.round_trips() << ", one by one " << one_by_one.round_trips();
}

TEST_F(PostgresqlNetwork, BatchFailureNamesTheLineAndRollsTheMigrationBack) {
    migration("V1__table.sql", "CREATE TABLE t (x INT PRIMARY KEY, note TEXT);");
    std::string sql = "CREATE TABLE u (x INT);\n";
    for (int i = 2; i <= 150; ++i) sql += "INSERT INTO t VALUES (" + std::to_string(i == 120 ? 7 : i) + ", 'n');\n";
    migration("V2__rows.sql", sql);
    const auto r = jetway({"-batch=true", "migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("SQL State  : 23505\n"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Line       : 120\nStatement  : INSERT INTO t VALUES (7, 'n')\n"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Location   : " + (dir_ / "sql" / "V2__rows.sql").string() + " ("), std::string::npos) << r.err;
    EXPECT_EQ(history().size(), 1u) << "the failed migration is not recorded";
    EXPECT_EQ(query("SELECT count(*) FROM t"), (rows{{"0"}})) << "rows before the failure were rolled back";
    EXPECT_TRUE(query("SELECT 1 FROM pg_tables WHERE tablename = 'u'").empty());
}

TEST_F(PostgresqlNetwork, BookkeepingRoundTripsPerMigrationAreConstantWhateverTheHistorySize) {
    const jetway::test::jetway_runner run = [this](const std::vector<std::string>& args, const std::string& url) {
        return url.empty() ? jetway(args) : jetway_via(url, args);
    };
    const auto through = [this](const jetway::test::tcp_proxy& proxy) { return url_through(proxy); };
    const auto other_sessions = [this] {
        return std::stoi(query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                               "AND pid <> pg_backend_pid()").at(0).at(0));
    };
    // BEGIN with the search_path reset, the migration's one statement, the history insert, COMMIT.
    jetway::test::expect_constant_round_trips(
        [&](int applied, int fresh) {
            return jetway::test::round_trips_of_migrate(run, dir_ / "sql", std::stoi(port_), through, other_sessions,
                                                        applied, fresh);
        },
        4);
}

}  // namespace
