// SPDX-License-Identifier: Apache-2.0
// `jetway plugins`: one row per library found in the plugin directories.
#pragma once

#include <jetway/core/plugin_registry.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace jetway::cli {

/// Loads every plugin found and renders the table of what each is and whether it is usable.
std::string render_plugins_report(core::plugin_registry& registry);

/// The same as one -outputType=json document.
nlohmann::ordered_json plugins_document(core::plugin_registry& registry);

}  // namespace jetway::cli
