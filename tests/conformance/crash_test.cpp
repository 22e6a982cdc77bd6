// SPDX-License-Identifier: Apache-2.0
// A migrator killed with SIGKILL at seeded random moments, again and again, on every database:
// afterwards the history never claims what did not happen, every migration's effect is there
// exactly once, the lock is free again, and a last run finishes the job.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <random>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "backend.hpp"
#include "test_support.hpp"

extern char** environ;

namespace {

constexpr int migrations = 12;
constexpr int kills = 24;

class CrashSafety : public ::testing::Test {
 protected:
    void SetUp() override {
        db_ = jetway::test::make_backend(dir_.path().string());
        for (int i = 1; i <= migrations; ++i) {
            // IF NOT EXISTS: on MySQL a CREATE commits at once, so a rerun must tolerate it.
            jetway::test::write_file(dir_ / "sql" / ("V" + std::to_string(i) + "__step.sql"),
                                     "CREATE TABLE IF NOT EXISTS crash_t" + std::to_string(i) + " (x INT);\n"
                                     "INSERT INTO crash_t" + std::to_string(i) + " VALUES (" + std::to_string(i) + ");\n"
                                     "INSERT INTO crash_t" + std::to_string(i) + " VALUES (-" + std::to_string(i) + ");\n");
        }
    }
    std::vector<std::string> args() const {
        // A small lockRetryCount: a lock left behind by a killed process would fail fast, not hang.
        return {std::string(JW_TEST_BUILD_DIR) + "/bin/jetway", "-url=" + db_->url(),
                "-locations=filesystem:" + (dir_ / "sql").string(), "-lockRetryCount=5", "-q", "migrate"};
    }
    // Starts a migrate and kills it after `delay`; returns true if it was killed (not finished).
    bool run_and_kill(std::chrono::microseconds delay) {
        auto a = args();
        std::vector<char*> argv;
        for (auto& s : a) argv.push_back(s.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
        pid_t pid = 0;
        EXPECT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
        posix_spawn_file_actions_destroy(&actions);
        std::this_thread::sleep_for(delay);
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        return WIFSIGNALED(status);
    }
    // What every user would check after a crash.
    void check_invariants(const std::string& when) {
        if (!db_->has_table("flyway_schema_history")) return;
        int failed_rows = 0;
        for (const auto& row : db_->query("SELECT version, success FROM flyway_schema_history")) {
            if (row.at(1) != "1") {
                ++failed_rows;
                continue;
            }
            const std::string table = "crash_t" + row.at(0);
            ASSERT_TRUE(db_->has_table(table)) << when << ": history claims V" << row.at(0) << " but its table is missing";
            EXPECT_EQ(db_->query("SELECT COUNT(*) FROM " + table), (jetway::test::rows{{"2"}}))
                << when << ": V" << row.at(0) << " recorded as applied but its rows are not there exactly once";
        }
        for (int i = 1; i <= migrations; ++i) {
            const std::string table = "crash_t" + std::to_string(i);
            if (!db_->has_table(table)) continue;
            const auto count = std::stoi(db_->query("SELECT COUNT(*) FROM " + table).at(0).at(0));
            EXPECT_LE(count, 2) << when << ": V" << i << " ran more than once";
        }
        EXPECT_EQ(failed_rows, 0) << when << ": a killed migrator must not leave a failed row";
    }

    jetway::test::scratch_dir dir_;
    std::unique_ptr<jetway::test::backend> db_;
};

TEST_F(CrashSafety, KilledAtRandomPointsNothingLostNothingTwice) {
    // How long an uninterrupted run takes here decides where the kills may land.
    std::chrono::microseconds full{};
    {
        jetway::test::scratch_dir probe_dir;
        auto probe = jetway::test::make_backend(probe_dir.path().string());
        auto a = args();
        a[1] = "-url=" + probe->url();
        const auto start = std::chrono::steady_clock::now();
        ASSERT_EQ(jetway::test::run_process(a).exit_code, 0);
        full = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
    }

    std::mt19937 random(20261123);  // seeded: a failure is reproducible
    std::uniform_int_distribution<long long> when(0, full.count());
    int killed = 0;
    int databases = 1;
    for (int k = 0; k < kills; ++k) {
        const auto delay = std::chrono::microseconds(when(random));
        if (run_and_kill(delay)) ++killed;
        check_invariants("after kill " + std::to_string(k) + " at " + std::to_string(delay.count()) + " us");
        if (HasFatalFailure()) return;
        // A run that got to the end leaves nothing to interrupt: go on with a fresh database.
        if (db_->has_table("flyway_schema_history") &&
            db_->query("SELECT COUNT(*) FROM flyway_schema_history") == jetway::test::rows{{std::to_string(migrations)}}) {
            const auto fresh = dir_ / ("db" + std::to_string(++databases));
            std::filesystem::create_directories(fresh);
            db_.reset();
            db_ = jetway::test::make_backend(fresh.string());
        }
    }
    const auto last = jetway::test::run_process(args());
    EXPECT_EQ(last.exit_code, 0) << last.err;
    check_invariants("after the final run");
    EXPECT_EQ(db_->query("SELECT COUNT(*) FROM flyway_schema_history"), (jetway::test::rows{{std::to_string(migrations)}}));
    EXPECT_GE(killed, kills / 4) << "too few runs were actually interrupted to prove anything";
}

}  // namespace
