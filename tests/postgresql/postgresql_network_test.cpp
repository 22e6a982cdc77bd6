// SPDX-License-Identifier: Apache-2.0
// Network failures between Jetway and PostgreSQL, through a proxy the test controls: a
// connection cut in the middle of a migration, and a server that comes up late.
#include <chrono>
#include <future>
#include <thread>

#include "postgresql_fixture.hpp"
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

}  // namespace
