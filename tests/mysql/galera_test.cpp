// SPDX-License-Identifier: Apache-2.0
// Issue 18: a MariaDB Galera cluster of three nodes on loopback (Debian's galera-4, started by
// tests/support/galera_server.sh). Every node is a primary and a named lock (GET_LOCK) is only
// seen by its own node, so migrators spread over the nodes must still take turns: every process
// succeeds, every migration and its callback happen once, and a migrator killed while holding
// the lock does not block the cluster for good.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "mariadb_client.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

using rows = std::vector<std::vector<std::string>>;

class Galera : public ::testing::Test {
 protected:
    void SetUp() override {
        for (int node = 1; node <= 3; ++node) {
            const std::string url = jetway::test::trim_copy(jetway::test::read_file(
                fs::path(JW_TEST_SERVERS_DIR) / ("galera-node" + std::to_string(node) + ".url")));
            ASSERT_FALSE(url.empty()) << "no Galera cluster for this suite";
            const auto colon = url.rfind(':', url.find("/?"));
            ports_.push_back(url.substr(colon + 1, url.find("/?") - colon - 1));
            server_urls_.push_back(url);
        }
        static std::atomic<int> counter{0};
        database_ = "jw_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
        sql(0, "CREATE DATABASE " + database_ + "; CREATE DATABASE " + database_ + "_audit; CREATE TABLE " + database_ +
                   "_audit.callback_log (id INT AUTO_INCREMENT PRIMARY KEY, rows_before INT)");
    }
    void TearDown() override {
        if (!database_.empty()) sql(0, "DROP DATABASE IF EXISTS " + database_ + "; DROP DATABASE IF EXISTS " + database_ + "_audit");
    }
    // The test database on node `node` (0-2).
    std::string url(int node) const {
        const std::string& s = server_urls_[static_cast<std::size_t>(node)];
        const auto q = s.find("/?");
        return s.substr(0, q) + "/" + database_ + s.substr(q + 1);
    }
    // SQL on node `node` through the mariadb client; rows as tab-separated cells. Reads wait
    // until the node has applied what the cluster committed before them.
    rows sql(int node, const std::string& statements) {
        return jetway::test::mariadb_client({"-h127.0.0.1", "-P" + ports_[static_cast<std::size_t>(node)]},
                                            "SET SESSION wsrep_sync_wait = 1; " + statements);
    }
    rows query(int node, const std::string& statements) { return sql(node, "USE " + database_ + "; " + statements); }
    void migration(const std::string& name, const std::string& content) { jetway::test::write_file(dir_ / "sql" / name, content); }
    jetway::test::process_result jetway(int node, const std::vector<std::string>& args) {
        std::vector<std::string> argv{std::string(JW_TEST_BUILD_DIR) + "/bin/jetway", "-url=" + url(node),
                                      "-locations=filesystem:" + (dir_ / "sql").string()};
        argv.insert(argv.end(), args.begin(), args.end());
        return jetway::test::run_process(argv, {}, dir_.path());
    }

    jetway::test::scratch_dir dir_;
    std::vector<std::string> server_urls_, ports_;
    std::string database_;
};

TEST_F(Galera, EightMigratorsOverThreeNodesApplyEachMigrationOnce) {
    migration("V1__t.sql", "CREATE TABLE t (x INT PRIMARY KEY);");
    for (int v = 2; v <= 9; ++v) migration("V" + std::to_string(v) + "__i.sql", "INSERT INTO t VALUES (" + std::to_string(v) + ");");
    migration("V10__alter.sql", "ALTER TABLE t ADD COLUMN y INT;");
    migration("R__v.sql", "CREATE OR REPLACE VIEW v AS SELECT COUNT(*) AS n FROM t;");
    // Before each migration's history row: a count no other migration shares.
    migration("afterEachMigrate.sql", "INSERT INTO " + database_ + "_audit.callback_log (rows_before) "
                                      "SELECT COUNT(*) FROM flyway_schema_history;");
    std::atomic<int> next{0};
    const auto results = jetway::test::run_together(8, [&] { return jetway(next++ % 3, {"migrate"}); });
    for (const auto& r : results) EXPECT_EQ(r.exit_code, 0) << r.err;
    for (int node = 0; node < 3; ++node) {
        EXPECT_EQ(query(node, "SELECT COUNT(*), SUM(x) FROM t"), (rows{{"8", "44"}})) << "node " << node + 1;
        EXPECT_EQ(query(node, "SELECT COUNT(*), COUNT(DISTINCT script), SUM(success) FROM flyway_schema_history"),
                  (rows{{"11", "11", "11"}}))
            << "node " << node + 1;
    }
    EXPECT_EQ(sql(1, "SELECT COUNT(*), COUNT(DISTINCT rows_before) FROM " + database_ + "_audit.callback_log"),
              (rows{{"11", "11"}}))
        << "afterEachMigrate ran once per migration";
    EXPECT_EQ(query(2, "SELECT COUNT(*) FROM flyway_schema_history_jetway_lock"), (rows{{"0"}})) << "no claim is left";
}

// Killed while holding the lock, a migrator leaves its claim behind. A migrator on another node
// cannot tell a dead holder from a slow one: it waits, then says who holds the lock and what to
// do. The next migrator on the dead holder's node knows (it got that node's named lock) and
// takes the claim over.
TEST_F(Galera, AClaimLeftByAKilledMigratorIsNamedElsewhereAndTakenOverOnItsNode) {
    migration("V1__t.sql", "CREATE TABLE t (x INT);");
    const auto started = dir_ / "started";
    migration("V2__slow.sh", "#!/bin/sh\nif [ ! -e '" + started.string() + "' ]; then touch '" + started.string() +
                                 "'; exec sleep 600; fi\n");
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ::setpgid(0, 0);  // its own group, so the kill takes the script with it
        const std::string binary = std::string(JW_TEST_BUILD_DIR) + "/bin/jetway";
        const std::string target = "-url=" + url(0);
        const std::string locations = "-locations=filesystem:" + (dir_ / "sql").string();
        ::execl(binary.c_str(), binary.c_str(), target.c_str(), locations.c_str(), "-q", "migrate", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::setpgid(pid, pid);
    for (int i = 0; i < 3000 && !fs::exists(started); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(fs::exists(started)) << "the first migrator never reached its script";
    const std::string holder = query(0, "SELECT connection_id FROM flyway_schema_history_jetway_lock").at(0).at(0);
    ::kill(-pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));

    const std::string node1 = sql(0, "SELECT CONCAT(@@hostname, ':', @@port)").at(0).at(0);
    auto r = jetway(1, {"-lockRetryCount=1", "migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Number of retries exceeded while attempting to acquire the Galera cluster's migration lock for `" +
                         database_ + "`.`flyway_schema_history`. Configure the number of retries with the 'lockRetryCount' "
                         "configuration option. The lock is held by connection " + holder + " (user 'jetway') on node " +
                         node1 + " since "),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(". If no migrator runs there, that one died holding it: the next migrator connected to that node "
                         "takes it over, or remove it with DELETE FROM `" + database_ + "`.`flyway_schema_history_jetway_lock`"),
              std::string::npos)
        << r.err;

    r = jetway(0, {"-lockRetryCount=0", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("Taking over the migration lock of connection " + holder + " on this node (" + node1 +
                         "), which ended without releasing it"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(query(2, "SELECT version, success FROM flyway_schema_history ORDER BY installed_rank"), (rows{{"1", "1"}, {"2", "1"}}));
    EXPECT_EQ(query(2, "SELECT COUNT(*) FROM flyway_schema_history_jetway_lock"), (rows{{"0"}}));
}

}  // namespace
