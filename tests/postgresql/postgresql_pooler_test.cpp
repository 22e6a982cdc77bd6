// SPDX-License-Identifier: Apache-2.0
// Issue 18: migrators racing through a real PgBouncer (Debian's package, started by the suite's
// server script with four server connections per database, in each pooling mode). Through
// transaction pooling consecutive transactions land on different server sessions, so a session
// lock means nothing there: every process must still succeed and every migration, with its
// callback, happen once; what cannot be made safe is refused before anything runs.
#include <libpq-fe.h>

#include <regex>

#include "postgresql_fixture.hpp"

using jetway::test::rows;

namespace {

class PostgresqlPooler : public jetway::test::PostgresqlDatabase {
 protected:
    // The test database through the PgBouncer in `mode`.
    std::string pooler_url(const std::string& mode) const { return url_via("pgbouncer-" + mode + ".url"); }
    // Ten versioned migrations, a repeatable one, and a callback after each that counts.
    void write_migrations() {
        // Outside the migrated schema, which must start empty.
        query("CREATE SCHEMA audit; CREATE TABLE audit.callback_log (rows_before BIGINT)");
        migration("V1__t.sql", "CREATE TABLE t (x INT PRIMARY KEY);");
        for (int v = 2; v <= 10; ++v)
            migration("V" + std::to_string(v) + "__i.sql", "INSERT INTO t VALUES (" + std::to_string(v) + ");");
        migration("R__v.sql", "CREATE OR REPLACE VIEW v AS SELECT count(*) AS n FROM t;");
        // Runs in the migration's transaction, before its history row: a count no other run shares.
        migration("afterEachMigrate.sql", "INSERT INTO audit.callback_log SELECT count(*) FROM flyway_schema_history;");
    }
    void expect_each_migration_once() {
        EXPECT_EQ(query("SELECT count(*), sum(x) FROM t"), (rows{{"9", "54"}}));
        EXPECT_EQ(query("SELECT count(*), count(DISTINCT script), bool_and(success) FROM flyway_schema_history"),
                  (rows{{"11", "11", "t"}}));
        EXPECT_EQ(query("SELECT count(*), count(DISTINCT rows_before) FROM audit.callback_log"), (rows{{"11", "11"}}))
            << "afterEachMigrate ran once per migration";
    }
};

class PostgresqlPoolerRace : public PostgresqlPooler,
                             public ::testing::WithParamInterface<std::tuple<std::string, int>> {};

TEST_P(PostgresqlPoolerRace, EveryProcessSucceedsAndEachMigrationAppliesOnce) {
    const auto [mode, processes] = GetParam();
    write_migrations();
    const std::string url = pooler_url(mode);
    const auto results = jetway::test::run_together(static_cast<std::size_t>(processes),
                                                    [&] { return jetway_at(url, {"migrate"}); });
    for (const auto& r : results) {
        EXPECT_EQ(r.exit_code, 0) << r.err << r.out;
        // Each says why it locks the way it does.
        EXPECT_NE(r.err.find("goes through a connection pooler"), std::string::npos) << r.err;
    }
    expect_each_migration_once();
}

std::string pooler_race_name(const ::testing::TestParamInfo<std::tuple<std::string, int>>& param_info) {
    return std::get<0>(param_info.param) + "_" + std::to_string(std::get<1>(param_info.param));
}

INSTANTIATE_TEST_SUITE_P(Processes, PostgresqlPoolerRace,
                         ::testing::Combine(::testing::Values("transaction", "session"), ::testing::Values(8, 16)),
                         pooler_race_name);

TEST_F(PostgresqlPooler, StatementPoolingIsRefusedBeforeAnythingRuns) {
    migration("V1__t.sql", "CREATE TABLE t (x INT);");
    const std::string url = pooler_url("statement");
    for (const std::string command : {"migrate", "info"}) {
        const auto r = jetway_at(url, {command});
        EXPECT_EQ(r.exit_code, 1) << command;
        EXPECT_NE(r.err.find("this connection goes through a pooler that allows no transaction (PgBouncer's statement "
                             "pooling mode): migrations need transactions to be applied exactly once, or not at all. "
                             "Connect directly to the server, or through a pooler port in transaction or session pooling mode"),
                  std::string::npos)
            << command << ": " << r.err;
    }
    EXPECT_EQ(query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), (rows{{"0"}}));
}

TEST_F(PostgresqlPooler, AMigrationOutsideATransactionIsRefusedUpFrontThroughTransactionPooling) {
    migration("V1__t.sql", "CREATE TABLE t (x INT);");
    migration("V2__i.sql", "INSERT INTO t VALUES (2);");
    migration("V3__index.sql", "CREATE INDEX CONCURRENTLY t_x ON t (x);");
    const std::string url = pooler_url("transaction");
    const auto r = jetway_at(url, {"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("ERROR: Unable to migrate: V3__index.sql must run outside a transaction, and " + url +
                         " goes through a connection pooler that may run each transaction on another server connection "
                         "(transaction pooling). There Jetway's lock lasts one transaction, so nothing would stop two "
                         "migrators running this migration at once: it was not run. Run it connected directly to the "
                         "server; or, if the pooler keeps each client on one server connection (PgBouncer's session "
                         "mode), set postgresql.transactional.lock=false to lock for the whole run"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(query("SELECT count(*) FROM pg_tables WHERE tablename = 't'"), (rows{{"0"}})) << "nothing was applied";
    // Connected directly, the same folder migrates.
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    EXPECT_EQ(query("SELECT indexname FROM pg_indexes WHERE indexname = 't_x'"), (rows{{"t_x"}}));
}

// Through session pooling a client keeps its server session, which the user may vouch for with
// Flyway's own setting: then the run-long session lock is used, and CREATE INDEX CONCURRENTLY
// runs while the others wait.
TEST_F(PostgresqlPooler, SessionPoolingVouchedForRunsMigrationsOutsideTransactionsOnce) {
    write_migrations();
    migration("V11__index.sql", "CREATE INDEX CONCURRENTLY t_x ON t (x);");
    const std::string url = pooler_url("session");
    for (const auto& r : jetway::test::run_together(8, [&] {
             return jetway_at(url, {"-postgresql.transactional.lock=false", "migrate"});
         })) {
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(r.err.find("goes through a connection pooler"), std::string::npos) << r.err;
    }
    EXPECT_EQ(query("SELECT count(*), count(DISTINCT script) FROM flyway_schema_history"), (rows{{"12", "12"}}));
    EXPECT_EQ(query("SELECT count(*) FROM audit.callback_log"), (rows{{"12"}}));
    EXPECT_EQ(query("SELECT indexname FROM pg_indexes WHERE indexname = 't_x'"), (rows{{"t_x"}}));
}

TEST_F(PostgresqlPooler, AWaiterThroughTransactionPoolingGivesUpNamingTheHolder) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    // Flyway's key for "public"."flyway_schema_history", held by a direct session.
    PGconn* holder = PQconnectdb((conninfo(database_) + " application_name=holder-app").c_str());
    ASSERT_EQ(PQstatus(holder), CONNECTION_OK);
    PQclear(PQexec(holder, "SELECT pg_advisory_lock(77433833903597)"));
    const std::string holder_pid = query("SELECT pid FROM pg_stat_activity WHERE application_name = 'holder-app' "
                                                         "AND datname = current_database()").at(0).at(0);
    const auto r = jetway_at(pooler_url("transaction"), {"-lockRetryCount=1", "migrate"});
    PQfinish(holder);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Number of retries exceeded while attempting to acquire PostgreSQL advisory lock. Configure the "
                         "number of retries with the 'lockRetryCount' configuration option. The lock on "
                         "\"public\".\"flyway_schema_history\" is held by process " + holder_pid + " (application 'holder-app'"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(query("SELECT count(*) FROM pg_tables WHERE tablename = 'a'"), (rows{{"0"}}));
}

// The other writing commands lock each of their transactions too, and leave nothing held.
TEST_F(PostgresqlPooler, BaselineRepairUndoAndCleanWorkThroughTransactionPooling) {
    const std::string url = pooler_url("transaction");
    query("CREATE TABLE legacy (x INT)");
    auto r = jetway_at(url, {"-baselineVersion=1", "baseline"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    migration("V2__t.sql", "CREATE TABLE t (x INT);");
    migration("U2__t.sql", "DROP TABLE t;");
    ASSERT_EQ(jetway_at(url, {"migrate"}).exit_code, 0);
    // A checksum changed on disk: repair aligns it.
    migration("V2__t.sql", "CREATE TABLE t (x INT, y INT);");
    r = jetway_at(url, {"repair"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("Repairing Schema History table for version 2"), std::string::npos) << r.err;
    r = jetway_at(url, {"undo"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT count(*) FROM pg_tables WHERE tablename = 't'"), (rows{{"0"}}));
    EXPECT_EQ(query("SELECT type FROM flyway_schema_history ORDER BY installed_rank"),
              (rows{{"BASELINE"}, {"SQL"}, {"UNDO_SQL"}}));
    r = jetway_at(url, {"-cleanDisabled=false", "clean"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), (rows{{"0"}}));
    // No lock was left behind on any pooled server session of this database (pg_locks lists the
    // whole server's, and other tests run beside this one).
    EXPECT_EQ(query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                    "(SELECT oid FROM pg_database WHERE datname = current_database())"),
              (rows{{"0"}}));
    ASSERT_EQ(jetway({"-lockRetryCount=0", "migrate"}).exit_code, 0);
}

}  // namespace
