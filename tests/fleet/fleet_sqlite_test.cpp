// SPDX-License-Identifier: Apache-2.0
// Fleet runs over SQLite files through the jetway binary (issue 21): targets from a file, a TOML
// file and standard input, per-target placeholders, shards, the JSON document and the progress
// line on a real pseudo-terminal. Each file keeps its own history, as a single run writes it.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <jetway/core/fleet_targets.hpp>

#include <set>
#include <sqlite3.h>

#include "../e2e/sqlite_fixture.hpp"

namespace jetway::test {
namespace {

using json = nlohmann::json;

class FleetSqlite : public ::testing::Test {
 protected:
    void SetUp() override {
        write_file(dir_ / "sql" / "V1__people.sql", "CREATE TABLE people (id INT, tenant TEXT DEFAULT '${tenant}');");
        write_file(dir_ / "sql" / "V2__orders.sql", "CREATE TABLE orders (id INT);");
    }
    std::filesystem::path db(int i) const { return dir_ / ("t" + std::to_string(i) + ".db"); }
    std::string target_lines(int count) const {
        std::string text = "# tenants of the test\n\n";
        for (int i = 1; i <= count; ++i) text += "jdbc:sqlite:" + db(i).string() + "\n";
        return text;
    }
    process_result jetway(const std::vector<std::string>& args) {
        std::vector<std::string> argv{std::string(JW_TEST_BUILD_DIR) + "/bin/jetway",
                                      "-locations=filesystem:" + (dir_ / "sql").string(), "-placeholders.tenant=shared"};
        argv.insert(argv.end(), args.begin(), args.end());
        return run_process(argv, {}, dir_.path());
    }
    // The shell runs jetway, for what run_process cannot give it: standard input, a terminal.
    process_result shell(const std::string& command) {
        return run_process({"/bin/sh", "-c", command}, {}, dir_.path());
    }
    std::string jetway_command() const {
        return std::string(JW_TEST_BUILD_DIR) + "/bin/jetway -locations=filesystem:" + (dir_ / "sql").string() +
               " -placeholders.tenant=shared";
    }
    rows history(int i) { return sqlite_rows(db(i), "SELECT installed_rank, version, script, success FROM flyway_schema_history ORDER BY 1"); }

    scratch_dir dir_;
};

// Writes to a tenant's file before the run, as the tenant's own application would have.
void sqlite_exec(const std::filesystem::path& db, const std::string& sql) {
    sqlite3* handle = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(handle);
    sqlite3_close(handle);
}

const rows applied_both{{"1", "1", "V1__people.sql", "1"}, {"2", "2", "V2__orders.sql", "1"}};

TEST_F(FleetSqlite, ATargetsFileMigratesEveryFileIntoItsOwnHistoryAndPrintsTheSummary) {
    write_file(dir_ / "tenants.txt", target_lines(12));
    const auto r = jetway({"migrate", "-targets=tenants.txt", "-parallel=4"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (int i = 1; i <= 12; ++i) EXPECT_EQ(history(i), applied_both) << i;
    EXPECT_NE(r.out.find("| Target "), std::string::npos) << r.out;
    const std::size_t row = r.out.find("| jdbc:sqlite:" + db(7).string() + " ");
    ASSERT_NE(row, std::string::npos) << r.out;
    const std::string line = r.out.substr(row, r.out.find('\n', row) - row);
    EXPECT_NE(line.find(" | empty  | 2     | 2       | "), std::string::npos) << line;
    EXPECT_NE(line.find(" | succeeded |"), std::string::npos) << line;
    EXPECT_NE(r.out.find("12 targets: 12 succeeded, 0 failed, 0 not run"), std::string::npos) << r.out;
    // Not a terminal: one line per finished target, as a CI log wants it.
    EXPECT_NE(r.err.find("Target 12/12 succeeded: "), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("\r"), std::string::npos) << r.err;

    // Again: every target is current and says so; nothing is applied twice.
    const auto again = jetway({"migrate", "-targets=tenants.txt", "-outputType=json"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    const json doc = json::parse(again.out);
    EXPECT_EQ(doc["targetCount"], 12);
    EXPECT_EQ(doc["succeeded"], 12);
    for (const auto& t : doc["targets"]) {
        EXPECT_EQ(t["migrationsExecuted"], 0);
        EXPECT_EQ(t["initialSchemaVersion"], "2");
        EXPECT_EQ(t["targetSchemaVersion"], "2");
        EXPECT_EQ(t["results"][0]["operation"], "migrate");
    }
    for (int i = 1; i <= 12; ++i) EXPECT_EQ(history(i), applied_both) << i;
}

TEST_F(FleetSqlite, PlaceholdersPerTargetFromATextFileATomlFileAndStandardInput) {
    write_file(dir_ / "tenants.txt", "jdbc:sqlite:" + db(1).string() + " placeholders.tenant=acme  # the first\n");
    write_file(dir_ / "tenants.toml", "[targets.globex]\nurl = \"jdbc:sqlite:" + db(2).string() +
                                          "\"\nplaceholders = { tenant = \"globex\" }\n\n[targets.plain]\nurl = \"jdbc:sqlite:" +
                                          db(3).string() + "\"\n");
    ASSERT_EQ(jetway({"migrate", "-targets=tenants.txt"}).exit_code, 0);
    ASSERT_EQ(jetway({"migrate", "-targets=tenants.toml"}).exit_code, 0);
    write_file(dir_ / "piped.txt", "jdbc:sqlite:" + db(4).string() + " placeholders.tenant=initech\n");
    const auto piped = shell(jetway_command() + " migrate -targets=- < piped.txt");
    ASSERT_EQ(piped.exit_code, 0) << piped.err;
    auto tenant_default = [&](int i) {
        return sqlite_rows(db(i), "SELECT dflt_value FROM pragma_table_info('people') WHERE name = 'tenant'");
    };
    EXPECT_EQ(tenant_default(1), (rows{{"'acme'"}}));
    EXPECT_EQ(tenant_default(2), (rows{{"'globex'"}}));
    EXPECT_EQ(tenant_default(3), (rows{{"'shared'"}}));
    EXPECT_EQ(tenant_default(4), (rows{{"'initech'"}}));
    for (int i = 1; i <= 4; ++i) EXPECT_EQ(history(i), applied_both) << i;
}

TEST_F(FleetSqlite, ABadTargetsFileIsRefusedNamingTheFileAndLineBeforeAnythingRuns) {
    write_file(dir_ / "tenants.txt", "jdbc:sqlite:" + db(1).string() + "\njdbc:sqlite:" + db(2).string() + " schema=x\n");
    const auto r = jetway({"migrate", "-targets=tenants.txt"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Invalid target at " + (dir_ / "tenants.txt").string() +
                         ":2: unknown key 'schema' (a target takes schemas=a,b and placeholders.NAME=VALUE)"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(std::filesystem::exists(db(1)));

    write_file(dir_ / "bad.toml", "[[targets]]\nurl = \"jdbc:sqlite:x.db\"\n\n[[targets]]\nschemas = [\"a\"]\n");
    const auto toml = jetway({"migrate", "-targets=bad.toml"});
    EXPECT_EQ(toml.exit_code, 1);
    EXPECT_NE(toml.err.find("Invalid target at " + (dir_ / "bad.toml").string() + ":4: target #2 has no url"), std::string::npos)
        << toml.err;

    const auto shard = jetway({"migrate", "-targets=tenants.txt", "-shard=3/3"});
    EXPECT_NE(shard.err.find("Invalid value for flyway.shard (should be I/N, 0 <= I < N, e.g. 0/8): 3/3 (set by argument -shard)"),
              std::string::npos)
        << shard.err;
    const auto schemas = jetway({"migrate", "-url=jdbc:sqlite:" + db(5).string(), "-targetSchemas=tenant_%"});
    EXPECT_EQ(schemas.exit_code, 1);
    EXPECT_NE(schemas.err.find("flyway.targetSchemas cannot be used with jdbc:sqlite:" + db(5).string() +
                               ": its driver does not list schemas"),
              std::string::npos)
        << schemas.err;
}

TEST_F(FleetSqlite, ShardsTogetherRunEveryTargetOnceAndTheHashIsStable) {
    write_file(dir_ / "tenants.txt", target_lines(40));
    std::multiset<std::string> seen;
    for (int shard = 0; shard < 3; ++shard) {
        const auto r = jetway({"migrate", "-targets=tenants.txt", "-shard=" + std::to_string(shard) + "/3", "-outputType=json"});
        ASSERT_EQ(r.exit_code, 0) << r.err;
        const json doc = json::parse(r.out);
        EXPECT_EQ(doc["shard"], std::to_string(shard) + "/3");
        EXPECT_LT(doc["targetCount"].get<int>(), 40) << "one shard took every target";
        for (const auto& t : doc["targets"]) {
            seen.insert(t["id"].get<std::string>());
            EXPECT_EQ(core::shard_of(t["id"].get<std::string>(), 3), static_cast<unsigned>(shard));
        }
    }
    EXPECT_EQ(seen.size(), 40u);
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 40u) << "a target ran in two shards";
    for (int i = 1; i <= 40; ++i) EXPECT_EQ(history(i), applied_both) << i;
    // Machines and later runs must agree: the shard is CRC-32 of the id, not a per-build hash.
    EXPECT_EQ(core::shard_of("abc", 1000), 0x352441C2u % 1000);
}

TEST_F(FleetSqlite, AFailedTargetLeavesTheOthersAndTargetsFromRunsOnlyWhatDidNotSucceed) {
    write_file(dir_ / "tenants.txt", target_lines(6));
    // The third tenant already has a table of its own called orders: V2 fails there.
    sqlite_exec(db(3), "CREATE TABLE orders (x INT)");
    const auto r = jetway({"migrate", "-targets=tenants.txt", "-outputType=json", "-baselineOnMigrate=true", "-baselineVersion=0"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    write_file(dir_ / "run1.json", r.out);
    const json doc = json::parse(r.out);
    EXPECT_EQ(doc["succeeded"], 5);
    EXPECT_EQ(doc["failed"], 1);
    const std::string failed_id = "jdbc:sqlite:" + db(3).string();
    for (const auto& t : doc["targets"]) {
        if (t["id"] != failed_id) {
            EXPECT_EQ(t["status"], "succeeded");
            EXPECT_TRUE(t["error"].is_null());
            continue;
        }
        EXPECT_EQ(t["status"], "failed");
        EXPECT_EQ(t["error"]["errorCode"], "DB_ERROR");
        EXPECT_NE(t["error"]["message"].get<std::string>().find("Message    : table orders already exists"), std::string::npos) << t;
        // The same error document a run of that target alone prints.
        const auto alone = jetway({"migrate", "-url=jdbc:sqlite:" + db(3).string(), "-outputType=json"});
        EXPECT_EQ(json::parse(alone.out)["error"], t["error"]);
        EXPECT_EQ(t["targetSchemaVersion"], "1") << t;  // where it stands: V1 applied, V2 rolled back
    }
    EXPECT_EQ(sqlite_rows(db(3), "SELECT version, success FROM flyway_schema_history ORDER BY installed_rank"),
              (rows{{"0", "1"}, {"1", "1"}}));
    EXPECT_NE(r.err.find("ERROR: Target "), std::string::npos) << r.err;

    sqlite_exec(db(3), "DROP TABLE orders");
    std::filesystem::remove(db(1));  // had it run again, it would be back
    const auto again = jetway({"migrate", "-targets=tenants.txt", "-targetsFrom=run1.json", "-outputType=json"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    const json second = json::parse(again.out);
    ASSERT_EQ(second["targetCount"], 1) << second;
    EXPECT_EQ(second["targets"][0]["id"], failed_id);
    EXPECT_EQ(second["targets"][0]["migrationsExecuted"], 1);
    EXPECT_FALSE(std::filesystem::exists(db(1)));
    // Without the targets setting, the document's own URLs are used (they hold no secret here).
    const auto alone = jetway({"info", "-targetsFrom=run1.json", "-outputType=json"});
    ASSERT_EQ(alone.exit_code, 0) << alone.err;
    EXPECT_EQ(json::parse(alone.out)["targets"][0]["id"], failed_id);
}

TEST_F(FleetSqlite, FailFastStartsNoTargetAfterTheFirstFailure) {
    write_file(dir_ / "tenants.txt", target_lines(5));
    sqlite_exec(db(1), "CREATE TABLE orders (x INT)");  // not empty and no history: refused
    const auto r = jetway({"migrate", "-targets=tenants.txt", "-failFast=true", "-parallel=1", "-outputType=json"});
    EXPECT_EQ(r.exit_code, 1);
    const json doc = json::parse(r.out);
    EXPECT_EQ(doc["failed"], 1);
    EXPECT_EQ(doc["notRun"], 4);
    EXPECT_EQ(doc["targets"][4]["status"], "not run");
    for (int i = 2; i <= 5; ++i) EXPECT_FALSE(std::filesystem::exists(db(i))) << i;
    EXPECT_NE(r.err.find("4 targets were not run (failFast)"), std::string::npos) << r.err;
}

TEST_F(FleetSqlite, OnATerminalTheProgressLineRedrawsInPlaceAndIsClearedAtTheEnd) {
    write_file(dir_ / "tenants.txt", target_lines(30));
    // script(1) (util-linux, in every Debian) gives jetway a pseudo-terminal as stderr.
    const auto r = shell("script -qec '" + jetway_command() + " migrate -targets=tenants.txt -parallel=2' /dev/null");
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    const std::string& screen = r.out;
    EXPECT_NE(screen.find("\r\033[KFleet: 0/30 done, 0 failed"), std::string::npos) << screen;
    EXPECT_NE(screen.find("\r\033[KFleet: 30/30 done, 0 failed, 0 running, 0 to start, 0:00 elapsed"), std::string::npos) << screen;
    EXPECT_NE(screen.find(" elapsed, about "), std::string::npos) << screen;
    // No per-target lines on a terminal, and the summary follows a cleared line.
    EXPECT_EQ(screen.find("Target 1/30 succeeded"), std::string::npos) << screen;
    EXPECT_NE(screen.find("30 targets: 30 succeeded, 0 failed, 0 not run"), std::string::npos) << screen;
    for (int i = 1; i <= 30; ++i) EXPECT_EQ(history(i), applied_both) << i;
}

}  // namespace
}  // namespace jetway::test
