// SPDX-License-Identifier: Apache-2.0
// Helpers for the libjetway suites: an engine from a settings list, the document a result holds,
// and what the jetway command prints for the same run, to compare the two.
#pragma once

#include <jetway/jetway.h>

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "test_support.hpp"

namespace jetway::test {

using engine_ptr = std::unique_ptr<jetway_engine, decltype(&jetway_engine_free)>;
using result_ptr = std::unique_ptr<jetway_result, decltype(&jetway_result_free)>;
using settings_list = std::vector<std::pair<std::string, std::string>>;

/// An engine on `settings` (no environment, no configuration files); fails the test when refused.
engine_ptr make_engine(const settings_list& settings, const jetway_options* base = nullptr);
/// jetway_run on `engine`.
result_ptr run(jetway_engine* engine, const char* commands);
/// The document without what differs from one run to the next (times, dates).
nlohmann::json without_timings(nlohmann::json document);
/// The document `build/bin/jetway -outputType=json` prints for `commands` on `settings`.
nlohmann::json cli_document(const settings_list& settings, const std::vector<std::string>& commands);

}  // namespace jetway::test
