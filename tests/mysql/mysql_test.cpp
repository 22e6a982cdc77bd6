// SPDX-License-Identifier: Apache-2.0
// Jetway on a real MariaDB server through the MySQL driver (spec §4.2, §5.3, §6.5, §7.5, §12.2).
#include <future>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>
#include <unistd.h>

#include "race_cases.hpp"
#include "round_trip_cases.hpp"
#include "tcp_proxy.hpp"
#include "mariadb_client.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using jetway::test::run_process;

namespace {

using rows = std::vector<std::vector<std::string>>;

class Mysql : public ::testing::Test {
 protected:
    void SetUp() override {
        const jetway::test::suite_mariadb server = jetway::test::read_suite_mariadb(JW_TEST_SERVERS_DIR);
        server_url_ = server.url;
        socket_ = server.socket;
        ASSERT_FALSE(server_url_.empty()) << "no MariaDB server for this suite";
        static std::atomic<int> counter{0};
        // Longer than a short string's inline buffer (15): a dangling copy of the name shows.
        database_ = "jetway_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
        sql("CREATE DATABASE " + database_);
        const auto q = server_url_.find("/?");
        url_ = server_url_.substr(0, q) + "/" + database_ + server_url_.substr(q + 1);
    }
    void TearDown() override {
        if (!database_.empty()) sql("DROP DATABASE IF EXISTS " + database_);
    }
    // Runs SQL through the mariadb client on the server's socket; rows as tab-separated cells.
    rows sql(const std::string& statements, const std::string& database = "") {
        return jetway::test::mariadb_client({"--socket=" + socket_}, statements, database);
    }
    rows query(const std::string& statements) { return sql(statements, database_); }
    void migration(const std::string& name, const std::string& content) { jetway::test::write_file(dir_ / "sql" / name, content); }
    jetway::test::process_result jetway(const std::vector<std::string>& args, const std::string& url = "") {
        std::vector<std::string> argv{std::string(JW_TEST_BUILD_DIR) + "/bin/jetway", "-url=" + (url.empty() ? url_ : url),
                                      "-locations=filesystem:" + (dir_ / "sql").string()};
        argv.insert(argv.end(), args.begin(), args.end());
        return run_process(argv, {}, dir_.path());
    }
    rows history() {
        return query("SELECT installed_rank, COALESCE(version, 'NULL'), description, type, script, COALESCE(checksum, 'NULL'), "
                     "success FROM flyway_schema_history ORDER BY installed_rank");
    }

    jetway::test::scratch_dir dir_;
    std::string server_url_, socket_, database_, url_;
};

TEST_F(Mysql, HistoryTableIsFlywaysAndRowsAreWritten) {
    migration("V1__init.sql", "CREATE TABLE person (id INT);");
    const auto r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("(MariaDB 10."), std::string::npos) << r.err;
    EXPECT_EQ(query("SELECT column_name, column_type, is_nullable FROM information_schema.columns WHERE table_schema = DATABASE() "
                    "AND table_name = 'flyway_schema_history' ORDER BY ordinal_position"),
              (rows{{"installed_rank", "int(11)", "NO"},
                    {"version", "varchar(50)", "YES"},
                    {"description", "varchar(200)", "NO"},
                    {"type", "varchar(20)", "NO"},
                    {"script", "varchar(1000)", "NO"},
                    {"checksum", "int(11)", "YES"},
                    {"installed_by", "varchar(100)", "NO"},
                    {"installed_on", "timestamp", "NO"},
                    {"execution_time", "int(11)", "NO"},
                    {"success", "tinyint(1)", "NO"}}));
    EXPECT_EQ(query("SELECT index_name FROM information_schema.statistics WHERE table_schema = DATABASE() AND "
                    "table_name = 'flyway_schema_history' ORDER BY index_name"),
              (rows{{"flyway_schema_history_s_idx"}, {"PRIMARY"}}));
    EXPECT_EQ(query("SELECT installed_rank, version, description, type, script, installed_by, success FROM flyway_schema_history"),
              (rows{{"1", "1", "init", "SQL", "V1__init.sql", "jetway", "1"}}));
}

TEST_F(Mysql, DialectDelimiterStoredProgramsHashCommentsAndDirectives) {
    migration("V1__objects.sql",
              "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n"
              "# a hash comment; with a semicolon\n"
              "CREATE TABLE `t` (id INT, note VARCHAR(50));\n"
              "INSERT INTO t VALUES (1, 'it\\'s; \"fine\"'), (2, \"double; quoted\");\n"
              "DELIMITER //\n"
              "CREATE PROCEDURE add_row(IN n INT)\nBEGIN\n  INSERT INTO t VALUES (n, 'proc');\n  SELECT 1;\nEND //\n"
              "DELIMITER ;\n"
              "CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW\nBEGIN\n  IF NEW.note IS NULL THEN SET NEW.note = 'none'; END IF;\nEND;\n"
              "CALL add_row(3);\n"
              "INSERT INTO t (id) VALUES (4);\n");
    const auto r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT id, note FROM t ORDER BY id"),
              (rows{{"1", "it's; \"fine\""}, {"2", "double; quoted"}, {"3", "proc"}, {"4", "none"}}));
}

TEST_F(Mysql, FailureHalfWayRecordsAFailedRowAndSaysWhatWasCommitted) {
    migration("V1__ok.sql", "CREATE TABLE a (x INT);");
    migration("V2__half.sql", "CREATE TABLE b (x INT);\nCREATE TABLE c (x INT);\nINSERT INTO nowhere VALUES (1);\n");
    auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Migration of schema `" + database_ + "` to version \"2 - half\" failed! Please restore backups and "
                         "roll back database and code!"),
              std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Statements of V2__half.sql that ran before the failure and stay applied (MariaDB commits DDL at "
                         "once): lines 1, 2. Revert them, then run repair."),
              std::string::npos) << r.err;
    EXPECT_NE(r.err.find("SQL State  : 42S02\nError Code : 1146\n"), std::string::npos) << r.err;
    const rows h = history();
    ASSERT_EQ(h.size(), 2u);
    EXPECT_EQ(h[1][1], "2");
    EXPECT_EQ(h[1][6], "0");
    r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Detected failed migration to version 2 (half)."), std::string::npos) << r.err;
    query("DROP TABLE b; DROP TABLE c");
    ASSERT_EQ(jetway({"repair"}).exit_code, 0);
    migration("V2__half.sql", "CREATE TABLE b (x INT);\nCREATE TABLE c (x INT);\n");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    EXPECT_EQ(history().size(), 2u);
}

// Java's String.hashCode, for ASCII names.
std::string flyway_lock_name(const std::string& quoted_table) {
    std::uint32_t h = 0;
    for (const char c : quoted_table) h = 31u * h + static_cast<unsigned char>(c);
    return "Flyway-" + std::to_string(static_cast<std::int32_t>(h));
}

TEST_F(Mysql, NamedLockIsFlywaysAndAWaiterNamesTheHolder) {
    ASSERT_EQ(flyway_lock_name("`mydb`.`flyway_schema_history`"), "Flyway-278632207") << "spec Appendix B";
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    const std::string name = flyway_lock_name("`" + database_ + "`.`flyway_schema_history`");
    // Another session holds Flyway's lock for this table for a few seconds.
    std::thread holder([&] { sql("SELECT GET_LOCK('" + name + "', 0), SLEEP(4)"); });
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    const auto r = jetway({"-lockRetryCount=1", "migrate"});
    holder.join();
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Number of retries exceeded while attempting to acquire MySQL named lock " + name), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("The lock is held by connection "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("(user 'root'"), std::string::npos) << r.err;
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0) << "the holder's session ended, so the lock is free";
}

TEST_F(Mysql, MysqldumpStyleFileWithDirectivesAndDollarDelimiter) {
    migration("V1__dump.sql",
              "-- MySQL dump 10.13\n"
              "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n"
              "/*!40101 SET NAMES utf8mb4 */;\n"
              "/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;\n"
              "DROP TABLE IF EXISTS `item`;\n"
              "/*!40101 SET @saved_cs_client     = @@character_set_client */;\n"
              "CREATE TABLE `item` (\n  `id` int(11) NOT NULL,\n  `name` varchar(20) DEFAULT NULL,\n  PRIMARY KEY (`id`)\n"
              ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n"
              "LOCK TABLES `item` WRITE;\n"
              "/*!40000 ALTER TABLE `item` DISABLE KEYS */;\n"
              "INSERT INTO `item` VALUES (1,'a;b'),(2,'c\\'d');\n"
              "/*!40000 ALTER TABLE `item` ENABLE KEYS */;\n"
              "UNLOCK TABLES;\n"
              "DELIMITER $$\n"
              "CREATE FUNCTION item_count() RETURNS INT\nREADS SQL DATA\nBEGIN\n  DECLARE n INT;\n"
              "  SELECT COUNT(*) INTO n FROM item;\n  RETURN n;\nEND$$\n"
              "DELIMITER ;;\n"
              "CREATE PROCEDURE noop() BEGIN SELECT 1; END;;\n"
              "DELIMITER ;\n"
              "/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;\n");
    const auto r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT item_count()"), (rows{{"2"}}));
    EXPECT_EQ(query("SELECT name FROM item ORDER BY id"), (rows{{"a;b"}, {"c'd"}}));
}

TEST_F(Mysql, SslVerifyCaConnectsWithTheCaAndFailsWithoutIt) {
    migration("V1__a.sql", "SELECT 1;");
    const auto port_start = server_url_.find("127.0.0.1:") + 10;
    const std::string port = server_url_.substr(port_start, server_url_.find('/', port_start) - port_start);
    const std::string ca = (fs::path(JW_TEST_SERVERS_DIR) / "mariadb-ca.crt").string();
    const std::string base = "jdbc:mysql://127.0.0.1:" + port + "/" + database_ + "?user=jetway&password=jetway-test-pw";
    auto r = jetway({"info"}, base + "&sslMode=VERIFY_CA&serverSslCert=" + ca);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    r = jetway({"info"}, base + "&useSSL=true");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    r = jetway({"info"}, base + "&sslMode=VERIFY_CA&serverSslCert=" + (dir_ / "wrong-ca.crt").string());
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Unable to obtain connection from database (jdbc:mysql://127.0.0.1:" + port), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("jetway-test-pw"), std::string::npos) << r.err;
}

// Flyway's MySQLConnection puts user variables, foreign_key_checks and sql_safe_updates back
// before each migration and history write, and USEs the default database again.
TEST_F(Mysql, AMigrationsSessionChangesDoNotLeak) {
    sql("CREATE DATABASE IF NOT EXISTS " + database_ + "_other");
    migration("V1__change_session.sql", "SET @leak = 'from V1';\nSET foreign_key_checks = 0;\nSET sql_safe_updates = 1;\nUSE " +
                                            database_ + "_other;\n");
    migration("V2__look.sql", "CREATE TABLE seen (v VARCHAR(10), fk INT, safe INT, db VARCHAR(64), named VARCHAR(64));\n"
                              "INSERT INTO seen SELECT @leak, @@foreign_key_checks, @@sql_safe_updates, DATABASE(), '${flyway:database}';\n");
    const auto r = jetway({"migrate"});
    sql("DROP DATABASE IF EXISTS " + database_ + "_other");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT COALESCE(v, 'NULL'), fk, safe, db, named FROM seen"),
              (rows{{"NULL", "1", "0", database_, database_}}));
    EXPECT_EQ(history().size(), 2u);
}

TEST_F(Mysql, DatabaseUrlAsPlatformsAndOrmsWriteIt) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    const auto port_start = server_url_.find("127.0.0.1:") + 10;
    const std::string port = server_url_.substr(port_start, server_url_.find('/', port_start) - port_start);
    const std::string base = "jetway:jetway-test-pw@127.0.0.1:" + port + "/" + database_;
    // mysql:// with Connector/J's ssl-mode, then mariadb:// as Prisma/PlanetScale write it: sslaccept
    // is understood, connection_limit is named as ignored.
    std::vector<std::string> argv{std::string(JW_TEST_BUILD_DIR) + "/bin/jetway",
                                  "-locations=filesystem:" + (dir_ / "sql").string(), "migrate"};
    auto r = run_process(argv, {"DATABASE_URL=mysql://" + base + "?ssl-mode=REQUIRED"}, dir_.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(history().size(), 1u);
    migration("V2__b.sql", "CREATE TABLE b (x INT);");
    r = run_process(argv, {"DATABASE_URL=mariadb://" + base + "?sslaccept=accept_invalid_certs&connection_limit=5"}, dir_.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(history().size(), 2u);
    EXPECT_NE(r.err.find("WARNING: plugin mysql: ignoring the connection parameter 'connection_limit': MySQL Connector/C++ has no equivalent"),
              std::string::npos) << r.err;
    EXPECT_EQ((r.out + r.err).find("jetway-test-pw"), std::string::npos) << r.err;
    // sslaccept=strict verifies the server's certificate, against the system's CAs when no CA is
    // named: the test server's certificate is signed by none of them.
    migration("V3__c.sql", "CREATE TABLE c (x INT);");
    r = run_process(argv, {"DATABASE_URL=mysql://" + base + "?sslaccept=strict", "HOME=" + dir_.path().string()}, dir_.path());
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(history().size(), 2u);
}

// Issue 9's races: 2, 8 and 16 processes started together, against an empty database and
// against one with pending migrations. Every process succeeds; each migration (and its INSERT)
// applies exactly once.
class MysqlRace : public Mysql, public ::testing::WithParamInterface<jetway::test::race_case> {};

TEST_P(MysqlRace, EveryProcessSucceedsAndEachMigrationAppliesOnce) {
    const auto [processes, pending] = GetParam();
    migration("V1__t.sql", "CREATE TABLE t (x INT);");
    migration("V2__i.sql", "INSERT INTO t VALUES (2);");
    if (pending) {
        ASSERT_EQ(jetway({"-q", "migrate"}).exit_code, 0);
    }
    for (int v = 3; v <= 12; ++v) migration("V" + std::to_string(v) + "__i.sql", "INSERT INTO t VALUES (" + std::to_string(v) + ");");
    for (const auto& r : jetway::test::run_together(static_cast<std::size_t>(processes), [&] { return jetway({"-q", "migrate"}); }))
        EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT COUNT(*), SUM(x) FROM t"), (rows{{"11", "77"}}));
    EXPECT_EQ(query("SELECT COUNT(*), COUNT(DISTINCT version) FROM flyway_schema_history"), (rows{{"12", "12"}}));
    EXPECT_EQ(query("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"), (rows{{"2"}}))
        << "outside a Galera cluster the named lock is enough: no lock table";
}

INSTANTIATE_TEST_SUITE_P(Processes, MysqlRace, jetway::test::race_cases(), jetway::test::race_case_name);

TEST_F(Mysql, CleanDropsEventsRoutinesViewsTablesAndSequences) {
    migration("V1__objects.sql",
              "CREATE TABLE parent (id INT PRIMARY KEY);\n"
              "CREATE TABLE child (id INT, FOREIGN KEY (id) REFERENCES parent (id));\n"
              "CREATE VIEW v AS SELECT * FROM parent;\n"
              "CREATE SEQUENCE s;\n"
              "CREATE FUNCTION f() RETURNS INT RETURN 1;\n"
              "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO SELECT 1;\n");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    const auto r = jetway({"-cleanDisabled=false", "clean"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"), (rows{{"0"}}));
    EXPECT_EQ(query("SELECT COUNT(*) FROM information_schema.routines WHERE routine_schema = DATABASE()"), (rows{{"0"}}));
    EXPECT_EQ(query("SELECT COUNT(*) FROM information_schema.events WHERE event_schema = DATABASE()"), (rows{{"0"}}));
}

TEST_F(Mysql, UrlFormsAndSchemasWithoutADatabaseInTheUrl) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    const auto port_start = server_url_.find("127.0.0.1:") + 10;
    const std::string port = server_url_.substr(port_start, server_url_.find('/', port_start) - port_start);
    auto r = jetway({"info"}, "mysql://jetway:jetway-test-pw@127.0.0.1:" + port + "/" + database_);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    r = jetway({"info"}, "jdbc:mysql://127.0.0.1:" + port + "/" + database_ + "?user=jetway&password=jetway-test-pw&useSSL=false");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err.find("jetway-test-pw"), std::string::npos) << r.err;
    const std::string other = database_ + "_made";
    r = jetway({"-schemas=" + other, "migrate"}, "mariadb://jetway:jetway-test-pw@127.0.0.1:" + port + "/");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + other + "'"), (rows{{"2"}}));
    EXPECT_EQ(sql("SELECT type, script FROM `" + other + "`.flyway_schema_history ORDER BY installed_rank"),
              (rows{{"SCHEMA", "`" + other + "`"}, {"SQL", "V1__a.sql"}}));
    r = jetway({"-schemas=" + other, "-cleanDisabled=false", "clean"}, "mariadb://jetway:jetway-test-pw@127.0.0.1:" + port + "/");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(sql("SELECT 1 FROM information_schema.schemata WHERE schema_name = '" + other + "'").empty());
}

// A server that comes up late, through a proxy the test controls (the PostgreSQL network tests
// are in tests/postgresql/postgresql_network_test.cpp).
class MysqlNetwork : public Mysql {
 protected:

    int server_port() const {
        const auto start = server_url_.find("127.0.0.1:") + 10;
        return std::stoi(server_url_.substr(start, server_url_.find('/', start) - start));
    }
    std::string url_through(const jetway::test::tcp_proxy& proxy) const {
        std::string url = url_;
        const std::string from = "127.0.0.1:" + std::to_string(server_port());
        return url.replace(url.find(from), from.size(), "127.0.0.1:" + std::to_string(proxy.port()));
    }
};

TEST_F(MysqlNetwork, ConnectRetriesWaitForAServerThatComesUpLate) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    jetway::test::tcp_proxy proxy(server_port(), /*delay_ms=*/2500);
    const auto r = jetway({"-connectRetries=5", "-connectRetriesInterval=2", "migrate"}, url_through(proxy));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("WARNING: Connection error: "), std::string::npos) << r.err;
    EXPECT_EQ(history().size(), 1u);
}

TEST_F(MysqlNetwork, ConnectionCutMidMigrationLeavesNoRecordAndTheNextRunFinishes) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("V2__slow.sql", "INSERT INTO a VALUES (1);\nSELECT SLEEP(1.5);\nINSERT INTO a VALUES (2);\n");
    jetway::test::tcp_proxy proxy(server_port());
    auto run = std::async(std::launch::async, [&] { return jetway({"migrate"}, url_through(proxy)); });
    // Cut while V2 sleeps on the server.
    for (int i = 0; i < 100 && query("SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP%'") == rows{{"0"}}; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    proxy.cut();
    const auto r = run.get();
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("MySQL"), std::string::npos) << r.err;
    const auto h = history();
    ASSERT_GE(h.size(), 1u);
    EXPECT_EQ(h.size(), 1u) << "V2 is not recorded";
    // The server rolls V2's inserts back and frees the named lock when it notices the client is gone.
    const auto again = jetway({"-lockRetryCount=10", "migrate"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(query("SELECT x FROM a ORDER BY x"), (rows{{"1"}, {"2"}})) << "V2's inserts happened exactly once";
}

// Issue 20: a migration is one multi-statement query (START TRANSACTION, USE, statements, the
// history row, COMMIT), with or without batch=true; only statements whose rows are printed go
// on their own.
TEST_F(MysqlNetwork, AMigrationTravelsInOneRoundTrip) {
    migration("V1__table.sql", "CREATE TABLE t (x INT PRIMARY KEY, note VARCHAR(20));");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    jetway::test::tcp_proxy noop(server_port());
    ASSERT_EQ(jetway({"migrate"}, url_through(noop)).exit_code, 0);

    migration("V2__rows.sql", jetway::test::many_inserts());
    const rows expected{{"241", "10", "1000"}};
    const std::string check = "SELECT COUNT(*), SUM(note = 'low'), MAX(x) FROM t";
    const auto apply_v2 = [&](const std::vector<std::string>& args) {
        jetway::test::tcp_proxy proxy(server_port());
        const auto r = jetway(args, url_through(proxy));
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
// trips. The named lock goes with the end of the session.
TEST_F(MysqlNetwork, NoOpMigrateCostsTwoRoundTripsAfterConnecting) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    jetway::test::tcp_proxy proxy(server_port());
    proxy.mark_when_client_sends("@@innodb_read_only");  // the connect query
    const auto r = jetway({"migrate"}, url_through(proxy));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("No migration necessary."), std::string::npos) << r.err;
    EXPECT_EQ(proxy.answered_round_trips_after_mark(), 2);
    const auto again = jetway({"-lockRetryCount=0", "migrate"});
    EXPECT_EQ(again.exit_code, 0) << again.err;
}

// MariaDB commits DDL at once: a failure in the flight leaves exactly what that DDL committed,
// and Flyway's failed row, named lines and all.
TEST_F(Mysql, FailureInAFlightNamesTheStatementAndLeavesWhatTheDdlCommitted) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("V2__bad.sql",
              "INSERT INTO a VALUES (4);\nCREATE TABLE c (z INT);\nINSERT INTO c VALUES (1);\nINSERT INTO nope VALUES (1);\n"
              "INSERT INTO a VALUES (5);\n");
    auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("SQL State  : 42S02\nError Code : 1146\n"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Line       : 4\nStatement  : INSERT INTO nope VALUES (1)\n"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Statements of V2__bad.sql that ran before the failure and stay applied (MariaDB commits DDL at "
                         "once): lines 1, 2."), std::string::npos) << r.err;
    EXPECT_EQ(query("SELECT x FROM a"), (rows{{"4"}})) << "the CREATE TABLE committed the insert before it";
    EXPECT_EQ(query("SELECT COUNT(*) FROM c"), (rows{{"0"}})) << "the insert after it was rolled back";
    const rows h = history();
    ASSERT_EQ(h.size(), 2u) << "recorded as failed, as Flyway does where DDL cannot be rolled back";
    EXPECT_EQ(h[1][6], "0");

    // Reverted and repaired by hand, then fixed: the next run applies it.
    query("DROP TABLE c");
    query("DELETE FROM a");
    ASSERT_EQ(jetway({"repair"}).exit_code, 0);
    migration("V2__bad.sql", "INSERT INTO a VALUES (4);\nCREATE TABLE c (z INT);\nINSERT INTO c VALUES (1);\n");
    r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT COUNT(*) FROM c"), (rows{{"1"}}));
    EXPECT_EQ(history().size(), 2u);
}

// Issue 20: small migrations share one flight, each measured from its own start.
TEST_F(Mysql, SmallMigrationsShareOneFlightEachMeasuredFromItsOwnStart) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);\nINSERT INTO a VALUES (1);\n");
    migration("V2__slow.sql", "INSERT INTO a VALUES (2);\nDO SLEEP(0.2);\n");
    migration("V3__b.sql", "CREATE TABLE b (x INT);\nINSERT INTO b VALUES (3);\n");
    migration("V4__c.sql", "INSERT INTO a VALUES (4);\n");
    const auto r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(query("SELECT GROUP_CONCAT(x ORDER BY x) FROM a"), (rows{{"1,2,4"}}));
    EXPECT_EQ(query("SELECT COUNT(*), MIN(success) FROM flyway_schema_history"), (rows{{"4", "1"}}));
    const rows times = query("SELECT execution_time FROM flyway_schema_history WHERE version IN ('2', '3') ORDER BY installed_rank");
    EXPECT_GE(std::stoi(times.at(0).at(0)), 200);
    EXPECT_LT(std::stoi(times.at(1).at(0)), 200) << "V3 is measured from its own start, not the flight's";
}

// A failure in a shared flight: the migrations before it stay, the failing one leaves what its
// DDL committed and a failed row, the ones after it never ran.
TEST_F(Mysql, AFailureInASharedFlightKeepsWhatCameBeforeAndRunsNothingAfter) {
    migration("V1__a.sql", "CREATE TABLE a (x INT);");
    migration("V2__b.sql", "CREATE TABLE b (x INT);\nINSERT INTO a VALUES (2);\n");
    migration("V3__c.sql", "CREATE TABLE c (x INT);\nINSERT INTO nope VALUES (1);\n");
    migration("V4__d.sql", "CREATE TABLE d (x INT);");
    const auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Line       : 2\nStatement  : INSERT INTO nope VALUES (1)\n"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Statements of V3__c.sql that ran before the failure and stay applied (MariaDB commits DDL at "
                         "once): lines 1."), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("version \"4 - d\""), std::string::npos) << "V4 never ran: " << r.err;
    EXPECT_EQ(query("SELECT version, success FROM flyway_schema_history ORDER BY installed_rank"),
              (rows{{"1", "1"}, {"2", "1"}, {"3", "0"}}));
    EXPECT_EQ(query("SELECT x FROM a"), (rows{{"2"}}));
    EXPECT_EQ(query("SELECT GROUP_CONCAT(table_name ORDER BY table_name) FROM information_schema.tables "
                    "WHERE table_schema = DATABASE() AND table_name IN ('a', 'b', 'c', 'd')"),
              (rows{{"a,b,c"}}));
}

TEST_F(Mysql, TheServerMeasuresAFlightsExecutionTime) {
    migration("V1__slow.sql", "CREATE TABLE s (x INT);\nDO SLEEP(0.2);\nINSERT INTO s VALUES (1);\n");
    const auto r = jetway({"migrate"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const int ms = std::stoi(query("SELECT execution_time FROM flyway_schema_history WHERE version = '1'").at(0).at(0));
    EXPECT_GE(ms, 200);
    EXPECT_LT(ms, 5000);
}

TEST_F(Mysql, BatchFailureNamesTheLineAndRollsTheDataChangesBack) {
    migration("V1__table.sql", "CREATE TABLE t (x INT PRIMARY KEY, note VARCHAR(20));");
    std::string sql = "UPDATE t SET note = 'none';\n";
    for (int i = 2; i <= 150; ++i) sql += "INSERT INTO t VALUES (" + std::to_string(i == 120 ? 7 : i) + ", 'n');\n";
    migration("V2__rows.sql", sql);
    const auto r = jetway({"-batch=true", "migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("SQL State  : 23000\nError Code : 1062\n"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Line       : 120\nStatement  : INSERT INTO t VALUES (7, 'n')\n"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Location   : " + (dir_ / "sql" / "V2__rows.sql").string() + " ("), std::string::npos) << r.err;
    EXPECT_EQ(query("SELECT COUNT(*) FROM t"), (rows{{"0"}})) << "rows before the failure were rolled back";
    const rows h = history();
    ASSERT_EQ(h.size(), 2u) << "MariaDB cannot roll DDL back, so a failure is recorded as Flyway does";
    EXPECT_EQ(h[1][6], "0");
}

TEST_F(MysqlNetwork, BookkeepingRoundTripsPerMigrationAreConstantWhateverTheHistorySize) {
    const jetway::test::jetway_runner run = [this](const std::vector<std::string>& args, const std::string& url) {
        return jetway(args, url);
    };
    const auto through = [this](const jetway::test::tcp_proxy& proxy) { return url_through(proxy); };
    const auto other_sessions = [this] {
        return std::stoi(query("SELECT COUNT(*) FROM information_schema.processlist WHERE db = DATABASE() "
                               "AND id <> CONNECTION_ID()").at(0).at(0));
    };
    // One multi-statement query for all the new migrations, each with START TRANSACTION, its
    // statement, START TRANSACTION again (the CREATE TABLE committed implicitly), its history
    // insert and COMMIT: however many there are, they cost one round trip together.
    jetway::test::expect_constant_round_trips(
        [&](int applied, int fresh) {
            return jetway::test::round_trips_of_migrate(run, dir_ / "sql", server_port(), through, other_sessions,
                                                        applied, fresh);
        },
        0);
}

// Issue 18: a read_only server (as replicas run) and a user without READ_ONLY ADMIN: commands
// that write refuse before anything runs; info still reads and says the same.
TEST_F(Mysql, AReadOnlyServerRefusesWritingCommandsUpFront) {
    const std::string read_only_url = jetway::test::trim_copy(
        jetway::test::read_file(fs::path(JW_TEST_SERVERS_DIR) / "mariadb-read-only.url"));
    migration("V1__t.sql", "CREATE TABLE t (x INT);");
    migration("afterConnect.sql", "CREATE TABLE connected (x INT);");
    for (const std::string command : {"migrate", "baseline", "repair", "clean"}) {
        const auto r = jetway({"-cleanDisabled=false", command}, read_only_url);
        EXPECT_EQ(r.exit_code, 1) << command;
        EXPECT_NE(r.err.find("ERROR: Unable to " + command + ": the database at jdbc:mariadb://"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("is read-only: the server runs with read_only (a replica?) and this user may not override it; "
                             "point Jetway at the primary. Nothing was changed; info and validate work on it."),
                  std::string::npos)
            << r.err;
        EXPECT_EQ(r.err.find("app-test-pw"), std::string::npos) << "the password is printed: " << r.err;
        EXPECT_EQ(r.err.find("connected"), std::string::npos) << "the afterConnect callback ran: " << r.err;
    }
    fs::remove(dir_ / "sql" / "afterConnect.sql");
    const auto info = jetway({"info"}, read_only_url);
    EXPECT_EQ(info.exit_code, 0) << info.err;
    EXPECT_NE(info.err.find("is read-only: the server runs with read_only"), std::string::npos) << info.err;
    EXPECT_NE(info.out.find("| Pending |"), std::string::npos) << "nothing was applied: " << info.out;
}

TEST_F(Mysql, CheckDriftFindsWhatWasChangedByHandInAScratchDatabaseItDropsAfterwards) {
    migration("V1__init.sql", "CREATE TABLE person (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL);\n"
                              "CREATE INDEX person_name ON person (name);\n"
                              "CREATE VIEW names AS SELECT name FROM person;\n"
                              "CREATE TRIGGER stamp BEFORE INSERT ON person FOR EACH ROW SET NEW.name = TRIM(NEW.name);");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    auto r = jetway({"check", "-drift"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("No drift: the database matches what its migrations build (", 0), 0u)
        << "the scratch database's own name is not a difference\n" << r.out;

    query("ALTER TABLE person MODIFY name VARCHAR(40) NOT NULL; DROP INDEX person_name ON person; CREATE TABLE extra (x INT)");
    r = jetway({"check", "-drift"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.out, "Drift: the database differs from what its migrations build\n"
                     "  only in the database: column extra.x\n"
                     "  only in the database: table extra\n"
                     "  missing from the database: index person.person_name\n"
                     "  changed: column names.name\n"
                     "    migrations build: varchar(20) NOT NULL\n"
                     "    database has:     varchar(40) NOT NULL\n"
                     "  changed: column person.name\n"
                     "    migrations build: varchar(20) NOT NULL\n"
                     "    database has:     varchar(40) NOT NULL\n");
    EXPECT_EQ(sql("SHOW DATABASES LIKE 'jetway\\_drift\\_%'"), rows{}) << "the scratch database is gone";
}

}  // namespace
