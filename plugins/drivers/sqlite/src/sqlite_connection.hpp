// SPDX-License-Identifier: Apache-2.0
// One sqlite3 handle behind the SDK's connection interface.
#pragma once

#include <jetway/sdk/connection.hpp>

#include "sqlite_url.hpp"

#include <map>
#include <string>

struct sqlite3;

namespace jetway::sqlite {

class sqlite_connection final : public sdk::connection {
 public:
    /// Opens (and creates when missing) the database file, then runs the URL's PRAGMAs;
    /// busy_timeout_ms bounds how long a statement waits for another process's lock.
    sqlite_connection(const database_target& target, int busy_timeout_ms);
    ~sqlite_connection() override;
    sqlite_connection(const sqlite_connection&) = delete;
    sqlite_connection& operator=(const sqlite_connection&) = delete;

    std::int64_t execute(std::string_view sql) override;
    std::unique_ptr<sdk::row_set> query(std::string_view sql,
                                        const std::vector<sdk::value>& params) override;
    void begin() override;
    void commit() override;
    void rollback() override;
    std::string current_schema() override;
    std::string server_version() override;
    bool schema_exists(std::string_view schema) override;
    bool schema_is_empty(std::string_view schema) override;
    void clean_schema(std::string_view schema) override;
    /// Several processes on one file serialise on this for a whole run (sqlite_lock.cpp).
    void acquire_lock(std::string_view table, int retry_count) override;
    void release_lock() override;
    /// sqlite3_interrupt: safe from any thread while the connection is open.
    void interrupt() override;

 private:
    void close_lock_files() noexcept;

    sqlite3* db_ = nullptr;
    std::map<std::string, int> lock_files_;  // database file -> descriptor the lock is taken on
    int locked_fd_ = -1;
};

/// Names of one kind of object ("table", "view") in schema.sqlite_master, in creation order.
std::vector<std::string> schema_objects(sqlite_connection& c, std::string_view schema, const char* type);

}  // namespace jetway::sqlite
