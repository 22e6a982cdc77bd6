// SPDX-License-Identifier: Apache-2.0
// migrate through the CLI on SQLite (spec §1.3, §6): what lands in the database and in history.
#include <unistd.h>
#include "sqlite_fixture.hpp"

using jetway::test::rows;

namespace {

class Migrate : public jetway::test::SqliteProject {};

TEST_F(Migrate, AppliesVersionedThenRepeatablesAndIsIdempotent) {
    migration("V1__first.sql", "CREATE TABLE a (x INT);\nINSERT INTO a VALUES (1);\n");
    migration("V1_1__second.sql", "INSERT INTO a VALUES (2);");
    migration("R__view.sql", "DROP VIEW IF EXISTS v; CREATE VIEW v AS SELECT COUNT(*) AS n FROM a;");
    auto r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("Successfully applied 3 migrations to schema \"main\", now at version v1.1"), std::string::npos) << r.err;
    const rows h = history();
    ASSERT_EQ(h.size(), 3u);
    EXPECT_EQ(h[0], (std::vector<std::string>{"1", "1", "first", "SQL", "V1__first.sql", h[0][5], "1"}));
    EXPECT_EQ(h[1][1], "1.1");
    EXPECT_EQ(h[2][1], "NULL");
    EXPECT_EQ(h[2][4], "R__view.sql");
    EXPECT_EQ(query("SELECT n FROM v"), (rows{{"2"}}));

    r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("Schema \"main\" is up to date. No migration necessary."), std::string::npos) << r.err;
    EXPECT_EQ(history().size(), 3u);
}

TEST_F(Migrate, FailingMigrationRollsBackLeavesNoRowAndNamesFileLineAndError) {
    migration("V1__ok.sql", "CREATE TABLE a (x INT);");
    migration("V2__bad.sql", "CREATE TABLE b (x INT);\nINSERT INTO b VALUES (1);\nINSERT INTO nowhere VALUES (1);\n");
    const auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("ERROR: Migration of schema \"main\" to version \"2 - bad\" failed! Changes successfully rolled back."),
              std::string::npos) << r.err;
    EXPECT_NE(r.err.find("ERROR: Failed to execute script V2__bad.sql\n"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Message    : no such table: nowhere"), std::string::npos) << r.err;
    // As genuine Flyway 11.13.2 prints it for a filesystem location: the absolute path, twice.
    const std::string path = (dir_ / "sql" / "V2__bad.sql").string();
    EXPECT_NE(r.err.find("Location   : " + path + " (" + path + ")"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("SQL State  : null\n"), std::string::npos) << "SQLite has no SQLSTATE; Flyway prints null\n" << r.err;
    EXPECT_NE(r.err.find("Line       : 3\n"), std::string::npos) << r.err;
    const rows h = history();
    ASSERT_EQ(h.size(), 1u) << "V1 applied, no row for V2";
    EXPECT_EQ(h[0][1], "1");
    EXPECT_TRUE(query("SELECT name FROM sqlite_master WHERE name = 'b'").empty()) << "V2's table was rolled back";
}

TEST_F(Migrate, BatchOnSqliteRunsEveryStatementAndStillNamesTheFailingLine) {
    // SQLite has no round trips to save: batch=true changes nothing but must not break anything.
    migration("V1__rows.sql", "CREATE TABLE a (x INT PRIMARY KEY);\nINSERT INTO a VALUES (1);\nINSERT INTO a VALUES (2);\n");
    migration("V2__bad.sql", "INSERT INTO a VALUES (3);\nINSERT INTO a VALUES (1);\n");
    const auto r = jetway({"-batch=true", "migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Line       : 2\nStatement  : INSERT INTO a VALUES (1)"), std::string::npos) << r.err;
    EXPECT_EQ(query("SELECT x FROM a ORDER BY x"), (rows{{"1"}, {"2"}}));
    EXPECT_EQ(history().size(), 1u);
}

TEST_F(Migrate, ParseErrorStopsBeforeAnyStatementRuns) {
    migration("V1__broken.sql", "CREATE TABLE a (x INT);\nINSERT INTO a VALUES ('unterminated);\n");
    const auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Unable to parse statement in V1__broken.sql: Incomplete statement at line 2 col 1"), std::string::npos) << r.err;
    EXPECT_TRUE(query("SELECT name FROM sqlite_master WHERE name = 'a'").empty());
}

TEST_F(Migrate, UnknownPlaceholderNamesFileAndLine) {
    migration("V1__p.sql", "SELECT 1;\nCREATE TABLE ${missing} (x INT);");
    const auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("ERROR: Unable to parse statement in " + (dir_ / "sql" / "V1__p.sql").string() +
                         " at line 1 col 1. See https://rd.gt/3ipi7Pm for more information. No value provided for "
                         "placeholder: ${missing}.  Check your configuration!\n(the placeholder is at line 2)"),
              std::string::npos) << r.err;
    EXPECT_EQ(history().size(), 0u);
}

TEST_F(Migrate, TargetStopsAtVersionAndNextTakesOne) {
    for (int v = 1; v <= 4; ++v) migration("V" + std::to_string(v) + "__m.sql", "CREATE TABLE t" + std::to_string(v) + " (x INT);");
    ASSERT_EQ(jetway({"-target=2", "migrate"}).exit_code, 0);
    EXPECT_EQ(history().size(), 2u);
    ASSERT_EQ(jetway({"-target=next", "migrate"}).exit_code, 0);
    EXPECT_EQ(history().size(), 3u);
    const auto missing = jetway({"-target=9", "migrate"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("No migration with a target version 9 could be found."), std::string::npos) << missing.err;
    ASSERT_EQ(jetway({"-target=9?", "migrate"}).exit_code, 0);
    EXPECT_EQ(history().size(), 4u);
}

TEST_F(Migrate, OutOfOrderMigrationIsIgnoredUnlessAllowed) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("V3__c.sql", "CREATE TABLE c (x INT);");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    migration("V2__b.sql", "CREATE TABLE b (x INT);");
    auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Detected resolved migration not applied to database: 2.\nTo ignore this migration, set "
                         "-ignoreMigrationPatterns='*:ignored'. To allow executing this migration, set -outOfOrder=true."),
              std::string::npos) << r.err;
    r = jetway({"-outOfOrder=true", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const rows h = history();
    ASSERT_EQ(h.size(), 3u);
    EXPECT_EQ(h[2][1], "2");
    const auto info = jetway({"info"});
    EXPECT_NE(info.out.find("| Out of Order |"), std::string::npos) << info.out;
}

TEST_F(Migrate, NonEmptySchemaNeedsBaselineOrBaselineOnMigrate) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("V2__b.sql", "CREATE TABLE b (x INT);");
    jetway::test::run_process({"/usr/bin/sqlite3", db().string(), "CREATE TABLE existing (x INT);"});
    auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Found non-empty schema(s) \"main\" but no schema history table. Use baseline() or set "
                         "baselineOnMigrate to true to initialize the schema history table."),
              std::string::npos) << r.err;
    r = jetway({"-baselineOnMigrate=true", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const rows h = history();
    ASSERT_EQ(h.size(), 2u);
    EXPECT_EQ(h[0], (std::vector<std::string>{"1", "1", "<< Flyway Baseline >>", "BASELINE", "<< Flyway Baseline >>", "NULL", "1"}));
    EXPECT_EQ(h[1][1], "2") << "V1 is at the baseline and is not applied";
    EXPECT_TRUE(query("SELECT name FROM sqlite_master WHERE name = 'a'").empty());
}

TEST_F(Migrate, SkipExecutingInstalledByAndInitSql) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    const auto r = jetway({"-skipExecutingMigrations=true", "-installedBy=deployer", "-initSql=PRAGMA user_version = 7", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(query("SELECT name FROM sqlite_master WHERE name = 'a'").empty());
    EXPECT_EQ(query("SELECT installed_by, success FROM flyway_schema_history"), (rows{{"deployer", "1"}}));
    EXPECT_EQ(query("PRAGMA user_version"), (rows{{"7"}}));
}

TEST_F(Migrate, RepeatableRerunsWhenItsChecksumChanges) {
    migration("V1__t.sql", "CREATE TABLE t (x INT);");
    migration("R__fill.sql", "INSERT INTO t VALUES (${n});");
    ASSERT_EQ(jetway({"-placeholders.n=1", "migrate"}).exit_code, 0);
    ASSERT_EQ(jetway({"-placeholders.n=1", "migrate"}).exit_code, 0);
    ASSERT_EQ(jetway({"-placeholders.n=2", "migrate"}).exit_code, 0);
    EXPECT_EQ(query("SELECT x FROM t ORDER BY x"), (rows{{"1"}, {"2"}}));
    const auto info = jetway({"-placeholders.n=2", "info"});
    EXPECT_NE(info.out.find("| Superseded |"), std::string::npos) << info.out;
}

TEST_F(Migrate, NonTransactionalStatementsAndMixed) {
    migration("V1__fk.sql", "PRAGMA foreign_keys = ON;");
    migration("V2__mixed.sql", "CREATE TABLE a (x INT);\nPRAGMA foreign_keys = OFF;\n");
    auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Detected both transactional and non-transactional statements within the same migration "
                         "(even though mixed is false). Offending statement found at line 2: PRAGMA foreign_keys = OFF "
                         "[non-transactional]\n(in V2__mixed.sql)"),
              std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Migrating schema \"main\" to version \"1 - fk\" [non-transactional]"), std::string::npos) << r.err;
    EXPECT_EQ(history().size(), 1u);
    r = jetway({"-mixed=true", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(history().size(), 2u);
}

TEST_F(Migrate, NonTransactionalFailureRecordsFailedRowAndRepairRemovesIt) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("V2__b.sql", "CREATE TABLE b (x INT);\nINSERT INTO nowhere VALUES (1);");
    jetway::test::write_file(dir_ / "sql" / "V2__b.sql.conf", "executeInTransaction=false\n");
    auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Migration of schema \"main\" to version \"2 - b\" [non-transactional] failed! Please restore "
                         "backups and roll back database and code!"),
              std::string::npos) << r.err;
    rows h = history();
    ASSERT_EQ(h.size(), 2u);
    EXPECT_EQ(h[1][6], "0") << "the half-applied migration is recorded as failed";
    r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Detected failed migration to version 2 (b).\nPlease remove any half-completed changes then "
                         "run repair to fix the schema history."),
              std::string::npos) << r.err;
    ASSERT_EQ(jetway({"repair"}).exit_code, 0);
    EXPECT_EQ(history().size(), 1u);
    jetway::test::write_file(dir_ / "sql" / "V2__b.sql", "CREATE TABLE IF NOT EXISTS b (x INT);");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    EXPECT_EQ(history().size(), 2u);
}

TEST_F(Migrate, GroupAppliesAllInOneTransaction) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("V2__b.sql", "CREATE TABLE b (x INT);");
    migration("V3__bad.sql", "INSERT INTO nowhere VALUES (1);");
    auto r = jetway({"-group=true", "migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_TRUE(query("SELECT name FROM sqlite_master WHERE name IN ('a', 'b')").empty()) << "the whole group rolled back";
    EXPECT_TRUE(query("SELECT name FROM sqlite_master WHERE name = 'flyway_schema_history'").size() == 1);
    EXPECT_EQ(history().size(), 0u);
}

TEST_F(Migrate, ValidateOnMigrateCatchesChangedChecksum) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    const std::string applied = history()[0][5];
    migration("V1__a.sql", "CREATE TABLE a (x INT, y INT);");
    const auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("ERROR: Validate failed: Migrations have failed validation\nMigration checksum mismatch for "
                         "migration version 1\n-> Applied to database : " + applied + "\n-> Resolved locally    : "),
              std::string::npos) << r.err;
}

}  // namespace

namespace {

class MigrateMore : public jetway::test::SqliteProject {};

TEST_F(MigrateMore, ScriptMigrationRunsWithFlywaysEnvironment) {
    migration("V1__t.sql", "CREATE TABLE t (x TEXT);");
    migration("V2__from_shell.sh",
              "#!/bin/sh\nset -e\necho \"script sees $FP__flyway_filename__ and $FP__greeting__\"\n"
              "sqlite3 \"${FLYWAY_URL#jdbc:sqlite:}\" \"INSERT INTO t VALUES ('$FP__greeting__')\"\n");
    const auto r = jetway({"-placeholders.greeting=hello", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("script sees V2__from_shell.sh and hello"), std::string::npos) << r.err;
    EXPECT_EQ(query("SELECT x FROM t"), (jetway::test::rows{{"hello"}}));
    const auto h = history();
    ASSERT_EQ(h.size(), 2u);
    EXPECT_EQ(h[1][3], "SCRIPT");
    EXPECT_EQ(h[1][4], "V2__from_shell.sh");
}

TEST_F(MigrateMore, FailingScriptMigrationFailsTheRun) {
    migration("V1__fail.sh", "#!/bin/sh\necho broken >&2\nexit 3\n");
    const auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Migration failed !\nbroken"), std::string::npos) << r.err;
    // On SQLite a script runs outside the transaction (its own connection would wait on our
    // write lock), so what it did cannot be rolled back: it is recorded as failed.
    const auto h = history();
    ASSERT_EQ(h.size(), 1u);
    EXPECT_EQ(h[0][3], "SCRIPT");
    EXPECT_EQ(h[0][6], "0");
}

TEST_F(MigrateMore, SkipDefaultResolversLeavesFilesAloneButKeepsCallbacks) {
    // The built-in SQL and script resolvers are left out; the callback files still run.
    migration("V1__t.sql", "CREATE TABLE t (x TEXT);");
    migration("V2__s.sh", "#!/bin/sh\nexit 0\n");
    migration("afterMigrate.sql", "CREATE TABLE IF NOT EXISTS after_cb (x INT);");
    const auto r = jetway({"-skipDefaultResolvers=true", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT COUNT(*) FROM sqlite_master WHERE name = 't'"), (jetway::test::rows{{"0"}}));
    EXPECT_EQ(query("SELECT COUNT(*) FROM sqlite_master WHERE name = 'after_cb'"), (jetway::test::rows{{"1"}}));
    for (const auto& row : history()) EXPECT_EQ(row[3], "SCHEMA") << "only the schema marker, no migration";
    // Without the flag the same folder migrates in full.
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    const auto h = history();
    ASSERT_EQ(h.size(), 2u);
    EXPECT_EQ(h[0][3], "SQL");
    EXPECT_EQ(h[1][3], "SCRIPT");
}

TEST_F(MigrateMore, ErrorOverridesTurnAnErrorIntoAWarning) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);\nCREATE TABLE a (x INT);\nINSERT INTO a VALUES (1);\n");
    auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    r = jetway({"-errorOverrides=*:1:W", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("WARNING: DB: table a already exists [SQLITE_ERROR code 1 (SQL logic error)] (SQL State:  - Error Code: 1)"),
              std::string::npos) << r.err;
    EXPECT_EQ(query("SELECT x FROM a"), (jetway::test::rows{{"1"}}));
    const auto bad = jetway({"-errorOverrides=oops", "migrate"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("Invalid errorOverrides entry 'oops'"), std::string::npos) << bad.err;
}

TEST_F(MigrateMore, CherryPickAppliesOnlyThePickedMigrations) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("V2__b.sql", "CREATE TABLE b (x INT);");
    migration("R__r.sql", "SELECT 1;");
    const auto r = jetway({"-cherryPick=1,r", "-ignoreMigrationPatterns=*:ignored", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto h = history();
    ASSERT_EQ(h.size(), 2u);
    EXPECT_EQ(h[0][1], "1");
    EXPECT_EQ(h[1][4], "R__r.sql");
}

// Current Flyway (11.0.1 on) refuses cleanOnValidationError=true wherever it validates, with these
// words; false stays accepted. Older Flyway cleaned the database instead (README: differences).
TEST_F(MigrateMore, CleanOnValidationErrorIsRefusedAsInCurrentFlyway) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    migration("V1__a.sql", "CREATE TABLE a (x INT, y INT);");
    for (const std::string command : {"migrate", "validate"}) {
        const auto r = jetway({"-cleanOnValidationError=true", "-cleanDisabled=false", command});
        EXPECT_EQ(r.exit_code, 1) << command;
        EXPECT_NE(r.err.find("ERROR: cleanOnValidationError has been removed"), std::string::npos) << r.err;
    }
    EXPECT_EQ(query("SELECT COUNT(*) FROM pragma_table_info('a')"), (jetway::test::rows{{"1"}})) << "nothing was cleaned";
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    EXPECT_EQ(jetway({"-cleanOnValidationError=false", "validate"}).exit_code, 0);
}

// Flyway 7-8's ignore<State>Migrations (refused as unknown since Flyway 9) are read as the
// ignoreMigrationPatterns they stand for, with a warning that says what to write instead.
TEST_F(MigrateMore, FlywayEightIgnoreSettingsMapToIgnoreMigrationPatterns) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("V2__b.sql", "CREATE TABLE b (x INT);");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    std::filesystem::remove(dir_ / "sql" / "V1__a.sql");
    auto r = jetway({"validate"});
    EXPECT_EQ(r.exit_code, 1) << "a missing migration fails validation";
    jetway::test::write_file(dir_ / "flyway.conf", "flyway.ignoreMissingMigrations=true\n");
    r = jetway({"validate"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("WARNING: flyway.ignoreMissingMigrations (set by file " + (dir_ / "flyway.conf").string() +
                         ":1) was removed in Flyway 9; Jetway reads it as adding '*:missing' to flyway.ignoreMigrationPatterns. "
                         "Write that setting instead"),
              std::string::npos) << r.err;
    // ignoreFutureMigrations=false takes the default '*:future' away: an applied version newer
    // than every file fails validation, as in Flyway 8.
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    std::filesystem::remove(dir_ / "sql" / "V2__b.sql");
    EXPECT_EQ(jetway({"validate"}).exit_code, 0) << "V2 is a future migration, ignored by default";
    r = jetway({"-ignoreFutureMigrations=false", "validate"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("taking '*:future' out of flyway.ignoreMigrationPatterns"), std::string::npos) << r.err;
}

// Settings Flyway accepts that mean nothing to Jetway are named, with the reason, not ignored silently.
TEST_F(MigrateMore, SettingsWithoutEffectAreNamedWithTheReason) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    const auto r = jetway({"-licenseKey=FL01ABC", "-driver=org.sqlite.JDBC", "-postgresql.transactional.lock=true", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("WARNING: flyway.licenseKey (set by argument -licenseKey) has no effect in Jetway: every feature of Jetway is free"),
              std::string::npos) << r.err;
    EXPECT_NE(r.err.find("WARNING: flyway.driver (set by argument -driver) has no effect in Jetway"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("WARNING: flyway.postgresql.transactional.lock=true (set by argument -postgresql.transactional.lock) "
                         "has no effect in Jetway: on a direct connection its PostgreSQL lock is a session lock held "
                         "outside transactions, so CREATE INDEX CONCURRENTLY does not wait on it, and through a pooler it "
                         "takes a lock inside each transaction by itself"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("FL01ABC"), std::string::npos) << "a licence key is a secret too";
    // false is what Jetway does anyway: nothing to say.
    const auto quiet = jetway({"-postgresql.transactional.lock=false", "info"});
    EXPECT_EQ(quiet.err.find("transactional.lock"), std::string::npos) << quiet.err;
}

TEST_F(MigrateMore, StatementCallbacksRunAroundEachStatement) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);\nINSERT INTO a VALUES (1);\nINSERT INTO a VALUES (2);\n");
    migration("beforeEachMigrateStatement.sql", "CREATE TABLE IF NOT EXISTS seen (n INT); INSERT INTO seen VALUES (1);");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    EXPECT_EQ(query("SELECT COUNT(*) FROM seen"), (jetway::test::rows{{"3"}}));
}

}  // namespace

namespace {

class HostileInput : public jetway::test::SqliteProject {};

TEST_F(HostileInput, NulByteIsAnErrorNotASilentlyDroppedStatement) {
    migration("V1__nul.sql", std::string("CREATE TABLE a (x INT);\n\0INSERT INTO a VALUES (1);\n", 50));
    const auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Unable to run V1__nul.sql: it holds a NUL byte at line 2 (a migration must be text)"), std::string::npos) << r.err;
    EXPECT_EQ(history().size(), 0u);
    EXPECT_TRUE(query("SELECT name FROM sqlite_master WHERE name = 'a'").empty()) << "nothing of it ran";
}

TEST_F(HostileInput, SymlinkLoopsAndNearMissNamesNeitherHangNorCrash) {
    migration("V1__ok.sql", "CREATE TABLE a (x INT);");
    std::filesystem::create_directory_symlink(dir_ / "sql", dir_ / "sql" / "loop");
    for (const char* name : {"v2__lower.sql", "V3_single.sql", "V4.sql.bak", "V5__.sql", "R1__versioned_repeatable.sql"})
        migration(name, "SELECT 1;");
    const auto r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("3 SQL migrations were detected but not run because they did not follow the filename convention."),
              std::string::npos) << r.err;
    const auto h = history();
    ASSERT_EQ(h.size(), 2u) << "V1 and V5 (a version with an empty description)";
    EXPECT_EQ(h[1][1], "5");
}

TEST_F(HostileInput, FiftyThousandFilesInOneLocation) {
    migration("V0__t.sql", "CREATE TABLE t (x INT);");
    for (int v = 1; v <= 50000; ++v)
        migration("V" + std::to_string(v) + "__m.sql", "INSERT INTO t VALUES (" + std::to_string(v) + ");");
    auto r = jetway({"-target=3", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT COUNT(*), SUM(x) FROM t"), (rows{{"3", "6"}}));
    r = jetway({"-infoOfState=pending", "info"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("| Versioned | 50000   | m           | SQL  |              | Pending | No       |"), std::string::npos);
    std::size_t pending = 0;
    for (std::size_t at = r.out.find("| Pending "); at != std::string::npos; at = r.out.find("| Pending ", at + 1)) ++pending;
    EXPECT_EQ(pending, 49997u);
}

TEST_F(HostileInput, MigrationThatCannotBeReadStopsTheRunBeforeAnythingIsApplied) {
    migration("V1__ok.sql", "CREATE TABLE a (x INT);");
    std::filesystem::create_symlink(dir_ / "gone.sql", dir_ / "sql" / "V2__dangling.sql");
    std::filesystem::create_symlink(dir_ / "gone.txt", dir_ / "sql" / "notes.txt");
    const auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("ERROR: Unable to read migration file " + (dir_ / "sql" / "V2__dangling.sql").string() +
                         ": No such file or directory"),
              std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("notes.txt"), std::string::npos) << "a broken link that is not a migration is ignored";
    EXPECT_TRUE(query("SELECT name FROM sqlite_master WHERE name IN ('a', 'flyway_schema_history')").empty())
        << "V1 was not applied without V2";
}

TEST_F(HostileInput, UnreadableMigrationIsAnErrorNamingIt) {
    // chmod does not stop root, and CI runs as root: then Jetway runs as root without the
    // capabilities that bypass file permissions, so the file's mode applies to it as to any
    // account. (Running it as nobody instead fails when the build tree sits in a private home.)
    migration("V1__ok.sql", "CREATE TABLE a (x INT);");
    migration("V2__secret.sql", "CREATE TABLE b (x INT);");
    std::filesystem::permissions(dir_ / "sql" / "V2__secret.sql", std::filesystem::perms::none);
    std::vector<std::string> argv{std::string(JW_TEST_BUILD_DIR) + "/bin/jetway", url(),
                                  "-locations=filesystem:" + (dir_ / "sql").string(), "migrate"};
    if (::geteuid() == 0)
        argv.insert(argv.begin(), {"/usr/bin/setpriv", "--inh-caps=-dac_override,-dac_read_search",
                                   "--bounding-set=-dac_override,-dac_read_search"});
    const auto r = jetway::test::run_process(argv, {"HOME=" + dir_.path().string()}, dir_.path());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Unable to read migration file " + (dir_ / "sql" / "V2__secret.sql").string() +
                         ": Permission denied"),
              std::string::npos) << r.err;
    EXPECT_TRUE(query("SELECT name FROM sqlite_master WHERE name IN ('a', 'b', 'flyway_schema_history')").empty())
        << "V1 was not applied without V2";
}

TEST_F(HostileInput, HundredMegabyteStatementRunsWholeAndAnUnterminatedOneIsNamed) {
    constexpr std::size_t size = 100u << 20;
    migration("V1__big.sql", "CREATE TABLE big (x TEXT);\nINSERT INTO big VALUES ('" + std::string(size, 'x') + "');\n");
    auto r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err.substr(0, 2000);
    EXPECT_EQ(query("SELECT length(x) FROM big"), (rows{{std::to_string(size)}}));
    EXPECT_EQ(history().size(), 1u);

    // The same size, its quote never closed: a clear error naming the file, nothing applied.
    migration("V2__unterminated.sql", "INSERT INTO big VALUES (1);\nINSERT INTO big VALUES ('" + std::string(size, 'y') + "\n");
    r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Unable to parse statement in V2__unterminated.sql: Incomplete statement at line 2"),
              std::string::npos) << r.err.substr(0, 2000);
    EXPECT_LT(r.err.size(), 4096u) << "the message quotes the start of the statement, not 100 MB of it";
    EXPECT_EQ(query("SELECT COUNT(*) FROM big"), (rows{{"1"}}));
    EXPECT_EQ(history().size(), 1u);
}

}  // namespace
