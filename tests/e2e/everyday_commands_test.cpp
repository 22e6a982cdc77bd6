// SPDX-License-Identifier: Apache-2.0
// The commands Flyway 10-11 users reach for every day, through the real binary: help per
// command, testConnection, add (numbered like the folder) and init.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <regex>

#include "sqlite_fixture.hpp"

namespace fs = std::filesystem;
using jetway::test::read_file;
using jetway::test::rows;

namespace {

class EverydayCommands : public jetway::test::SqliteProject {
 protected:
    // jetway with only `args`: no url or locations of the fixture's.
    jetway::test::process_result bare(std::vector<std::string> args, const fs::path& where) {
        args.insert(args.begin(), std::string(JW_TEST_BUILD_DIR) + "/bin/jetway");
        return jetway::test::run_process(args, {"HOME=" + (dir_ / "home").string()}, where);
    }
    std::vector<std::string> files_in(const fs::path& folder) {
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }
    // `add` in a folder holding `existing` (empty files), returning the name it printed with -q.
    std::string next_name(const std::vector<std::string>& existing, std::vector<std::string> args = {}) {
        const fs::path folder = dir_ / ("case" + std::to_string(++cases_));
        fs::create_directories(folder / "sql");
        for (const auto& name : existing) jetway::test::write_file(folder / "sql" / name, "");
        args.insert(args.begin(), {"-q", "add"});
        const auto r = bare(args, folder);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return jetway::test::trim_copy(r.out);
    }
    int cases_ = 0;
};

TEST_F(EverydayCommands, HelpForOneCommandListsOnlyTheSettingsItReads) {
    const auto help = bare({"help", "migrate"}, dir_.path());
    ASSERT_EQ(help.exit_code, 0) << help.err;
    EXPECT_EQ(help.out.rfind("Usage: jetway [settings] migrate\n\nMigrates the database to the latest version (or -target)\n", 0), 0u)
        << help.out;
    for (const char* expected : {"-url=<url>", "-baselineOnMigrate=true", "-outOfOrder=true", "-locations=<l,...>",
                                 "-placeholders.<name>=<value>", "-tablespace=<name>", "-reportEnabled=true", "-targets=<file>"})
        EXPECT_NE(help.out.find(expected), std::string::npos) << expected << "\n" << help.out;
    for (const char* absent : {"-infoSinceDate", "-add.description", "-init.projectName", "-cleanDisabled=false\n"})
        EXPECT_EQ(help.out.find(absent), std::string::npos) << absent;
    EXPECT_EQ(bare({"migrate", "-h"}, dir_.path()).out, help.out);

    const auto info = bare({"info", "--help"}, dir_.path());
    EXPECT_NE(info.out.find("-infoSinceDate="), std::string::npos) << info.out;
    EXPECT_EQ(info.out.find("-baselineOnMigrate"), std::string::npos);
    const auto add = bare({"help", "add"}, dir_.path());
    EXPECT_NE(add.out.find("-add.description=<text>"), std::string::npos) << add.out;
    EXPECT_EQ(add.out.find("-url="), std::string::npos) << "add never connects";

    const auto unknown = bare({"help", "migrat"}, dir_.path());
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_EQ(unknown.err, "ERROR: Invalid argument: migrat (jetway -h lists the commands)\n");
    EXPECT_NE(bare({"-h"}, dir_.path()).out.find("jetway help <command>"), std::string::npos);
}

TEST_F(EverydayCommands, TestConnectionSaysWhereAndAsWhomAndChangesNothing) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    auto r = jetway({"testConnection"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("Connection successful: jdbc:sqlite:" + db().string() + "\nServer: SQLite 3.", 0), 0u) << r.out;
    EXPECT_NE(r.out.find("\nDefault schema: main\nSchema history table \"main\".\"flyway_schema_history\" does not exist yet\n"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(query("SELECT count(*) FROM sqlite_master"), (rows{{"0"}})) << "nothing created, nothing migrated";

    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    r = jetway({"-outputType=json", "testConnection"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["operation"], "testConnection");
    EXPECT_EQ(doc["connectionSuccessful"], true);
    EXPECT_EQ(doc["schemaHistoryTableExists"], true);
    EXPECT_EQ(doc["schemaName"], "main");
    EXPECT_EQ(doc["serverVersion"].get<std::string>().rfind("SQLite 3.", 0), 0u) << doc;

    r = bare({"-url=jdbc:sqlite:" + (dir_ / "no" / "such" / "dir" / "x.db").string(), "-outputType=json", "testConnection"},
             dir_.path());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(nlohmann::json::parse(r.out)["error"]["errorCode"], "DB_CONNECTION") << r.out;
}

TEST_F(EverydayCommands, AddNumbersTheNextFileLikeTheExistingOnes) {
    EXPECT_EQ(next_name({}, {"-description=create users"}), "V001__create_users.sql") << "an empty folder starts at 001";
    EXPECT_EQ(next_name({"V1__a.sql", "V2__b.sql", "V10__c.sql"}, {"-description=d"}), "V11__d.sql");
    EXPECT_EQ(next_name({"V1.1__a.sql", "V1.2__b.sql"}, {"-description=c"}), "V1.3__c.sql");
    EXPECT_EQ(next_name({"V1_9__a.sql"}, {"-description=b"}), "V1_10__b.sql");
    EXPECT_EQ(next_name({"V009__a.sql", "R__view.sql", "U009__a.sql"}, {"-description=b"}), "V010__b.sql");
    EXPECT_EQ(next_name({"V2__a.sql"}, {"-add.description=b", "-add.version=7.1"}), "V7.1__b.sql");
    EXPECT_EQ(next_name({"V002__feature_A.sql"}, {"-type=undo"}), "U002__feature_A.sql")
        << "undo takes the highest version and its description";
    EXPECT_EQ(next_name({"V1__a.sql"}, {"-type=repeatable", "-description=refresh views"}), "R__refresh_views.sql");

    // Timestamps: a whole-version stamp, and a stamp beside a counter, are taken from the clock.
    const std::string stamped = next_name({"V20200101120000__a.sql"}, {"-description=b"});
    EXPECT_TRUE(std::regex_match(stamped, std::regex(R"(V20[2-9]\d{11}__b\.sql)"))) << stamped;
    EXPECT_GT(stamped, "V20200101120000__b.sql");
    const std::string counted = next_name({"V002_20240829162505__feature_A.sql"}, {"-description=feature_B"});
    EXPECT_TRUE(std::regex_match(counted, std::regex(R"(V003_20[2-9]\d{11}__feature_B\.sql)"))) << counted;
    EXPECT_EQ(next_name({"V002_20240829162505__feature_A.sql"}, {"-description=c", "-timestamp=never"}), "V003__c.sql");

    // Text output, the file itself, and what add refuses.
    fs::create_directories(dir_ / "sql");
    migration("V1__first.sql", "CREATE TABLE a (x INT);");
    auto r = jetway({"add", "-description=second one"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "created: " + (dir_ / "sql" / "V2__second_one.sql").string() + "\n");
    EXPECT_TRUE(fs::exists(dir_ / "sql" / "V2__second_one.sql"));
    EXPECT_FALSE(fs::exists(db())) << "add never opens the database";

    r = jetway({"add", "-description=x", "-version=2"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "ERROR: Version 2 is already taken by V2__second_one.sql; choose another with -add.version or use "
                     "-add.force=true\n");
    r = jetway({"add", "-description=second one", "-version=2"});
    EXPECT_EQ(r.err, "ERROR: " + (dir_ / "sql" / "V2__second_one.sql").string() + " already exists; -add.force=true replaces it\n");
    r = jetway({"add"});
    EXPECT_EQ(r.err, "ERROR: add needs a description for the file's name: jetway add -description=\"add users\"\n");
    r = jetway({"add", "-description=x", "-type=seed"});
    EXPECT_EQ(r.err, "ERROR: Invalid value for flyway.add.type: seed (versioned, repeatable, undo or baseline)\n");

    r = jetway({"-outputType=json", "add", "-description=third", "-nameOnly=true"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["operation"], "add");
    EXPECT_EQ(doc["migrations"][0]["version"], "3");
    EXPECT_EQ(doc["migrations"][0]["filepath"], (dir_ / "sql" / "V3__third.sql").string());
    EXPECT_FALSE(fs::exists(dir_ / "sql" / "V3__third.sql")) << "nameOnly writes nothing";

    jetway::test::write_file(dir_ / "sql" / "V2__second_one.sql", "CREATE TABLE b (y INT);");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    EXPECT_EQ(history().size(), 2u);
}

TEST_F(EverydayCommands, InitStartsAProjectThatAddAndMigrateUse) {
    const fs::path project = dir_ / "shop";
    fs::create_directories(project);
    auto r = bare({"init", "-projectName=shop", "-url=postgresql://app:Sup3rSecret@db.example/shop"}, project);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "Created " + (project / "flyway.toml").string() + "\nCreated " + (project / "sql").string() + "\n");
    const std::string toml = read_file(project / "flyway.toml");
    EXPECT_EQ(toml.rfind("# shop:", 0), 0u) << toml;
    EXPECT_EQ(toml.find("Sup3rSecret"), std::string::npos) << "a committed file never holds the password";
    EXPECT_NE(toml.find("url = \"postgresql://app:"), std::string::npos) << toml;
    EXPECT_NE(toml.find("locations = [\"filesystem:sql\"]"), std::string::npos) << toml;
    EXPECT_NE(toml.find("# reportEnabled = true"), std::string::npos) << toml;
    EXPECT_TRUE(fs::is_directory(project / "sql"));

    r = bare({"init"}, project);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, "ERROR: " + (project / "flyway.toml").string() +
                         " already exists: this folder has a project; init changed nothing\n");

    // The new flyway.toml is read as is: add writes into sql/, migrate (url given here) applies it.
    r = bare({"add", "-description=create orders"}, project);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    jetway::test::write_file(project / "sql" / "V001__create_orders.sql", "CREATE TABLE orders (id INT);");
    r = bare({"-url=jdbc:sqlite:" + (project / "shop.db").string(), "migrate"}, project);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(jetway::test::sqlite_rows(project / "shop.db", "SELECT version, description FROM flyway_schema_history"),
              (rows{{"001", "create orders"}}));
}

}  // namespace
