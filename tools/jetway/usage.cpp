// SPDX-License-Identifier: Apache-2.0
#include "usage.hpp"

#include "command_table.hpp"
#include "setting_help.hpp"

#include <jetway/core/error.hpp>

#include <vector>

namespace jetway::cli {
namespace {

struct entry {
    std::string name;
    std::string text;
};

// The commands' lines come from the command table, so a command cannot miss its usage line.
std::vector<entry> command_entries() {
    std::vector<entry> out;
    for (const cli_command& c : command_table()) out.push_back({std::string(c.name), std::string(c.summary)});
    return out;
}

const std::vector<entry> options = {
    {"-url=<url>", "Database URL: jdbc:sqlite:app.db, postgresql://host/db, jdbc:mysql://host/db ..."},
    {"-user=<user>", "Database user"},
    {"-password=<pw>", "Database password (or -passwordFile=<file>, FLYWAY_PASSWORD_FILE)"},
    {"-schemas=<a,b>", "Managed schemas; the first holds the history table"},
    {"-locations=<l,...>", "Where migrations are: filesystem:sql (default: <workingDirectory>/sql)"},
    {"-table=<name>", "Schema history table (default flyway_schema_history)"},
    {"-target=<v>", "latest, current, next, a version, or <version>?"},
    {"-placeholders.<k>=<v>", "A placeholder for ${k} in migrations"},
    {"-baselineOnMigrate=true", "Baseline a non-empty database without history on migrate"},
    {"-outOfOrder=true", "Apply migrations older than the current version"},
    {"-group=true", "Apply all pending migrations in one transaction"},
    {"-cleanDisabled=false", "Allow clean"},
    {"-dryRunOutput=<file>", "Write what migrate would run to a file; change nothing"},
    {"-configFiles=<a,b>", "Configuration files (.conf or .toml; - is standard input)"},
    {"-workingDirectory=<dir>", "Where relative paths and default files are looked up"},
    {"-environment=<name>", "TOML environment to use (default: default)"},
    {"-jarDirs=<dirs>", "More directories to search for plugins (comma-separated)"},
    {"-resolvers=<names>", "Resolver plugins to use (migrations that are not SQL files)"},
    {"-callbacks=<names>", "Callback plugins to use, e.g. json_events"},
    {"-targets=<file>", "Fleet: run on every target of a file (URL [schemas=a,b]; .toml; - is stdin)"},
    {"-targetSchemas=<like>", "Fleet: every schema of url's database matching the LIKE pattern"},
    {"-targetDatabases=<like>", "Fleet: every database of url's server matching the LIKE pattern"},
    {"-targetsQuery=<sql>", "Fleet: a target per row (url, schemas) of a query run on url"},
    {"-targetsFrom=<json>", "Fleet: only what did not succeed in an earlier run's JSON output"},
    {"-parallel=<n>", "Fleet: targets at once (-maxConnectionsPerServer=<n>, default 8 per server)"},
    {"-failFast=true", "Fleet: start no more targets after a failure"},
    {"-shard=<i>/<n>", "Fleet: only the targets whose id hashes to shard i of n (0-based)"},
    {"-outputType=json", "Print results as one JSON document"},
    {"-color=<mode>", "always, never or auto"},
};

const std::vector<entry> flags = {
    {"-X", "Print debug output, including every effective setting and where it came from"},
    {"-q", "Print only warnings and errors"},
    {"-v, --version", "Print the Jetway version, plugin API version and plugin directories"},
    {"-?, -h, --help", "Print this usage text"},
};

std::string columns(const std::vector<entry>& list) {
    std::size_t width = 0;
    for (const entry& e : list) width = std::max(width, std::string(e.name).size());
    std::string out;
    for (const entry& e : list) out += "  " + std::string(e.name) + std::string(width - std::string(e.name).size() + 2, ' ') + e.text + "\n";
    return out;
}

std::string roff_escape(std::string text) {
    std::string out;
    for (const char c : text) {
        if (c == '-' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

std::string roff_list(const std::vector<entry>& list) {
    std::string out;
    for (const entry& e : list) out += ".TP\n.B " + roff_escape(e.name) + "\n" + roff_escape(e.text) + "\n";
    return out;
}

}  // namespace

std::string usage_text() {
    return "Usage: jetway [options] [command ...]\n\nCommands\n" + columns(command_entries()) +
           "\nOptions (Flyway's -key=value form; also in flyway.conf / flyway.toml and FLYWAY_* variables)\n" +
           columns(options) + "\nFlags\n" + columns(flags) +
           "\nExit codes: 0 success, 1 any error.\nEvery setting of one command: jetway help <command>, or jetway <command> -h.\n";
}

std::string command_help(const std::string& name) {
    const cli_command* command = find_command(name);
    if (command == nullptr) throw core::error(core::error_code::usage, "Invalid argument: " + name + " (jetway -h lists the commands)");
    std::vector<entry> settings;
    for (const setting_help& s : setting_helps())
        if ((s.scopes & command->setting_scopes) != 0)
            settings.push_back({"-" + std::string(s.name) + "=" + std::string(s.value), std::string(s.text)});
    return "Usage: jetway [settings] " + name + "\n\n" + std::string(command->summary) + "\n\nSettings (-key=value; also in flyway.toml / flyway.conf and FLYWAY_* variables)\n" +
           columns(settings) + "\nFlags\n" + columns(flags);
}

std::string man_page() {
    return ".TH JETWAY 1 \"\" \"Jetway " JETWAY_VERSION "\" \"User Commands\"\n"
           ".SH NAME\njetway \\- database migrations, compatible with Flyway\n"
           ".SH SYNOPSIS\n.B jetway\n[\\fIoptions\\fR] [\\fIcommand\\fR ...]\n"
           ".SH DESCRIPTION\nJetway reads Flyway's migration folders, configuration files, FLYWAY_* variables and "
           "\\-key=value arguments, and keeps the same flyway_schema_history table with the same checksums.\n"
           ".SH COMMANDS\n" + roff_list(command_entries()) + ".SH OPTIONS\n" + roff_list(options) + ".SH FLAGS\n" + roff_list(flags) +
           ".SH EXIT STATUS\n0 on success, 1 on any error.\n"
           ".SH FILES\n.TP\n.I <install>/conf/flyway.conf\nInstallation-wide settings.\n"
           ".TP\n.I <install>/jars/\nPlugins: database drivers, resolvers, callbacks.\n";
}

}  // namespace jetway::cli
