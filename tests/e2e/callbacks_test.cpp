// SPDX-License-Identifier: Apache-2.0
// SQL callbacks (spec §9): the events of migrate, in order, inside the transactions they belong to.
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
