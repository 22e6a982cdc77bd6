// SPDX-License-Identifier: Apache-2.0
// Issue 10's round-trip cases, shared by the PostgreSQL and MariaDB suites: the migrations they
// apply, and one migrate counted through the proxy.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

#include "tcp_proxy.hpp"
#include "test_support.hpp"

namespace jetway::test {

/// 250 single-row inserts into t (x, note), one per line, then statements that must not join
/// a batch: an UPDATE and a DELETE that do, an INSERT ... RETURNING and a SELECT that do not.
inline std::string many_inserts() {
    std::string sql;
    for (int i = 1; i <= 250; ++i) sql += "INSERT INTO t VALUES (" + std::to_string(i) + ", 'row " + std::to_string(i) + "');\n";
    return sql + "UPDATE t SET note = 'low' WHERE x <= 10;\nDELETE FROM t WHERE x > 240;\n"
                 "INSERT INTO t VALUES (1000, 'returned') RETURNING x;\nSELECT COUNT(*) FROM t;\n";
}

/// A database suite's way to run jetway: with `args`, through `url` when it is not empty.
using jetway_runner = std::function<process_result(const std::vector<std::string>& args, const std::string& url)>;

/// How many other sessions the database has: a session that has not finished closing may still
/// hold the migration lock, and waiting for it would cost round trips that are not bookkeeping.
using other_sessions_fn = std::function<int()>;

/// Round trips of one `migrate` that applies `fresh` one-table migrations over a history of
/// `applied`, after `clean`; `url_through` points a URL at the proxy.
inline int round_trips_of_migrate(const jetway_runner& jetway, const std::filesystem::path& sql_dir, int server_port,
                                  const std::function<std::string(const tcp_proxy&)>& url_through,
                                  const other_sessions_fn& other_sessions, int applied, int fresh) {
    EXPECT_EQ(jetway({"-cleanDisabled=false", "clean"}, "").exit_code, 0);
    std::filesystem::remove_all(sql_dir);
    for (int v = 1; v <= applied + fresh; ++v)
        write_file(sql_dir / ("V" + std::to_string(v) + "__t.sql"), "CREATE TABLE t" + std::to_string(v) + " (x INT);");
    if (applied > 0) {
        EXPECT_EQ(jetway({"-target=" + std::to_string(applied), "migrate"}, "").exit_code, 0);
    }
    for (int i = 0; i < 250 && other_sessions() > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    tcp_proxy proxy(server_port);
    const auto r = jetway({"migrate"}, url_through(proxy));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return proxy.round_trips();
}

/// Round trips for 5, 10 and 15 new migrations over 5 applied, and 5 over 300 applied: they
/// must grow by `per_migration` each and not with the history. The proxy sees TCP reads, not
/// protocol messages, and under load now and then counts one more or one fewer per run; as each
/// check compares two runs, a tolerance of two still tells 4 per migration from 5 (a difference
/// of 5 over five migrations) and a constant cost from one that grows with 300 rows.
inline void expect_constant_round_trips(const std::function<int(int applied, int fresh)>& measure, int per_migration) {
    const int five = measure(5, 5);
    const int ten = measure(5, 10);
    const int fifteen = measure(5, 15);
    const int five_over_long_history = measure(300, 5);
    const std::string figures = "5 new: " + std::to_string(five) + ", 10 new: " + std::to_string(ten) +
                                ", 15 new: " + std::to_string(fifteen) + ", 5 new over 300: " + std::to_string(five_over_long_history);
    EXPECT_NEAR(ten - five, 5 * per_migration, 2) << figures;
    EXPECT_NEAR(fifteen - ten, 5 * per_migration, 2) << figures;
    EXPECT_NEAR(five_over_long_history, five, 2) << "300 applied rows cost no extra round trip; " << figures;
}

}  // namespace jetway::test
