// SPDX-License-Identifier: Apache-2.0
// The output settings Flyway users' pipelines consume, through the real binary: outputFile,
// outputLogsInJson, outputType=json for failures too, and settings that cannot take effect.
#include <nlohmann/json.hpp>

#include "sqlite_fixture.hpp"

#include <regex>
#include <sstream>

namespace fs = std::filesystem;
using jetway::test::read_file;
using jetway::test::write_file;

namespace {

class OutputSettings : public jetway::test::SqliteProject {};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::stringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

TEST_F(OutputSettings, OutputFileHoldsWhatStdoutAndTheLogShowWithoutTheSecret) {
    migration("V1__people.sql", "CREATE TABLE people (id INT);");
    const auto r = jetway({"-outputFile=logs/run.log", "-password=Sup3rSecret", "-placeholders.key=Sup3rSecret", "migrate", "info"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string file = read_file(dir_ / "logs" / "run.log");
    EXPECT_NE(r.out.find("| Versioned | 1       | people"), std::string::npos) << "stdout still has the results\n" << r.out;
    EXPECT_NE(file.find(r.out), std::string::npos) << "every line of stdout is in the file\n" << file;
    EXPECT_NE(file.find("Successfully applied 1 migration to schema \"main\", now at version v1"), std::string::npos) << file;
    EXPECT_NE(file.find("Database: jdbc:sqlite:"), std::string::npos) << file;
    EXPECT_EQ(file.find("Sup3rSecret"), std::string::npos) << file;
    EXPECT_EQ(file.find("\033["), std::string::npos) << "no colour codes in a file";

    // JSON results go there too, and a second run replaces the file.
    const auto json = jetway({"-outputFile=logs/run.log", "-outputType=json", "info"});
    ASSERT_EQ(json.exit_code, 0) << json.err;
    const std::string again = read_file(dir_ / "logs" / "run.log");
    EXPECT_EQ(again.find("Successfully applied"), std::string::npos) << "the file is this run's";
    EXPECT_NE(again.find(json.out), std::string::npos) << again;

    const auto bad = jetway({"-outputFile=" + (db() / "run.log").string(), "info"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_EQ(bad.err, "ERROR: Unable to write the output file " + (db() / "run.log").string() +
                           " (flyway.outputFile, set by argument -outputFile): Not a directory\n");
}

TEST_F(OutputSettings, OutputLogsInJsonMakesEveryLogLineOneObjectEvenFromAConfigFile) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("V2__b.sql", "CREATE TABLE a (x INT);");
    write_file(dir_ / "flyway.toml", "[flyway]\noutputLogsInJson = true\nlicenseKey = \"FL01-XXXX\"\n");
    const auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    std::vector<nlohmann::json> objects;
    for (const std::string& line : lines_of(r.err)) {
        nlohmann::json object;
        ASSERT_NO_THROW(object = nlohmann::json::parse(line)) << "not JSON: " << line;
        ASSERT_EQ(object.size(), 2u) << line;
        ASSERT_TRUE(object.contains("level") && object.contains("message")) << line;
        objects.push_back(object);
    }
    auto has = [&](const std::string& level, const std::string& start) {
        return std::any_of(objects.begin(), objects.end(), [&](const nlohmann::json& o) {
            return o["level"] == level && o["message"].get<std::string>().rfind(start, 0) == 0;
        });
    };
    EXPECT_TRUE(has("WARN", "flyway.licenseKey (set by file " + (dir_ / "flyway.toml").string()))
        << "a warning given while the configuration was read takes the same form\n" << r.err;
    EXPECT_TRUE(has("INFO", "Migrating schema \"main\" to version \"1 - a\"")) << r.err;
    EXPECT_TRUE(has("ERROR", "Failed to execute script V2__b.sql")) << r.err;
    EXPECT_TRUE(has("ERROR", "Message    : table a already exists")) << "a multi-line message is one object per line\n" << r.err;
}

TEST_F(OutputSettings, JsonOutputFromAConfigFileAppliesToErrorsWithFlywaysFields) {
    write_file(dir_ / "flyway.toml", "[flyway]\noutputType = \"json\"\n");
    const auto r = jetway({"clean"});
    EXPECT_EQ(r.exit_code, 1);
    const auto doc = nlohmann::ordered_json::parse(r.out);
    std::vector<std::string> keys;
    for (const auto& [key, value] : doc["error"].items()) keys.push_back(key);
    EXPECT_EQ(keys, (std::vector<std::string>{"errorCode", "message", "stackTrace", "lineNumber", "path", "cause"}));
    EXPECT_EQ(doc["error"]["errorCode"], "CONFIGURATION");
    EXPECT_EQ(doc["error"]["message"], "Unable to execute clean as it has been disabled with the 'flyway.cleanDisabled' property.");
}

TEST_F(OutputSettings, AFailedMigrateAsJsonIsItsDocumentWithTheErrorInside) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("V2__b.sql", "CREATE TABLE a (x INT);");
    const auto r = jetway({"-outputType=json", "migrate"});
    EXPECT_EQ(r.exit_code, 1);
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["operation"], "migrate");
    EXPECT_EQ(doc["success"], false);
    EXPECT_EQ(doc["migrationsExecuted"], 1);
    ASSERT_EQ(doc["migrations"].size(), 1u);
    EXPECT_EQ(doc["migrations"][0]["version"], "1");
    EXPECT_EQ(doc["targetSchemaVersion"], "1");
    EXPECT_EQ(doc["error"]["errorCode"], "DB_ERROR");
    EXPECT_EQ(doc["error"]["message"].get<std::string>().rfind("Failed to execute script V2__b.sql", 0), 0u) << doc;
    EXPECT_EQ(history().size(), 1u) << "V1 stays applied, V2 left no row";
}

TEST_F(OutputSettings, ASettingThatCannotTakeEffectSaysSo) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    const auto r = jetway({"-tablespace=fast", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("WARNING: flyway.tablespace=fast has no effect: this database has no tablespaces, so "
                         "\"main\".\"flyway_schema_history\" is created without one\n"),
              std::string::npos)
        << r.err;
    const auto report = jetway({"-reportEnabled=true", "info"});
    EXPECT_EQ(report.err.find("WARNING"), std::string::npos) << "reportEnabled is honoured now\n" << report.err;
}

TEST_F(OutputSettings, ReportEnabledWritesAPageAndItsJsonTwinBesideEachOther) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("R__v.sql", "CREATE VIEW v AS SELECT x FROM a;");
    const auto r = jetway({"-reportEnabled=true", "-reportFilename=reports/nightly.htm", "-outputType=json", "migrate", "info"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto printed = nlohmann::json::parse(r.out);
    EXPECT_EQ(printed["jsonReport"], (dir_ / "reports" / "nightly.json").string());
    EXPECT_EQ(printed["htmlReport"], (dir_ / "reports" / "nightly.html").string());
    EXPECT_NE(r.err.find("A Jetway report has been generated here: " + (dir_ / "reports" / "nightly.html").string()),
              std::string::npos)
        << r.err;

    const auto twin = nlohmann::json::parse(read_file(dir_ / "reports" / "nightly.json"));
    EXPECT_EQ(twin["commands"], (nlohmann::json{"migrate", "info"}));
    EXPECT_EQ(twin["success"], true);
    EXPECT_EQ(twin["error"], nullptr);
    EXPECT_EQ(twin["database"], "jdbc:sqlite:" + db().string());
    EXPECT_EQ(twin["individualResults"], printed["individualResults"]) << "the same documents -outputType=json prints";
    ASSERT_EQ(twin["schemaHistory"]["migrations"].size(), 2u);
    EXPECT_EQ(twin["schemaHistory"]["migrations"][0]["state"], "Success");
    EXPECT_TRUE(std::regex_match(twin["startedAt"].get<std::string>(), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));

    const std::string page = read_file(dir_ / "reports" / "nightly.html");
    EXPECT_EQ(page.find("<script src"), std::string::npos) << "self-contained: nothing to fetch";
    EXPECT_EQ(page.find("<link"), std::string::npos);
    EXPECT_NE(page.find("\"description\":\"v\""), std::string::npos) << "the data travels inside the page";
}

TEST_F(OutputSettings, CheckDryrunReportsWhatMigrateWouldRunAndChangesNothing) {
    migration("V1__first.sql", "CREATE TABLE a (x INT);");
    migration("V2__second.sql", "INSERT INTO a VALUES (1);");
    migration("R__view.sql", "DROP VIEW IF EXISTS v; CREATE VIEW v AS SELECT x FROM a;");
    ASSERT_EQ(jetway({"-target=1", "migrate"}).exit_code, 0);
    ASSERT_EQ(history().size(), 2u) << "V1 and the repeatable";
    migration("R__view.sql", "DROP VIEW IF EXISTS v; CREATE VIEW v AS SELECT x, 2 AS y FROM a;");

    auto r = jetway({"check", "-dryrun"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "Pending migrations, in the order migrate would apply them:\n  2  second\n  R  view\n");
    EXPECT_EQ(history().size(), 2u) << "a dry run changes nothing";
    EXPECT_EQ(query("SELECT count(*) FROM pragma_table_info('v') WHERE name = 'y'"), (jetway::test::rows{{"0"}}));
    const auto twin = nlohmann::json::parse(read_file(dir_ / "report.json"));
    ASSERT_EQ(twin["individualResults"].size(), 1u) << "check writes its report without reportEnabled";
    const auto& dry = twin["individualResults"][0];
    EXPECT_EQ(dry["operation"], "dryrun");
    EXPECT_EQ(dry["initialSchemaVersion"], "1");
    EXPECT_EQ(dry["targetSchemaVersion"], "2");
    ASSERT_EQ(dry["pendingMigrations"].size(), 2u);
    EXPECT_EQ(dry["pendingMigrations"][0]["version"], "2");
    EXPECT_EQ(dry["pendingMigrations"][1]["description"], "view");
    const std::string sql = dry["sql"];
    EXPECT_LT(sql.find("INSERT INTO a VALUES (1);"), sql.find("CREATE VIEW v AS SELECT x, 2 AS y FROM a;")) << sql;

    r = jetway({"-outputType=json", "check", "-dryrun", "-dryRunOutput=planned.sql"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out)["sql"], read_file(dir_ / "planned.sql")) << "dryRunOutput keeps the SQL too";

    r = jetway({"check", "-changes"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "ERROR: check -changes is not in Jetway; check -dryrun writes what migrate would run\n");
    r = jetway({"check"});
    EXPECT_EQ(r.err, "ERROR: check needs what to check: jetway check -dryrun, or -drift\n");
}

TEST_F(OutputSettings, CheckDriftComparesTheDatabaseWithWhatItsMigrationsBuild) {
    migration("V1__people.sql", "CREATE TABLE people (id INTEGER PRIMARY KEY, name VARCHAR(20));\n"
                                "CREATE INDEX people_name ON people (name);\nCREATE VIEW names AS SELECT name FROM people;");
    migration("V2__pending.sql", "CREATE TABLE later (x INT);");
    auto r = jetway({"check", "-drift"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "No drift: the database matches what its migrations build (0 objects compared)\n")
        << "nothing applied yet: nothing expected";
    ASSERT_EQ(jetway({"-target=1", "migrate"}).exit_code, 0);

    r = jetway({"check", "-drift"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("No drift: the database matches what its migrations build (", 0), 0u)
        << "a pending migration is not drift: the build stops at the applied version\n" << r.out;

    // By hand: a table added, a column's type changed (SQLite rebuilds the table), an index lost.
    jetway::test::sqlite_execute(db(), "CREATE TABLE extra (x INT); DROP VIEW names; ALTER TABLE people RENAME TO people_old;"
                                       "CREATE TABLE people (id INTEGER PRIMARY KEY, name VARCHAR(40)); DROP TABLE people_old;"
                                       "CREATE VIEW names AS SELECT name FROM people;");
    r = jetway({"-outputType=json", "check", "-drift"});
    EXPECT_EQ(r.exit_code, 1) << "drift fails the run, as failOnDrift=true would in Flyway\n" << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["operation"], "drift");
    EXPECT_EQ(doc["driftDetected"], true);
    auto names = [&](const char* list) {
        std::vector<std::string> out;
        for (const auto& o : doc[list]) out.push_back(o["objectType"].get<std::string>() + " " + o["name"].get<std::string>());
        return out;
    };
    EXPECT_EQ(names("onlyInTarget"), (std::vector<std::string>{"column extra.x", "table extra"}));
    EXPECT_EQ(names("onlyInSource"), (std::vector<std::string>{"index people.people_name"}));
    EXPECT_EQ(names("differences"), (std::vector<std::string>{"column names.name", "column people.name", "table people"}))
        << "the view's column follows the table's type";
    EXPECT_EQ(doc["differences"][0]["definitionBefore"], "VARCHAR(20)");
    EXPECT_EQ(doc["differences"][0]["definitionAfter"], "VARCHAR(40)");

    r = jetway({"check", "-drift", "-failOnDrift=false"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("  changed: column people.name\n    migrations build: VARCHAR(20)\n    database has:     VARCHAR(40)\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.err.find("WARNING: Drift detected in jdbc:sqlite:"), std::string::npos) << r.err;
}

}  // namespace
