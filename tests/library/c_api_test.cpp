// SPDX-License-Identifier: Apache-2.0
// libjetway's C API, as a program linking it uses it: SQLite files and the suite's PostgreSQL
// server, the documents compared with what the jetway command prints, errors as results, log
// lines, cancelling from another thread, and eight engines on eight threads (the sanitized job
// runs this program under ThreadSanitizer too).
#include "library_fixture.hpp"

#include "../e2e/sqlite_fixture.hpp"
#include "../postgresql/postgresql_fixture.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace jetway::test {
namespace {

class CApiOnSqlite : public SqliteProject {
 protected:
    settings_list settings() const {
        return {{"url", "jdbc:sqlite:" + db().string()}, {"locations", "filesystem:" + (dir_ / "sql").string()}};
    }
    void two_migrations() {
        migration("V1__create_people.sql", "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n");
        migration("V2__add_email.sql", "ALTER TABLE people ADD COLUMN email TEXT;\nINSERT INTO people (name) VALUES ('Ada');\n");
    }
};

TEST_F(CApiOnSqlite, MigrateAppliesAndReportsWhatTheCommandPrints) {
    two_migrations();
    const engine_ptr engine = make_engine(settings());
    const result_ptr result = run(engine.get(), "migrate");
    EXPECT_EQ(jetway_result_success(result.get()), 1) << jetway_result_json(result.get());
    EXPECT_EQ(jetway_result_exit_code(result.get()), 0);
    EXPECT_EQ(jetway_result_migrations_executed(result.get()), 2);
    EXPECT_STREQ(jetway_result_initial_version(result.get()), "");
    EXPECT_STREQ(jetway_result_target_version(result.get()), "2");
    EXPECT_EQ(jetway_result_error_code(result.get()), nullptr);
    EXPECT_EQ(query("SELECT version, description, script, success FROM flyway_schema_history ORDER BY installed_rank"),
              (rows{{"1", "create people", "V1__create_people.sql", "1"}, {"2", "add email", "V2__add_email.sql", "1"}}));
    EXPECT_EQ(query("SELECT name FROM people"), (rows{{"Ada"}}));

    // The same run by the command, on the same file made afresh: the same document.
    const nlohmann::json from_library = nlohmann::json::parse(jetway_result_json(result.get()));
    std::filesystem::remove(db());
    const nlohmann::json from_cli = cli_document(settings(), {"migrate"});
    EXPECT_EQ(without_timings(from_library), without_timings(from_cli));
    EXPECT_EQ(from_library["migrationsExecuted"], 2);
}

TEST_F(CApiOnSqlite, SeveralCommandsShareOneDocumentAsOnTheCommandLine) {
    two_migrations();
    const engine_ptr engine = make_engine(settings());
    const result_ptr result = run(engine.get(), "migrate info");
    ASSERT_EQ(jetway_result_success(result.get()), 1) << jetway_result_json(result.get());
    const nlohmann::json document = nlohmann::json::parse(jetway_result_json(result.get()));
    ASSERT_EQ(document["individualResults"].size(), 2u);
    EXPECT_EQ(document["individualResults"][1]["schemaVersion"], "2");
    EXPECT_EQ(jetway_result_target_version(result.get()), std::string("2"));

    // A second run on the same engine finds nothing to do.
    const result_ptr again = run(engine.get(), "migrate");
    EXPECT_EQ(jetway_result_migrations_executed(again.get()), 0);
    EXPECT_STREQ(jetway_result_initial_version(again.get()), "2");
    std::filesystem::remove(db());
    EXPECT_EQ(without_timings(document), without_timings(cli_document(settings(), {"migrate", "info"})));
}

TEST_F(CApiOnSqlite, AFailedMigrationIsAResultAndNothingHalfAppliedIsRecorded) {
    migration("V1__ok.sql", "CREATE TABLE a (x INT);\n");
    migration("V2__broken.sql", "CREATE TABLE b (x INT);\nINSERT INTO no_such_table VALUES (1);\n");
    const engine_ptr engine = make_engine(settings());
    const result_ptr result = run(engine.get(), "migrate");
    EXPECT_EQ(jetway_result_success(result.get()), 0);
    EXPECT_EQ(jetway_result_exit_code(result.get()), 1);
    EXPECT_STREQ(jetway_result_error_code(result.get()), "DB_ERROR");  // as the command reports it
    EXPECT_NE(std::string(jetway_result_error_message(result.get())).find("V2__broken.sql"), std::string::npos)
        << jetway_result_error_message(result.get());
    EXPECT_EQ(jetway_result_migrations_executed(result.get()), 1);
    const nlohmann::json document = nlohmann::json::parse(jetway_result_json(result.get()));
    EXPECT_EQ(document["success"], false);
    EXPECT_EQ(query("SELECT version, success FROM flyway_schema_history ORDER BY installed_rank"), (rows{{"1", "1"}}));
    EXPECT_EQ(query("SELECT count(*) FROM sqlite_master WHERE name = 'b'"), (rows{{"0"}}));
    std::filesystem::remove(db());
    EXPECT_EQ(without_timings(document), without_timings(cli_document(settings(), {"migrate"})));
}

TEST_F(CApiOnSqlite, BadSettingsAreRefusedByName) {
    const char* unknown[] = {"url", "jdbc:sqlite:x.db", "noSuchSetting", "1"};
    jetway_options options;
    jetway_options_init(&options);
    options.settings = unknown;
    options.setting_count = 2;
    jetway_result* failure = nullptr;
    EXPECT_EQ(jetway_engine_new(&options, &failure), nullptr);
    ASSERT_NE(failure, nullptr);
    EXPECT_STREQ(jetway_result_error_code(failure), "CONFIGURATION");
    EXPECT_NE(std::string(jetway_result_error_message(failure)).find("noSuchSetting"), std::string::npos);
    EXPECT_EQ(nlohmann::json::parse(jetway_result_json(failure))["error"]["errorCode"], "CONFIGURATION");
    jetway_result_free(failure);

    // A struct from no header at all, and a command the library does not run.
    jetway_options tiny;
    jetway_options_init(&tiny);
    tiny.size = 8;
    EXPECT_EQ(jetway_engine_new(&tiny, &failure), nullptr);
    EXPECT_NE(std::string(jetway_result_error_message(failure)).find("options of size 8"), std::string::npos);
    jetway_result_free(failure);
    const engine_ptr engine = make_engine(settings());
    const result_ptr wrong = run(engine.get(), "migrate nosuch");
    EXPECT_STREQ(jetway_result_error_message(wrong.get()), "Invalid argument: nosuch");
    EXPECT_FALSE(std::filesystem::exists(db())) << "a refused command line ran something";

    // Every command of the command line is there, those that print for a person included.
    const result_ptr plugins = run(engine.get(), "plugins");
    ASSERT_EQ(jetway_result_success(plugins.get()), 1) << jetway_result_json(plugins.get());
    EXPECT_NE(std::string(jetway_result_json(plugins.get())).find("\"sqlite\""), std::string::npos);
}

TEST_F(CApiOnSqlite, EnvironmentAndConfigurationFilesOnlyWhenAsked) {
    two_migrations();
    write_file(dir_ / "flyway.conf", "flyway.placeholders.from_file=yes\n");
    ::setenv("FLYWAY_TARGET", "1", 1);
    const std::string wd = dir_.path().string();
    jetway_options options;
    jetway_options_init(&options);
    options.working_directory = wd.c_str();
    {
        const engine_ptr engine = make_engine(settings(), &options);
        const result_ptr result = run(engine.get(), "migrate");
        EXPECT_EQ(jetway_result_migrations_executed(result.get()), 2) << "FLYWAY_TARGET was read unasked";
    }
    std::filesystem::remove(db());
    options.read_environment = 1;
    options.read_config_files = 1;
    migration("V3__uses_file_placeholder.sql", "CREATE TABLE from_${from_file} (x INT);\n");
    {
        const engine_ptr engine = make_engine(settings(), &options);
        const result_ptr result = run(engine.get(), "migrate");
        EXPECT_EQ(jetway_result_migrations_executed(result.get()), 1) << jetway_result_json(result.get());
        EXPECT_STREQ(jetway_result_target_version(result.get()), "1");
        ::setenv("FLYWAY_TARGET", "latest", 1);
        const result_ptr rest = run(engine.get(), "migrate");  // the engine read its settings once
        EXPECT_EQ(jetway_result_migrations_executed(rest.get()), 0);
    }
    ::unsetenv("FLYWAY_TARGET");
    const engine_ptr engine = make_engine(settings(), &options);
    const result_ptr rest = run(engine.get(), "migrate");
    EXPECT_EQ(jetway_result_migrations_executed(rest.get()), 2) << jetway_result_json(rest.get());
    EXPECT_EQ(query("SELECT count(*) FROM sqlite_master WHERE name = 'from_yes'"), (rows{{"1"}}));
}

struct collected_lines {
    std::mutex mutex;
    std::vector<std::pair<int, std::string>> lines;
    static void log(void* context, int level, const char* message) {
        auto* self = static_cast<collected_lines*>(context);
        const std::lock_guard lock(self->mutex);
        self->lines.emplace_back(level, message);
    }
    bool has(int level, const std::string& part) {
        const std::lock_guard lock(mutex);
        for (const auto& [l, text] : lines)
            if (l == level && text.find(part) != std::string::npos) return true;
        return false;
    }
};

TEST_F(CApiOnSqlite, LogLinesReachTheCallbackWithPasswordsMasked) {
    two_migrations();
    collected_lines seen;
    jetway_options options;
    jetway_options_init(&options);
    options.log = &collected_lines::log;
    options.log_context = &seen;
    settings_list with_password = settings();
    with_password.emplace_back("password", "s3cr3t-pw");
    with_password.emplace_back("outputFile", "ignored.txt");
    const engine_ptr engine = make_engine(with_password, &options);
    const result_ptr result = run(engine.get(), "migrate");
    EXPECT_EQ(jetway_result_success(result.get()), 1);
    EXPECT_TRUE(seen.has(JETWAY_LOG_INFO, "Successfully applied 2 migrations")) << seen.lines.size();
    EXPECT_TRUE(seen.has(JETWAY_LOG_WARN, "outputFile (argument -outputFile) has no effect in libjetway"));
    EXPECT_FALSE(seen.has(JETWAY_LOG_DEBUG, "Executing SQL")) << "debug lines were not asked for";
    for (const auto& [level, text] : seen.lines) EXPECT_EQ(text.find("s3cr3t-pw"), std::string::npos) << text;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "ignored.txt"));

    collected_lines debug;
    options.log_context = &debug;
    options.log_level = JETWAY_LOG_DEBUG;
    std::filesystem::remove(db());
    const engine_ptr verbose = make_engine(settings(), &options);
    const result_ptr again = run(verbose.get(), "migrate");
    EXPECT_TRUE(debug.has(JETWAY_LOG_DEBUG, "Executing SQL: CREATE TABLE people"));
}

TEST_F(CApiOnSqlite, CancelFromAnotherThreadStopsBeforeTheNextStatementAndRollsBack) {
    migration("V1__fast.sql", "CREATE TABLE fast (x INT);\n");
    std::string slow = "CREATE TABLE slow (x INT);\n";
    for (int i = 0; i < 40; ++i)
        slow += "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000) "
                "SELECT count(*) FROM c;\n";
    migration("V2__slow.sql", slow);
    const engine_ptr engine = make_engine(settings());
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        jetway_cancel(engine.get());
    });
    const auto started = std::chrono::steady_clock::now();
    const result_ptr result = run(engine.get(), "migrate");
    const auto took = std::chrono::steady_clock::now() - started;
    canceller.join();
    EXPECT_STREQ(jetway_result_error_code(result.get()), "CANCELLED") << jetway_result_json(result.get());
    EXPECT_NE(std::string(jetway_result_error_message(result.get())).find("of V2__slow.sql"), std::string::npos);
    EXPECT_LT(took, std::chrono::seconds(20)) << "the run went on to the end";
    EXPECT_EQ(query("SELECT version, success FROM flyway_schema_history ORDER BY installed_rank"), (rows{{"1", "1"}}));
    EXPECT_EQ(query("SELECT count(*) FROM sqlite_master WHERE name = 'slow'"), (rows{{"0"}}));

    // The cancel was spent on that run: the next one is not stopped by it.
    migration("V2__slow.sql", "CREATE TABLE slow (x INT);\n");
    const result_ptr next = run(engine.get(), "migrate");
    EXPECT_EQ(jetway_result_success(next.get()), 1) << jetway_result_json(next.get());
}

// One statement that would run for a long time: the driver interrupts it (sqlite3_interrupt).
TEST_F(CApiOnSqlite, CancelInterruptsTheStatementRunning) {
    migration("V1__long.sql", "CREATE TABLE long_one (x INT);\n"
                              "INSERT INTO long_one WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                              "WHERE x < 500000000) SELECT count(*) FROM c;\n");
    const engine_ptr engine = make_engine(settings());
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        jetway_cancel(engine.get());
    });
    const auto started = std::chrono::steady_clock::now();
    const result_ptr result = run(engine.get(), "migrate");
    const auto took = std::chrono::steady_clock::now() - started;
    canceller.join();
    EXPECT_STREQ(jetway_result_error_code(result.get()), "CANCELLED") << jetway_result_json(result.get());
    EXPECT_NE(std::string(jetway_result_error_message(result.get())).find("during line 2 of V1__long.sql"),
              std::string::npos)
        << jetway_result_error_message(result.get());
    EXPECT_LT(took, std::chrono::seconds(5)) << "the statement was not interrupted";
    EXPECT_EQ(query("SELECT count(*) FROM flyway_schema_history WHERE version = '1'"), (rows{{"0"}}));
    EXPECT_EQ(query("SELECT count(*) FROM sqlite_master WHERE name = 'long_one'"), (rows{{"0"}}));
}

class CApiOnPostgresql : public PostgresqlDatabase {};

// pg_sleep(60) is stopped by a cancel request, and the migration rolled back with it.
TEST_F(CApiOnPostgresql, CancelInterruptsTheStatementRunning) {
    migration("V1__sleepy.sql", "CREATE TABLE sleepy (x int);\nSELECT pg_sleep(60);\n");
    const engine_ptr engine = make_engine({{"url", url()}, {"locations", "filesystem:" + (dir_ / "sql").string()}});
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(700));
        jetway_cancel(engine.get());
    });
    const auto started = std::chrono::steady_clock::now();
    const result_ptr result = run(engine.get(), "migrate");
    const auto took = std::chrono::steady_clock::now() - started;
    canceller.join();
    EXPECT_STREQ(jetway_result_error_code(result.get()), "CANCELLED") << jetway_result_json(result.get());
    EXPECT_NE(std::string(jetway_result_error_message(result.get())).find("canceling statement due to user request"),
              std::string::npos)
        << jetway_result_error_message(result.get());
    EXPECT_LT(took, std::chrono::seconds(20)) << "the statement was not interrupted";
    EXPECT_EQ(query("SELECT count(*) FROM flyway_schema_history WHERE version = '1'"), (rows{{"0"}}));
    EXPECT_EQ(query("SELECT to_regclass('public.sleepy') IS NULL"), (rows{{"t"}}));
}

TEST_F(CApiOnPostgresql, MigrateAppliesAndReportsWhatTheCommandPrints) {
    migration("V1__create_people.sql", "CREATE TABLE people (id serial PRIMARY KEY, name text NOT NULL);\n");
    migration("V2__function.sql", "CREATE FUNCTION greet(n text) RETURNS text AS $$ SELECT 'hi ' || n $$ LANGUAGE sql;\n");
    const settings_list settings{{"url", url()}, {"locations", "filesystem:" + (dir_ / "sql").string()}};
    const engine_ptr engine = make_engine(settings);
    const result_ptr result = run(engine.get(), "migrate");
    ASSERT_EQ(jetway_result_success(result.get()), 1) << jetway_result_json(result.get());
    EXPECT_EQ(jetway_result_migrations_executed(result.get()), 2);
    EXPECT_STREQ(jetway_result_target_version(result.get()), "2");
    EXPECT_EQ(query("SELECT greet('x')"), (rows{{"hi x"}}));
    EXPECT_EQ(history().size(), 2u);

    const nlohmann::json from_library = nlohmann::json::parse(jetway_result_json(result.get()));
    query("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    EXPECT_EQ(without_timings(from_library), without_timings(cli_document(settings, {"migrate"})));
}

// Eight engines at once, one per thread, each on a database of its own: half SQLite files, half
// PostgreSQL schemas, every one with its own log callback.
TEST_F(CApiOnPostgresql, EightEnginesOnEightThreads) {
    std::string many;
    for (int v = 1; v <= 12; ++v)
        migration("V" + std::to_string(v) + "__step.sql",
                  "CREATE TABLE t" + std::to_string(v) + " (x INT);\nINSERT INTO t" + std::to_string(v) + " VALUES (" +
                      std::to_string(v) + ");\n");
    std::vector<std::thread> threads;
    std::vector<long long> applied(8, -1);
    std::vector<std::string> versions(8);
    std::vector<collected_lines> logs(8);
    std::atomic<int> ready{0};
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&, i] {
            const bool sqlite = i % 2 == 0;
            settings_list settings{{"locations", "filesystem:" + (dir_ / "sql").string()}};
            if (sqlite) settings.emplace_back("url", "jdbc:sqlite:" + (dir_ / ("engine" + std::to_string(i) + ".db")).string());
            else {
                settings.emplace_back("url", url());
                settings.emplace_back("schemas", "engine_" + std::to_string(i));
            }
            jetway_options options;
            jetway_options_init(&options);
            options.log = &collected_lines::log;
            options.log_context = &logs[i];
            const engine_ptr engine = make_engine(settings, &options);
            ++ready;
            while (ready.load() < 8) std::this_thread::yield();
            const result_ptr result = run(engine.get(), "migrate");
            applied[i] = jetway_result_migrations_executed(result.get());
            versions[i] = jetway_result_target_version(result.get());
        });
    }
    for (std::thread& t : threads) t.join();
    for (int i = 0; i < 8; ++i) {
        EXPECT_EQ(applied[i], 12) << "engine " << i;
        EXPECT_EQ(versions[i], "12") << "engine " << i;
        EXPECT_TRUE(logs[i].has(JETWAY_LOG_INFO, "Successfully applied 12 migrations")) << "engine " << i;
        const bool sqlite = i % 2 == 0;
        // Each callback heard its own engine only.
        EXPECT_FALSE(logs[i].has(JETWAY_LOG_INFO, sqlite ? "PostgreSQL" : "SQLite")) << "engine " << i;
    }
    for (int i = 1; i < 8; i += 2)
        EXPECT_EQ(query("SELECT count(*) FROM engine_" + std::to_string(i) +
                        ".flyway_schema_history WHERE success AND version IS NOT NULL AND type = 'SQL'"),
                  (rows{{"12"}}));
    for (int i = 0; i < 8; i += 2)
        EXPECT_EQ(sqlite_rows(dir_ / ("engine" + std::to_string(i) + ".db"), "SELECT count(*) FROM flyway_schema_history"),
                  (rows{{"12"}}));
}

}  // namespace
}  // namespace jetway::test
