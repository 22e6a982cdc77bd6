// SPDX-License-Identifier: Apache-2.0
// How command results look: Flyway's text (info's table) and its -outputType=json documents.
#pragma once

#include <jetway/core/command_results.hpp>
#include <jetway/core/configuration.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace jetway::cli {

/// info as text: "Schema version: ...", a blank line, and the table (spec §1.4, §1.12).
std::string render_info_text(const core::info_result& result, const core::configuration& config);

nlohmann::ordered_json to_json(const core::migrate_result& r);
nlohmann::ordered_json to_json(const core::info_result& r);
nlohmann::ordered_json to_json(const core::validate_result& r);
nlohmann::ordered_json to_json(const core::baseline_result& r);
nlohmann::ordered_json to_json(const core::repair_result& r);
nlohmann::ordered_json to_json(const core::clean_result& r);
nlohmann::ordered_json to_json(const core::undo_result& r);

}  // namespace jetway::cli
