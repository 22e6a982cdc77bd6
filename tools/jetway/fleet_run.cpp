// SPDX-License-Identifier: Apache-2.0
#include "fleet_run.hpp"

#include "command_table.hpp"
#include "console_log.hpp"
#include "fleet_report.hpp"
#include "secret_scrubber.hpp"

#include <jetway/core/engine.hpp>
#include <jetway/core/error.hpp>
#include <jetway/core/fleet_scheduler.hpp>
#include <jetway/core/fleet_targets.hpp>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <csignal>
#include <iostream>
#include <locale>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace jetway::cli {
namespace {

using json = nlohmann::ordered_json;
using clock = std::chrono::steady_clock;

// Ctrl-C or a scheduler's SIGTERM: start no more targets, let the running ones finish, and still
// print the summary that -targetsFrom can resume from. A second signal ends the process.
std::atomic<bool> stop_requested{false};
extern "C" void request_stop(int signal) {
    stop_requested = true;
    std::signal(signal, SIG_DFL);
}

std::optional<std::string> text_field(const json& document, const char* key) {
    if (const auto it = document.find(key); it != document.end() && it->is_string()) return it->get<std::string>();
    return std::nullopt;
}

// The version a command's document says the schema is at when it is done; std::nullopt when
// it says nothing of versions (validate, repair, clean).
std::optional<std::optional<std::string>> version_reported(const json& result) {
    if (result.contains("targetSchemaVersion")) {
        // migrate and undo report no target version when they changed nothing.
        auto after = text_field(result, "targetSchemaVersion");
        return after ? after : text_field(result, "initialSchemaVersion");
    }
    if (result.contains("schemaVersion")) return text_field(result, "schemaVersion");
    if (result.contains("baselineVersion")) return text_field(result, "baselineVersion");
    return std::nullopt;
}

// Versions and counts as the commands' own documents report them.
void read_results(target_outcome& outcome) {
    bool first = true;
    for (const json& result : outcome.results) {
        const auto after = version_reported(result);
        if (first)
            outcome.version_before = result.contains("initialSchemaVersion") ? text_field(result, "initialSchemaVersion")
                                                                             : after.value_or(std::nullopt);
        if (after) outcome.version_after = *after;
        if (const auto it = result.find("migrationsExecuted"); it != result.end()) outcome.applied += it->get<int>();
        if (result.value("validationSuccessful", true) == false) {
            outcome.status = target_outcome::state::failed;
            outcome.error_code = "VALIDATE_ERROR";
            outcome.error_message = "Migrations have failed validation";
            for (const json& m : result.value("invalidMigrations", json::array()))
                outcome.error_message += "\n" + m["errorDetails"].value("errorMessage", "");
        }
        first = false;
    }
}

target_outcome run_target(const std::vector<std::string>& commands, const core::configuration& config,
                          core::plugin_registry& registry, const std::map<std::string, std::string>& environment,
                          core::connection_pool& sessions) {
    target_outcome outcome;
    const auto started = clock::now();
    core::engine engine(config, registry, core::installation_root(), environment, &sessions);
    auto fail = [&](std::string code, std::string message) {
        outcome.status = target_outcome::state::failed;
        outcome.error_code = std::move(code);
        outcome.error_message = std::move(message);
    };
    // Whether the database was reached: only then is it worth asking where the target stands.
    bool reached = true;
    try {
        outcome.status = target_outcome::state::succeeded;
        command_context context{engine, registry, config, environment, true, true, outcome.results};
        for (const std::string& command : commands) find_command(command)->run(context);
        read_results(outcome);
    } catch (const core::error& e) {
        fail(core::error_code_name(e.code()), e.what());
        reached = e.code() >= core::error_code::sql_failed;
    } catch (const std::exception& e) {
        fail("FAULT", e.what());
    }
    if (outcome.status == target_outcome::state::failed && reached && outcome.error_code != "VALIDATE_ERROR") {
        // Where the failed target stands now, when it can still be asked.
        try {
            outcome.version_after = engine.info().schema_version;
        } catch (const std::exception&) {
        }
    }
    outcome.seconds = std::chrono::duration<double>(clock::now() - started).count();
    return outcome;
}

void refuse_what_a_fleet_cannot_do(const std::vector<std::string>& commands, const core::configuration& config) {
    for (const std::string& command : commands)
        if (command == "plugins" || command == "add" || command == "init")
            throw core::error(core::error_code::usage, command + " works on this machine's files; it takes no targets");
    if (config.report_enabled)
        throw core::error(core::error_code::configuration,
                          "reportEnabled writes one run's report, and a fleet run has many targets: -outputType=json prints "
                          "every target's documents in one");
    if (!config.dry_run_output.empty())
        throw core::error(core::error_code::configuration,
                          "dryRunOutput names one file, and a fleet run has many targets: run the targets one at a time");
    if (config.max_connections_per_server < 1)
        throw core::error(core::error_code::configuration, "Invalid value for flyway.maxConnectionsPerServer (should be 1 or more): " +
                                                                std::to_string(config.max_connections_per_server));
    if (config.parallel < 0)
        throw core::error(core::error_code::configuration,
                          "Invalid value for flyway.parallel (should be 1 or more): " + std::to_string(config.parallel));
}

// Everything the engines' threads would otherwise initialise lazily, and so race on.
void warm_up_shared_state() {
    (void)spdlog::default_logger();
    const auto& ctype = std::use_facet<std::ctype<char>>(std::locale());
    for (int c = 0; c < 256; ++c) {
        (void)ctype.narrow(static_cast<char>(c), '\0');
        (void)ctype.widen(static_cast<char>(c));
    }
}

}  // namespace

int run_fleet_command(const std::vector<std::string>& commands, const core::configuration& config,
                      core::plugin_registry& registry, const std::map<std::string, std::string>& environment,
                      std::string_view targets_input) {
    refuse_what_a_fleet_cannot_do(commands, config);
    const auto started = clock::now();
    const std::vector<core::fleet_target> targets = core::list_fleet_targets(config, registry, targets_input);
    const bool json_output = config.output_type == "json" || config.output_type == "JSON";
    const bool terminal = ::isatty(STDERR_FILENO) == 1 && spdlog::default_logger()->should_log(spdlog::level::info);
    if (targets.empty())
        spdlog::warn("No targets to run{}", config.shard.empty() ? "" : " in shard " + config.shard);
    else
        spdlog::info("Running {} on {} target{}", commands.size() == 1 ? commands[0] : "the commands", targets.size(),
                     targets.size() == 1 ? "" : "s");

    std::vector<target_outcome> outcomes(targets.size());
    std::mutex tally_mutex;
    fleet_tally tally{targets.size(), 0, 0, 0, {}};
    auto show_progress = [&] {
        tally.elapsed = clock::now() - started;
        set_status_line(progress_line(tally));
    };

    warm_up_shared_state();
    std::signal(SIGINT, request_stop);
    std::signal(SIGTERM, request_stop);
    std::jthread ticker;
    if (terminal)
        ticker = std::jthread([&](std::stop_token stop) {
            while (!stop.stop_requested()) {
                {
                    std::lock_guard lock(tally_mutex);
                    show_progress();
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(250));
            }
        });

    core::fleet_limits limits{config.parallel, config.max_connections_per_server, config.fail_fast};
    // Schemas of one database take turns on the sessions the pool keeps: no more are ever open
    // than run at once, and each target skips the connect, its authentication and TLS.
    core::connection_pool sessions;
    core::run_fleet(
        targets, limits,
        [&](std::size_t i) {
            {
                std::lock_guard lock(tally_mutex);
                ++tally.running;
            }
            // Made when the target starts and dropped when it ends: memory stays with the pool.
            const core::configuration target_config = core::configuration_for(config, targets[i]);
            register_secrets(target_config);
            set_thread_log_label(targets[i].id());
            target_outcome outcome = run_target(commands, target_config, registry, environment, sessions);
            set_thread_log_label("");
            // Text output needs no command documents; the JSON one does.
            if (!json_output) outcome.results = json::array();
            const bool ok = outcome.status == target_outcome::state::succeeded;
            std::lock_guard lock(tally_mutex);
            --tally.running;
            ++(ok ? tally.succeeded : tally.failed);
            const std::string line = finished_line(targets[i], outcome, tally.succeeded + tally.failed, tally.total);
            if (!ok) spdlog::error("{}", line);
            else if (!terminal) spdlog::info("{}", line);
            outcomes[i] = std::move(outcome);
            if (terminal) show_progress();
            return ok;
        },
        &stop_requested);
    if (ticker.joinable()) {
        ticker.request_stop();
        ticker.join();
        set_status_line("");
    }
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);

    const auto elapsed = clock::now() - started;
    const std::size_t not_run = targets.size() - tally.succeeded - tally.failed;
    if (not_run > 0)
        spdlog::warn("{} target{} not run ({}); -targetsFrom with this run's JSON document runs what did not succeed",
                     not_run, not_run == 1 ? " was" : "s were", stop_requested ? "interrupted" : "failFast");
    if (json_output)
        std::cout << fleet_document(commands, config.shard, targets, outcomes, elapsed).dump(2) << "\n";
    else
        std::cout << summary_text(targets, outcomes, elapsed);
    return tally.failed == 0 && not_run == 0 ? 0 : 1;
}

}  // namespace jetway::cli
