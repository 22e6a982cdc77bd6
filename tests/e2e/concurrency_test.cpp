// SPDX-License-Identifier: Apache-2.0
// Several processes migrating one SQLite file at once: Flyway leaves this unprotected; Jetway
// serialises on SQLite's own write lock, so each migration is applied exactly once.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "race_cases.hpp"
#include "sqlite_fixture.hpp"

using jetway::test::rows;

extern char** environ;

namespace {

class Concurrency : public jetway::test::SqliteProject {
 protected:
    // Starts `n` jetway processes together and returns their exit codes.
    std::vector<int> run_together(int n) {
        std::vector<std::string> args{std::string(JW_TEST_BUILD_DIR) + "/bin/jetway", url(),
                                      "-locations=filesystem:" + (dir_ / "sql").string(), "-q", "migrate"};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        std::vector<pid_t> pids;
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 2, (dir_ / "stderr.log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        for (int i = 0; i < n; ++i) {
            pid_t pid = 0;
            EXPECT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
            pids.push_back(pid);
        }
        posix_spawn_file_actions_destroy(&actions);
        std::vector<int> codes;
        for (pid_t pid : pids) {
            int status = 0;
            waitpid(pid, &status, 0);
            codes.push_back(WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        }
        return codes;
    }
};

TEST_F(Concurrency, ProcessesStartedTogetherApplyEachMigrationOnce) {
    migration("V1__t.sql", "CREATE TABLE t (x INT);");
    for (int v = 2; v <= 12; ++v)
        migration("V" + std::to_string(v) + "__insert.sql", "INSERT INTO t VALUES (" + std::to_string(v) + ");");
    migration("R__count.sql", "DROP VIEW IF EXISTS n; CREATE VIEW n AS SELECT COUNT(*) AS c FROM t;");
    const std::vector<int> codes = run_together(6);
    EXPECT_EQ(codes, std::vector<int>(6, 0)) << jetway::test::read_file(dir_ / "stderr.log");
    EXPECT_EQ(query("SELECT COUNT(*), COUNT(DISTINCT script) FROM flyway_schema_history"), (rows{{"13", "13"}}));
    EXPECT_EQ(query("SELECT COUNT(*), SUM(x) FROM t"), (rows{{"11", "77"}})) << "every INSERT ran exactly once";
    EXPECT_EQ(query("SELECT group_concat(installed_rank) FROM flyway_schema_history"),
              (rows{{"1,2,3,4,5,6,7,8,9,10,11,12,13"}}));
}

// Issue 9's races: 2, 8 and 16 processes started together, against an empty database and
// against one with pending migrations. Every process succeeds; each migration (and its INSERT)
// applies exactly once.
class SqliteRace : public Concurrency, public ::testing::WithParamInterface<jetway::test::race_case> {};

TEST_P(SqliteRace, EveryProcessSucceedsAndEachMigrationAppliesOnce) {
    const auto [processes, pending] = GetParam();
    migration("V1__t.sql", "CREATE TABLE t (x INT);");
    migration("V2__i.sql", "INSERT INTO t VALUES (2);");
    if (pending) {
        ASSERT_EQ(run_together(1), std::vector<int>{0}) << jetway::test::read_file(dir_ / "stderr.log");
    }
    for (int v = 3; v <= 12; ++v) migration("V" + std::to_string(v) + "__i.sql", "INSERT INTO t VALUES (" + std::to_string(v) + ");");
    const std::vector<int> codes = run_together(processes);
    EXPECT_EQ(codes, std::vector<int>(static_cast<std::size_t>(processes), 0)) << jetway::test::read_file(dir_ / "stderr.log");
    EXPECT_EQ(query("SELECT COUNT(*), SUM(x) FROM t"), (rows{{"11", "77"}}));
    EXPECT_EQ(query("SELECT COUNT(*), COUNT(DISTINCT version) FROM flyway_schema_history"), (rows{{"12", "12"}}));
}

INSTANTIATE_TEST_SUITE_P(Processes, SqliteRace, jetway::test::race_cases(), jetway::test::race_case_name);

}  // namespace
