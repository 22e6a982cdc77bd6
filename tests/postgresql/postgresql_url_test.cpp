// SPDX-License-Identifier: Apache-2.0
// PostgreSQL URL forms and parameters (issue 6) against the real server.
#include "postgresql_fixture.hpp"

using jetway::test::rows;

namespace {

class PostgresqlUrl : public jetway::test::PostgresqlDatabase {
 protected:
    jetway::test::process_result info_with(const std::string& url, const std::vector<std::string>& more = {},
                                           const std::vector<std::string>& env = {}) {
        std::vector<std::string> argv{std::string(JW_TEST_BUILD_DIR) + "/bin/jetway", "-url=" + url,
                                      "-locations=filesystem:" + (dir_ / "sql").string()};
        argv.insert(argv.end(), more.begin(), more.end());
        argv.push_back("info");
        return jetway::test::run_process(argv, env, dir_.path());
    }
};

TEST_F(PostgresqlUrl, NativeAndJdbcFormsReachTheServer) {
    for (const std::string& url :
         {"postgresql://postgres@" + host_ + ":" + port_ + "/" + database_,
          "postgres://postgres:anything@" + host_ + ":" + port_ + "/" + database_ + "?sslmode=disable",
          "jdbc:postgresql://" + host_ + ":" + port_ + "/" + database_ + "?user=postgres&ssl=false&ApplicationName=mine",
          "jdbc:postgresql://127.0.0.1:1," + host_ + ":" + port_ + "/" + database_ + "?user=postgres&connectTimeout=2"}) {
        const auto r = info_with(url);
        EXPECT_EQ(r.exit_code, 0) << url << "\n" << r.err;
        EXPECT_NE(r.err.find("(PostgreSQL "), std::string::npos) << r.err;
    }
}

TEST_F(PostgresqlUrl, CurrentSchemaParameterSetsTheDefaultSchema) {
    query("CREATE SCHEMA other");
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    std::vector<std::string> argv{std::string(JW_TEST_BUILD_DIR) + "/bin/jetway",
                                  "-url=jdbc:postgresql://" + host_ + ":" + port_ + "/" + database_ + "?user=postgres&currentSchema=other",
                                  "-locations=filesystem:" + (dir_ / "sql").string(), "migrate"};
    const auto r = jetway::test::run_process(argv, {}, dir_.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT table_schema FROM information_schema.tables WHERE table_name IN ('a', 'flyway_schema_history') ORDER BY 1"),
              (rows{{"other"}, {"other"}}));
}

TEST_F(PostgresqlUrl, DatabaseUrlAsPlatformsAndOrmsWriteIt) {
    query("CREATE SCHEMA tenant");
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    const std::string base = host_ + ":" + port_ + "/" + database_;
    // Heroku/Render style with SSL, and Prisma's schema= and pool parameters: the schema is used,
    // the pool setting is named as ignored.
    for (const auto& [url, schema] : std::vector<std::pair<std::string, std::string>>{
             {"postgres://postgres:pw@" + base + "?sslmode=require&application_name=release", "public"},
             {"postgresql://postgres@" + base + "?schema=tenant&connection_limit=5", "tenant"}}) {
        std::vector<std::string> argv{std::string(JW_TEST_BUILD_DIR) + "/bin/jetway",
                                      "-locations=filesystem:" + (dir_ / "sql").string(), "migrate"};
        const auto r = jetway::test::run_process(argv, {"DATABASE_URL=" + url}, dir_.path());
        ASSERT_EQ(r.exit_code, 0) << url << "\n" << r.err;
        EXPECT_EQ(history(schema).size(), 1u) << url;
        if (schema == "tenant") {
            EXPECT_NE(r.err.find("WARNING: plugin postgresql: ignoring the connection parameter 'connection_limit': libpq has no equivalent"),
                      std::string::npos) << r.err;
        }
    }
}

TEST_F(PostgresqlUrl, SslVerifyFullConnectsWithTheCaAndFailsWithoutIt) {
    const std::string ca = (std::filesystem::path(JW_TEST_SERVERS_DIR) / "postgresql-ca.crt").string();
    // HOME points at the scratch directory: no ~/.postgresql/root.crt may stand in for the CA.
    const std::vector<std::string> env{"HOME=" + dir_.path().string()};
    auto r = info_with("jdbc:postgresql://localhost:" + port_ + "/" + database_ +
                           "?user=postgres&sslmode=verify-full&sslrootcert=" + ca, {}, env);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    r = info_with("jdbc:postgresql://localhost:" + port_ + "/" + database_ + "?user=postgres&ssl=true", {}, env);
    EXPECT_EQ(r.exit_code, 0) << "ssl=true means sslmode=require\n" << r.err;
    r = info_with("postgres://postgres:s3cr3t-pw@localhost:" + port_ + "/" + database_ + "?sslmode=verify-full", {}, env);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Unable to obtain connection from database (postgres://postgres:***@localhost"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("root certificate file"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("s3cr3t-pw"), std::string::npos) << r.err;
}

TEST_F(PostgresqlUrl, ConnectRetriesWaitThenReportTheLastError) {
    const auto r = info_with("jdbc:postgresql://127.0.0.1:1/x?user=u", {"-connectRetries=1", "-connectRetriesInterval=1"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("WARNING: Connection error: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Retrying in 1 sec..."), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("ERROR: Unable to obtain connection from database (jdbc:postgresql://127.0.0.1:1/x?user=u) for user ''"),
              std::string::npos) << r.err;
}

}  // namespace
