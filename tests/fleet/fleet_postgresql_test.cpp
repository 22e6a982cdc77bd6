// SPDX-License-Identifier: Apache-2.0
// Fleet runs on the suite's PostgreSQL server (issue 21): every schema or database matching a
// pattern, the rows of a catalog query, the bound on connections per server, and passwords in
// target URLs kept out of every output.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../postgresql/postgresql_fixture.hpp"

namespace jetway::test {
namespace {

using json = nlohmann::json;

class FleetPostgresql : public PostgresqlDatabase {
 protected:
    void SetUp() override {
        PostgresqlDatabase::SetUp();
        migration("V1__accounts.sql", "CREATE TABLE accounts (id INT, tenant TEXT DEFAULT '${tenant}');");
        migration("V2__orders.sql", "CREATE TABLE orders (id INT);");
    }
    void TearDown() override {
        for (const std::string& db : extra_databases_)
            pg_query(conninfo("postgres"), "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        PostgresqlDatabase::TearDown();
    }
    std::string database_named(const std::string& suffix) {
        extra_databases_.push_back(database_ + suffix);
        pg_query(conninfo("postgres"), "CREATE DATABASE " + extra_databases_.back());
        return extra_databases_.back();
    }
    rows history_of(const std::string& schema, const std::string& database = "") {
        return pg_query(conninfo(database.empty() ? database_ : database),
                        "SELECT version, script, success FROM \"" + schema + "\".flyway_schema_history ORDER BY installed_rank");
    }
    process_result fleet(const std::vector<std::string>& args) {
        std::vector<std::string> all{"-placeholders.tenant=shared"};
        all.insert(all.end(), args.begin(), args.end());
        return jetway(all);
    }

    std::vector<std::string> extra_databases_;
};

const rows both_applied{{"1", "V1__accounts.sql", "t"}, {"2", "V2__orders.sql", "t"}};

TEST_F(FleetPostgresql, TargetSchemasMigratesEveryMatchingSchemaIntoItsOwnHistory) {
    for (int i = 1; i <= 10; ++i) query("CREATE SCHEMA tenant_" + std::to_string(i));
    query("CREATE SCHEMA tenantless; CREATE SCHEMA other");
    const auto r = fleet({"migrate", "-targetSchemas=tenant\\_%", "-parallel=4"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (int i = 1; i <= 10; ++i) {
        const std::string schema = "tenant_" + std::to_string(i);
        EXPECT_EQ(history_of(schema), both_applied) << schema;
        EXPECT_EQ(query("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "' AND tablename = 'orders'"),
                  (rows{{"1"}}));
    }
    // Schemas the pattern does not match, and the URL's own schema, are left alone.
    EXPECT_EQ(query("SELECT count(*) FROM pg_tables WHERE schemaname IN ('public', 'tenantless', 'other')"), (rows{{"0"}}));
    EXPECT_NE(r.out.find("10 targets: 10 succeeded, 0 failed, 0 not run"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(url() + " schemas=tenant_7 "), std::string::npos) << r.out;
}

TEST_F(FleetPostgresql, TargetDatabasesMigratesEveryMatchingDatabaseOfTheServer) {
    const std::string a = database_named("_shop_a"), b = database_named("_shop_b");
    database_named("_other");
    const auto r = fleet({"migrate", "-targetDatabases=" + database_ + "\\_shop\\_%", "-outputType=json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json doc = json::parse(r.out);
    ASSERT_EQ(doc["targetCount"], 2) << doc;
    EXPECT_EQ(doc["targets"][0]["url"], "jdbc:postgresql://" + host_ + ":" + port_ + "/" + a + "?user=postgres");
    EXPECT_EQ(doc["targets"][1]["migrationsExecuted"], 2);
    EXPECT_EQ(history_of("public", a), both_applied);
    EXPECT_EQ(history_of("public", b), both_applied);
    EXPECT_EQ(pg_query(conninfo(database_ + "_other"), "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"),
              (rows{{"0"}}));
}

TEST_F(FleetPostgresql, TargetsQueryTakesEachRowsUrlAndSchemas) {
    const std::string shop = database_named("_q");
    query("CREATE TABLE tenants (url TEXT, schemas TEXT, active BOOLEAN)");
    query("INSERT INTO tenants VALUES ('jdbc:postgresql://" + host_ + ":" + port_ + "/" + shop +
          "?user=postgres', 'billing', true), ('" + url() + "', 'crm,crm_extra', true), ('" + url() + "', 'gone', false)");
    const auto r = fleet({"migrate", "-targetsQuery=SELECT url, schemas FROM tenants WHERE active ORDER BY url"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // Each created its schemas, as a single run does, and says so in its history.
    EXPECT_EQ(history_of("billing", shop), (rows{{"NULL", "\"billing\"", "t"}, both_applied[0], both_applied[1]}));
    EXPECT_EQ(history_of("crm"), (rows{{"NULL", "\"crm\",\"crm_extra\"", "t"}, both_applied[0], both_applied[1]}));
    // Each target's schemas are managed as a single run manages them: both created, the first
    // holds the history.
    EXPECT_EQ(query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'crm%' OR nspname = 'gone' ORDER BY 1"),
              (rows{{"crm"}, {"crm_extra"}}));
    EXPECT_NE(r.out.find("2 targets: 2 succeeded"), std::string::npos) << r.out;
}

TEST_F(FleetPostgresql, ATargetThatFailsIsRolledBackAndTheOthersFinish) {
    for (const char* s : {"t_a", "t_b", "t_c", "t_d"}) query(std::string("CREATE SCHEMA ") + s);
    migration("V2__orders.sql", "CREATE TABLE orders (id INT);\nINSERT INTO orders SELECT 1 / (SELECT count(*) FROM accounts WHERE false)::int "
                                "WHERE current_schema() = 't_c';");
    const auto r = fleet({"migrate", "-targetSchemas=t\\_%", "-outputType=json"});
    EXPECT_EQ(r.exit_code, 1);
    const json doc = json::parse(r.out);
    EXPECT_EQ(doc["succeeded"], 3);
    EXPECT_EQ(doc["failed"], 1);
    for (const char* s : {"t_a", "t_b", "t_d"}) EXPECT_EQ(history_of(s), both_applied) << s;
    // t_c: V1 stays, V2 rolled back, no row for it.
    EXPECT_EQ(history_of("t_c"), (rows{{"1", "V1__accounts.sql", "t"}}));
    EXPECT_EQ(query("SELECT count(*) FROM pg_tables WHERE schemaname = 't_c' AND tablename = 'orders'"), (rows{{"0"}}));
    const json& failed = doc["targets"][2];
    EXPECT_EQ(failed["schemas"], json::array({"t_c"}));
    EXPECT_EQ(failed["error"]["errorCode"], "DB_ERROR");
    EXPECT_NE(failed["error"]["message"].get<std::string>().find("division by zero"), std::string::npos) << failed;
    EXPECT_EQ(failed["targetSchemaVersion"], "1");
    EXPECT_NE(r.err.find("ERROR: Target "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(" failed: " + url() + " schemas=t_c: ("), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("ERROR: division by zero"), std::string::npos) << r.err;
}

TEST_F(FleetPostgresql, AnUnreachableTargetFailsWithTheConnectionErrorAndTheOthersRun) {
    query("CREATE SCHEMA reachable");
    write_file(dir_ / "tenants.txt", "jdbc:postgresql://127.0.0.1:1/nowhere?user=postgres\n" + url() + " schemas=reachable\n");
    const auto r = fleet({"migrate", "-targets=tenants.txt", "-outputType=json"});
    EXPECT_EQ(r.exit_code, 1);
    const json doc = json::parse(r.out);
    EXPECT_EQ(doc["targets"][0]["status"], "failed");
    EXPECT_EQ(doc["targets"][0]["error"]["errorCode"], "DB_CONNECTION") << doc;
    EXPECT_NE(doc["targets"][0]["error"]["message"].get<std::string>().find(
                  "Unable to obtain connection from database (jdbc:postgresql://127.0.0.1:1/nowhere?user=postgres)"),
              std::string::npos)
        << doc;
    EXPECT_TRUE(doc["targets"][0]["targetSchemaVersion"].is_null());
    EXPECT_EQ(doc["targets"][1]["status"], "succeeded");
    EXPECT_EQ(history_of("reachable"), both_applied);
}

TEST_F(FleetPostgresql, NoMoreThanMaxConnectionsPerServerAtOnceThoughParallelAllowsMore) {
    // Each migration notes how many sessions are in this database while it sleeps a little.
    query("CREATE TABLE public.seen (sessions INT)");
    for (int i = 1; i <= 12; ++i) query("CREATE SCHEMA s_" + std::to_string(i));
    migration("V1__accounts.sql", "INSERT INTO public.seen SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                  "AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND state = 'active';\n"
                                  "SELECT pg_sleep(0.4);\n"
                                  "INSERT INTO public.seen SELECT count(*) + 1 FROM pg_stat_activity WHERE datname = current_database() "
                                  "AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND state = 'active';");
    migration("V2__orders.sql", "CREATE TABLE orders (id INT);");
    auto peak = [&] { return std::stoi(query("SELECT max(sessions) FROM public.seen")[0][0]); };

    ASSERT_EQ(fleet({"migrate", "-targetSchemas=s\\_%", "-parallel=8", "-maxConnectionsPerServer=3"}).exit_code, 0);
    EXPECT_LE(peak(), 3);
    EXPECT_GE(peak(), 2) << "the targets ran one at a time";
    for (int i = 1; i <= 12; ++i) EXPECT_EQ(history_of("s_" + std::to_string(i)).size(), 2u);

    // The bound was the server's, not the pool's: with room, more run at once.
    query("TRUNCATE public.seen");
    for (int i = 1; i <= 12; ++i) query("DROP SCHEMA s_" + std::to_string(i) + " CASCADE; CREATE SCHEMA s_" + std::to_string(i));
    ASSERT_EQ(fleet({"migrate", "-targetSchemas=s\\_%", "-parallel=8", "-maxConnectionsPerServer=8"}).exit_code, 0);
    EXPECT_GE(peak(), 4);
    EXPECT_LE(peak(), 8);
}

TEST_F(FleetPostgresql, SchemasOfOneDatabaseTakeTurnsOnAFewSessionsAndNothingCarriesOver) {
    query("CREATE TABLE public.seen (pid INT, schema_name TEXT, role_name TEXT)");
    for (int i = 1; i <= 12; ++i) query("CREATE SCHEMA r_" + std::to_string(i));
    // Each target's first migration moves its session: another search_path, another role.
    query("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'fleet_other') THEN CREATE ROLE fleet_other; END IF; END $$");
    migration("V1__accounts.sql", "CREATE TABLE accounts (id INT);\nSET search_path TO public;\nSET ROLE fleet_other;");
    migration("V2__orders.sql", "CREATE TABLE orders (id INT);\n"
                                "INSERT INTO public.seen SELECT pg_backend_pid(), current_schema(), current_user;");
    const auto r = fleet({"migrate", "-targetSchemas=r\\_%", "-parallel=2"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // Two sessions served twelve targets...
    EXPECT_LE(std::stoi(query("SELECT count(DISTINCT pid) FROM public.seen")[0][0]), 2);
    // ... and each target started from its own schema and the login role, as a fresh session would.
    for (int i = 1; i <= 12; ++i) {
        const std::string schema = "r_" + std::to_string(i);
        EXPECT_EQ(query("SELECT role_name FROM public.seen WHERE schema_name = '" + schema + "'"), (rows{{"postgres"}})) << schema;
        EXPECT_EQ(query("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "'"), (rows{{"3"}})) << schema;
        EXPECT_EQ(history_of(schema), both_applied) << schema;
    }
    query("DROP ROLE IF EXISTS fleet_other");
}

TEST_F(FleetPostgresql, PasswordsInTargetUrlsAppearInNoOutput) {
    query("CREATE SCHEMA p1");
    // The suite's server trusts loopback, so a password in the URL is accepted and ignored.
    const std::string secret = "Sup3rSecretPw";
    write_file(dir_ / "tenants.txt", "jdbc:postgresql://postgres:" + secret + "@" + host_ + ":" + port_ + "/" + database_ +
                                         " schemas=p1\njdbc:postgresql://" + host_ + ":" + port_ + "/" + database_ +
                                         "?user=postgres&password=" + secret + "&currentSchema=p2 schemas=p2,\n");
    // p2's migration fails, echoing the URL's password back in its error.
    migration("V2__orders.sql", "CREATE TABLE orders (id INT);\nDO $$ BEGIN IF current_schema() = 'p2' THEN RAISE EXCEPTION 'bad "
                                "tenant %', '" + secret + "'; END IF; END $$;");
    for (const char* output : {"-outputType=json", "-outputType="}) {
        const auto r = fleet({"migrate", "-targets=tenants.txt", output, "-X"});
        EXPECT_EQ(r.exit_code, 1) << r.err;
        EXPECT_EQ(r.out.find(secret), std::string::npos) << r.out;
        EXPECT_EQ(r.err.find(secret), std::string::npos) << r.err;
        EXPECT_NE((r.out + r.err).find("bad tenant ***"), std::string::npos) << r.out << r.err;
    }
    EXPECT_EQ(history_of("p1"), both_applied);
}

TEST_F(FleetPostgresql, SigtermStartsNoMoreTargetsAndStillPrintsTheDocumentToResumeFrom) {
    for (int i = 1; i <= 6; ++i) query("CREATE SCHEMA slow_" + std::to_string(i));
    migration("V1__accounts.sql", "SELECT pg_sleep(0.4);\nCREATE TABLE accounts (id INT);");
    // The shell sends SIGTERM while the second target runs, and waits for jetway to finish.
    const std::string jetway_bin = std::string(JW_TEST_BUILD_DIR) + "/bin/jetway";
    const auto r = run_process({"/bin/sh", "-c",
                                jetway_bin + " -url='" + url() + "' -locations=filesystem:" + (dir_ / "sql").string() +
                                    " -placeholders.tenant=x migrate -targetSchemas='slow\\_%' -parallel=1 -outputType=json "
                                    "> run.json & pid=$!; sleep 0.6; kill -TERM $pid; wait $pid; echo \"exit $?\""},
                               {}, dir_.path());
    EXPECT_NE(r.out.find("exit 1"), std::string::npos) << r.out << r.err;
    const json doc = json::parse(read_file(dir_ / "run.json"));
    // The target running when the signal came finished; none started after it.
    const int done = doc["succeeded"].get<int>(), not_run = doc["notRun"].get<int>();
    EXPECT_EQ(doc["failed"], 0) << doc;
    EXPECT_GE(done, 1) << doc;
    EXPECT_GE(not_run, 1) << doc;
    EXPECT_EQ(done + not_run, 6);
    for (const auto& t : doc["targets"]) {
        const std::string schema = t["schemas"][0];
        const bool ran = t["status"] == "succeeded";
        EXPECT_EQ(query("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "'"),
                  (rows{{ran ? "3" : "0"}})) << t;  // accounts, orders and the history, or nothing
    }
    EXPECT_NE(r.err.find(std::to_string(not_run) + (not_run == 1 ? " target was" : " targets were") +
                         " not run (interrupted)"),
              std::string::npos)
        << r.err;

    // The document resumes the run: only the four that did not run.
    const auto again = fleet({"migrate", "-targetSchemas=slow\\_%", "-targetsFrom=run.json", "-outputType=json"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(json::parse(again.out)["targetCount"], not_run);
    for (int i = 1; i <= 6; ++i) EXPECT_EQ(history_of("slow_" + std::to_string(i)).size(), 2u) << i;
}

}  // namespace
}  // namespace jetway::test
