// SPDX-License-Identifier: Apache-2.0
#include "cli_arguments.hpp"

#include <jetway/core/error.hpp>

#include <algorithm>

namespace jetway::cli {

namespace {

// Flyway 11 lets a command's own settings go without their namespace after it:
// `add -description=x` is `-add.description=x`.
void namespace_command_settings(cli_arguments& out) {
    struct own_setting {
        const char* command;
        const char* key;
    };
    static constexpr own_setting own[] = {
        {"add", "description"}, {"add", "type"},     {"add", "version"},  {"add", "timestamp"},
        {"add", "location"},    {"add", "force"},    {"add", "nameOnly"}, {"init", "projectName"},
        {"check", "buildUrl"},  {"check", "buildUser"}, {"check", "buildPassword"}, {"check", "failOnDrift"},
    };
    for (cli_setting& s : out.settings)
        for (const own_setting& o : own)
            if (s.key == o.key && std::find(out.commands.begin(), out.commands.end(), o.command) != out.commands.end())
                s.key = std::string(o.command) + "." + s.key;
}

}  // namespace

cli_arguments parse_arguments(const std::vector<std::string>& raw) {
    // Flyway drops blank arguments before parsing (spec §1.1).
    std::vector<std::string> args;
    for (const std::string& a : raw)
        if (a.find_first_not_of(" \t\r\n") != std::string::npos) args.push_back(a);

    cli_arguments out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "-X") out.debug = true;
        else if (arg == "-q") out.quiet = true;
        else if (arg == "-v" || arg == "--version") out.version = true;
        else if (arg == "-?" || arg == "-h" || arg == "--help" || arg == "help") out.help = true;
        else if (arg == "--man") out.man = true;
        // check's flags, as Flyway writes them: check -dryrun, check -drift.
        else if (arg == "-dryrun" || arg == "-drift" || arg == "-changes" || arg == "-code")
            out.settings.push_back({"check." + arg.substr(1), "true"});
        else if (arg.size() > 1 && arg[0] == '-' && arg.find('=') != std::string::npos) {
            const std::size_t eq = arg.find('=');
            out.settings.push_back({arg.substr(1, eq - 1), arg.substr(eq + 1)});
        } else if (arg[0] != '-') {
            out.commands.push_back(arg);
        } else {
            std::string message;
            if (i + 1 < args.size() && args[i + 1] == "=") {
                message = "Invalid configuration argument: " + arg +
                          ". Please check you have not included any spaces in your "
                          "configuration argument.";
            } else {
                message = "Invalid flag: " + arg;
                if (i + 1 < args.size() && !args[i + 1].empty() && args[i + 1][0] == '.')
                    message += "\nShell may cause input parameters containing periods (.) to be "
                               "misinterpreted - do you need to wrap your parameter in double "
                               "quotes?";
            }
            throw core::error(core::error_code::usage, message);
        }
    }
    namespace_command_settings(out);
    return out;
}

}  // namespace jetway::cli
