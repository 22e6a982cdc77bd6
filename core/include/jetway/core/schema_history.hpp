// SPDX-License-Identifier: Apache-2.0
// The flyway_schema_history table, read and written through the driver's SQL (spec §4).
#pragma once

#include <jetway/core/applied_migration.hpp>
#include <jetway/core/database_connection.hpp>
#include <jetway/core/resolved_migration.hpp>

#include <string>
#include <vector>

namespace jetway::core {

class schema_history {
 public:
    /// `tablespace` (flyway.tablespace, may be empty) is where create() puts the table.
    schema_history(database_connection& connection, std::string schema, std::string table,
                   std::string tablespace = {});

    /// "schema"."table" as the database quotes it, for messages.
    const std::string& qualified_name() const noexcept { return qualified_; }
    const std::string& schema() const noexcept { return schema_; }
    const std::string& table() const noexcept { return table_; }

    bool exists();
    /// The driver's CREATE TABLE and index statements, separated by ";\n", in the tablespace
    /// when one was asked for and the database has them (a warning says when it has not).
    std::string create_sql();
    /// Runs create_sql(), one statement at a time.
    void create();
    /// Every row with a rank above `after_rank`, ordered by installed_rank.
    std::vector<applied_migration> read(int after_rank = -1);
    /// Appends `row` (its installed_rank already set).
    void insert(const applied_migration& row);
    /// The insert of `row` for a flight (execute_flight): the database measures its
    /// execution_time, from the transaction's start. `failed` says what went wrong if it fails.
    struct timed_insert {
        std::string sql;
        std::vector<sql_value> params;
        std::string failed;
    };
    timed_insert insert_timed(const applied_migration& row);
    /// Whether the driver offers insert_timed's SQL (API 1.7).
    bool measures_execution_time();
    /// The row a resolved migration gets.
    static applied_migration row_for(const resolved_migration& m, int rank, int execution_time, bool success,
                                     const std::string& installed_by);
    /// The INSERT of `row` as literal SQL, for the dry-run file.
    std::string insert_text(const applied_migration& row) const;
    /// The rank the next row gets: last rank + 1, or 0 for a SCHEMA row in an empty table.
    static int next_rank(const std::vector<applied_migration>& rows, bool schema_row = false);
    void delete_failed();
    void update(int installed_rank, const std::string& description, const std::string& type,
                const std::optional<std::int32_t>& checksum);

    /// Flyway's abbreviations for long descriptions (200) and scripts (1000), spec §4.2.
    static std::string abbreviate_description(const std::string& description);
    static std::string abbreviate_script(const std::string& script);

 private:
    database_connection& connection_;
    std::string schema_;
    std::string table_;
    std::string tablespace_;
    std::string qualified_;
};

}  // namespace jetway::core
