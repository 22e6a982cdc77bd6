// SPDX-License-Identifier: Apache-2.0
// The known settings: their names, types and where each lands in `configuration`.
#pragma once

#include <jetway/core/configuration.hpp>

#include "raw_setting.hpp"

#include <string>
#include <vector>

namespace jetway::core {

/// Applies one raw setting to `config`. Throws core::error for an unknown key (with the closest
/// known one) or a value of the wrong type, naming the origin.
void apply_setting(configuration& config, const raw_setting& setting);

/// Every known key, for "did you mean" and for mapping FLYWAY_* variables.
const std::vector<std::string>& known_setting_names();

/// The keys Jetway acts on (not the ones it only warns about), families excluded.
const std::vector<std::string>& honoured_setting_names();

/// FLYWAY_CONNECT_RETRIES for connectRetries (dots become '_').
std::string environment_variable_for(const std::string& key);

}  // namespace jetway::core
