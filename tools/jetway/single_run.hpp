// SPDX-License-Identifier: Apache-2.0
// A run on one database: the commands in order on one engine, their results gathered into the
// JSON document -outputType=json prints, and the report written when asked, whether the run
// failed or not. The CLI prints what it returns; libjetway hands it to the application.
#pragma once

#include <jetway/core/cancellation.hpp>
#include <jetway/core/configuration.hpp>
#include <jetway/core/plugin_registry.hpp>

#include <nlohmann/json.hpp>

#include <exception>
#include <map>
#include <string>
#include <vector>

namespace jetway::cli {

struct run_outcome {
    /// 0; 1 when a failed migrate is reported in the document or a check found drift.
    int exit_code = 0;
    /// What -outputType=json prints: one command's result, or {"individualResults": [...]}.
    /// Null when nothing was collected (text output, or a failure before any result).
    nlohmann::ordered_json document;
    /// A failure the document does not report (anything but a failed migrate in JSON).
    std::exception_ptr failure;
};

/// Runs `commands` (all known) and gathers their results; `json` collects them as the document
/// (else each command prints its text). `cancel`, when given, is the run's stop button.
run_outcome run_commands(const std::vector<std::string>& commands, const core::configuration& config,
                         core::plugin_registry& registry, const std::map<std::string, std::string>& environment,
                         bool json, core::cancellation* cancel = nullptr);

/// The CLI's face of run_commands: prints the document, rethrows the failure; returns the exit code.
int run_single_command(const std::vector<std::string>& commands, const core::configuration& config,
                       core::plugin_registry& registry, const std::map<std::string, std::string>& environment,
                       bool json);

/// Flyway's error document ({"error": {...}}) for a failure, its message scrubbed of secrets.
nlohmann::ordered_json error_document(const std::exception_ptr& failure);

}  // namespace jetway::cli
