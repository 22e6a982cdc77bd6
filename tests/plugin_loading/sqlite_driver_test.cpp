// SPDX-License-Identifier: Apache-2.0
// The real SQLite driver plugin, loaded from build/jars through the real loader.
#include <jetway/core/connection_url.hpp>
#include <jetway/core/database_connection.hpp>
#include <jetway/core/error.hpp>
#include <jetway/core/plugin_registry.hpp>

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace fs = std::filesystem;
using jetway::core::database_connection;
using jetway::core::sql_value;

namespace {

class SqliteDriver : public ::testing::Test {
 protected:
    std::unique_ptr<database_connection> connect(const std::string& url) {
        auto library = registry_.driver_for_scheme(jetway::core::url_scheme(url), url);
        return std::make_unique<database_connection>(library, url,
                                                     std::map<std::string, std::string>{});
    }
    static std::vector<std::string> column(database_connection& c, const std::string& sql) {
        std::vector<std::string> out;
        auto rows = c.query(sql);
        while (rows.next()) out.push_back(rows.value(0).value_or("<null>"));
        return out;
    }

    jetway::core::plugin_registry registry_{
        {{fs::path(JW_TEST_BUILD_DIR) / "jars", "build tree jars"}}};
    jetway::test::scratch_dir scratch_;
};

TEST_F(SqliteDriver, CreatesMissingFileAndRoundTripsValues) {
    const fs::path file = scratch_ / "app.db";
    ASSERT_FALSE(fs::exists(file));
    auto c = connect("jdbc:sqlite:" + file.string());
    EXPECT_TRUE(fs::exists(file));
    c->execute("CREATE TABLE t (id INTEGER, name TEXT, note TEXT)");
    c->query("INSERT INTO t VALUES (?, ?, ?)",
             {sql_value::of(std::int64_t{42}), sql_value::of(std::string("it's \"quoted\"")),
              sql_value::null()})
        .next();
    auto rows = c->query("SELECT id, name, note FROM t");
    ASSERT_TRUE(rows.next());
    ASSERT_EQ(rows.column_count(), 3u);
    EXPECT_EQ(rows.column_name(1), "name");
    EXPECT_EQ(rows.value(0), "42");
    EXPECT_EQ(rows.value(1), "it's \"quoted\"");
    EXPECT_EQ(rows.value(2), std::nullopt);
    EXPECT_FALSE(rows.next());
}

TEST_F(SqliteDriver, AcceptsEveryUrlForm) {
    const fs::path file = scratch_ / "forms.db";
    connect("jdbc:sqlite:" + file.string())->execute("CREATE TABLE marker (x INT)");
    for (const std::string& url : {"sqlite:" + file.string(), "sqlite://" + file.string(),
                                   "sqlite3:" + file.string()}) {
        auto c = connect(url);
        EXPECT_EQ(column(*c, "SELECT name FROM sqlite_master"), std::vector<std::string>{"marker"})
            << url;
    }
    auto memory = connect("jdbc:sqlite::memory:");
    memory->execute("CREATE TABLE m (x INT)");
    EXPECT_EQ(column(*memory, "SELECT count(*) FROM m"), std::vector<std::string>{"0"});
    EXPECT_FALSE(fs::exists(fs::current_path() / ":memory:"));
}

TEST_F(SqliteDriver, RelativePathIsRelativeToWorkingDirectory) {
    const fs::path old = fs::current_path();
    fs::current_path(scratch_.path());
    connect("jdbc:sqlite:rel.db")->execute("CREATE TABLE r (x INT)");
    fs::current_path(old);
    EXPECT_TRUE(fs::exists(scratch_ / "rel.db"));
}

TEST_F(SqliteDriver, RollbackDiscardsAndCommitKeeps) {
    auto c = connect("jdbc:sqlite:" + (scratch_ / "tx.db").string());
    c->execute("CREATE TABLE t (x INT)");
    c->begin();
    c->execute("INSERT INTO t VALUES (1)");
    c->rollback();
    c->begin();
    c->execute("INSERT INTO t VALUES (2)");
    c->commit();
    EXPECT_EQ(column(*c, "SELECT x FROM t"), std::vector<std::string>{"2"});
}

TEST_F(SqliteDriver, ErrorsCarrySqliteCodeAndMessage) {
    auto c = connect("jdbc:sqlite::memory:");
    try {
        c->execute("SELEC 1");
        FAIL() << "no error";
    } catch (const jetway::core::error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "near \"SELEC\": syntax error [SQLITE_ERROR code 1 (SQL logic error)]");
        EXPECT_EQ(e.vendor_code(), 1);
        EXPECT_EQ(e.code(), jetway::core::error_code::sql_failed);
    }
}

TEST_F(SqliteDriver, UnopenableFileIsAConnectionErrorNamingThePath) {
    const std::string path = (scratch_ / "no" / "such" / "dir" / "x.db").string();
    try {
        connect("jdbc:sqlite:" + path);
        FAIL() << "no error";
    } catch (const jetway::core::error& e) {
        EXPECT_EQ(e.code(), jetway::core::error_code::connection_failed);
        EXPECT_EQ(std::string(e.what()),
                  "cannot open SQLite database '" + path + "': unable to open database file");
    }
}

TEST_F(SqliteDriver, HistoryTableSqlCreatesFlywaysTable) {
    auto c = connect("jdbc:sqlite::memory:");
    EXPECT_EQ(column(*c, c->history_sql(JW_HISTORY_TABLE_EXISTS, "main", "flyway_schema_history"))
                  .size(),
              0u);
    c->execute(c->history_sql(JW_HISTORY_CREATE_TABLE, "main", "flyway_schema_history"));
    EXPECT_EQ(column(*c, c->history_sql(JW_HISTORY_TABLE_EXISTS, "main", "flyway_schema_history")),
              std::vector<std::string>{"1"});
    EXPECT_EQ(column(*c, "SELECT name FROM pragma_table_info('flyway_schema_history')"),
              (std::vector<std::string>{"installed_rank", "version", "description", "type",
                                        "script", "checksum", "installed_by", "installed_on",
                                        "execution_time", "success"}));
    EXPECT_EQ(column(*c, "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE "
                         "'sqlite_autoindex%'"),
              std::vector<std::string>{"flyway_schema_history_s_idx"});
    c->query(c->history_sql(JW_HISTORY_INSERT, "main", "flyway_schema_history"),
             {sql_value::of(std::int64_t{1}), sql_value::of(std::string("1")),
              sql_value::of(std::string("init")), sql_value::of(std::string("SQL")),
              sql_value::of(std::string("V1__init.sql")), sql_value::of(std::int64_t{-12345}),
              sql_value::of(std::string("")), sql_value::of(std::int64_t{3}),
              sql_value::of(std::int64_t{1})})
        .next();
    auto rows = c->query(c->history_sql(JW_HISTORY_SELECT, "main", "flyway_schema_history"),
                         {sql_value::of(std::int64_t{0})});
    ASSERT_TRUE(rows.next());
    EXPECT_EQ(rows.value(4), "V1__init.sql");
    EXPECT_EQ(rows.value(5), "-12345");
    EXPECT_EQ(rows.value(9), "1");
}

}  // namespace
