// SPDX-License-Identifier: Apache-2.0
// The jetway command: parse Flyway's arguments, run the commands in order, map errors to exit
// codes. The one place where exceptions are caught and turned into messages.
#include "cli_arguments.hpp"
#include "command_output.hpp"
#include "command_table.hpp"
#include "console_log.hpp"
#include "fleet_run.hpp"
#include "output_file.hpp"
#include "process_environment.hpp"
#include "secret_scrubber.hpp"
#include "single_run.hpp"
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

bool is_json(const std::string& output_type) { return output_type == "json" || output_type == "JSON"; }

// outputFile, outputLogsInJson and outputType may come from any source: once the configuration
// is read, output takes the form it asks for, and the lines logged while reading it follow.
void apply_output_settings(const core::configuration& config, bool& json) {
    json = is_json(config.output_type);
    if (!config.output_file.empty()) {
        std::filesystem::path file = config.output_file;
        if (file.is_relative()) file = config.working_directory / file;
        const auto origin = config.origins.find("outputFile");
        open_output_file(file, origin == config.origins.end() ? "default" : origin->second);
    }
    release_log_lines(config.output_logs_in_json);
}

int run(const cli_arguments& args, bool& json) {
    // Help needs no configuration: it must work even where a flyway.conf is broken.
    if (args.man) {
        std::cout << man_page();
        return 0;
    }
    if (args.help) {
        std::cout << (args.commands.empty() ? usage_text() : command_help(args.commands.front()));
        return 0;
    }
    const core::configuration_inputs inputs = gather_inputs(args);
    const core::configuration config = core::load_configuration(inputs);
    register_secrets(config);
    apply_output_settings(config, json);
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
    return run_single_command(args.commands, config, registry, process_environment(), json);
}

}  // namespace
}  // namespace jetway::cli

int main(int argc, char** argv) {
    using namespace jetway;
    const std::vector<std::string> raw(argv + 1, argv + argc);
    bool json = false;
    bool json_logs = false;  // until the configuration is read, as the arguments say
    cli::setup_console_log(false, false, "auto", true);
    int exit_code = 1;
    try {
        const cli::cli_arguments args = cli::parse_arguments(raw);
        std::string color = "auto";
        for (const cli::cli_setting& s : args.settings) {
            if (s.key == "outputType") json = cli::is_json(s.value);
            if (s.key == "outputLogsInJson") json_logs = s.value == "true";
            if (s.key == "color") color = s.value;
        }
        cli::setup_console_log(args.debug, args.quiet, color, true);
        exit_code = cli::run(args, json);
        cli::release_log_lines(json_logs);
    } catch (const core::error& e) {
        cli::release_log_lines(json_logs);
        if (json) std::cout << cli::error_document(std::current_exception()).dump(2) << "\n";
        else spdlog::error("{}", e.what());
    } catch (const std::exception& e) {
        cli::release_log_lines(json_logs);
        if (json) std::cout << cli::error_document(std::current_exception()).dump(2) << "\n";
        else spdlog::error("Unexpected error: {}", e.what());
    }
    cli::close_output_file();
    return exit_code;
}
