// SPDX-License-Identifier: Apache-2.0
// Many engines in one process at once, each with its own configuration: 16 on SQLite files and
// 4 on PostgreSQL databases, on 20 threads, sharing the driver, resolver and callback plugins.
// What each run applies and records must be its own; the sanitized job runs this under
// ThreadSanitizer, which reports any state two engines share without a lock.
#include <jetway/core/configuration.hpp>
#include <jetway/core/engine.hpp>
#include <jetway/core/plugin_registry.hpp>
#include <jetway/core/plugin_search_path.hpp>

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <latch>
#include <locale>
#include <thread>

#include "../e2e/sqlite_fixture.hpp"
#include "../postgresql/postgresql_fixture.hpp"

namespace jetway::test {
namespace {

constexpr int sqlite_engines = 16;
constexpr int postgresql_engines = 4;

struct engine_outcome {
    int applied = -1;
    int applied_again = -1;
    std::string current_version;
    std::string failure;
};

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
    static std::string tenant(int i) { return "t" + std::to_string(i); }
    // Every other engine keeps its history under another name: the configurations differ.
    static std::string history_table(int i) { return i % 2 == 0 ? "flyway_schema_history" : "tenant_history"; }

    std::vector<std::pair<std::string, std::string>> settings(int i) const {
        const std::string url = i < sqlite_engines
                                    ? "jdbc:sqlite:" + sqlite_file(i).string()
                                    : "jdbc:postgresql://" + host_ + ":" + port_ + "/" +
                                          pg_database(i - sqlite_engines) + "?user=postgres";
        return {{"url", url},
                {"locations", "filesystem:" + (dir_ / "sql").string()},
                {"table", history_table(i)},
                {"resolvers", "tenant"},
                {"callbacks", "json_events"},
                {"plugins.json_events.file", events_file(i).string()},
                {"placeholders.tenant", tenant(i)},
                {"placeholders.tenantScript", (dir_ / "tenant" / "V4__script.sql").string()}};
    }
    std::filesystem::path events_file(int i) const { return dir_ / ("events" + std::to_string(i) + ".jsonl"); }

    // One engine's whole life on the calling thread: its own registry, configuration and run.
    engine_outcome run_engine(int i) const {
        engine_outcome out;
        try {
            core::configuration_inputs in;
            in.arguments = settings(i);
            in.current_directory = dir_.path();
            const core::configuration config = core::load_configuration(in);
            core::plugin_registry registry(
                core::plugin_search_path(JW_TEST_BUILD_DIR, {JW_TEST_STUBS_DIR}, dir_.path()),
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
};

rows marks_of(const std::string& tenant) {
    return {{tenant, "1"}, {tenant, "2"}, {tenant, "3"}, {tenant, "4"}};
}

TEST_F(EnginesInParallel, TwentyEnginesOnTwentyThreadsEachApplyAndRecordOnlyTheirOwnRun) {
    migration("V1__create_marks.sql",
              "CREATE TABLE marks (tenant VARCHAR(20), step INT);\n"
              "INSERT INTO marks (tenant, step) VALUES ('${tenant}', 1);\n");
    write_file(dir_ / "tenant" / "V4__script.sql", "INSERT INTO marks (tenant, step) VALUES ('${tenant}', 4);\n");

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
    constexpr int engines = sqlite_engines + postgresql_engines;
    std::vector<engine_outcome> outcomes(engines);
    std::latch start(engines);
    {
        std::vector<std::jthread> threads;
        for (int i = 0; i < engines; ++i)
            threads.emplace_back([&, i] {
                start.arrive_and_wait();  // all at once, not one after another
                outcomes[i] = run_engine(i);
            });
    }

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
        std::size_t after_each = 0;
        for (std::size_t at = events.find("\"afterEachMigrate\""); at != std::string::npos;
             at = events.find("\"afterEachMigrate\"", at + 1))
            ++after_each;
        EXPECT_EQ(after_each, 4u) << events;
    }
}

}  // namespace
}  // namespace jetway::test
