// SPDX-License-Identifier: Apache-2.0
#include "sqlite_fixture.hpp"

#include <sqlite3.h>

#include <stdexcept>

namespace jetway::test {

rows sqlite_rows(const std::filesystem::path& db, const std::string& sql) {
    sqlite3* handle = nullptr;
    if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(handle);
        throw std::runtime_error("cannot open " + db.string());
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
        const std::string message = sqlite3_errmsg(handle);
        sqlite3_close(handle);
        throw std::runtime_error(message + " in: " + sql);
    }
    rows out;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        std::vector<std::string> row;
        for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
            const auto* text = sqlite3_column_text(stmt, c);
            row.push_back(text == nullptr ? "NULL" : reinterpret_cast<const char*>(text));
        }
        out.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(handle);
    return out;
}

void sqlite_execute(const std::filesystem::path& db, const std::string& sql) {
    sqlite3* handle = nullptr;
    if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(handle);
        throw std::runtime_error("cannot open " + db.string());
    }
    char* message = nullptr;
    const int rc = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &message);
    const std::string error = message == nullptr ? "" : message;
    sqlite3_free(message);
    sqlite3_close(handle);
    if (rc != SQLITE_OK) throw std::runtime_error(error + " in: " + sql);
}

process_result SqliteProject::jetway(const std::vector<std::string>& args, const std::vector<std::string>& env) {
    std::vector<std::string> argv{std::string(JW_TEST_BUILD_DIR) + "/bin/jetway", url(),
                                  "-locations=filesystem:" + (dir_ / "sql").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_process(argv, env, dir_.path());
}

rows SqliteProject::history() {
    return query("SELECT installed_rank, version, description, type, script, checksum, success "
                 "FROM flyway_schema_history ORDER BY installed_rank");
}

}  // namespace jetway::test
