// SPDX-License-Identifier: Apache-2.0
#include "command_table.hpp"

#include "check_command.hpp"
#include "command_output.hpp"
#include "plugins_command.hpp"
#include "project_init.hpp"
#include "setting_help.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>

namespace jetway::cli {
namespace {

// Most commands print nothing of their own in text mode (the engine logs as it goes) and add
// their result to the JSON document.
template <auto Method>
void run_collecting(command_context& c) {
    const auto result = (c.engine.*Method)();
    if (c.collect) c.results.push_back(to_json(result));
}

void run_info(command_context& c) {
    const auto result = c.engine.info();
    if (c.collect) c.results.push_back(to_json(result));
    if (!c.json) std::cout << render_info_text(result, c.config);
}

void run_validate(command_context& c) {
    // With JSON output Flyway reports an invalid state in the document and exits 0.
    const auto result = c.engine.validate(c.json);
    if (c.collect) c.results.push_back(to_json(result));
}

// A failed migrate still has a document: what it applied before the failure, and the error.
void run_migrate(command_context& c) {
    try {
        const auto result = c.engine.migrate();
        if (c.collect) c.results.push_back(to_json(result));
    } catch (const core::migrate_failure& failure) {
        if (c.collect) c.results.push_back(to_json(failure));
        throw;
    }
}

void run_plugins(command_context& c) {
    if (c.collect) c.results.push_back(plugins_document(c.registry));
    if (!c.json) std::cout << render_plugins_report(c.registry);
}

void run_test_connection(command_context& c) {
    const auto result = c.engine.test_connection();
    if (c.collect) c.results.push_back(to_json(result));
    if (!c.json) std::cout << render_connection_test_text(result);
}

// As Flyway prints it: "created: <path>", and with -q the file's name alone, so that
// `vim $(jetway -q add -nameOnly=true ...)` works.
void run_add(command_context& c) {
    const auto result = c.engine.add();
    if (c.collect) c.results.push_back(to_json(result));
    if (c.json) return;
    if (spdlog::default_logger()->level() >= spdlog::level::warn)
        std::cout << std::filesystem::path(result.filepath).filename().string() << "\n";
    else std::cout << (c.config.add_name_only ? "" : "created: ") << result.filepath << "\n";
}

void run_init(command_context& c) {
    const init_result result = init_project(c.config);
    nlohmann::ordered_json created = nlohmann::ordered_json::array();
    for (const auto& path : result.created) {
        created.push_back(path.string());
        if (!c.json) std::cout << "Created " << path.string() << "\n";
    }
    if (c.collect)
        c.results.push_back({{"path", result.created.front().string()}, {"created", created},
                             {"flywayVersion", JETWAY_VERSION}, {"operation", "init"}});
}

constexpr unsigned database_command = scope_output | scope_connect | scope_fleet;
constexpr unsigned reads_migrations = database_command | scope_naming | scope_resolve;

constexpr cli_command commands[] = {
    {"migrate", "Migrates the database to the latest version (or -target)", &run_migrate,
     reads_migrations | scope_migrate | scope_validate},
    {"info", "Prints the applied, current and pending migrations", &run_info, reads_migrations | scope_info},
    {"validate", "Validates the applied migrations against the ones on disk", &run_validate,
     reads_migrations | scope_validate},
    {"baseline", "Baselines an existing database at the baselineVersion", &run_collecting<&core::engine::baseline>,
     database_command | scope_baseline},
    {"repair", "Repairs the schema history table", &run_collecting<&core::engine::repair>,
     reads_migrations | scope_repair},
    {"clean", "Drops all objects in the configured schemas (needs -cleanDisabled=false)",
     &run_collecting<&core::engine::clean>, database_command | scope_clean},
    {"undo", "Undoes the most recently applied versioned migration (or down to -target)",
     &run_collecting<&core::engine::undo>, reads_migrations | scope_undo},
    {"check", "-dryrun: what migrate would run, in order, with its SQL; -drift: what differs from what the migrations build",
     &run_check,
     reads_migrations | scope_migrate | scope_check},
    {"testConnection", "Connects, and says to which server, as whom, and whether the history table exists",
     &run_test_connection, scope_output | scope_connect},
    {"add", "Writes the next migration file: jetway add -description=\"add users\"", &run_add,
     scope_output | scope_naming | scope_add},
    {"init", "Starts a project here: a flyway.toml with commented settings and a sql/ folder", &run_init,
     scope_output | scope_init},
    {"plugins", "Lists the plugins found in the plugin directories and whether each is usable", &run_plugins,
     scope_output | scope_plugins},
};

}  // namespace

std::span<const cli_command> command_table() { return commands; }

const cli_command* find_command(std::string_view name) {
    for (const cli_command& command : command_table())
        if (command.name == name) return &command;
    return nullptr;
}

}  // namespace jetway::cli
