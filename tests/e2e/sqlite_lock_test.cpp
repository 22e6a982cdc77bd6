// SPDX-License-Identifier: Apache-2.0
// Issue 18: several processes on one SQLite file serialise for the whole run, whatever kind of
// migration or command they run, and a killed holder never leaves the file locked.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "sqlite_fixture.hpp"

using jetway::test::rows;

namespace {

class SqliteLock : public jetway::test::SqliteProject, public ::testing::WithParamInterface<int> {
 protected:
    // Every process's exit code, with the stderr of those that failed.
    static std::string failures(const std::vector<jetway::test::process_result>& results) {
        std::string text;
        for (const auto& r : results)
            if (r.exit_code != 0) text += "exit " + std::to_string(r.exit_code) + ":\n" + r.err + "\n";
        return text;
    }
    std::vector<jetway::test::process_result> together(const std::vector<std::string>& args) {
        return jetway::test::run_together(static_cast<std::size_t>(GetParam()), [&] { return jetway(args); });
    }
    std::filesystem::path side_effects() const { return dir_ / "side_effects.log"; }
    // The lines of the file scripts append to: one per run of a script.
    std::size_t side_effect_count() const {
        if (!std::filesystem::exists(side_effects())) return 0;
        const std::string text = jetway::test::read_file(side_effects());
        return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    }
};

// What broke in the issue: a migration that cannot run in a transaction (PRAGMA foreign_keys
// with mixed=true), next to one with VACUUM, a program with its own connection, transactional
// SQL and a repeatable migration.
TEST_P(SqliteLock, EveryKindOfMigrationAppliesOnceAndEveryProcessSucceeds) {
    migration("V1__t.sql", "CREATE TABLE t (x INT);");
    // Long enough (a 200,000-row table) that the others reach it while it runs: without a lock
    // that outlives transactions, 8 processes failed here in 3 runs of 4.
    migration("V2__fk.sql", "PRAGMA foreign_keys = ON;\nCREATE TABLE parent (id INTEGER PRIMARY KEY);\nINSERT INTO t VALUES (2);\n"
                            "CREATE TABLE filler AS WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 200000) "
                            "SELECT i FROM c;");
    migration("V3__program.sh", "#!/bin/sh\nset -e\necho ran >> '" + side_effects().string() +
                                    "'\nsqlite3 \"${FLYWAY_URL#jdbc:sqlite:}\" 'INSERT INTO t VALUES (3)'\n");
    migration("V4__vacuum.sql", "CREATE TABLE child (id INTEGER REFERENCES parent (id));\nVACUUM;");
    migration("V5__i.sql", "INSERT INTO t VALUES (5);");
    migration("R__n.sql", "DROP VIEW IF EXISTS n;\nCREATE VIEW n AS SELECT COUNT(*) AS c FROM t;");
    // A callback after each migration: it runs where the migration runs, so once per migration.
    migration("afterEachMigrate.sql", "CREATE TABLE IF NOT EXISTS callback_runs (x INT);\nINSERT INTO callback_runs VALUES (1);");
    const auto results = together({"-mixed=true", "migrate"});
    EXPECT_EQ(failures(results), "");
    EXPECT_EQ(query("SELECT COUNT(*), SUM(x) FROM t"), (rows{{"3", "10"}})) << "each INSERT ran once";
    EXPECT_EQ(side_effect_count(), 1u) << "the program ran once";
    EXPECT_EQ(query("SELECT COUNT(*) FROM callback_runs"), (rows{{"6"}})) << "afterEachMigrate ran once per migration";
    EXPECT_EQ(query("SELECT version, script, success FROM flyway_schema_history ORDER BY installed_rank"),
              (rows{{"1", "V1__t.sql", "1"},
                    {"2", "V2__fk.sql", "1"},
                    {"3", "V3__program.sh", "1"},
                    {"4", "V4__vacuum.sql", "1"},
                    {"5", "V5__i.sql", "1"},
                    {"NULL", "R__n.sql", "1"}}));
}

// Undo, repair, baseline and clean take the same lock: N undos undo N migrations, one each.
TEST_P(SqliteLock, RacingUndosEachUndoOneDistinctMigration) {
    const int n = GetParam();
    migration("V1__t.sql", "CREATE TABLE t (x INT);");
    for (int v = 2; v <= 21; ++v) {
        migration("V" + std::to_string(v) + "__i.sql", "INSERT INTO t VALUES (" + std::to_string(v) + ");");
        migration("U" + std::to_string(v) + "__i.sql", "DELETE FROM t WHERE x = " + std::to_string(v) + ";");
    }
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    const auto results = together({"undo"});
    EXPECT_EQ(failures(results), "");
    EXPECT_EQ(query("SELECT COUNT(*), MAX(x) FROM t"), (rows{{std::to_string(20 - n), std::to_string(21 - n)}}));
    EXPECT_EQ(query("SELECT COUNT(*), COUNT(DISTINCT version), MIN(CAST(version AS INT)) FROM flyway_schema_history "
                    "WHERE type = 'UNDO_SQL'"),
              (rows{{std::to_string(n), std::to_string(n), std::to_string(22 - n)}}));
}

TEST_P(SqliteLock, RacingRepairsThenMigratesRecordTheFixedMigrationOnce) {
    migration("V1__t.sql", "CREATE TABLE t (x INT);");
    // Fails after its first statement, outside a transaction: a failed row stays.
    migration("V2__half.sql", "PRAGMA foreign_keys = ON;\nINSERT INTO t VALUES (2);\nINSERT INTO missing VALUES (1);");
    ASSERT_EQ(jetway({"-mixed=true", "migrate"}).exit_code, 1);
    ASSERT_EQ(query("SELECT COUNT(*) FROM flyway_schema_history WHERE success = 0"), (rows{{"1"}}));
    migration("V2__half.sql", "PRAGMA foreign_keys = ON;\nINSERT INTO t VALUES (20);");
    const auto results = together({"-mixed=true", "repair", "migrate"});
    EXPECT_EQ(failures(results), "");
    EXPECT_EQ(query("SELECT version, success FROM flyway_schema_history ORDER BY installed_rank"),
              (rows{{"1", "1"}, {"2", "1"}}));
    EXPECT_EQ(query("SELECT group_concat(x) FROM (SELECT x FROM t ORDER BY x)"), (rows{{"2,20"}}))
        << "the half-applied INSERT stays (repair does not undo it); the fixed one ran once";
}

TEST_P(SqliteLock, RacingBaselinesWriteOneRow) {
    const auto results = together({"-baselineVersion=3", "baseline"});
    EXPECT_EQ(failures(results), "");
    EXPECT_EQ(query("SELECT installed_rank, version, type FROM flyway_schema_history"), (rows{{"1", "3", "BASELINE"}}));
}

TEST_P(SqliteLock, RacingCleanThenMigrateLeavesOneCompleteHistory) {
    migration("V1__t.sql", "CREATE TABLE t (x INT);");
    migration("V2__fk.sql", "PRAGMA foreign_keys = ON;\nINSERT INTO t VALUES (2);");
    migration("V3__i.sql", "INSERT INTO t VALUES (3);");
    const auto results = together({"-cleanDisabled=false", "-mixed=true", "clean", "migrate"});
    EXPECT_EQ(failures(results), "");
    EXPECT_EQ(query("SELECT group_concat(version) FROM (SELECT version FROM flyway_schema_history ORDER BY installed_rank)"),
              (rows{{"1,2,3"}}));
    EXPECT_EQ(query("SELECT COUNT(*), SUM(x) FROM t"), (rows{{"2", "5"}}));
}

INSTANTIATE_TEST_SUITE_P(Processes, SqliteLock, ::testing::Values(4, 8, 16),
                         [](const ::testing::TestParamInfo<int>& p) { return std::to_string(p.param); });

// The lock belongs to the process: killed halfway through a migration, it leaves nothing
// locked, and the next run (not allowed to wait at all) applies what was left.
TEST_F(SqliteLock, AKilledMigratorLeavesTheFileUnlocked) {
    migration("V1__t.sql", "CREATE TABLE t (x INT);");
    const auto started = dir_ / "started";
    migration("V2__slow.sh", "#!/bin/sh\nif [ ! -e '" + started.string() + "' ]; then touch '" + started.string() +
                                 "'; exec sleep 600; fi\nsqlite3 \"${FLYWAY_URL#jdbc:sqlite:}\" 'INSERT INTO t VALUES (2)'\n");
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ::setpgid(0, 0);  // its own group, so the kill takes the script with it
        const std::string binary = std::string(JW_TEST_BUILD_DIR) + "/bin/jetway";
        const std::string locations = "-locations=filesystem:" + (dir_ / "sql").string();
        const std::string target = url();
        ::execl(binary.c_str(), binary.c_str(), target.c_str(), locations.c_str(), "-q", "migrate", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::setpgid(pid, pid);
    for (int i = 0; i < 3000 && !std::filesystem::exists(started); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(std::filesystem::exists(started)) << "the first migrator never reached its script";
    ::kill(-pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));

    const auto r = jetway({"-lockRetryCount=0", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT version, success FROM flyway_schema_history ORDER BY installed_rank"), (rows{{"1", "1"}, {"2", "1"}}));
    EXPECT_EQ(query("SELECT COUNT(*) FROM t"), (rows{{"1"}}));
}

// While one run holds the lock, another that may not wait says so and who holds it.
TEST_F(SqliteLock, AWaiterThatGivesUpNamesTheHolder) {
    const auto started = dir_ / "started";
    const auto release = dir_ / "release";
    migration("V1__wait.sh", "#!/bin/sh\ntouch '" + started.string() + "'\nwhile [ ! -e '" + release.string() +
                                 "' ]; do sleep 0.05; done\n");
    std::thread holder([&] { EXPECT_EQ(jetway({"migrate"}).exit_code, 0); });
    for (int i = 0; i < 3000 && !std::filesystem::exists(started); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const auto r = jetway({"-lockRetryCount=0", "migrate"});
    jetway::test::write_file(release, "");
    holder.join();
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Number of retries exceeded while attempting to acquire the migration lock of SQLite database '" +
                         db().string() + "'. Configure the number of retries with the 'lockRetryCount' configuration option. "
                                         "The lock on \"main\".\"flyway_schema_history\" is held by process "),
              std::string::npos)
        << r.err;
    EXPECT_EQ(query("SELECT COUNT(*) FROM flyway_schema_history"), (rows{{"1"}}));
}

}  // namespace
