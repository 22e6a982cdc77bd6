// SPDX-License-Identifier: Apache-2.0
#include "single_run.hpp"

#include "command_output.hpp"
#include "command_table.hpp"
#include "run_report.hpp"
#include "secret_scrubber.hpp"

#include <jetway/core/connection_url.hpp>
#include <jetway/core/engine.hpp>
#include <jetway/core/error.hpp>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <iostream>
#include <optional>

namespace jetway::cli {
namespace {

// The history as it stands after the run, for the report; a run that could not connect has none.
nlohmann::ordered_json final_history(core::engine& engine) {
    try {
        return to_json(engine.info());
    } catch (const std::exception& e) {
        spdlog::debug("The report shows no schema history: {}", e.what());
        return nullptr;
    }
}

}  // namespace

run_outcome run_commands(const std::vector<std::string>& commands, const core::configuration& config,
                         core::plugin_registry& registry, const std::map<std::string, std::string>& environment,
                         bool json, core::cancellation* cancel) {
    core::engine engine(config, registry, core::installation_root(), environment);
    engine.set_cancellation(cancel);
    nlohmann::ordered_json results = nlohmann::ordered_json::array();
    // check always writes its report, as Flyway's does.
    const bool write_report = config.report_enabled || std::find(commands.begin(), commands.end(), "check") != commands.end();
    command_context context{engine, registry, config, environment, json, json || write_report, results};
    const auto started = std::chrono::system_clock::now();
    std::exception_ptr failure;
    bool migrate_failed = false;
    try {
        for (const std::string& command : commands) find_command(command)->run(context);
    } catch (const core::migrate_failure&) {
        failure = std::current_exception();
        migrate_failed = true;
    } catch (...) {
        failure = std::current_exception();
    }

    // What failed, as the report shows it; nullopt when nothing did.
    std::optional<core::error_code> failed_code;
    nlohmann::ordered_json error_object;
    if (failure) {
        try {
            std::rethrow_exception(failure);
        } catch (const core::error& e) {
            failed_code = e.code();
            error_object = error_item(core::error_code_name(e.code()), scrub_secrets(e.what()));
        } catch (const std::exception& e) {
            failed_code = core::error_code::internal;
            error_object = error_item("FAULT", scrub_secrets(e.what()));
        }
    }
    // A command line refused before anything ran leaves no report; a database never reached is
    // not asked again for its history (connectRetries would wait a second time).
    nlohmann::ordered_json report_paths;
    const bool refused_outright = results.empty() && failed_code == core::error_code::usage;
    if (write_report && !refused_outright) {
        const bool reached = !failed_code || *failed_code >= core::error_code::sql_failed;
        run_report report{commands,      core::redact_url(config.url), started, std::chrono::system_clock::now(),
                          results,       error_object,                 reached ? final_history(engine) : nullptr};
        report_paths = write_run_report(report, config);
    }

    // A failed migrate is reported in its own document, as Flyway does; other failures as the
    // error document.
    run_outcome outcome;
    if (failure && !(json && migrate_failed)) outcome.failure = failure;
    if (json && !results.empty()) {
        outcome.document = results.size() == 1 ? results[0] : nlohmann::ordered_json{{"individualResults", results}};
        if (!report_paths.is_null()) outcome.document.update(report_paths);
    }
    outcome.exit_code = failure || context.findings ? 1 : 0;
    return outcome;
}

int run_single_command(const std::vector<std::string>& commands, const core::configuration& config,
                       core::plugin_registry& registry, const std::map<std::string, std::string>& environment,
                       bool json) {
    const run_outcome outcome = run_commands(commands, config, registry, environment, json);
    if (outcome.failure) std::rethrow_exception(outcome.failure);
    if (!outcome.document.is_null()) std::cout << outcome.document.dump(2) << "\n";
    return outcome.exit_code;
}

nlohmann::ordered_json error_document(const std::exception_ptr& failure) {
    try {
        std::rethrow_exception(failure);
    } catch (const core::error& e) {
        return {{"error", error_item(core::error_code_name(e.code()), scrub_secrets(e.what()))}};
    } catch (const std::exception& e) {
        return {{"error", error_item("FAULT", scrub_secrets(e.what()))}};
    } catch (...) {
        return {{"error", error_item("FAULT", "unknown failure")}};
    }
}

}  // namespace jetway::cli
