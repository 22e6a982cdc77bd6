// SPDX-License-Identifier: Apache-2.0
// What each command reports, in the shape of Flyway's JSON output (spec §1.14). The CLI renders
// these as text or JSON; the engine never prints results itself.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace jetway::core {

struct migrate_item {
    std::string category;
    std::string version;
    std::string description;
    std::string type;
    std::string filepath;
    int execution_time = 0;
};

/// The rows a statement of a migration returned (outputQueryResults).
struct query_output {
    std::string script;
    std::size_t line = 0;
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
};

struct migrate_result {
    std::optional<std::string> initial_schema_version;
    std::optional<std::string> target_schema_version;
    std::string schema_name;
    std::vector<migrate_item> migrations;
    int migrations_executed = 0;
    bool success = true;
    std::string database;
    std::string database_type;
    std::vector<std::string> warnings;
    std::vector<query_output> query_results;  // collected with -outputType=json
};

struct info_item {
    std::string category;
    std::string version;
    std::string raw_version;
    std::string description;
    std::string type;
    std::string installed_on;      // local "yyyy-MM-dd HH:mm:ss", "" if not applied
    std::string installed_on_utc;  // ISO-8601 UTC, "" if not applied
    std::string state;             // display name
    std::string state_enum;        // PENDING, SUCCESS ...
    std::string undoable;          // Yes / No / ""
    std::string filepath;
    std::string installed_by;
    int execution_time = 0;
    std::optional<int> installed_rank;
};

struct info_result {
    std::optional<std::string> schema_version;
    std::string schema_name;
    std::vector<info_item> migrations;
    bool all_schemas_empty = false;
    std::string database;
    bool history_exists = false;
};

struct validate_error_item {
    std::string version;
    std::string description;
    std::string filepath;
    std::string error_code;
    std::string error_message;
};

struct validate_result {
    bool validation_successful = true;
    int validate_count = 0;
    std::vector<validate_error_item> invalid_migrations;
    std::vector<std::string> error_messages;
    std::string database;
    std::vector<std::string> warnings;
};

struct baseline_result {
    bool successfully_baselined = false;
    std::optional<std::string> baseline_version;
    std::string database;
};

struct repair_item {
    std::string version;
    std::string description;
    std::string filepath;
};

struct repair_result {
    std::vector<std::string> repair_actions;
    std::vector<repair_item> migrations_removed;
    std::vector<repair_item> migrations_deleted;
    std::vector<repair_item> migrations_aligned;
    std::string database;
};

struct clean_result {
    std::vector<std::string> schemas_cleaned;
    std::vector<std::string> schemas_dropped;
    std::string database;
    std::vector<std::string> warnings;
};

struct undo_result {
    std::optional<std::string> initial_schema_version;
    std::optional<std::string> target_schema_version;
    std::string schema_name;
    std::vector<migrate_item> migrations;
    int migrations_undone = 0;
    std::string database;
};

/// testConnection: the connection and the facts a user checks before anything runs.
struct connection_test_result {
    std::string database;        // the URL, redacted
    std::string server_version;  // "PostgreSQL 15.4"
    std::string user;            // who the session acts as
    std::string schema_name;     // the default schema (holds the history table)
    std::string history_table;   // "public"."flyway_schema_history"
    bool history_exists = false;
};

/// One object of a schema as the driver's catalog describes it (JW_CATALOG_OBJECTS): what
/// check -drift compares.
struct catalog_object {
    std::string schema;
    std::string kind;        // table, column, index, constraint, view, function, trigger, sequence ...
    std::string name;        // table.column for a column
    std::string definition;  // equal exactly when the objects are
};

/// add: the file written (or only named, with add.nameOnly).
struct add_result {
    std::string filepath;
    std::string version;  // "" for a repeatable migration
    std::string description;
    std::string type;     // versioned, repeatable, undo, baseline
};

}  // namespace jetway::core
