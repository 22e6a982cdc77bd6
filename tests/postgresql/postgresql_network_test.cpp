// SPDX-License-Identifier: Apache-2.0
// Jetway and PostgreSQL through a proxy the test controls: a connection cut in the middle of a
// migration, a server that comes up late, the round trips of the bookkeeping and the ones
// batch=true saves.
#include <chrono>
#include <future>
#include <thread>

#include "postgresql_fixture.hpp"
#include "round_trip_cases.hpp"
#include "tcp_proxy.hpp"

using jetway::test::rows;

namespace {

class PostgresqlNetwork : public jetway::test::PostgresqlDatabase {
 protected:

    std::string url_through(const jetway::test::tcp_proxy& proxy) const {
        return "jdbc:postgresql://127.0.0.1:" + std::to_string(proxy.port()) + "/" + database_ + "?user=postgres";
    }
    jetway::test::process_result jetway_via(const std::string& url, std::vector<std::string> args) {
        args.insert(args.begin(), {std::string(JW_TEST_BUILD_DIR) + "/bin/jetway", "-url=" + url,
                                   "-locations=filesystem:" + (dir_ / "sql").string()});
        return jetway::test::run_process(args, {}, dir_.path());
    }
};

TEST_F(PostgresqlNetwork, ConnectionCutMidMigrationLeavesNoRecordAndTheNextRunFinishes) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("V2__slow.sql", "INSERT INTO a VALUES (1);\nSELECT pg_sleep(1.5);\nINSERT INTO a VALUES (2);\n");
    jetway::test::tcp_proxy proxy(std::stoi(port_));
    auto run = std::async(std::launch::async, [&] { return jetway_via(url_through(proxy), {"migrate"}); });
    // Cut while V2 sleeps on the server.
    for (int i = 0; i < 100 && query("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%'") == rows{{"0"}}; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    proxy.cut();
    const auto r = run.get();
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("connection"), std::string::npos) << r.err;
    EXPECT_EQ(history(), (rows{{"1", "1", "a", "SQL", "V1__a.sql", history().at(0).at(5), "t"}})) << "V2 is not recorded";
    // The server rolls V2 back and frees the lock when it notices its client is gone.
    const auto again = jetway({"-lockRetryCount=10", "migrate"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(query("SELECT x FROM a ORDER BY x"), (rows{{"1"}, {"2"}})) << "V2's inserts happened exactly once";
}

TEST_F(PostgresqlNetwork, ConnectRetriesWaitForAServerThatComesUpLate) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    jetway::test::tcp_proxy proxy(std::stoi(port_), /*delay_ms=*/2500);
    const auto r = jetway_via(url_through(proxy), {"-connectRetries=5", "-connectRetriesInterval=2", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("WARNING: Connection error: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Retrying in 1 sec..."), std::string::npos) << r.err;
    EXPECT_EQ(history().size(), 1u);
}

// Issue 20: a migration is one flight (BEGIN, session reset, statements, history row, COMMIT),
// with or without batch=true; only statements whose rows are printed go on their own.
TEST_F(PostgresqlNetwork, AMigrationTravelsInOneRoundTrip) {
    migration("V1__table.sql", "CREATE TABLE t (x INT PRIMARY KEY, note TEXT);");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    jetway::test::tcp_proxy noop(std::stoi(port_));
    ASSERT_EQ(jetway_via(url_through(noop), {"migrate"}).exit_code, 0);

    migration("V2__rows.sql", jetway::test::many_inserts());
    const rows expected{{"241", "10", "1000"}};
    const std::string check = "SELECT count(*), count(*) FILTER (WHERE note = 'low'), max(x) FROM t";
    const auto apply_v2 = [&](const std::vector<std::string>& args) {
        jetway::test::tcp_proxy proxy(std::stoi(port_));
        const auto r = jetway_via(url_through(proxy), args);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(query(check), expected);
        const int trips = proxy.round_trips();
        query("DELETE FROM t");
        query("DELETE FROM flyway_schema_history WHERE version = '2'");
        return trips;
    };
    // The 252 statements before the RETURNING, the RETURNING, the SELECT, the history row: 4.
    const int printed = apply_v2({"migrate"});
    const int quiet = apply_v2({"-outputQueryResults=false", "migrate"});
    const int batched = apply_v2({"-batch=true", "-outputQueryResults=false", "migrate"});
    const std::string figures = "no-op " + std::to_string(noop.round_trips()) + ", printed " + std::to_string(printed) +
                                ", quiet " + std::to_string(quiet) + ", batch=true " + std::to_string(batched);
    EXPECT_LE(printed, noop.round_trips() + 4 + 1) << figures;
    EXPECT_LE(quiet, noop.round_trips() + 1 + 1) << figures;
    EXPECT_LE(batched, noop.round_trips() + 1 + 1) << figures;
}

// Issue 20: after connecting (and its one query of the session's facts), a run with nothing to
// do sends the lock's try with the history table's existence, then reads the history: two round
// trips. The unlock goes with the end of the session.
TEST_F(PostgresqlNetwork, NoOpMigrateCostsTwoRoundTripsAfterConnecting) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    jetway::test::tcp_proxy proxy(std::stoi(port_));
    proxy.mark_when_client_sends("pg_backend_pid()");  // the connect query, sent in the clear:
    const auto r = jetway_via(url_through(proxy) + "&sslmode=disable", {"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("No migration necessary."), std::string::npos) << r.err;
    EXPECT_EQ(proxy.answered_round_trips_after_mark(), 2);
    // The lock went with the session: the next run takes it at once.
    const auto again = jetway({"-lockRetryCount=0", "migrate"});
    EXPECT_EQ(again.exit_code, 0) << again.err;
}

TEST_F(PostgresqlNetwork, FailureInAFlightNamesTheStatementAndLeavesNothingOfTheMigration) {
    migration("V1__table.sql", "CREATE TABLE t (x INT PRIMARY KEY, note TEXT);");
    std::string sql = "CREATE TABLE u (x INT);\nINSERT INTO u VALUES (1);\n";
    for (int i = 2; i <= 20; ++i) sql += "INSERT INTO t VALUES (" + std::to_string(i == 15 ? 7 : i) + ", 'n');\n";
    migration("V2__rows.sql", sql);
    auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("SQL State  : 23505\n"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Line       : 16\nStatement  : INSERT INTO t VALUES (7, 'n')\n"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Changes successfully rolled back."), std::string::npos) << r.err;
    EXPECT_EQ(history().size(), 1u) << "the failed migration is not recorded";
    EXPECT_EQ(query("SELECT count(*) FROM t"), (rows{{"0"}})) << "rows before the failure were rolled back";
    EXPECT_TRUE(query("SELECT 1 FROM pg_tables WHERE tablename = 'u'").empty()) << "and the table";

    // Fixed, the next run applies it.
    migration("V2__rows.sql", "CREATE TABLE u (x INT);\nINSERT INTO t VALUES (2, 'n');\n");
    r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(history().size(), 2u);
    EXPECT_EQ(query("SELECT count(*) FROM t"), (rows{{"1"}}));
}

// -group=true: each migration is a flight without COMMIT; the group commits once, or not at all.
TEST_F(PostgresqlNetwork, AGroupOfFlightsCommitsOnceOrNotAtAll) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);\nINSERT INTO a VALUES (1);\n");
    migration("V2__b.sql", "CREATE TABLE b (x INT);\n");
    auto r = jetway({"-group=true", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(history().size(), 2u);
    migration("V3__c.sql", "CREATE TABLE c (x INT);\n");
    migration("V4__d.sql", "CREATE TABLE d (x INT);\nINSERT INTO nope VALUES (1);\n");
    r = jetway({"-group=true", "migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Line       : 2\nStatement  : INSERT INTO nope VALUES (1)\n"), std::string::npos) << r.err;
    EXPECT_EQ(history().size(), 2u) << "V3 went with the group's rollback";
    EXPECT_TRUE(query("SELECT 1 FROM pg_tables WHERE tablename IN ('c', 'd')").empty());
}

// -group=true: a group's migrations share flights too, in its one transaction, and each still
// starts from Flyway's session reset (the search_path one changed does not leak into the next).
TEST_F(PostgresqlNetwork, AGroupSharesFlightsAndEachMigrationStartsFromTheReset) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    jetway::test::tcp_proxy noop(std::stoi(port_));
    ASSERT_EQ(jetway_via(url_through(noop), {"-group=true", "migrate"}).exit_code, 0);
    migration("V2__elsewhere.sql", "CREATE SCHEMA elsewhere;\nSET search_path TO elsewhere;\nCREATE TABLE e (x INT);\n");
    for (int v = 3; v <= 30; ++v)
        migration("V" + std::to_string(v) + "__t" + std::to_string(v) + ".sql", "CREATE TABLE t" + std::to_string(v) + " (x INT);\n");
    jetway::test::tcp_proxy proxy(std::stoi(port_));
    auto r = jetway_via(url_through(proxy), {"-group=true", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // The flight, then the group's COMMIT; the proxy counts TCP reads, and under load now and
    // then one answer arrives in two (see round_trip_cases.hpp): 29 migrations, at most 3 more.
    EXPECT_LE(proxy.round_trips(), noop.round_trips() + 3) << "no-op " << noop.round_trips() << ", a group of 29 "
                                                           << proxy.round_trips();
    EXPECT_EQ(query("SELECT schemaname FROM pg_tables WHERE tablename IN ('e', 't3', 't30') ORDER BY tablename"),
              (rows{{"elsewhere"}, {"public"}, {"public"}}));
    EXPECT_EQ(query("SELECT count(*), bool_and(success) FROM flyway_schema_history"), (rows{{"30", "t"}}));
    EXPECT_EQ(query("SELECT count(DISTINCT installed_on) FROM flyway_schema_history WHERE installed_rank > 1"), (rows{{"1"}}))
        << "one transaction: one start, as Flyway's now() gives every row of a group";

    // A failure in the group's last migration takes every one of them back.
    migration("V31__b.sql", "CREATE TABLE b (x INT);");
    migration("V32__bad.sql", "INSERT INTO nope VALUES (1);");
    r = jetway({"-group=true", "migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(history().size(), 30u);
    EXPECT_TRUE(query("SELECT 1 FROM pg_tables WHERE tablename = 'b'").empty());
}

TEST_F(PostgresqlNetwork, CommitFailureInAFlightIsTheMigrationsFailure) {
    // A deferred constraint is checked at COMMIT: first the one between V2 and V3 in their
    // shared flight (V3 then never runs), then, with V3 gone, the flight's last one.
    migration("V1__p.sql", "CREATE TABLE p (id INT PRIMARY KEY);");
    migration("V2__c.sql",
              "CREATE TABLE c (p INT REFERENCES p DEFERRABLE INITIALLY DEFERRED);\nINSERT INTO c VALUES (1);\n");
    migration("V3__z.sql", "CREATE TABLE z (x INT);");
    for (const bool between : {true, false}) {
        if (!between) std::filesystem::remove(dir_ / "sql" / "V3__z.sql");
        const auto r = jetway({"migrate"});
        EXPECT_EQ(r.exit_code, 1);
        EXPECT_NE(r.err.find("Migration of schema \"public\" to version \"2 - c\" failed! Changes successfully rolled back."),
                  std::string::npos) << r.err;
        EXPECT_NE(r.err.find("Unable to commit V2__c.sql: ERROR: insert or update on table \"c\" violates foreign key "
                             "constraint \"c_p_fkey\""), std::string::npos) << r.err;
        EXPECT_EQ(history().size(), 1u);
        EXPECT_TRUE(query("SELECT 1 FROM pg_tables WHERE tablename IN ('c', 'z')").empty());
    }
}

// Issue 20: a run of small migrations shares one flight, yet each is its own transaction with
// its own history row, execution time and installed_on, as when applied one by one.
TEST_F(PostgresqlNetwork, SmallMigrationsShareOneFlightEachInItsOwnTransaction) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    jetway::test::tcp_proxy noop(std::stoi(port_));
    ASSERT_EQ(jetway_via(url_through(noop), {"migrate"}).exit_code, 0);
    for (int v = 2; v <= 41; ++v)
        migration("V" + std::to_string(v) + "__t" + std::to_string(v) + ".sql",
                  "CREATE TABLE t" + std::to_string(v) + " (x INT);\nINSERT INTO t" + std::to_string(v) + " VALUES (" +
                      std::to_string(v) + ");\n" + (v == 5 ? "DO $$ BEGIN PERFORM pg_sleep(0.2); END $$;\n" : ""));
    jetway::test::tcp_proxy proxy(std::stoi(port_));
    const auto r = jetway_via(url_through(proxy), {"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_LE(proxy.round_trips(), noop.round_trips() + 2) << "no-op " << noop.round_trips() << ", 40 migrations "
                                                           << proxy.round_trips();
    EXPECT_EQ(query("SELECT count(*), bool_and(success), min(installed_rank), max(installed_rank) FROM flyway_schema_history"),
              (rows{{"41", "t", "1", "41"}}));
    EXPECT_EQ(query("SELECT sum(x) FROM (SELECT x FROM t2 UNION ALL SELECT x FROM t41) s"), (rows{{"43"}}));
    // Each migration's time is its own, from its own BEGIN: V5 slept, V6 did not.
    const auto times = query("SELECT execution_time, installed_on FROM flyway_schema_history WHERE version IN ('5', '6') "
                             "ORDER BY installed_rank");
    EXPECT_GE(std::stoi(times.at(0).at(0)), 200);
    EXPECT_LT(std::stoi(times.at(1).at(0)), 200);
    EXPECT_EQ(query("SELECT (SELECT installed_on FROM flyway_schema_history WHERE version = '6') - "
                    "(SELECT installed_on FROM flyway_schema_history WHERE version = '5') >= interval '0.2 s'"),
              (rows{{"t"}})) << "V6 started after V5's sleep";
    EXPECT_NE(r.err.find("Migrating schema \"public\" to version \"2 - t2\"\nMigrating schema \"public\" to version \"3 - t3\"\n"),
              std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Successfully applied 40 migrations to schema \"public\", now at version v41"), std::string::npos) << r.err;
}

// A failure in a shared flight: the migrations before it stay committed and recorded, the
// failing one is rolled back and named, the ones after it never ran, and are not logged.
TEST_F(PostgresqlNetwork, AFailureInASharedFlightKeepsWhatCameBeforeAndRunsNothingAfter) {
    for (int v = 1; v <= 5; ++v)
        migration("V" + std::to_string(v) + "__t" + std::to_string(v) + ".sql",
                  "CREATE TABLE t" + std::to_string(v) + " (x INT);\n" + (v == 3 ? "INSERT INTO t1 VALUES ('three');\n" : ""));
    auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Migrating schema \"public\" to version \"3 - t3\"\nERROR: Migration of schema \"public\" to "
                         "version \"3 - t3\" failed! Changes successfully rolled back."),
              std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Line       : 2\nStatement  : INSERT INTO t1 VALUES ('three')\n"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("version \"4 - t4\""), std::string::npos) << "V4 never ran: " << r.err;
    EXPECT_EQ(query("SELECT version, success FROM flyway_schema_history ORDER BY installed_rank"),
              (rows{{"1", "t"}, {"2", "t"}}));
    EXPECT_EQ(query("SELECT tablename FROM pg_tables WHERE tablename LIKE 't_' ORDER BY 1"), (rows{{"t1"}, {"t2"}}));

    migration("V3__t3.sql", "CREATE TABLE t3 (x INT);\n");
    r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(history().size(), 5u);
}

// A statement that goes on its own (its rows are printed) fails: the migrations before it in
// the flight landed with it and stay committed; its own migration is rolled back.
TEST_F(PostgresqlNetwork, AStatementSentAloneThatFailsLeavesTheMigrationsBeforeItCommitted) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("V2__b.sql", "CREATE TABLE b (x INT);");
    migration("V3__c.sql", "CREATE TABLE c (x INT);\nSELECT 1 / 0;\n");
    migration("V4__d.sql", "CREATE TABLE d (x INT);");
    const auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Line       : 2\nStatement  : SELECT 1 / 0\n"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Migration of schema \"public\" to version \"3 - c\" failed! Changes successfully rolled back."),
              std::string::npos) << r.err;
    EXPECT_EQ(query("SELECT version FROM flyway_schema_history ORDER BY installed_rank"), (rows{{"1"}, {"2"}}));
    EXPECT_EQ(query("SELECT tablename FROM pg_tables WHERE tablename IN ('a', 'b', 'c', 'd') ORDER BY 1"), (rows{{"a"}, {"b"}}));
}

// A migration that commits by itself ends Jetway's transaction: its time is still its own, not
// the flight's since the first migration, and the error positions of a shared flight count from
// the failing statement's start, as when it is sent alone.
TEST_F(PostgresqlNetwork, AMigrationThatCommitsItselfIsStillTimedFromItsOwnStart) {
    migration("V1__slow.sql", "CREATE TABLE s (x INT);\nDO $$ BEGIN PERFORM pg_sleep(0.3); END $$;\n");
    migration("V2__own.sql", "BEGIN;\nCREATE TABLE c (x INT);\nCOMMIT;\n");
    migration("V3__after.sql", "CREATE TABLE d (x INT);\n");
    auto r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_LT(std::stoi(query("SELECT execution_time FROM flyway_schema_history WHERE version = '2'").at(0).at(0)), 300);
    EXPECT_EQ(query("SELECT bool_and(installed_on >= prev) FROM (SELECT installed_on, lag(installed_on) OVER (ORDER BY "
                    "installed_rank) AS prev FROM flyway_schema_history) h WHERE prev IS NOT NULL"),
              (rows{{"t"}})) << "installed_on follows the ranks";

    migration("V4__x.sql", "CREATE TABLE x (x INT);\n");
    migration("V5__bad.sql", "INSERT INTO nope VALUES (1);\n");
    r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("relation \"nope\" does not exist\n  Position: 13\n"), std::string::npos) << r.err;
}

TEST_F(PostgresqlNetwork, TheServerMeasuresAFlightsExecutionTime) {
    migration("V1__slow.sql", "CREATE TABLE s (x INT);\nDO $$ BEGIN PERFORM pg_sleep(0.2); END $$;\n");
    const auto r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const int ms = std::stoi(query("SELECT execution_time FROM flyway_schema_history WHERE version = '1'").at(0).at(0));
    EXPECT_GE(ms, 200);
    EXPECT_LT(ms, 5000);
}

TEST_F(PostgresqlNetwork, BatchFailureNamesTheLineAndRollsTheMigrationBack) {
    migration("V1__table.sql", "CREATE TABLE t (x INT PRIMARY KEY, note TEXT);");
    std::string sql = "CREATE TABLE u (x INT);\n";
    for (int i = 2; i <= 150; ++i) sql += "INSERT INTO t VALUES (" + std::to_string(i == 120 ? 7 : i) + ", 'n');\n";
    migration("V2__rows.sql", sql);
    const auto r = jetway({"-batch=true", "migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("SQL State  : 23505\n"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Line       : 120\nStatement  : INSERT INTO t VALUES (7, 'n')\n"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Location   : " + (dir_ / "sql" / "V2__rows.sql").string() + " ("), std::string::npos) << r.err;
    EXPECT_EQ(history().size(), 1u) << "the failed migration is not recorded";
    EXPECT_EQ(query("SELECT count(*) FROM t"), (rows{{"0"}})) << "rows before the failure were rolled back";
    EXPECT_TRUE(query("SELECT 1 FROM pg_tables WHERE tablename = 'u'").empty());
}

TEST_F(PostgresqlNetwork, BookkeepingRoundTripsPerMigrationAreConstantWhateverTheHistorySize) {
    const jetway::test::jetway_runner run = [this](const std::vector<std::string>& args, const std::string& url) {
        return url.empty() ? jetway(args) : jetway_via(url, args);
    };
    const auto through = [this](const jetway::test::tcp_proxy& proxy) { return url_through(proxy); };
    const auto other_sessions = [this] {
        return std::stoi(query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                               "AND pid <> pg_backend_pid()").at(0).at(0));
    };
    // The new migrations share one flight, each with its BEGIN, session reset, statement,
    // history row and COMMIT: however many there are, they cost one round trip together.
    jetway::test::expect_constant_round_trips(
        [&](int applied, int fresh) {
            return jetway::test::round_trips_of_migrate(run, dir_ / "sql", std::stoi(port_), through, other_sessions,
                                                        applied, fresh);
        },
        0);
}

}  // namespace
