// SPDX-License-Identifier: Apache-2.0
// The jetway command: parse Flyway's arguments, run the commands in order, map errors to exit
// codes. The one place where exceptions are caught and turned into messages.
#include "cli_arguments.hpp"
#include "command_output.hpp"
#include "command_table.hpp"
#include "console_log.hpp"
#include "fleet_run.hpp"
#include "secret_scrubber.hpp"
#include "usage.hpp"

#include <jetway/core/configuration.hpp>
#include <jetway/core/connection_url.hpp>
#include <jetway/core/engine.hpp>
#include <jetway/core/error.hpp>
#include <jetway/core/fleet_targets.hpp>
#include <jetway/core/plugin_registry.hpp>
#include <jetway/plugin_abi.h>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>
#include <sstream>

namespace jetway::cli {
namespace {


extern "C" char** environ;

std::map<std::string, std::string> process_environment() {
    std::map<std::string, std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string entry = *e;
        const std::size_t eq = entry.find('=');
        if (eq != std::string::npos) env.emplace(entry.substr(0, eq), entry.substr(eq + 1));
    }
    return env;
}

bool names_standard_input(const std::string& list) {
    std::stringstream in(list);
    for (std::string item; std::getline(in, item, ',');)
        if (item == "-") return true;
    return false;
}

// The last -key=value for `key`, else the environment variable.
std::string last_setting(const cli_arguments& args, const std::string& key,
                         const std::map<std::string, std::string>& environment, const std::string& variable) {
    std::string value;
    for (const cli_setting& s : args.settings)
        if (s.key == key) value = s.value;
    if (value.empty())
        if (const auto it = environment.find(variable); it != environment.end()) value = it->second;
    return value;
}

core::configuration_inputs gather_inputs(const cli_arguments& args) {
    core::configuration_inputs in;
    for (const cli_setting& s : args.settings) in.arguments.emplace_back(s.key, s.value);
    in.environment = process_environment();
    in.install_root = core::installation_root();
    if (const auto home = in.environment.find("HOME"); home != in.environment.end())
        in.home_directory = home->second;
    in.current_directory = std::filesystem::current_path();
    if (names_standard_input(last_setting(args, "configFiles", in.environment, "FLYWAY_CONFIG_FILES"))) {
        std::stringstream buffer;
        buffer << std::cin.rdbuf();
        in.standard_input = buffer.str();
    }
    return in;
}

int run(const cli_arguments& args) {
    // Help needs no configuration: it must work even where a flyway.conf is broken.
    if (args.man) {
        std::cout << man_page();
        return 0;
    }
    if (args.help) {
        std::cout << usage_text();
        return 0;
    }
    const core::configuration_inputs inputs = gather_inputs(args);
    const core::configuration config = core::load_configuration(inputs);
    register_secrets(config);
    for (const std::string& line : core::describe_configuration(config))
        spdlog::debug("Configuration: {}", line);

    const auto dirs = core::plugin_search_path(core::installation_root(), config.jar_dirs,
                                               config.working_directory);
    if (args.version) {
        std::cout << "Jetway " JETWAY_VERSION "\n"
                  << "Plugin API " << core::host_api_version() << " (accepts plugins built for "
                  << core::host_api_range() << ")\n"
                  << "Plugin directories:\n";
        for (const auto& dir : dirs) std::cout << "  " << dir.path.string() << " (" << dir.why << ")\n";
        return 0;
    }
    if (args.commands.empty()) {
        std::cout << usage_text();
        return 0;
    }
    for (const std::string& command : args.commands)
        if (find_command(command) == nullptr) throw core::error(core::error_code::usage, "Invalid argument: " + command);

    core::plugin_registry registry(dirs, core::engine::plugin_script_services());
    if (core::is_fleet_run(config)) {
        std::string targets_input;
        if (config.targets == "-") {
            if (names_standard_input(last_setting(args, "configFiles", inputs.environment, "FLYWAY_CONFIG_FILES")))
                throw core::error(core::error_code::configuration,
                                  "Standard input can carry the configuration (configFiles=-) or the targets (targets=-), not both");
            std::stringstream buffer;
            buffer << std::cin.rdbuf();
            targets_input = buffer.str();
        }
        return run_fleet_command(args.commands, config, registry, inputs.environment, targets_input);
    }
    core::engine engine(config, registry, core::installation_root(), process_environment());
    const bool json = config.output_type == "json" || config.output_type == "JSON";
    nlohmann::ordered_json results = nlohmann::ordered_json::array();
    command_context context{engine, registry, config, json, results};
    for (const std::string& command : args.commands) find_command(command)->run(context);
    if (json && !results.empty())
        std::cout << (results.size() == 1 ? results[0] : nlohmann::ordered_json{{"individualResults", results}}).dump(2) << "\n";
    return 0;
}

// Flyway's -outputType=json error document (spec §1.14).
std::string json_error(const std::string& code, const std::string& message) {
    return nlohmann::json{{"error", {{"errorCode", code}, {"message", message}}}}.dump(2);
}

}  // namespace
}  // namespace jetway::cli

int main(int argc, char** argv) {
    using namespace jetway;
    const std::vector<std::string> raw(argv + 1, argv + argc);
    bool json = false;
    cli::setup_console_log(false, false);  // until the arguments say otherwise
    try {
        const cli::cli_arguments args = cli::parse_arguments(raw);
        std::string color = "auto";
        for (const cli::cli_setting& s : args.settings) {
            if (s.key == "outputType" && (s.value == "json" || s.value == "JSON")) json = true;
            if (s.key == "color") color = s.value;
        }
        cli::setup_console_log(args.debug, args.quiet, color);
        return cli::run(args);
    } catch (const core::error& e) {
        if (json) std::cout << cli::json_error(core::error_code_name(e.code()), cli::scrub_secrets(e.what())) << "\n";
        else spdlog::error("{}", e.what());
    } catch (const std::exception& e) {
        if (json) std::cout << cli::json_error("FAULT", cli::scrub_secrets(e.what())) << "\n";
        else spdlog::error("Unexpected error: {}", e.what());
    }
    return 1;
}
