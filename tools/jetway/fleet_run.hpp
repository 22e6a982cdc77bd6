// SPDX-License-Identifier: Apache-2.0
// A fleet run: the commands applied to every target the configuration lists, each by an engine
// of its own, several at once, one target's failure leaving the others to finish.
#pragma once

#include <jetway/core/configuration.hpp>
#include <jetway/core/plugin_registry.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace jetway::cli {

/// Runs `commands` on each target; prints progress, the summary or the JSON document. Returns
/// the exit code: 0 only when every target succeeded.
int run_fleet_command(const std::vector<std::string>& commands, const core::configuration& config,
                      core::plugin_registry& registry, const std::map<std::string, std::string>& environment,
                      std::string_view targets_input);

}  // namespace jetway::cli
