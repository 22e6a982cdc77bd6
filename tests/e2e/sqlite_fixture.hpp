// SPDX-License-Identifier: Apache-2.0
// A scratch project (sql/ folder + SQLite file) and the real jetway binary to run against it.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace jetway::test {

using rows = std::vector<std::vector<std::string>>;

/// Every row `sql` returns from the SQLite file `db` ("NULL" for SQL NULL).
rows sqlite_rows(const std::filesystem::path& db, const std::string& sql);
/// Runs `sql` (several statements may follow each other) on `db`, read-write, as a person would by hand.
void sqlite_execute(const std::filesystem::path& db, const std::string& sql);

class SqliteProject : public ::testing::Test {
 protected:
    std::filesystem::path db() const { return dir_ / "app.db"; }
    std::string url() const { return "-url=jdbc:sqlite:" + db().string(); }
    /// Writes sql/<name> with `content`.
    void migration(const std::string& name, const std::string& content) { write_file(dir_ / "sql" / name, content); }
    /// Runs build/bin/jetway with the project's url and locations plus `args`, from the project.
    process_result jetway(const std::vector<std::string>& args, const std::vector<std::string>& env = {});
    /// The history table: rank, version, description, type, script, checksum, success.
    rows history();
    rows query(const std::string& sql) { return sqlite_rows(db(), sql); }

    scratch_dir dir_;
};

}  // namespace jetway::test
