// SPDX-License-Identifier: Apache-2.0
// How command results look: Flyway's text (info's table) and its -outputType=json documents.
#pragma once

#include <jetway/core/command_results.hpp>
#include <jetway/core/configuration.hpp>
#include <jetway/core/engine.hpp>

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
nlohmann::ordered_json to_json(const core::connection_test_result& r);
/// A failed migrate as Flyway 10 prints it: the migrate document (what was applied before the
/// failure, success false) with the error inside.
nlohmann::ordered_json to_json(const core::migrate_failure& failure);
nlohmann::ordered_json to_json(const core::add_result& r);

/// Flyway 10's error object (ErrorOutputItem): every key present, null when it does not apply.
/// `message` must already be scrubbed of secrets.
nlohmann::ordered_json error_item(const std::string& error_code, const std::string& message);

/// testConnection as text: the database, the server, the user, the history table's state.
std::string render_connection_test_text(const core::connection_test_result& r);

}  // namespace jetway::cli
