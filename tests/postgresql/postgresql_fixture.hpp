// SPDX-License-Identifier: Apache-2.0
// A fresh database per test on the suite's PostgreSQL server, the jetway binary to run against
// it, and libpq to look at what it did.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_support.hpp"

namespace jetway::test {

using rows = std::vector<std::vector<std::string>>;

class PostgresqlDatabase : public ::testing::Test {
 protected:
    void SetUp() override;
    void TearDown() override;

    const std::string& url() const { return url_; }
    /// host=... port=... for libpq, with `database`.
    std::string conninfo(const std::string& database) const;
    void migration(const std::string& name, const std::string& content) { write_file(dir_ / "sql" / name, content); }
    /// Runs jetway with the database's URL and the sql/ folder, plus `args`.
    process_result jetway(const std::vector<std::string>& args, const std::vector<std::string>& env = {});
    /// The same with another URL (the database through a pooler, on a standby ...).
    process_result jetway_at(const std::string& url, const std::vector<std::string>& args,
                             const std::vector<std::string>& env = {});
    /// The test database's URL on the server whose URL the suite wrote to `url_file` in the
    /// servers directory (pgbouncer-transaction.url, postgresql-standby.url ...).
    std::string url_via(const std::string& url_file) const;
    /// Runs `sql` on the test database; every row as text ("NULL" for NULL).
    rows query(const std::string& sql);
    /// rank, version, description, type, script, checksum, success of `schema`'s history.
    rows history(const std::string& schema = "public");

    scratch_dir dir_;
    std::string host_;
    std::string port_;
    std::string database_;
    std::string url_;
};

/// Runs `sql` on the database of `conninfo`.
rows pg_query(const std::string& conninfo, const std::string& sql);

}  // namespace jetway::test
