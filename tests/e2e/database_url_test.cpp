// SPDX-License-Identifier: Apache-2.0
// DATABASE_URL as platforms and ORMs set it for SQLite (file:, sqlite:, sqlite3:, with their
// parameters): the run migrates the file the URL names, and every parameter either takes effect
// or is reported (spec §11; the file: forms are Jetway's, Flyway has no DATABASE_URL).
#include "sqlite_fixture.hpp"

namespace fs = std::filesystem;
using jetway::test::rows;
using jetway::test::sqlite_rows;

namespace {

class DatabaseUrl : public jetway::test::SqliteProject {
 protected:
    void SetUp() override { migration("V1__create.sql", "CREATE TABLE shelves (name TEXT);\n"); }
    /// jetway with no -url, only DATABASE_URL, run from the project directory.
    jetway::test::process_result migrate_with(const std::string& database_url, const std::vector<std::string>& args = {}) {
        std::vector<std::string> argv{std::string(JW_TEST_BUILD_DIR) + "/bin/jetway",
                                      "-locations=filesystem:" + (dir_ / "sql").string()};
        argv.insert(argv.end(), args.begin(), args.end());
        argv.push_back("migrate");
        return jetway::test::run_process(argv, {"DATABASE_URL=" + database_url}, dir_.path());
    }
    static rows scripts(const fs::path& file) { return sqlite_rows(file, "SELECT script FROM flyway_schema_history"); }
};

TEST_F(DatabaseUrl, EverySpellingOfAFileMigratesThatFile) {
    const std::string abs = (dir_ / "abs").string();
    const std::vector<std::pair<std::string, fs::path>> forms = {
        {"file://" + abs + "-1.db", dir_ / "abs-1.db"},           // file:///abs/path (Node.js, Rails)
        {"file:" + abs + "-2.db", dir_ / "abs-2.db"},             // file:/abs/path
        {"file:./rel-3.db", dir_ / "rel-3.db"},                   // Prisma: relative to the working directory
        {"file:rel-4.db", dir_ / "rel-4.db"},
        {"file://localhost" + abs + "-5.db", dir_ / "abs-5.db"},  // RFC 8089's host form
        {"sqlite://" + abs + "-6.db", dir_ / "abs-6.db"},         // sqlite:///abs/path
        {"sqlite:rel-7.db", dir_ / "rel-7.db"},
        {"sqlite3://" + abs + "-8.db", dir_ / "abs-8.db"},
        {"sqlite3:rel-9.db", dir_ / "rel-9.db"},
        {"jdbc:sqlite:" + abs + "-10.db", dir_ / "abs-10.db"},
        {"file://" + abs + "%20with%20space-11.db", dir_ / "abs with space-11.db"},
    };
    for (const auto& [url, file] : forms) {
        const auto r = migrate_with(url);
        ASSERT_EQ(r.exit_code, 0) << url << "\n" << r.err;
        EXPECT_EQ(scripts(file), (rows{{"V1__create.sql"}})) << url;
    }
}

TEST_F(DatabaseUrl, ParametersTakeEffectOrAreReported) {
    // sqlite-jdbc's PRAGMA parameters apply to the connection.
    auto r = migrate_with("file://" + (dir_ / "wal.db").string() + "?journal_mode=WAL");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(sqlite_rows(dir_ / "wal.db", "PRAGMA journal_mode"), (rows{{"wal"}}));

    migration("V2__orphan.sql", "CREATE TABLE owners (name TEXT PRIMARY KEY);\n"
                                "CREATE TABLE books (owner TEXT REFERENCES owners(name));\nINSERT INTO books VALUES ('nobody');\n");
    r = migrate_with("sqlite:fk.db?foreign_keys=true");
    EXPECT_EQ(r.exit_code, 1) << "foreign_keys=true must make the orphan row fail";
    EXPECT_NE(r.err.find("FOREIGN KEY constraint failed"), std::string::npos) << r.err;
    r = migrate_with("sqlite:nofk.db?foreign_keys=false");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    fs::remove(dir_ / "sql" / "V2__orphan.sql");

    // SQLite's own URI parameters: mode=ro opens read-only, so nothing can be created.
    r = migrate_with("sqlite:ro.db?mode=ro");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_FALSE(fs::exists(dir_ / "ro.db"));

    // An ORM's parameter that means nothing to SQLite is named, not silently dropped.
    r = migrate_with("file:./prisma.db?connection_limit=1&socket_timeout=10");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("WARNING: plugin sqlite: ignoring the connection parameter 'connection_limit': SQLite has no such setting"),
              std::string::npos) << r.err;
    EXPECT_NE(r.err.find("'socket_timeout'"), std::string::npos) << r.err;
    EXPECT_EQ(scripts(dir_ / "prisma.db"), (rows{{"V1__create.sql"}}));
}

TEST_F(DatabaseUrl, AValueThatIsNotAWordIsRefusedBeforeAnythingRuns) {
    const auto r = migrate_with("sqlite:x.db?journal_mode=WAL;DROP%20TABLE%20t");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("the SQLite URL parameter journal_mode has the value 'WAL;DROP TABLE t': expected a word or a number"),
              std::string::npos) << r.err;
}

TEST_F(DatabaseUrl, AFileUrlWithoutAPathSaysWhatToWrite) {
    const auto r = migrate_with("file://");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("the SQLite URL names no database file: file://"), std::string::npos) << r.err;
}

}  // namespace

namespace {

class BuiltInPlaceholders : public jetway::test::SqliteProject {};

// Genuine Flyway 11.13.2 on SQLite: ${flyway:database} has no value (SQLite has no catalog), and
// the migration stops with "Failed to populate value for default placeholder"; nothing applies.
TEST_F(BuiltInPlaceholders, DatabaseIsUndefinedOnSqliteAsInFlyway) {
    migration("V1__fine.sql", "CREATE TABLE fine (x INT);\n");
    migration("V2__db.sql", "CREATE TABLE named (db TEXT);\nINSERT INTO named VALUES ('${flyway:database}');\n");
    const auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Failed to populate value for default placeholder: ${flyway:database}"), std::string::npos) << r.err;
    EXPECT_TRUE(query("SELECT name FROM sqlite_master WHERE name = 'named'").empty());
}

}  // namespace

namespace {

class CurrentFlyway : public jetway::test::SqliteProject {};

// Where Flyway 7 and current Flyway differ, Jetway does what genuine Flyway 11.13.2 did with
// this folder: a .SQL suffix is a migration (7.2.0 skipped it), and ${flyway:filename} is the
// file's name (7.2.0 gave "fname").
TEST_F(CurrentFlyway, UpperCaseSuffixAndFilenamePlaceholder) {
    migration("V1__upper.SQL", "CREATE TABLE upper_suffix (x INT);\n");
    migration("sub/V2__fname.sql", "CREATE TABLE fname (f TEXT);\nINSERT INTO fname VALUES ('${flyway:filename}');\n");
    const auto r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT installed_rank, version, description, type, script, checksum, success FROM flyway_schema_history"),
              (rows{{"1", "1", "upper", "SQL", "V1__upper.SQL", "563696786", "1"},
                    {"2", "2", "fname", "SQL", "sub/V2__fname.sql", "1898550869", "1"}}));
    EXPECT_EQ(query("SELECT f FROM fname"), (rows{{"V2__fname.sql"}}));
}

}  // namespace
