// SPDX-License-Identifier: Apache-2.0
// SQL callbacks (spec §9): the events of migrate, in order, inside the transactions they belong to.
#include <nlohmann/json.hpp>

#include <sstream>

#include "sqlite_fixture.hpp"

using jetway::test::rows;

namespace {

class Callbacks : public jetway::test::SqliteProject {};

TEST_F(Callbacks, MigrateFiresItsEventsInFlywaysOrder) {
    migration("V1__log.sql", "CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT);");
    migration("V2__a.sql", "CREATE TABLE a (x INT);");
    migration("R__r.sql", "SELECT 1;");
    for (const char* event : {"beforeMigrate", "beforeEachMigrate", "afterEachMigrate", "afterVersioned",
                              "beforeRepeatables", "afterMigrateApplied", "afterMigrate"}) {
        migration(std::string(event) + ".sql",
                  "CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT);\n"
                  "INSERT INTO events (name) VALUES ('" + std::string(event) + "');");
    }
    const auto r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    rows names = query("SELECT name FROM events ORDER BY seq");
    std::vector<std::string> flat;
    for (const auto& row : names) flat.push_back(row[0]);
    EXPECT_EQ(flat, (std::vector<std::string>{"beforeMigrate", "beforeEachMigrate", "afterEachMigrate", "beforeEachMigrate",
                                              "afterEachMigrate", "afterVersioned", "beforeRepeatables", "beforeEachMigrate",
                                              "afterEachMigrate", "afterMigrateApplied", "afterMigrate"}));
    EXPECT_NE(r.err.find("Executing SQL callback: beforeMigrate\n"), std::string::npos) << r.err;
    EXPECT_EQ(history().size(), 3u) << "callbacks are not migrations";
}

TEST_F(Callbacks, EachMigrateErrorRunsAndTheMigrationRollsBack) {
    migration("V1__bad.sql", "CREATE TABLE a (x INT);\nINSERT INTO nowhere VALUES (1);");
    migration("afterEachMigrateError.sql", "SELECT 'noted';");
    migration("afterMigrateError__note.sql", "SELECT 'migrate failed';");
    const auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Executing SQL callback: afterEachMigrateError"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Executing SQL callback: afterMigrateError - note"), std::string::npos) << r.err;
    EXPECT_TRUE(query("SELECT name FROM sqlite_master WHERE name = 'a'").empty());
}

TEST_F(Callbacks, FailingCallbackNamesItsEvent) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("beforeMigrate.sql", "INSERT INTO nowhere VALUES (1);");
    const auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("ERROR: Error while executing beforeMigrate callback: Failed to execute script beforeMigrate.sql"),
              std::string::npos) << r.err;
}

TEST_F(Callbacks, SkipDefaultCallbacksAndCallbackLocations) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    jetway::test::write_file(dir_ / "callbacks" / "afterMigrate.sql", "CREATE TABLE from_callback (x INT);");
    ASSERT_EQ(jetway({"-callbackLocations=filesystem:" + (dir_ / "callbacks").string(), "-skipDefaultCallbacks=true", "migrate"}).exit_code, 0);
    EXPECT_TRUE(query("SELECT name FROM sqlite_master WHERE name = 'from_callback'").empty());
    ASSERT_EQ(jetway({"-callbackLocations=filesystem:" + (dir_ / "callbacks").string(), "migrate"}).exit_code, 0);
    EXPECT_FALSE(query("SELECT name FROM sqlite_master WHERE name = 'from_callback'").empty());
}

}  // namespace

namespace {

class JsonEventsPlugin : public jetway::test::SqliteProject {};

TEST_F(JsonEventsPlugin, WritesOneJsonLinePerEvent) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("V2__bad.sql", "INSERT INTO nowhere VALUES (1);");
    const auto r = jetway({"-callbacks=json_events", "-plugins.json_events.file=events.jsonl", "migrate"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    std::vector<nlohmann::json> events;
    std::stringstream lines(jetway::test::read_file(dir_ / "events.jsonl"));
    for (std::string line; std::getline(lines, line);) events.push_back(nlohmann::json::parse(line));
    std::vector<std::string> names;
    for (const auto& e : events) names.push_back(e["event"]);
    EXPECT_EQ(names, (std::vector<std::string>{"afterConnect", "beforeValidate", "afterValidate", "createSchema",
                                               "beforeCreateSchema", "beforeMigrate", "beforeEachMigrate",
                                               "beforeEachMigrateStatement", "afterEachMigrateStatement",
                                               "afterEachMigrate", "beforeEachMigrate", "beforeEachMigrateStatement",
                                               "afterEachMigrateStatementError", "afterEachMigrateError",
                                               "afterMigrateError"}));
    const auto& first = events.at(9);
    EXPECT_EQ(first["migration"]["script"], "V1__a.sql");
    EXPECT_EQ(first["migration"]["version"], "1");
    EXPECT_EQ(first["outcome"], "ok");
    EXPECT_EQ(events.at(13)["outcome"], "error");
    EXPECT_EQ(events.at(13)["migration"]["description"], "bad");
    EXPECT_EQ(first["time"].get<std::string>().back(), 'Z');
}

}  // namespace
