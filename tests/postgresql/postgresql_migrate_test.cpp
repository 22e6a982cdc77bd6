// SPDX-License-Identifier: Apache-2.0
// Jetway on a real PostgreSQL server (spec §4, §5.2, §6, §7.4, §12.1): Flyway's history table,
// the dialect's hard cases, the advisory lock, schemas, clean, concurrent migrators.
#include <libpq-fe.h>

#include <chrono>

#include "race_cases.hpp"
#include "postgresql_fixture.hpp"

using jetway::test::rows;

namespace {

class Postgresql : public jetway::test::PostgresqlDatabase {};

TEST_F(Postgresql, HistoryTableIsFlywaysToTheColumn) {
    migration("V1__init.sql", "CREATE TABLE person (id INT);");
    const auto r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT column_name, data_type, is_nullable, COALESCE(character_maximum_length::text, '') "
                    "FROM information_schema.columns WHERE table_name = 'flyway_schema_history' ORDER BY ordinal_position"),
              (rows{{"installed_rank", "integer", "NO", ""},
                    {"version", "character varying", "YES", "50"},
                    {"description", "character varying", "NO", "200"},
                    {"type", "character varying", "NO", "20"},
                    {"script", "character varying", "NO", "1000"},
                    {"checksum", "integer", "YES", ""},
                    {"installed_by", "character varying", "NO", "100"},
                    {"installed_on", "timestamp without time zone", "NO", ""},
                    {"execution_time", "integer", "NO", ""},
                    {"success", "boolean", "NO", ""}}));
    EXPECT_EQ(query("SELECT conname FROM pg_constraint WHERE conrelid = 'flyway_schema_history'::regclass"),
              (rows{{"flyway_schema_history_pk"}}));
    EXPECT_EQ(query("SELECT indexname FROM pg_indexes WHERE tablename = 'flyway_schema_history' ORDER BY 1"),
              (rows{{"flyway_schema_history_pk"}, {"flyway_schema_history_s_idx"}}));
    EXPECT_EQ(query("SELECT installed_rank, version, description, type, script, installed_by, success FROM flyway_schema_history"),
              (rows{{"1", "1", "init", "SQL", "V1__init.sql", "postgres", "t"}}));
}

TEST_F(Postgresql, TheHistoryTableIsCreatedInTheTablespaceAsked) {
    // Tablespaces belong to the server: one per test database, "in place" (no directory to own).
    const std::string tablespace = "jw_ts_" + database_;
    jetway::test::pg_query(conninfo(database_) + " options='-c allow_in_place_tablespaces=on'",
                           "CREATE TABLESPACE " + tablespace + " LOCATION ''");
    migration("V1__init.sql", "CREATE TABLE person (id INT);");
    const auto r = jetway({"-tablespace=" + tablespace, "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT tablename, COALESCE(tablespace, 'default') FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"),
              (rows{{"flyway_schema_history", tablespace}, {"person", "default"}}))
        << "only the history table goes there, as in Flyway";
    query("DROP TABLE flyway_schema_history");
    query("DROP TABLESPACE " + tablespace);
}

TEST_F(Postgresql, CheckDryrunListsWhatMigrateWouldRunAndCreatesNothing) {
    migration("V1__init.sql", "CREATE TABLE person (id INT);");
    migration("V2__index.sql", "CREATE INDEX CONCURRENTLY person_id ON person (id);");
    const auto r = jetway({"-outputType=json", "check", "-dryrun"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("\"operation\": \"dryrun\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("CREATE INDEX CONCURRENTLY person_id ON person (id);"), std::string::npos) << r.out;
    EXPECT_EQ(query("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"), (rows{{"0"}}))
        << "neither the history table nor the migrations' tables exist";
}

TEST_F(Postgresql, CheckDriftFindsWhatWasChangedByHandInAScratchDatabaseItDropsAfterwards) {
    migration("V1__init.sql", "CREATE TABLE person (id SERIAL PRIMARY KEY, name VARCHAR(20) NOT NULL);\n"
                              "CREATE INDEX person_name ON person (name);\n"
                              "CREATE VIEW names AS SELECT name FROM person;\n"
                              "CREATE FUNCTION shout(t TEXT) RETURNS TEXT LANGUAGE sql AS $$ SELECT upper(t) $$;\n"
                              "CREATE SEQUENCE tickets START 100;");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    auto r = jetway({"check", "-drift"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("No drift: the database matches what its migrations build (", 0), 0u) << r.out;

    query("DROP VIEW names");
    query("ALTER TABLE person ALTER COLUMN name TYPE VARCHAR(40)");
    query("CREATE VIEW names AS SELECT name FROM person");
    query("DROP INDEX person_name");
    query("CREATE TABLE extra (x INT)");
    r = jetway({"-outputType=json", "check", "-drift"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.out.find("\"objectType\": \"table\",\n      \"definition\": \"table\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"definitionBefore\": \"character varying(20) NOT NULL\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"definitionAfter\": \"character varying(40) NOT NULL\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"name\": \"person.person_name\""), std::string::npos) << "the dropped index\n" << r.out;
    EXPECT_EQ(query("SELECT count(*) FROM pg_database WHERE datname LIKE 'jetway\\_drift\\_%'"), (rows{{"0"}}))
        << "the scratch database is gone";
}

TEST_F(Postgresql, DollarQuotesCopyAndConcurrentIndexes) {
    migration("V1__function.sql",
              "CREATE TABLE item (id INT PRIMARY KEY, name TEXT);\n"
              "CREATE FUNCTION touch() RETURNS trigger AS $body$\nBEGIN\n  NEW.name := upper(NEW.name); -- ; inside\n"
              "  RETURN NEW;\nEND;\n$body$ LANGUAGE plpgsql;\n"
              "CREATE TRIGGER item_touch BEFORE INSERT ON item FOR EACH ROW EXECUTE FUNCTION touch();\n"
              "DO $$ BEGIN PERFORM 1; END $$;\n");
    migration("V2__copy.sql", "COPY item (id, name) FROM stdin;\n1\tone;\n2\t\\N\n\\.\nINSERT INTO item VALUES (3, 'three');\n");
    migration("V3__index.sql", "CREATE INDEX CONCURRENTLY item_name ON item (name);");
    const auto r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("Migrating schema \"public\" to version \"3 - index\" [non-transactional]"), std::string::npos) << r.err;
    EXPECT_EQ(query("SELECT id, name FROM item ORDER BY id"), (rows{{"1", "ONE;"}, {"2", "NULL"}, {"3", "THREE"}}));
    EXPECT_EQ(query("SELECT indexname FROM pg_indexes WHERE indexname = 'item_name'"), (rows{{"item_name"}}));
    EXPECT_EQ(history().size(), 3u);
}

// -group=true -mixed=true with a non-transactional member: Flyway runs the whole group in
// autocommit (checked with Flyway 7.2.0), so what ran before a failure stays, and the failure is
// recorded.
TEST_F(Postgresql, AGroupWithANonTransactionalMemberRunsInAutocommitAsFlywayDoes) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("V2__index.sql", "CREATE INDEX CONCURRENTLY a_x ON a (x);");
    migration("V3__b.sql", "CREATE TABLE b (x INT);");
    migration("V4__c.sql", "CREATE TABLE c (x INT);\nINSERT INTO nope VALUES (1);\n");
    const auto r = jetway({"-group=true", "-mixed=true", "migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Migration of schema \"public\" to version \"4 - c\" failed! Please restore backups and roll back "
                         "database and code!"),
              std::string::npos) << r.err;
    EXPECT_EQ(query("SELECT version, success FROM flyway_schema_history ORDER BY installed_rank"),
              (rows{{"1", "t"}, {"2", "t"}, {"3", "t"}, {"4", "f"}}));
    EXPECT_EQ(query("SELECT tablename FROM pg_tables WHERE tablename IN ('a', 'b', 'c') ORDER BY 1"),
              (rows{{"a"}, {"b"}, {"c"}}));
}

TEST_F(Postgresql, FailureRollsBackTheMigrationAndLeavesNoRow) {
    migration("V1__ok.sql", "CREATE TABLE a (x INT);");
    migration("V2__bad.sql", "CREATE TABLE b (x INT);\nINSERT INTO nowhere VALUES (1);");
    const auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("SQL State  : 42P01\n"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Message    : ERROR: relation \"nowhere\" does not exist"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Line       : 2\n"), std::string::npos) << r.err;
    EXPECT_EQ(history().size(), 1u);
    EXPECT_TRUE(query("SELECT 1 FROM pg_tables WHERE tablename = 'b'").empty());
}

TEST_F(Postgresql, BatchLeavesStatementCallbacksBetweenTheStatements) {
    // One statement makes both tables, so the callback after it already finds them.
    migration("V1__tables.sql", "CREATE SCHEMA s CREATE TABLE t (x INT) CREATE TABLE seen (n BIGINT);\n");
    migration("V2__rows.sql", "INSERT INTO s.t VALUES (1);\nINSERT INTO s.t VALUES (2);\nINSERT INTO s.t VALUES (3);\n");
    // Each callback records how many rows t has at that moment: a batch would show 3, 3, 3.
    migration("afterEachMigrateStatement.sql", "INSERT INTO s.seen SELECT count(*) FROM s.t;");
    const auto r = jetway({"-batch=true", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT n FROM s.seen"), (rows{{"0"}, {"1"}, {"2"}, {"3"}}));
}

TEST_F(Postgresql, CarriesOnFromAHistoryTableFlywayWrote) {
    migration("V1__first.sql", "CREATE TABLE first (x INT);");
    migration("V2__second.sql", "CREATE TABLE second (x INT);");
    ASSERT_EQ(jetway({"-target=1", "migrate"}).exit_code, 0);
    const std::string checksum = history()[0][5];
    // Rebuild the table exactly as Flyway creates and fills it (spec §4.2), then hand it over.
    query("DROP TABLE flyway_schema_history");
    query("CREATE TABLE \"public\".\"flyway_schema_history\" (\"installed_rank\" INT NOT NULL, \"version\" VARCHAR(50), "
          "\"description\" VARCHAR(200) NOT NULL, \"type\" VARCHAR(20) NOT NULL, \"script\" VARCHAR(1000) NOT NULL, "
          "\"checksum\" INTEGER, \"installed_by\" VARCHAR(100) NOT NULL, \"installed_on\" TIMESTAMP NOT NULL DEFAULT now(), "
          "\"execution_time\" INTEGER NOT NULL, \"success\" BOOLEAN NOT NULL);"
          "ALTER TABLE \"public\".\"flyway_schema_history\" ADD CONSTRAINT \"flyway_schema_history_pk\" PRIMARY KEY (\"installed_rank\");"
          "CREATE INDEX \"flyway_schema_history_s_idx\" ON \"public\".\"flyway_schema_history\" (\"success\");"
          "INSERT INTO flyway_schema_history VALUES (1, '1', 'first', 'SQL', 'V1__first.sql', " + checksum +
          ", 'flyway', now(), 12, true)");
    const auto r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT installed_rank, version, installed_by FROM flyway_schema_history ORDER BY 1"),
              (rows{{"1", "1", "flyway"}, {"2", "2", "postgres"}}));
}

TEST_F(Postgresql, WaiterGivesUpNamingTheLockHolder) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    // Hold Flyway's advisory lock for "public"."flyway_schema_history" (spec Appendix B).
    PGconn* holder = PQconnectdb((conninfo(database_) + " application_name=holder-app").c_str());
    ASSERT_EQ(PQstatus(holder), CONNECTION_OK);
    PQclear(PQexec(holder, "SELECT pg_advisory_lock(77433833903597)"));
    const std::string holder_pid = query("SELECT pid FROM pg_stat_activity WHERE application_name = 'holder-app' "
                                                         "AND datname = current_database()").at(0).at(0);
    const auto start = std::chrono::steady_clock::now();
    const auto r = jetway({"-lockRetryCount=1", "migrate"});
    const auto waited = std::chrono::steady_clock::now() - start;
    PQfinish(holder);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Number of retries exceeded while attempting to acquire PostgreSQL advisory lock. Configure the "
                         "number of retries with the 'lockRetryCount' configuration option. The lock on "
                         "\"public\".\"flyway_schema_history\" is held by process " + holder_pid + " (application 'holder-app'"),
              std::string::npos) << r.err;
    EXPECT_LT(waited, std::chrono::seconds(20)) << "a bounded wait, not a hang";
    EXPECT_EQ(jetway({"migrate"}).exit_code, 0) << "the holder's session ended, so the lock is free";
}

TEST_F(Postgresql, SchemasAreCreatedRecordedAndCleaned) {
    migration("V1__a.sql", "CREATE TABLE a (x INT); CREATE VIEW av AS SELECT * FROM a; CREATE SEQUENCE s1;"
                           "CREATE TYPE mood AS ENUM ('ok'); CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';");
    auto r = jetway({"-schemas=app,extra", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(history("app"), (rows{{"0", "NULL", "<< Flyway Schema Creation >>", "SCHEMA", "\"app\",\"extra\"", "NULL", "t"},
                                    {"1", "1", "a", "SQL", "V1__a.sql", history("app")[1][5], "t"}}));
    EXPECT_EQ(query("SELECT table_schema FROM information_schema.tables WHERE table_name = 'a'"), (rows{{"app"}}))
        << "unqualified names go to the default schema";
    r = jetway({"-schemas=app,extra", "-cleanDisabled=false", "clean"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'app'"),
              (rows{{"0"}}));
    EXPECT_EQ(query("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'app'"),
              (rows{{"0"}}));
    r = jetway({"-schemas=app,extra", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(Postgresql, EightProcessesOnAnEmptyDatabaseApplyEachMigrationOnce) {
    migration("V1__t.sql", "CREATE TABLE t (x INT);");
    for (int v = 2; v <= 8; ++v) migration("V" + std::to_string(v) + "__i.sql", "INSERT INTO t VALUES (" + std::to_string(v) + ");");
    migration("V9__index.sql", "CREATE INDEX CONCURRENTLY t_x ON t (x);");
    migration("R__v.sql", "CREATE OR REPLACE VIEW v AS SELECT count(*) AS n FROM t;");
    for (const auto& r : jetway::test::run_together(8, [&] { return jetway({"-q", "migrate"}); }))
        EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT count(*), sum(x) FROM t"), (rows{{"7", "35"}}));
    EXPECT_EQ(query("SELECT count(*), count(DISTINCT script) FROM flyway_schema_history"), (rows{{"10", "10"}}));
    EXPECT_EQ(query("SELECT indexname FROM pg_indexes WHERE indexname = 't_x'"), (rows{{"t_x"}}))
        << "CREATE INDEX CONCURRENTLY finished while other migrators waited for the lock";
}

// Issue 9's races: 2, 8 and 16 processes started together, against an empty database and
// against one with pending migrations. Every process succeeds; each migration (and its INSERT)
// applies exactly once.
class PostgresqlRace : public Postgresql, public ::testing::WithParamInterface<jetway::test::race_case> {};

TEST_P(PostgresqlRace, EveryProcessSucceedsAndEachMigrationAppliesOnce) {
    const auto [processes, pending] = GetParam();
    migration("V1__t.sql", "CREATE TABLE t (x INT);");
    migration("V2__i.sql", "INSERT INTO t VALUES (2);");
    if (pending) {
        ASSERT_EQ(jetway({"-q", "migrate"}).exit_code, 0);
    }
    for (int v = 3; v <= 12; ++v) migration("V" + std::to_string(v) + "__i.sql", "INSERT INTO t VALUES (" + std::to_string(v) + ");");
    for (const auto& r : jetway::test::run_together(static_cast<std::size_t>(processes), [&] { return jetway({"-q", "migrate"}); }))
        EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT count(*), sum(x) FROM t"), (rows{{"11", "77"}}));
    EXPECT_EQ(query("SELECT count(*), count(DISTINCT version) FROM flyway_schema_history"), (rows{{"12", "12"}}));
}

INSTANTIATE_TEST_SUITE_P(Processes, PostgresqlRace, jetway::test::race_cases(), jetway::test::race_case_name);

TEST_F(Postgresql, CleanDropsEveryKindOfObject) {
    migration("V1__objects.sql",
              "CREATE TABLE parent (id INT PRIMARY KEY);\n"
              "CREATE TABLE child (id INT REFERENCES parent (id));\n"
              "CREATE TABLE inherited () INHERITS (parent);\n"
              "CREATE VIEW v AS SELECT * FROM parent;\n"
              "CREATE MATERIALIZED VIEW mv AS SELECT * FROM parent;\n"
              "CREATE SEQUENCE seq;\n"
              "CREATE TYPE mood AS ENUM ('ok', 'sad');\n"
              "CREATE TYPE pair AS (a INT, b INT);\n"
              "CREATE DOMAIN positive AS INT CHECK (VALUE > 0);\n"
              "CREATE FUNCTION f(a INT) RETURNS INT LANGUAGE sql AS 'SELECT a';\n"
              "CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1';\n"
              "CREATE AGGREGATE total(INT) (SFUNC = int4pl, STYPE = INT);\n"
              "CREATE COLLATION c_copy FROM \"C\";\n");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    const auto r = jetway({"-cleanDisabled=false", "clean"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"), (rows{{"0"}}));
    EXPECT_EQ(query("SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public'"), (rows{{"0"}}));
    EXPECT_EQ(query("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'"), (rows{{"0"}}));
    EXPECT_EQ(query("SELECT count(*) FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace WHERE n.nspname = 'public'"), (rows{{"0"}}));
    EXPECT_EQ(jetway({"info"}).exit_code, 0);
}

TEST_F(Postgresql, CreatedSchemasAreDroppedByClean) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    ASSERT_EQ(jetway({"-schemas=made_by_us", "migrate"}).exit_code, 0);
    const auto r = jetway({"-schemas=made_by_us", "-cleanDisabled=false", "-outputType=json", "clean"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("\"schemasDropped\": [\n    \"made_by_us\"\n  ]"), std::string::npos) << r.out;
    EXPECT_TRUE(query("SELECT 1 FROM pg_namespace WHERE nspname = 'made_by_us'").empty());
}

// Flyway's own test suite has a migration that switches to a role without rights on the history
// table: Flyway sets the role back before writing history and before the next migration, and so
// does Jetway. The search_path a migration sets does not reach the next one either (spec §6.6).
TEST_F(Postgresql, AMigrationsRoleAndSearchPathDoNotLeak) {
    const std::string role = database_ + "_limited";
    query("DROP ROLE IF EXISTS " + role);
    query("CREATE ROLE " + role + " NOLOGIN");
    query("CREATE SCHEMA elsewhere");
    migration("V1__switch_role.sql", "CREATE TABLE before_switch (x INT);\nSET ROLE " + role +
                                         ";\nSET search_path TO elsewhere;\nSELECT current_user;\n");
    migration("V2__after.sql", "CREATE TABLE after_switch (db TEXT);\nINSERT INTO after_switch VALUES ('${flyway:database}');\n");
    // With nothing printed after the switch, the migration and its history row share one flight.
    migration("V3__switch_in_flight.sql", "CREATE TABLE in_flight (x INT);\nSET ROLE " + role + ";\n");
    migration("V4__after_flight.sql", "CREATE TABLE after_flight (x INT);\n");
    const auto r = jetway({"migrate"});
    query("DROP ROLE IF EXISTS " + role);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT version, installed_by, success FROM flyway_schema_history ORDER BY installed_rank"),
              (rows{{"1", "postgres", "t"}, {"2", "postgres", "t"}, {"3", "postgres", "t"}, {"4", "postgres", "t"}}));
    EXPECT_EQ(query("SELECT tableowner FROM pg_tables WHERE tablename = 'after_flight'"), (rows{{"postgres"}}));
    EXPECT_EQ(query("SELECT schemaname, tableowner FROM pg_tables WHERE tablename = 'after_switch'"),
              (rows{{"public", "postgres"}}))
        << "V2 ran as the connecting user, in the default schema";
    EXPECT_EQ(query("SELECT db FROM after_switch"), (rows{{database_}})) << "${flyway:database} is the database";
}

TEST_F(Postgresql, ServerNoticesAreShownAsFlywayShowsThem) {
    migration("V1__notice.sql", "DO $$ BEGIN RAISE NOTICE 'hello from the server'; RAISE WARNING 'careful'; END $$;");
    const auto r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("plugin postgresql: DB: hello from the server"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("WARNING: plugin postgresql: DB: careful"), std::string::npos) << r.err;
}

TEST_F(Postgresql, BaselineOnANonEmptySchema) {
    query("CREATE TABLE legacy (x INT)");
    migration("V1__old.sql", "CREATE TABLE old (x INT);");
    migration("V2__new.sql", "CREATE TABLE new (x INT);");
    auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Found non-empty schema(s) \"public\" but no schema history table."), std::string::npos) << r.err;
    r = jetway({"-baselineOnMigrate=true", "migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT version, type FROM flyway_schema_history ORDER BY installed_rank"),
              (rows{{"1", "BASELINE"}, {"2", "SQL"}}));
}

// Genuine Flyway 11.13.2's baseline row on PostgreSQL, every column but the time; installed_by is
// the user (Flyway 7.2.0 wrote null there; Jetway follows current Flyway).
TEST_F(Postgresql, BaselineRowIsCurrentFlyways) {
    const auto r = jetway({"baseline"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT installed_rank, version, description, type, script, COALESCE(checksum::text, 'NULL'), installed_by, success "
                    "FROM flyway_schema_history"),
              (rows{{"1", "1", "<< Flyway Baseline >>", "BASELINE", "<< Flyway Baseline >>", "NULL", "postgres", "t"}}));
}

}  // namespace
