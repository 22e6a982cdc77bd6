// SPDX-License-Identifier: Apache-2.0
// The commands the jetway binary knows, one row each: its name, the usage line, and what running
// it prints. A new command is a row here and a method on core::engine.
#pragma once

#include <jetway/core/configuration.hpp>
#include <jetway/core/engine.hpp>
#include <jetway/core/plugin_registry.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <span>
#include <string_view>

namespace jetway::cli {

/// What a command runs against and where its output goes.
struct command_context {
    core::engine& engine;
    core::plugin_registry& registry;
    const core::configuration& config;
    const std::map<std::string, std::string>& environment;  // the process's, for engines of their own
    bool json;                              // -outputType=json: results are printed as JSON
    bool collect;                           // results collect in `results` (JSON or the report)
    nlohmann::ordered_json& results;
    bool findings = false;  // a check found what it looks for (drift): the run exits 1
};

struct cli_command {
    std::string_view name;
    std::string_view summary;  // the usage text's line
    void (*run)(command_context& context);
    unsigned setting_scopes;   // setting_scope bits: which settings its help lists
};

/// Every command, in the order the usage text lists them.
std::span<const cli_command> command_table();

/// The row for `name`, or null when there is no such command.
const cli_command* find_command(std::string_view name);

}  // namespace jetway::cli
