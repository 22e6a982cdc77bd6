// SPDX-License-Identifier: Apache-2.0
// info, validate, baseline, repair, clean, undo and dry run through the CLI (spec §1.4-§1.9,
// §12.3, §13).
#include <sys/stat.h>

#include "sqlite_fixture.hpp"

using jetway::test::rows;

namespace {

class Commands : public jetway::test::SqliteProject {};

TEST_F(Commands, InfoTableShowsAppliedAndPending) {
    migration("V1__Create_person_table.sql", "CREATE TABLE person (id INT);");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    migration("R__People_view.sql", "DROP VIEW IF EXISTS people; CREATE VIEW people AS SELECT * FROM person;");
    const auto r = jetway({"info"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string installed = query("SELECT substr(installed_on, 1, 19) FROM flyway_schema_history")[0][0];
    EXPECT_EQ(r.out,
              "Schema version: 1\n\n"
              "+------------+---------+---------------------+------+---------------------+---------+----------+\n"
              "| Category   | Version | Description         | Type | Installed On        | State   | Undoable |\n"
              "+------------+---------+---------------------+------+---------------------+---------+----------+\n"
              "| Versioned  | 1       | Create person table | SQL  | " + installed + " | Success | No       |\n"
              "| Repeatable |         | People view         | SQL  |                     | Pending |          |\n"
              "+------------+---------+---------------------+------+---------------------+---------+----------+\n");
}

TEST_F(Commands, InfoBeforeAnythingIsAppliedWritesNothing) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    const auto r = jetway({"info"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Schema version: << Empty Schema >>"), std::string::npos);
    EXPECT_NE(r.out.find("| Pending |"), std::string::npos);
    EXPECT_NE(r.err.find("Schema history table \"main\".\"flyway_schema_history\" does not exist yet"), std::string::npos) << r.err;
    EXPECT_TRUE(query("SELECT name FROM sqlite_master").empty()) << "info creates nothing";
}

TEST_F(Commands, ValidateReportsPendingAndMissing) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("V2__b.sql", "CREATE TABLE b (x INT);");
    ASSERT_EQ(jetway({"-target=1", "migrate"}).exit_code, 0);
    auto r = jetway({"validate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Detected resolved migration not applied to database: 2.\nTo fix this error, either run "
                         "migrate, or set -ignoreMigrationPatterns='*:pending'."),
              std::string::npos) << r.err;
    EXPECT_EQ(jetway({"-ignoreMigrationPatterns=*:pending", "validate"}).exit_code, 0);
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    std::filesystem::remove(dir_ / "sql" / "V1__a.sql");
    r = jetway({"validate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Detected applied migration not resolved locally: 1.\nIf you removed this migration "
                         "intentionally, run repair to mark the migration as deleted."),
              std::string::npos) << r.err;
    const auto bad = jetway({"-ignoreMigrationPatterns=*:gone", "validate"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("Invalid migration state 'gone'. Valid states are: [*, missing, pending, ignored, future]"),
              std::string::npos) << bad.err;
}

TEST_F(Commands, RepairMarksMissingDeletedAndRealignsChecksums) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("V2__b.sql", "CREATE TABLE b (x INT);");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    std::filesystem::remove(dir_ / "sql" / "V1__a.sql");
    migration("V2__b.sql", "CREATE TABLE b (x INT); -- edited");
    const auto r = jetway({"repair"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("Repairing Schema History table for version \"1\" (Marking as DELETED)  ..."), std::string::npos) << r.err;
    const rows h = history();
    ASSERT_EQ(h.size(), 3u);
    EXPECT_EQ(h[2][1], "1");
    EXPECT_EQ(h[2][3], "DELETE");
    EXPECT_EQ(jetway({"validate"}).exit_code, 0) << "repaired: the deleted V1 and the edited V2 validate";
    const auto info = jetway({"info"});
    EXPECT_NE(info.out.find("| Deleted |"), std::string::npos) << info.out;
}

TEST_F(Commands, BaselineWritesFlywaysRowAndRefusesTwice) {
    ASSERT_EQ(jetway({"-baselineVersion=5", "-baselineDescription=Legacy", "baseline"}).exit_code, 0);
    EXPECT_EQ(history(), (rows{{"1", "5", "Legacy", "BASELINE", "Legacy", "NULL", "1"}}));
    auto r = jetway({"-baselineVersion=5", "-baselineDescription=Legacy", "baseline"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.err.find("already initialized with (5,Legacy). Skipping."), std::string::npos) << r.err;
    r = jetway({"-baselineVersion=6", "baseline"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Unable to baseline schema history table \"main\".\"flyway_schema_history\" with (6,<< Flyway "
                         "Baseline >>) as it has already been baselined with (5,Legacy)"),
              std::string::npos) << r.err;
    migration("V4__old.sql", "CREATE TABLE old (x INT);");
    migration("V6__new.sql", "CREATE TABLE new (x INT);");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    EXPECT_EQ(history().size(), 2u);
    const auto info = jetway({"info"});
    EXPECT_NE(info.out.find("| Below Baseline |"), std::string::npos) << info.out;
}

TEST_F(Commands, CleanIsRefusedByDefaultThenDropsEverything) {
    migration("V1__a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT); CREATE VIEW v AS SELECT * FROM a;"
                           "INSERT INTO a DEFAULT VALUES;");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    auto r = jetway({"clean"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("\nERROR: Unable to execute clean as it has been disabled with the 'flyway.cleanDisabled' property.\n"),
              std::string::npos) << r.err;
    EXPECT_FALSE(query("SELECT name FROM sqlite_master WHERE name = 'a'").empty());
    r = jetway({"-cleanDisabled=false", "clean"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("Successfully cleaned schema \"main\""), std::string::npos) << r.err;
    EXPECT_EQ(query("SELECT name FROM sqlite_master WHERE name <> 'sqlite_sequence'"), rows{});
    EXPECT_EQ(query("SELECT COUNT(*) FROM sqlite_sequence"), (rows{{"0"}}));
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0) << "a cleaned database migrates from scratch";
}

TEST_F(Commands, UndoRunsTheUndoScriptAndMigrateReappliesIt) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("V2__b.sql", "CREATE TABLE b (x INT);");
    migration("U2__b.sql", "DROP TABLE b;");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    auto r = jetway({"undo"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("Undoing migration of schema \"main\" to version \"2 - b\""), std::string::npos) << r.err;
    EXPECT_TRUE(query("SELECT name FROM sqlite_master WHERE name = 'b'").empty());
    rows h = history();
    ASSERT_EQ(h.size(), 3u);
    EXPECT_EQ(h[2][1], "2");
    EXPECT_EQ(h[2][3], "UNDO_SQL");
    EXPECT_EQ(h[2][4], "U2__b.sql");
    const auto info = jetway({"info"});
    EXPECT_NE(info.out.find("| Undone  |"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("Schema version: 1\n"), std::string::npos) << info.out;
    r = jetway({"undo"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Unable to undo migration to version 1: no undo migration U1__*.sql was found"), std::string::npos) << r.err;
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    EXPECT_FALSE(query("SELECT name FROM sqlite_master WHERE name = 'b'").empty());
    EXPECT_EQ(history().size(), 4u);
}

TEST_F(Commands, DryRunWritesEveryStatementAndChangesNothing) {
    migration("V1__a.sql", "CREATE TABLE ${t} (x INT);\nINSERT INTO ${t} VALUES (1);\n");
    migration("R__v.sql", "CREATE VIEW v AS SELECT * FROM ${t};");
    ASSERT_EQ(jetway::test::run_process({"/usr/bin/sqlite3", db().string(), "PRAGMA user_version = 1;"}).exit_code, 0);
    const std::string before = jetway::test::read_file(db());
    // SQLite's own read-only mode: any write would fail.
    std::vector<std::string> argv{std::string(JW_TEST_BUILD_DIR) + "/bin/jetway", "-url=jdbc:sqlite:file:" + db().string() + "?mode=ro",
                                  "-locations=filesystem:" + (dir_ / "sql").string(), "-placeholders.t=items",
                                  "-dryRunOutput=" + (dir_ / "dry.sql").string(), "migrate"};
    const auto r = jetway::test::run_process(argv, {}, dir_.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(jetway::test::read_file(db()), before) << "the database file is untouched";
    const std::string dry = jetway::test::read_file(dir_ / "dry.sql");
    const auto pos_create_history = dry.find("CREATE TABLE \"main\".\"flyway_schema_history\"");
    const auto pos_table = dry.find("CREATE TABLE items (x INT);");
    const auto pos_insert = dry.find("INSERT INTO items VALUES (1);");
    const auto pos_row1 = dry.find("INSERT INTO \"main\".\"flyway_schema_history\" (\"installed_rank\"");
    const auto pos_view = dry.find("CREATE VIEW v AS SELECT * FROM items;");
    ASSERT_NE(pos_create_history, std::string::npos) << dry;
    ASSERT_NE(pos_table, std::string::npos) << dry;
    ASSERT_NE(pos_insert, std::string::npos) << dry;
    ASSERT_NE(pos_row1, std::string::npos) << dry;
    ASSERT_NE(pos_view, std::string::npos) << dry;
    EXPECT_LT(pos_create_history, pos_table);
    EXPECT_LT(pos_insert, pos_row1);
    EXPECT_LT(pos_row1, pos_view);
    EXPECT_NE(dry.find("VALUES (1, '1', 'a', 'SQL', 'V1__a.sql', "), std::string::npos) << dry;
    EXPECT_NE(dry.find("VALUES (2, NULL, 'v', 'SQL', 'R__v.sql', "), std::string::npos) << dry;
}

}  // namespace
