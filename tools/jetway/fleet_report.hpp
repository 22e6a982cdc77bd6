// SPDX-License-Identifier: Apache-2.0
// What a fleet run shows: a line per finished target (logs, CI), a progress line (terminals), the
// summary table, and the -outputType=json document that a later -targetsFrom reads back.
#pragma once

#include <jetway/core/fleet_targets.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace jetway::cli {

/// How one target's run ended.
struct target_outcome {
    enum class state { not_run, succeeded, failed };
    state status = state::not_run;
    std::optional<std::string> version_before;
    std::optional<std::string> version_after;
    int applied = 0;
    double seconds = 0;
    nlohmann::ordered_json results = nlohmann::ordered_json::array();  // each command's document
    std::string error_code;
    std::string error_message;
};

/// Counts of a run so far.
struct fleet_tally {
    std::size_t total = 0, succeeded = 0, failed = 0, running = 0;
    std::chrono::steady_clock::duration elapsed{};
};

/// "Target 3/40 succeeded: <id>: 20 migrations applied, now at version 20 (0.15 s)"; a failure
/// is followed by its whole error message.
std::string finished_line(const core::fleet_target& target, const target_outcome& outcome, std::size_t done,
                          std::size_t total);

/// "Fleet: 12/40 done, 1 failed, 8 running, 20 to start, 0:03 elapsed, about 0:07 left".
std::string progress_line(const fleet_tally& tally);

/// The table of every target and a closing count, for stdout.
std::string summary_text(const std::vector<core::fleet_target>& targets, const std::vector<target_outcome>& outcomes,
                         std::chrono::steady_clock::duration elapsed);

/// One document for the run (-outputType=json).
nlohmann::ordered_json fleet_document(const std::vector<std::string>& commands, const std::string& shard,
                                      const std::vector<core::fleet_target>& targets,
                                      const std::vector<target_outcome>& outcomes,
                                      std::chrono::steady_clock::duration elapsed);

}  // namespace jetway::cli
