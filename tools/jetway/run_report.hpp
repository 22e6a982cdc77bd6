// SPDX-License-Identifier: Apache-2.0
// reportEnabled: a run's report as one self-contained HTML page (what ran, when, how long each
// migration took as a chart, what failed and why, the schema history after the run) and its
// JSON twin, the same data a pipeline reads.
#pragma once

#include <jetway/core/configuration.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace jetway::cli {

struct run_report {
    std::vector<std::string> commands;
    std::string database;  // the URL, redacted
    std::chrono::system_clock::time_point started, finished;
    nlohmann::ordered_json results;  // each command's -outputType=json document
    nlohmann::ordered_json error;    // Flyway's error object, or null
    nlohmann::ordered_json history;  // info's document after the run, or null
};

/// The report's data, as the JSON twin holds it and the page shows it.
nlohmann::ordered_json report_document(const run_report& report);

/// The page for `document`: no file or network is needed to open it.
std::string report_html(const nlohmann::ordered_json& document);

/// Writes <base>.html and <base>.json, where base is reportFilename without .html/.htm,
/// relative to the working directory. Returns {"jsonReport": path, "htmlReport": path}.
/// Throws core::error naming the file when one cannot be written.
nlohmann::ordered_json write_run_report(const run_report& report, const core::configuration& config);

}  // namespace jetway::cli
