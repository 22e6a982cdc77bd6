// SPDX-License-Identifier: Apache-2.0
#include "command_table.hpp"

#include "command_output.hpp"
#include "plugins_command.hpp"

#include <iostream>

namespace jetway::cli {
namespace {

// Most commands print nothing of their own in text mode (the engine logs as it goes) and add
// their result to the JSON document.
template <auto Method>
void run_collecting(command_context& c) {
    const auto result = (c.engine.*Method)();
    if (c.json) c.results.push_back(to_json(result));
}

void run_info(command_context& c) {
    const auto result = c.engine.info();
    if (c.json) c.results.push_back(to_json(result));
    else std::cout << render_info_text(result, c.config);
}

void run_validate(command_context& c) {
    // With JSON output Flyway reports an invalid state in the document and exits 0.
    const auto result = c.engine.validate(c.json);
    if (c.json) c.results.push_back(to_json(result));
}

void run_plugins(command_context& c) { std::cout << render_plugins_report(c.registry); }

constexpr cli_command commands[] = {
    {"migrate", "Migrates the database to the latest version (or -target)", &run_collecting<&core::engine::migrate>},
    {"info", "Prints the applied, current and pending migrations", &run_info},
    {"validate", "Validates the applied migrations against the ones on disk", &run_validate},
    {"baseline", "Baselines an existing database at the baselineVersion", &run_collecting<&core::engine::baseline>},
    {"repair", "Repairs the schema history table", &run_collecting<&core::engine::repair>},
    {"clean", "Drops all objects in the configured schemas (needs -cleanDisabled=false)",
     &run_collecting<&core::engine::clean>},
    {"undo", "Undoes the most recently applied versioned migration (or down to -target)",
     &run_collecting<&core::engine::undo>},
    {"plugins", "Lists the plugins found in the plugin directories and whether each is usable", &run_plugins},
};

}  // namespace

std::span<const cli_command> command_table() { return commands; }

const cli_command* find_command(std::string_view name) {
    for (const cli_command& command : command_table())
        if (command.name == name) return &command;
    return nullptr;
}

}  // namespace jetway::cli
