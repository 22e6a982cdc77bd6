// SPDX-License-Identifier: Apache-2.0
// -outputType=json documents (spec §1.14), JSON errors, and passwords kept out of every output.
#include <nlohmann/json.hpp>

#include "sqlite_fixture.hpp"

namespace {

class Output : public jetway::test::SqliteProject {};

TEST_F(Output, InfoAndMigrateAsJson) {
    migration("V1_1__First_one.sql", "CREATE TABLE a (x INT);");
    migration("R__view.sql", "SELECT 1;");
    auto r = jetway({"-outputType=json", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto migrate = nlohmann::json::parse(r.out);
    EXPECT_EQ(migrate["operation"], "migrate");
    EXPECT_EQ(migrate["migrationsExecuted"], 2);
    EXPECT_EQ(migrate["initialSchemaVersion"], nullptr);
    EXPECT_EQ(migrate["targetSchemaVersion"], "1.1");
    EXPECT_EQ(migrate["success"], true);
    EXPECT_EQ(migrate["migrations"][0]["category"], "Versioned");
    EXPECT_EQ(migrate["migrations"][0]["filepath"], (dir_ / "sql" / "V1_1__First_one.sql").string());
    EXPECT_EQ(migrate["migrations"][1]["category"], "Repeatable");

    r = jetway({"-outputType=json", "info"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto info = nlohmann::json::parse(r.out);
    EXPECT_EQ(info["schemaVersion"], "1.1");
    ASSERT_EQ(info["migrations"].size(), 2u);
    const auto& first = info["migrations"][0];
    EXPECT_EQ(first["version"], "1.1");
    EXPECT_EQ(first["rawVersion"], "1_1");
    EXPECT_EQ(first["description"], "First one");
    EXPECT_EQ(first["type"], "SQL");
    EXPECT_EQ(first["state"], "Success");
    EXPECT_EQ(first["undoable"], "No");
    EXPECT_EQ(first["installedBy"], "");
    EXPECT_TRUE(first["installedOnUTC"].get<std::string>().back() == 'Z');
    EXPECT_EQ(info["migrations"][1]["version"], "");
}

TEST_F(Output, ValidateAsJsonReportsAndExitsZero) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    const auto r = jetway({"-outputType=json", "validate"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto v = nlohmann::json::parse(r.out);
    EXPECT_EQ(v["validationSuccessful"], false);
    EXPECT_EQ(v["invalidMigrations"][0]["errorDetails"]["errorCode"], "RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED");
}

TEST_F(Output, ErrorsAsJson) {
    const auto r = jetway({"-outputType=json", "-cleanDisabled=true", "clean"});
    EXPECT_EQ(r.exit_code, 1);
    auto e = nlohmann::json::parse(r.out);
    EXPECT_EQ(e["error"]["message"], "Unable to execute clean as it has been disabled with the 'flyway.cleanDisabled' property.");
    EXPECT_TRUE(e["error"].contains("errorCode"));
}

TEST_F(Output, PasswordNeverAppearsWithDebugOutputEvenWhenConnectionFails) {
    const std::string secret = "p@ss/w:rd%20;x";
    for (const std::string& url : {"postgres://u:" + secret + "@127.0.0.1/db", "mysql://u:" + secret + "@127.0.0.1/db",
                                   "mariadb://u:" + secret + "@127.0.0.1:3306/db", "postgresql://u:" + secret + "@",
                                   "not a url " + secret, "jdbc:mysql://h/db?user=u&password=" + secret + "&useSSL=true",
                                   "jdbc:postgresql://127.0.0.1/db?user=u&password=" + secret,
                                   "jdbc:sqlite:" + (dir_ / "nowhere" / "x.db").string()}) {
        for (const bool json : {false, true}) {
            std::vector<std::string> argv{std::string(JW_TEST_BUILD_DIR) + "/bin/jetway", "-X", "-url=" + url,
                                          "-password=" + secret, "info"};
            if (json) argv.push_back("-outputType=json");
            const auto r = jetway::test::run_process(argv, {"DATABASE_URL=postgres://u:" + secret + "@h/db"}, dir_.path());
            EXPECT_EQ(r.exit_code, 1) << url;
            EXPECT_EQ(r.out.find(secret), std::string::npos) << r.out;
            EXPECT_EQ(r.err.find(secret), std::string::npos) << r.err;
            EXPECT_EQ(r.err.find("p@ss"), std::string::npos) << r.err;
        }
    }
}

TEST_F(Output, DatabaseUrlWithDebugPrintsNoSecret) {
    const auto r = jetway::test::run_process({std::string(JW_TEST_BUILD_DIR) + "/bin/jetway", "-X", "info"},
                                             {"DATABASE_URL=postgres://u:secret@127.0.0.1/db"}, dir_.path());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ((r.out + r.err).find("secret"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("url = postgres://u:***@127.0.0.1/db (environment variable DATABASE_URL)"), std::string::npos) << r.err;
}

}  // namespace

namespace {

class OutputMore : public jetway::test::SqliteProject {};

TEST_F(OutputMore, QueryResultsAsTableOrInTheJsonDocument) {
    migration("V1__q.sql", "CREATE TABLE t (a INT, b TEXT);\nINSERT INTO t VALUES (1, 'x');\nSELECT a, b FROM t;\n");
    auto r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("+---+---+\n| a | b |\n+---+---+\n| 1 | x |\n+---+---+"), std::string::npos) << r.err;

    migration("V2__q.sql", "SELECT b FROM t;");
    r = jetway({"-outputType=json", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    ASSERT_EQ(doc["queryResults"].size(), 1u);
    EXPECT_EQ(doc["queryResults"][0]["script"], "V2__q.sql");
    EXPECT_EQ(doc["queryResults"][0]["columns"], nlohmann::json::array({"b"}));
    EXPECT_EQ(doc["queryResults"][0]["rows"], nlohmann::json::parse(R"([["x"]])"));

    migration("V3__q.sql", "SELECT 42 AS answer;");
    r = jetway({"-outputQueryResults=false", "migrate"});
    EXPECT_EQ(r.err.find("answer"), std::string::npos) << r.err;
}

TEST_F(OutputMore, InfoFiltersByVersionStateAndDate) {
    migration("V1__a.sql", "SELECT 1;");
    migration("V2__b.sql", "SELECT 1;");
    ASSERT_EQ(jetway({"-target=1", "migrate"}).exit_code, 0);
    auto r = jetway({"-infoOfState=pending", "info"});
    EXPECT_EQ(r.out.find("| 1       |"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("| 2       |"), std::string::npos) << r.out;
    r = jetway({"-infoUntilVersion=1", "info"});
    EXPECT_EQ(r.out.find("| 2       |"), std::string::npos) << r.out;
    r = jetway({"-infoSinceDate=01/01/2100 00:00", "info"});
    EXPECT_EQ(r.out.find("| 1       |"), std::string::npos) << "applied before the date" << r.out;
    EXPECT_NE(r.out.find("| 2       |"), std::string::npos) << "not applied rows pass 'since'" << r.out;
    r = jetway({"-infoSinceDate=2020-01-01", "info"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("'2020-01-01' is an invalid value for the infoSinceDate option. The expected format is "
                         "'dd/mm/yyyy hh:mm', like '13/10/2020 16:30'."),
              std::string::npos) << r.err;
}

}  // namespace
