// SPDX-License-Identifier: Apache-2.0
// A run on one database: the commands in order on one engine, their results printed as text or
// as one JSON document, and the report written when asked, whether the run failed or not.
#pragma once

#include <jetway/core/configuration.hpp>
#include <jetway/core/plugin_registry.hpp>

#include <map>
#include <string>
#include <vector>

namespace jetway::cli {

/// Runs `commands` (all known). Returns 0, or 1 when a failed migrate was reported in the JSON
/// document; any other failure is thrown (core::error) after the report is written.
int run_single_command(const std::vector<std::string>& commands, const core::configuration& config,
                       core::plugin_registry& registry, const std::map<std::string, std::string>& environment,
                       bool json);

}  // namespace jetway::cli
