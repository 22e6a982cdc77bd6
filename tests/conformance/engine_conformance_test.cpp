// SPDX-License-Identifier: Apache-2.0
// The engine behaviour every driver must show through the CLI, written in SQL all three
// databases take. Built once per driver (see CMakeLists.txt); checksums and history rows must
// come out identical everywhere, because they are computed by the engine, not the database.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "backend.hpp"
#include "test_support.hpp"

using jetway::test::rows;

namespace {

class EngineConformance : public ::testing::Test {
 protected:
    void SetUp() override { db_ = jetway::test::make_backend(dir_.path().string()); }
    void TearDown() override { db_.reset(); }
    void migration(const std::string& name, const std::string& content) { jetway::test::write_file(dir_ / "sql" / name, content); }
    jetway::test::process_result jetway(const std::vector<std::string>& args) {
        std::vector<std::string> argv{std::string(JW_TEST_BUILD_DIR) + "/bin/jetway", "-url=" + db_->url(),
                                      "-locations=filesystem:" + (dir_ / "sql").string()};
        argv.insert(argv.end(), args.begin(), args.end());
        return jetway::test::run_process(argv, {}, dir_.path());
    }
    rows history() {
        return db_->query("SELECT installed_rank, version, description, type, script, checksum, success FROM " +
                          db_->history_table() + " ORDER BY installed_rank");
    }

    jetway::test::scratch_dir dir_;
    std::unique_ptr<jetway::test::backend> db_;
};

TEST_F(EngineConformance, MigrateWritesTheSameRowsOnEveryDatabase) {
    migration("V1__create.sql", "CREATE TABLE item (id INT, name VARCHAR(20));\n");
    migration("V1_1__fill.sql", "INSERT INTO item VALUES (1, '${first}');\nINSERT INTO item VALUES (2, 'semi;colon');\n");
    migration("R__view.sql", "DROP VIEW IF EXISTS item_view;\nCREATE VIEW item_view AS SELECT id, name FROM item;\n");
    auto r = jetway({"-placeholders.first=one", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // Checksums are Flyway's, computed from the files: the same numbers on every database. Genuine
    // Flyway 11.13.2 wrote exactly these rows for these files on SQLite, PostgreSQL and MariaDB.
    EXPECT_EQ(history(), (rows{{"1", "1", "create", "SQL", "V1__create.sql", "-2016423809", "1"},
                               {"2", "1.1", "fill", "SQL", "V1_1__fill.sql", "-188488364", "1"},
                               {"3", "NULL", "view", "SQL", "R__view.sql", "146531506", "1"}}));
    EXPECT_EQ(db_->query("SELECT id, name FROM item_view ORDER BY id"), (rows{{"1", "one"}, {"2", "semi;colon"}}));
    r = jetway({"-placeholders.first=one", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("is up to date. No migration necessary."), std::string::npos) << r.err;
    EXPECT_EQ(history().size(), 3u);
}

TEST_F(EngineConformance, FailedMigrationLeavesWhatTheDatabaseCanPromise) {
    migration("V1__ok.sql", "CREATE TABLE ok_table (x INT);");
    migration("V2__bad.sql", "INSERT INTO ok_table VALUES (1);\nINSERT INTO missing_table VALUES (1);\n");
    const auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Failed to execute script V2__bad.sql"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Line       : 2\n"), std::string::npos) << r.err;
    const rows h = history();
    if (db_->transactional_ddl()) {
        ASSERT_EQ(h.size(), 1u) << "rolled back: no row for V2";
        EXPECT_EQ(db_->query("SELECT COUNT(*) FROM ok_table"), (rows{{"0"}}));
    } else {
        ASSERT_EQ(h.size(), 2u) << "nothing to roll back a DDL with: V2 is recorded as failed";
        EXPECT_EQ(h[1][6], "0");
    }
}

TEST_F(EngineConformance, ValidateCatchesAnEditedMigration) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    migration("V1__a.sql", "CREATE TABLE a (x INT, y INT);");
    const auto r = jetway({"validate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Migration checksum mismatch for migration version 1\n-> Applied to database : "), std::string::npos) << r.err;
    ASSERT_EQ(jetway({"repair"}).exit_code, 0);
    EXPECT_EQ(jetway({"validate"}).exit_code, 0);
}

TEST_F(EngineConformance, BaselineThenMigrateAboveIt) {
    migration("V1__old.sql", "CREATE TABLE old_one (x INT);");
    migration("V2__new.sql", "CREATE TABLE new_one (x INT);");
    ASSERT_EQ(jetway({"baseline"}).exit_code, 0);
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    const rows h = history();
    ASSERT_EQ(h.size(), 2u);
    EXPECT_EQ(h[0], (std::vector<std::string>{"1", "1", "<< Flyway Baseline >>", "BASELINE", "<< Flyway Baseline >>", "NULL", "1"}));
    EXPECT_EQ(h[1][1], "2");
    EXPECT_FALSE(db_->has_table("old_one"));
    EXPECT_TRUE(db_->has_table("new_one"));
}

TEST_F(EngineConformance, UndoAndMigrateAgain) {
    migration("V1__a.sql", "CREATE TABLE undo_me (x INT);");
    migration("U1__a.sql", "DROP TABLE undo_me;");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    ASSERT_EQ(jetway({"undo"}).exit_code, 0);
    EXPECT_FALSE(db_->has_table("undo_me"));
    EXPECT_EQ(history()[1][3], "UNDO_SQL");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    EXPECT_TRUE(db_->has_table("undo_me"));
}

TEST_F(EngineConformance, InfoJsonStates) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("V2__b.sql", "CREATE TABLE b (x INT);");
    ASSERT_EQ(jetway({"-target=1", "migrate"}).exit_code, 0);
    const auto r = jetway({"-outputType=json", "info"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["schemaVersion"], "1");
    ASSERT_EQ(doc["migrations"].size(), 2u);
    EXPECT_EQ(doc["migrations"][0]["state"], "Success");
    EXPECT_EQ(doc["migrations"][1]["state"], "Pending");
}

TEST_F(EngineConformance, CleanThenMigrateFromScratch) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);\nCREATE VIEW av AS SELECT x FROM a;\n");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    ASSERT_EQ(jetway({"-cleanDisabled=false", "clean"}).exit_code, 0);
    EXPECT_FALSE(db_->has_table("a"));
    EXPECT_FALSE(db_->has_table("flyway_schema_history"));
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    EXPECT_TRUE(db_->has_table("a"));
}

TEST_F(EngineConformance, CallbacksRun) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("afterMigrate.sql", "CREATE TABLE IF NOT EXISTS after_log (x INT);\nINSERT INTO after_log VALUES (1);\n");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    EXPECT_EQ(db_->query("SELECT COUNT(*) FROM after_log"), (rows{{"2"}}));
}

}  // namespace
