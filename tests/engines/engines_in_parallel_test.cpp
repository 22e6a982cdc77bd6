// SPDX-License-Identifier: Apache-2.0
// Many engines in one process at once, each with its own configuration: 16 on SQLite files and
// 4 on PostgreSQL databases, on 20 threads, sharing the driver, resolver and callback plugins;
// built with JW_TEST_MARIADB_ENGINES (mariadb_engines_in_parallel_tests), 8 on MariaDB databases
// on 8 threads instead. What each run applies and records must be its own; the sanitized job
// runs the first under ThreadSanitizer, which reports any state two engines share without a lock.
#include <jetway/core/configuration.hpp>
#include <jetway/core/connection_pool.hpp>
#include <jetway/core/engine.hpp>
#include <jetway/core/fleet_scheduler.hpp>
#include <jetway/core/plugin_registry.hpp>
#include <jetway/core/plugin_search_path.hpp>

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <functional>
#include <latch>
#include <locale>
#include <thread>
#include <unistd.h>

#ifdef JW_TEST_MARIADB_ENGINES
#include "mariadb_client.hpp"
#include "test_support.hpp"
#else
#include "../e2e/sqlite_fixture.hpp"
#include "../postgresql/postgresql_fixture.hpp"
#endif

namespace jetway::test {
namespace {

struct engine_outcome {
    int applied = -1;
    int applied_again = -1;
    std::string current_version;
    std::string failure;
};

using settings_list = std::vector<std::pair<std::string, std::string>>;

// One engine's whole life on the calling thread: its own registry, configuration and run.
engine_outcome run_engine(const settings_list& settings, const std::filesystem::path& dir) {
    engine_outcome out;
    try {
        core::configuration_inputs in;
        in.arguments = settings;
        in.current_directory = dir;
        const core::configuration config = core::load_configuration(in);
        core::plugin_registry registry(core::plugin_search_path(JW_TEST_BUILD_DIR, {JW_TEST_STUBS_DIR}, dir),
                                       core::engine::plugin_script_services());
        core::engine engine(config, registry, JW_TEST_BUILD_DIR, {});
        out.applied = engine.migrate().migrations_executed;
        out.applied_again = engine.migrate().migrations_executed;
        const core::info_result info = engine.info();
        out.current_version = info.schema_version.value_or("");
    } catch (const std::exception& e) {
        out.failure = e.what();
    }
    return out;
}

// Runs engine i's run(i) on a thread of its own, all of them at once; their outcomes by index.
void warm_up_shared_state() {
    // The program sets up logging before its engines, as the CLI does: spdlog's registry is made
    // on first use inside its (uninstrumented) library, whose order the sanitizer cannot see.
    spdlog::default_logger();
    // libstdc++ fills std::ctype<char>'s narrow() and widen() caches on first use without a
    // lock (std::regex compiles through them): the same bytes written from several threads.
    // Filled here first, as any program's first regex would, they are only read after. This
    // does not depend on a symbolizer, which a suppression by file name would.
    const auto& ctype = std::use_facet<std::ctype<char>>(std::locale());
    for (int c = 1; c < 256; ++c) ctype.narrow(static_cast<char>(c), '\0');
    ctype.widen('a');
}

std::vector<engine_outcome> run_on_threads(int engines, const std::function<engine_outcome(int)>& run) {
    warm_up_shared_state();
    std::vector<engine_outcome> outcomes(engines);
    std::latch start(engines);
    std::vector<std::jthread> threads;
    for (int i = 0; i < engines; ++i)
        threads.emplace_back([&, i] {
            start.arrive_and_wait();  // all at once, not one after another
            outcomes[i] = run(i);
        });
    threads.clear();  // joins them
    return outcomes;
}

// How many migrations the callback plugin's instance reported for one engine.
std::size_t after_each_migrate_events(const std::string& events) {
    std::size_t count = 0;
    for (std::size_t at = events.find("\"afterEachMigrate\""); at != std::string::npos;
         at = events.find("\"afterEachMigrate\"", at + 1))
        ++count;
    return count;
}

// Every other engine keeps its history under another name: the configurations differ.
std::string history_table(int i) { return i % 2 == 0 ? "flyway_schema_history" : "tenant_history"; }
std::string tenant(int i) { return "t" + std::to_string(i); }

// The settings every engine has, whatever its database: its tenant, history table and files.
settings_list common_settings(int i, const std::filesystem::path& dir, const std::string& url) {
    return {{"url", url},
            {"locations", "filesystem:" + (dir / "sql").string()},
            {"table", history_table(i)},
            {"resolvers", "tenant"},
            {"callbacks", "json_events"},
            {"plugins.json_events.file", (dir / ("events" + std::to_string(i) + ".jsonl")).string()},
            {"placeholders.tenant", tenant(i)},
            {"placeholders.tenantScript", (dir / "tenant" / "V4__script.sql").string()}};
}

// The project each engine migrates: one SQL migration, two of the tenant resolver's own and
// one script it names.
void write_project(const std::filesystem::path& dir) {
    write_file(dir / "sql" / "V1__create_marks.sql",
               "CREATE TABLE marks (tenant VARCHAR(20), step INT);\n"
               "INSERT INTO marks (tenant, step) VALUES ('${tenant}', 1);\n");
    write_file(dir / "tenant" / "V4__script.sql", "INSERT INTO marks (tenant, step) VALUES ('${tenant}', 4);\n");
}

rows marks_of(const std::string& name) {
    return {{name, "1"}, {name, "2"}, {name, "3"}, {name, "4"}};
}

#ifndef JW_TEST_MARIADB_ENGINES
constexpr int sqlite_engines = 16;
constexpr int postgresql_engines = 4;

class EnginesInParallel : public PostgresqlDatabase {
 protected:
    void SetUp() override {
        PostgresqlDatabase::SetUp();
        for (int i = 1; i < postgresql_engines; ++i)
            pg_query(conninfo("postgres"), "CREATE DATABASE " + pg_database(i));
    }
    void TearDown() override {
        for (int i = 1; i < postgresql_engines; ++i)
            pg_query(conninfo("postgres"), "DROP DATABASE IF EXISTS " + pg_database(i) + " WITH (FORCE)");
        PostgresqlDatabase::TearDown();
    }
    std::string pg_database(int i) const { return i == 0 ? database_ : database_ + "_" + std::to_string(i); }
    std::filesystem::path sqlite_file(int i) const { return dir_ / ("tenant" + std::to_string(i) + ".db"); }

    settings_list settings(int i) const {
        const std::string url = i < sqlite_engines
                                    ? "jdbc:sqlite:" + sqlite_file(i).string()
                                    : "jdbc:postgresql://" + host_ + ":" + port_ + "/" +
                                          pg_database(i - sqlite_engines) + "?user=postgres";
        return common_settings(i, dir_.path(), url);
    }
    std::filesystem::path events_file(int i) const { return dir_ / ("events" + std::to_string(i) + ".jsonl"); }
};

TEST_F(EnginesInParallel, TwentyEnginesOnTwentyThreadsEachApplyAndRecordOnlyTheirOwnRun) {
    write_project(dir_.path());
    constexpr int engines = sqlite_engines + postgresql_engines;
    const std::vector<engine_outcome> outcomes =
        run_on_threads(engines, [&](int i) { return run_engine(settings(i), dir_.path()); });

    const std::string history_query = "SELECT version, script, success FROM ";
    for (int i = 0; i < engines; ++i) {
        SCOPED_TRACE("engine " + std::to_string(i));
        const engine_outcome& o = outcomes[i];
        ASSERT_EQ(o.failure, "");
        EXPECT_EQ(o.applied, 4);
        EXPECT_EQ(o.applied_again, 0);
        EXPECT_EQ(o.current_version, "4");
        const std::string order = " ORDER BY installed_rank";
        const rows marks = i < sqlite_engines
                               ? sqlite_rows(sqlite_file(i), "SELECT tenant, step FROM marks ORDER BY step")
                               : pg_query(conninfo(pg_database(i - sqlite_engines)),
                                          "SELECT tenant, step FROM marks ORDER BY step");
        EXPECT_EQ(marks, marks_of(tenant(i)));
        const std::string history = history_query + history_table(i) + order;
        const rows recorded = i < sqlite_engines ? sqlite_rows(sqlite_file(i), history)
                                                 : pg_query(conninfo(pg_database(i - sqlite_engines)), history);
        const std::string yes = i < sqlite_engines ? "1" : "t";
        EXPECT_EQ(recorded, (rows{{"1", "V1__create_marks.sql", yes},
                                  {"2", "tenant.MarkTwo", yes},
                                  {"3", "tenant.MarkThree", yes},
                                  {"4", "tenant/V4__script.sql", yes}}));
        // The callback plugin's instance wrote this engine's events, each migration once.
        const std::string events = read_file(events_file(i));
        EXPECT_EQ(after_each_migrate_events(events), 4u) << events;
    }
}

// A fleet's way (issue 21): the scheduler's workers share one registry and one pool of
// sessions, and the twelve PostgreSQL targets are schemas of one database that take turns on
// them. Under ThreadSanitizer this is the registry's lock, the pool's and the scheduler's.
TEST_F(EnginesInParallel, AFleetSharesOneRegistryAndPooledSessionsBetweenItsWorkers) {
    write_project(dir_.path());
    constexpr int schema_targets = 12, file_targets = 8;
    std::vector<core::fleet_target> targets;
    for (int i = 0; i < schema_targets; ++i) targets.push_back({url(), {tenant(i)}, {}, "test"});
    for (int i = 0; i < file_targets; ++i)
        targets.push_back({"jdbc:sqlite:" + sqlite_file(i).string(), {}, {}, "test"});
    core::plugin_registry registry(core::plugin_search_path(JW_TEST_BUILD_DIR, {JW_TEST_STUBS_DIR}, dir_.path()),
                                   core::engine::plugin_script_services());
    core::connection_pool sessions;
    std::vector<engine_outcome> outcomes(targets.size());
    warm_up_shared_state();
    const std::vector<bool> started = core::run_fleet(targets, {6, 3, false}, [&](std::size_t i) {
        engine_outcome& out = outcomes[i];
        try {
            core::configuration_inputs in;
            in.arguments = common_settings(static_cast<int>(i), dir_.path(), targets[i].url);
            if (!targets[i].schemas.empty()) in.arguments.emplace_back("schemas", targets[i].schemas[0]);
            in.arguments.emplace_back("placeholders.tenant", "f" + std::to_string(i));
            in.current_directory = dir_.path();
            const core::configuration config = core::load_configuration(in);
            core::engine engine(config, registry, JW_TEST_BUILD_DIR, {}, &sessions);
            out.applied = engine.migrate().migrations_executed;
            out.current_version = engine.info().schema_version.value_or("");
        } catch (const std::exception& e) {
            out.failure = e.what();
        }
        return out.failure.empty();
    });
    for (std::size_t i = 0; i < targets.size(); ++i) {
        SCOPED_TRACE("target " + std::to_string(i));
        EXPECT_TRUE(started[i]);
        ASSERT_EQ(outcomes[i].failure, "");
        EXPECT_EQ(outcomes[i].applied, 4);
        EXPECT_EQ(outcomes[i].current_version, "4");
        const std::string marks = "SELECT tenant, step FROM marks ORDER BY step";
        const std::string name = "f" + std::to_string(i);
        if (i < schema_targets)
            EXPECT_EQ(pg_query(conninfo(database_), "SELECT tenant, step FROM " + tenant(static_cast<int>(i)) +
                                                        ".marks ORDER BY step"),
                      marks_of(name));
        else
            EXPECT_EQ(sqlite_rows(sqlite_file(static_cast<int>(i - schema_targets)), marks), marks_of(name));
    }
    // Every session the fleet opened is still in the pool: at most three (the per-server bound)
    // served the twelve schemas.
    const int opened = std::stoi(pg_query(conninfo(database_), "SELECT count(*) FROM pg_stat_activity WHERE "
                                                                 "datname = current_database() AND pid <> pg_backend_pid()")[0][0]);
    EXPECT_GE(opened, 1);
    EXPECT_LE(opened, 3);
}

#else
constexpr int mariadb_engines = 8;

// A database per engine on the suite's MariaDB server (tests/mysql), reached over TCP.
class MariadbEnginesInParallel : public ::testing::Test {
 protected:
    void SetUp() override {
        const suite_mariadb server = read_suite_mariadb(JW_TEST_SERVERS_DIR);
        server_url_ = server.url;
        socket_ = server.socket;
        ASSERT_FALSE(server_url_.empty()) << "no MariaDB server for this suite";
        const std::string prefix = "jw_par_" + std::to_string(::getpid());
        std::string create;
        for (int i = 0; i < mariadb_engines; ++i) {
            databases_.push_back(prefix + "_" + std::to_string(i));
            create += "CREATE DATABASE " + databases_.back() + ";";
        }
        sql(create);
    }
    void TearDown() override {
        std::string drop;
        for (const std::string& database : databases_) drop += "DROP DATABASE IF EXISTS " + database + ";";
        if (!drop.empty()) sql(drop);
    }
    rows sql(const std::string& statements, const std::string& database = "") const {
        return mariadb_client({"--socket=" + socket_}, statements, database);
    }
    // jdbc:mariadb://host:port/?user=... with the engine's database.
    std::string url(int i) const {
        const auto q = server_url_.find("/?");
        return server_url_.substr(0, q) + "/" + databases_[i] + server_url_.substr(q + 1);
    }

    scratch_dir dir_;
    std::string server_url_, socket_;
    std::vector<std::string> databases_;
};

// The MySQL driver's connections made on eight threads at once: Connector/C++'s driver instance
// and the client library's set-up are process-wide, each connection's session is its own.
TEST_F(MariadbEnginesInParallel, EightEnginesOnEightThreadsEachApplyAndRecordOnlyTheirOwnRun) {
    write_project(dir_.path());
    const std::vector<engine_outcome> outcomes = run_on_threads(
        mariadb_engines, [&](int i) { return run_engine(common_settings(i, dir_.path(), url(i)), dir_.path()); });

    for (int i = 0; i < mariadb_engines; ++i) {
        SCOPED_TRACE("engine " + std::to_string(i) + " on " + databases_[i]);
        const engine_outcome& o = outcomes[i];
        ASSERT_EQ(o.failure, "");
        EXPECT_EQ(o.applied, 4);
        EXPECT_EQ(o.applied_again, 0);
        EXPECT_EQ(o.current_version, "4");
        const std::string& database = databases_[i];
        EXPECT_EQ(sql("SELECT tenant, step FROM marks ORDER BY step", database), marks_of(tenant(i)));
        EXPECT_EQ(sql("SELECT version, script, success FROM " + history_table(i) + " ORDER BY installed_rank", database),
                  (rows{{"1", "V1__create_marks.sql", "1"},
                        {"2", "tenant.MarkTwo", "1"},
                        {"3", "tenant.MarkThree", "1"},
                        {"4", "tenant/V4__script.sql", "1"}}));
        // Only its own history table: no other engine's run landed here.
        rows tables{{history_table(i)}, {"marks"}};
        std::sort(tables.begin(), tables.end());
        EXPECT_EQ(sql("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY 1", database),
                  tables);
        const std::string events = read_file(dir_ / ("events" + std::to_string(i) + ".jsonl"));
        EXPECT_EQ(after_each_migrate_events(events), 4u) << events;
    }
}
#endif

}  // namespace
}  // namespace jetway::test
