// SPDX-License-Identifier: Apache-2.0
#include "command_output.hpp"

#include "secret_scrubber.hpp"

#include <jetway/core/ascii_table.hpp>

namespace jetway::cli {
namespace {

using json = nlohmann::ordered_json;

json optional_text(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

json common(const char* operation, const std::string& database) {
    return json{{"flywayVersion", JETWAY_VERSION}, {"database", database}, {"operation", operation}};
}

json items(const std::vector<core::migrate_item>& list) {
    json out = json::array();
    for (const auto& m : list)
        out.push_back({{"category", m.category}, {"version", m.version}, {"description", m.description},
                       {"type", m.type}, {"filepath", m.filepath}, {"executionTime", m.execution_time}});
    return out;
}

json repair_items(const std::vector<core::repair_item>& list) {
    json out = json::array();
    for (const auto& m : list) out.push_back({{"version", m.version}, {"description", m.description}, {"filepath", m.filepath}});
    return out;
}

}  // namespace

std::string render_info_text(const core::info_result& result, const core::configuration& config) {
    std::string out = "Schema version: " + result.schema_version.value_or("<< Empty Schema >>") + "\n\n";
    const bool any_on_disk = std::any_of(result.migrations.begin(), result.migrations.end(),
                                         [](const core::info_item& i) { return !i.filepath.empty(); });
    if (!any_on_disk) {
        auto join = [](const std::vector<std::string>& v) {
            std::string s;
            for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
            return s;
        };
        out += "No migrations found on disk.\nHere are some relevant configuration settings.\n";
        out += core::render_ascii_table({"Setting", "Value"},
                                        {{"locations", join(config.locations)},
                                         {"callbackLocations", join(config.callback_locations)},
                                         {"workingDirectory", config.working_directory.string()},
                                         {"repeatableSqlMigrationPrefix", config.repeatable_sql_migration_prefix},
                                         {"sqlMigrationPrefix", config.sql_migration_prefix},
                                         {"baselineMigrationPrefix", config.baseline_migration_prefix},
                                         {"sqlMigrationSeparator", config.sql_migration_separator},
                                         {"sqlMigrationSuffixes", join(config.sql_migration_suffixes)}},
                                        "");
        out += "\n";
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& i : result.migrations)
        rows.push_back({i.category, i.version, i.description, i.type, i.installed_on, i.state, i.undoable});
    out += core::render_ascii_table({"Category", "Version", "Description", "Type", "Installed On", "State", "Undoable"},
                                    rows, "No migrations found");
    return out;
}

json to_json(const core::migrate_result& r) {
    json j{{"initialSchemaVersion", optional_text(r.initial_schema_version)},
           {"targetSchemaVersion", optional_text(r.target_schema_version)},
           {"schemaName", r.schema_name},
           {"migrations", items(r.migrations)},
           {"migrationsExecuted", r.migrations_executed},
           {"success", r.success}};
    int total = 0;
    for (const auto& m : r.migrations) total += m.execution_time;
    j.update(common("migrate", r.database));
    j["databaseType"] = r.database_type;
    j["warnings"] = r.warnings;
    j["totalMigrationTime"] = total;
    if (!r.query_results.empty()) {
        json results = json::array();
        for (const auto& q : r.query_results)
            results.push_back({{"script", q.script}, {"line", q.line}, {"columns", q.columns}, {"rows", q.rows}});
        j["queryResults"] = results;
    }
    return j;
}

json to_json(const core::info_result& r) {
    json list = json::array();
    for (const auto& i : r.migrations)
        list.push_back({{"category", i.category}, {"version", i.version}, {"rawVersion", i.raw_version},
                        {"description", i.description}, {"type", i.type}, {"installedOnUTC", i.installed_on_utc},
                        {"state", i.state}, {"undoable", i.undoable}, {"filepath", i.filepath}, {"undoFilepath", ""},
                        {"installedBy", i.installed_by}, {"shouldExecuteExpression", nullptr},
                        {"executionTime", i.execution_time}});
    json j{{"schemaVersion", optional_text(r.schema_version)}, {"schemaName", r.schema_name}, {"migrations", list}};
    j.update(common("info", r.database));
    j["allSchemasEmpty"] = r.all_schemas_empty;
    return j;
}

json to_json(const core::validate_result& r) {
    json invalid = json::array();
    std::string all;
    for (const auto& i : r.invalid_migrations) {
        invalid.push_back({{"version", i.version}, {"description", i.description}, {"filepath", i.filepath},
                           {"errorDetails", {{"errorCode", i.error_code}, {"errorMessage", i.error_message}}}});
        all += (all.empty() ? "" : "\n") + i.error_message;
    }
    json j{{"errorDetails", r.validation_successful ? json(nullptr)
                                                    : json{{"errorCode", "VALIDATE_ERROR"},
                                                           {"errorMessage", "Migrations have failed validation"}}},
           {"invalidMigrations", invalid},
           {"validationSuccessful", r.validation_successful},
           {"validateCount", r.validate_count}};
    j.update(common("validate", r.database));
    j["warnings"] = r.warnings;
    j["allErrorMessages"] = all;
    return j;
}

json to_json(const core::baseline_result& r) {
    json j{{"successfullyBaselined", r.successfully_baselined}, {"baselineVersion", optional_text(r.baseline_version)}};
    j.update(common("baseline", r.database));
    j["warnings"] = json::array();
    return j;
}

json to_json(const core::repair_result& r) {
    json j{{"repairActions", r.repair_actions},
           {"migrationsRemoved", repair_items(r.migrations_removed)},
           {"migrationsDeleted", repair_items(r.migrations_deleted)},
           {"migrationsAligned", repair_items(r.migrations_aligned)}};
    j.update(common("repair", r.database));
    j["warnings"] = json::array();
    return j;
}

json to_json(const core::clean_result& r) {
    json j{{"schemasCleaned", r.schemas_cleaned}, {"schemasDropped", r.schemas_dropped}};
    j.update(common("clean", r.database));
    j["warnings"] = r.warnings;
    return j;
}

json to_json(const core::undo_result& r) {
    json j{{"initialSchemaVersion", optional_text(r.initial_schema_version)},
           {"targetSchemaVersion", optional_text(r.target_schema_version)},
           {"schemaName", r.schema_name},
           {"migrations", items(r.migrations)},
           {"migrationsUndone", r.migrations_undone}};
    j.update(common("undo", r.database));
    j["warnings"] = json::array();
    return j;
}

json error_item(const std::string& error_code, const std::string& message) {
    return json{{"errorCode", error_code}, {"message", message}, {"stackTrace", nullptr},
                {"lineNumber", nullptr},   {"path", nullptr},    {"cause", nullptr}};
}

json to_json(const core::migrate_failure& failure) {
    json j = to_json(failure.partial());
    j["error"] = error_item(core::error_code_name(failure.code()), scrub_secrets(failure.what()));
    return j;
}

json to_json(const core::connection_test_result& r) {
    json j{{"connectionSuccessful", true},
           {"serverVersion", r.server_version},
           {"user", r.user},
           {"schemaName", r.schema_name},
           {"schemaHistoryTable", r.history_table},
           {"schemaHistoryTableExists", r.history_exists}};
    j.update(common("testConnection", r.database));
    return j;
}

json to_json(const core::add_result& r) {
    json j{{"migrations", json::array({{{"version", r.version},
                                         {"description", r.description},
                                         {"type", r.type},
                                         {"filepath", r.filepath}}})}};
    j.update(common("add", ""));
    j.erase("database");
    return j;
}

std::string render_connection_test_text(const core::connection_test_result& r) {
    return "Connection successful: " + r.database + "\n" + "Server: " + r.server_version + "\n" +
           "User: " + (r.user.empty() ? "(none)" : r.user) + "\n" + "Default schema: " + r.schema_name + "\n" +
           "Schema history table " + r.history_table + (r.history_exists ? " exists" : " does not exist yet") + "\n";
}

}  // namespace jetway::cli
