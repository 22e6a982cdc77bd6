// SPDX-License-Identifier: Apache-2.0
// The jetway command: parse Flyway's arguments, run the commands in order, map errors to exit
// codes. The one place where exceptions are caught and turned into messages.
#include "cli_arguments.hpp"
#include "console_log.hpp"
#include "plugins_command.hpp"

#include <jetway/core/connection_url.hpp>
#include <jetway/core/database_connection.hpp>
#include <jetway/core/error.hpp>
#include <jetway/core/plugin_registry.hpp>
#include <jetway/plugin_abi.h>

#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>
#include <sstream>

namespace jetway::cli {
namespace {

constexpr const char* usage_text =
    "Usage: jetway [options] [command ...]\n"
    "\n"
    "Commands\n"
    "  migrate   Migrates the database\n"
    "  info      Prints the information about applied, current and pending migrations\n"
    "  validate  Validates the applied migrations against the ones on disk\n"
    "  baseline  Baselines an existing database at the baselineVersion\n"
    "  repair    Repairs the schema history table\n"
    "  clean     Drops all objects in the configured schemas\n"
    "  undo      Undoes the most recently applied versioned migration\n"
    "  plugins   Lists the plugins found in the plugin directories and whether each is usable\n"
    "\n"
    "Options (Flyway's -key=value form)\n"
    "  -url=<url>        Database URL (jdbc:sqlite:app.db, postgresql://..., mysql://...)\n"
    "  -user=<user>      Database user\n"
    "  -password=<pw>    Database password\n"
    "  -jarDirs=<dirs>   More directories to search for plugins (comma-separated)\n"
    "\n"
    "Flags\n"
    "  -X             Print debug output\n"
    "  -q             Suppress all output, except for errors and warnings\n"
    "  -v, --version  Print the Jetway version, plugin API version and plugin directories\n"
    "  -?, -h, --help Print this usage text\n";

std::string setting(const cli_arguments& args, const std::string& key) {
    std::string value;
    for (const cli_setting& s : args.settings)
        if (s.key == key) value = s.value;
    return value;
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

bool needs_database(const std::string& command) {
    return command == "migrate" || command == "info" || command == "validate" ||
           command == "baseline" || command == "repair" || command == "clean" ||
           command == "undo";
}

int run(const std::vector<std::string>& raw_args) {
    const cli_arguments args = parse_arguments(raw_args);
    setup_console_log(args.debug, args.quiet);

    const auto dirs = core::plugin_search_path(core::installation_root(),
                                               split_list(setting(args, "jarDirs")),
                                               std::filesystem::current_path());
    if (args.help) {
        std::cout << usage_text;
        return 0;
    }
    if (args.version) {
        std::cout << "Jetway " JETWAY_VERSION "\n"
                  << "Plugin API " << core::host_api_version() << " (accepts plugins built for "
                  << core::host_api_range() << ")\n"
                  << "Plugin directories:\n";
        for (const auto& dir : dirs) std::cout << "  " << dir.path.string() << " (" << dir.why << ")\n";
        return 0;
    }
    if (args.commands.empty()) {
        std::cout << usage_text;
        return 0;
    }
    for (const std::string& command : args.commands)
        if (command != "plugins" && !needs_database(command))
            throw core::error(core::error_code::usage, "Invalid argument: " + command);

    core::plugin_registry registry(dirs);
    for (const std::string& command : args.commands) {
        if (command == "plugins") {
            std::cout << render_plugins_report(registry);
            continue;
        }
        const std::string url = setting(args, "url");
        if (url.empty())
            throw core::error(core::error_code::configuration,
                              "Unable to connect to the database. Configure the url, user and "
                              "password!");
        const std::string redacted = core::redact_url(url);
        auto driver = registry.driver_for_scheme(core::url_scheme(url), redacted);
        std::map<std::string, std::string> options;
        if (const auto user = setting(args, "user"); !user.empty()) options["user"] = user;
        if (const auto pw = setting(args, "password"); !pw.empty()) options["password"] = pw;
        core::database_connection connection(driver, url, options);
        spdlog::info("Database: {} ({})", redacted, connection.server_version());
        throw core::error(core::error_code::usage,
                          "The '" + command + "' command is not available yet in this build");
    }
    return 0;
}

}  // namespace
}  // namespace jetway::cli

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    try {
        return jetway::cli::run(args);
    } catch (const jetway::core::error& e) {
        std::cerr << "ERROR: " << e.what() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "ERROR: Unexpected error: " << e.what() << "\n";
    }
    return 1;
}
