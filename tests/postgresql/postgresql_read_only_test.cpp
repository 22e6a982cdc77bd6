// SPDX-License-Identifier: Apache-2.0
// Issue 18: pointed at a hot standby (started by the suite's server script, streaming from the
// primary) or at a database that is read-only by default, commands that write refuse before
// anything runs and say why; info still reads, and says the same.
#include <chrono>
#include <regex>
#include <thread>

#include "postgresql_fixture.hpp"

using jetway::test::rows;

namespace {

class PostgresqlReadOnly : public jetway::test::PostgresqlDatabase {
 protected:
    // The same database on the standby, once the standby has replayed everything done so far.
    std::string standby_url() {
        const std::string url = url_via("postgresql-standby.url");
        std::smatch m;
        const std::string port = std::regex_search(url, m, std::regex(R"(:(\d+)/)")) ? m[1].str() : "";
        const std::string lsn = query("SELECT pg_current_wal_lsn()")[0][0];
        const std::string standby = "host=" + host_ + " port=" + port + " user=postgres dbname=postgres";
        for (int i = 0; i < 600; ++i) {
            if (jetway::test::pg_query(standby, "SELECT pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn")[0][0] == "t") break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return url;
    }
};

TEST_F(PostgresqlReadOnly, AHotStandbyRefusesEveryWritingCommandUpFrontAndStillInforms) {
    migration("V1__t.sql", "CREATE TABLE t (x INT);");
    ASSERT_EQ(jetway({"migrate"}).exit_code, 0);
    migration("V2__i.sql", "INSERT INTO t VALUES (2);");
    // A callback that would write: it must not get the chance to fail first.
    migration("afterConnect.sql", "CREATE TABLE connected (x INT);");
    const std::string url = standby_url();
    for (const std::string command : {"migrate", "baseline", "repair", "undo", "clean"}) {
        const auto r = jetway_at(url, {"-cleanDisabled=false", command});
        EXPECT_EQ(r.exit_code, 1) << command;
        EXPECT_NE(r.err.find("ERROR: Unable to " + command + ": the database at " + url +
                             " is read-only: it is a hot standby (in recovery); point Jetway at the primary server. "
                             "Nothing was changed; info and validate work on it."),
                  std::string::npos)
            << command << ": " << r.err;
        EXPECT_EQ(r.err.find("connected"), std::string::npos) << "the afterConnect callback ran: " << r.err;
    }
    // Reading works (a writing callback would fail there, as on any standby).
    std::filesystem::remove(dir_ / "sql" / "afterConnect.sql");
    const auto info = jetway_at(url, {"info"});
    EXPECT_EQ(info.exit_code, 0) << info.err;
    EXPECT_NE(info.err.find("is read-only: it is a hot standby (in recovery)"), std::string::npos) << info.err;
    EXPECT_NE(info.out.find("| Versioned | 2       | i           |"), std::string::npos) << info.out;
    EXPECT_EQ(history().size(), 1u) << "the primary is untouched";
}

TEST_F(PostgresqlReadOnly, ADatabaseReadOnlyByDefaultIsRefusedNamingTheSetting) {
    migration("V1__t.sql", "CREATE TABLE t (x INT);");
    query("ALTER DATABASE " + database_ + " SET default_transaction_read_only = on");
    const auto r = jetway({"migrate"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("is read-only: default_transaction_read_only is on for this user or database. Nothing was changed"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(query("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'"), (rows{{"0"}}));
    // A dry run writes nothing to the database: it goes ahead.
    const auto dry = jetway({"-dryRunOutput=" + (dir_ / "dry.sql").string(), "migrate"});
    EXPECT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_NE(jetway::test::read_file(dir_ / "dry.sql").find("CREATE TABLE t (x INT);"), std::string::npos);
}

}  // namespace
