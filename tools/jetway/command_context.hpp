// SPDX-License-Identifier: Apache-2.0
// What a command of the command table runs against, and where its results go.
#pragma once

#include <jetway/core/configuration.hpp>
#include <jetway/core/engine.hpp>
#include <jetway/core/plugin_registry.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <string>

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

}  // namespace jetway::cli
