// SPDX-License-Identifier: Apache-2.0
#include "fleet_report.hpp"

#include "command_output.hpp"
#include "secret_scrubber.hpp"

#include <jetway/core/ascii_table.hpp>
#include <jetway/core/connection_url.hpp>

#include <cstdio>

namespace jetway::cli {
namespace {

using json = nlohmann::ordered_json;

std::string seconds_text(double seconds) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f s", seconds);
    return buffer;
}

std::string clock_text(std::chrono::steady_clock::duration d) {
    const long total = static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(d).count());
    char buffer[32];
    if (total >= 3600) std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
    else std::snprintf(buffer, sizeof buffer, "%ld:%02ld", total / 60, total % 60);
    return buffer;
}

std::string version_text(const std::optional<std::string>& v) { return v ? *v : "<< Empty Schema >>"; }

const char* status_name(target_outcome::state s) {
    switch (s) {
        case target_outcome::state::succeeded: return "succeeded";
        case target_outcome::state::failed: return "failed";
        case target_outcome::state::not_run: break;
    }
    return "not run";
}

// The first line of an error: the rest (SQL, positions) is in the JSON document and the log.
std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

std::string finished_line(const core::fleet_target& target, const target_outcome& outcome, std::size_t done,
                          std::size_t total) {
    std::string line = "Target " + std::to_string(done) + "/" + std::to_string(total) + " " +
                       status_name(outcome.status) + ": " + target.id() + ": ";
    if (outcome.status == target_outcome::state::failed) {
        // All of it, as a single run prints it: the SQL state, the file and line are the diagnosis.
        return scrub_secrets(line + "(" + seconds_text(outcome.seconds) + ")\n" + outcome.error_message);
    } else {
        line += std::to_string(outcome.applied) + (outcome.applied == 1 ? " migration" : " migrations") +
                " applied, now at version " + version_text(outcome.version_after);
    }
    return scrub_secrets(line + " (" + seconds_text(outcome.seconds) + ")");
}

std::string progress_line(const fleet_tally& t) {
    const std::size_t done = t.succeeded + t.failed;
    const std::size_t waiting = t.total - done - t.running;
    std::string line = "Fleet: " + std::to_string(done) + "/" + std::to_string(t.total) + " done, " +
                       std::to_string(t.failed) + " failed, " + std::to_string(t.running) + " running, " +
                       std::to_string(waiting) + " to start, " + clock_text(t.elapsed) + " elapsed";
    // What is left takes as long per target as what is done took, spread over the same workers.
    if (done > 0 && done < t.total)
        line += ", about " + clock_text(t.elapsed * static_cast<long>(t.total - done) / static_cast<long>(done)) + " left";
    return line;
}

std::string summary_text(const std::vector<core::fleet_target>& targets, const std::vector<target_outcome>& outcomes,
                         std::chrono::steady_clock::duration elapsed) {
    std::vector<std::vector<std::string>> rows;
    std::size_t succeeded = 0, failed = 0, not_run = 0;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const target_outcome& o = outcomes[i];
        if (o.status == target_outcome::state::succeeded) ++succeeded;
        else if (o.status == target_outcome::state::failed) ++failed;
        else ++not_run;
        const bool ran = o.status != target_outcome::state::not_run;
        const std::string empty = ran ? "empty" : "";
        rows.push_back({targets[i].id(), o.version_before ? *o.version_before : empty,
                        o.version_after ? *o.version_after : empty, ran ? std::to_string(o.applied) : "",
                        ran ? seconds_text(o.seconds) : "",
                        o.status == target_outcome::state::failed ? "failed: " + first_line(o.error_message)
                                                                  : status_name(o.status)});
    }
    std::string out = core::render_ascii_table({"Target", "Before", "After", "Applied", "Time", "Result"}, rows, "No targets");
    out += std::to_string(targets.size()) + (targets.size() == 1 ? " target: " : " targets: ") +
           std::to_string(succeeded) + " succeeded, " + std::to_string(failed) + " failed, " +
           std::to_string(not_run) + " not run, in " +
           seconds_text(std::chrono::duration<double>(elapsed).count()) + "\n";
    return scrub_secrets(out);
}

json fleet_document(const std::vector<std::string>& commands, const std::string& shard,
                    const std::vector<core::fleet_target>& targets, const std::vector<target_outcome>& outcomes,
                    std::chrono::steady_clock::duration elapsed) {
    json list = json::array();
    std::size_t succeeded = 0, failed = 0;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const core::fleet_target& t = targets[i];
        const target_outcome& o = outcomes[i];
        if (o.status == target_outcome::state::succeeded) ++succeeded;
        if (o.status == target_outcome::state::failed) ++failed;
        auto optional = [](const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); };
        json entry{{"id", t.id()},
                   {"url", core::redact_url(t.url)},
                   {"schemas", t.schemas},
                   {"placeholders", t.placeholders},
                   {"listedBy", t.listed_by},
                   {"status", status_name(o.status)},
                   {"initialSchemaVersion", optional(o.version_before)},
                   {"targetSchemaVersion", optional(o.version_after)},
                   {"migrationsExecuted", o.applied},
                   {"executionTime", static_cast<long>(o.seconds * 1000)},
                   {"results", o.results}};
        // Flyway's error document, as a single run prints it.
        entry["error"] = o.status == target_outcome::state::failed
                             ? json(error_item(o.error_code, scrub_secrets(o.error_message)))
                             : json(nullptr);
        list.push_back(std::move(entry));
    }
    return json{{"flywayVersion", JETWAY_VERSION},
                {"operation", "fleet"},
                {"commands", commands},
                {"shard", shard.empty() ? json(nullptr) : json(shard)},
                {"targetCount", targets.size()},
                {"succeeded", succeeded},
                {"failed", failed},
                {"notRun", targets.size() - succeeded - failed},
                {"executionTime", static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count())},
                {"targets", std::move(list)}};
}

}  // namespace jetway::cli
