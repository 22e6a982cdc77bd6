// SPDX-License-Identifier: Apache-2.0
// Every Community setting of Flyway (spec §10.1) in one typed object, with Flyway's defaults,
// plus where each explicitly set value came from. Built once by load_configuration(); the rest
// of the engine reads it and never looks at files, variables or arguments itself.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace jetway::core {

struct configuration {
    // Connection (TOML: [environments.<name>]).
    std::string url;
    std::string user;
    std::string password;
    std::string password_file;  // Jetway: read the password from this file (Docker secrets)
    std::vector<std::string> schemas;
    int connect_retries = 0;
    int connect_retries_interval = 120;
    std::string init_sql;
    std::map<std::string, std::string> jdbc_properties;
    std::string environment = "default";

    // Locations and naming.
    std::vector<std::string> locations;  // empty: <workingDirectory>/sql when it exists
    std::vector<std::string> callback_locations;
    bool fail_on_missing_locations = false;
    std::string encoding = "UTF-8";
    bool detect_encoding = false;
    std::string sql_migration_prefix = "V";
    std::string repeatable_sql_migration_prefix = "R";
    std::string baseline_migration_prefix = "B";
    std::string undo_sql_migration_prefix = "U";
    std::string sql_migration_separator = "__";
    std::vector<std::string> sql_migration_suffixes{".sql"};
    bool validate_migration_naming = false;

    // Placeholders.
    bool placeholder_replacement = true;
    std::string placeholder_prefix = "${";
    std::string placeholder_suffix = "}";
    std::string placeholder_separator = ":";
    std::map<std::string, std::string> placeholders;
    std::string script_placeholder_prefix = "FP__";
    std::string script_placeholder_suffix = "__";
    std::string powershell_executable = "pwsh";

    // History table and schemas.
    std::string table = "flyway_schema_history";
    std::string tablespace;
    std::string default_schema;
    bool create_schemas = true;

    // Migrate behaviour.
    std::string target = "latest";
    bool fail_on_missing_target = true;  // false reads a version target as "<version>?"
    bool out_of_order = false;
    bool skip_executing_migrations = false;
    bool validate_on_migrate = true;
    std::vector<std::string> ignore_migration_patterns{"*:future"};
    /// Flyway 7-8's ignore<State>Migrations (state -> value), read as patterns on top of
    /// ignore_migration_patterns: true adds "*:<state>", false takes it away.
    std::map<std::string, bool> legacy_ignore_states;
    std::string baseline_version = "1";
    std::string baseline_description = "<< Flyway Baseline >>";
    bool baseline_on_migrate = false;
    bool clean_disabled = true;
    bool clean_on_validation_error = false;
    bool execute_in_transaction = true;
    bool mixed = false;
    bool group = false;
    std::string installed_by;
    int lock_retry_count = 50;
    bool output_query_results = true;
    bool stream = false;
    bool batch = false;
    std::vector<std::string> cherry_pick;
    std::vector<std::string> error_overrides;
    std::string dry_run_output;
    bool postgresql_transactional_lock = true;

    // Plugins: resolvers and callbacks are plugin names; jarDirs adds plugin directories.
    std::vector<std::string> callbacks;
    bool skip_default_callbacks = false;
    std::vector<std::string> resolvers;
    bool skip_default_resolvers = false;
    std::vector<std::string> jar_dirs;

    // Fleet runs (Jetway's): one command over many targets, each a URL and its schemas.
    std::string targets;           // a file of targets, "-" for standard input
    std::string target_schemas;    // LIKE pattern over the schemas of url's database
    std::string target_databases;  // LIKE pattern over the databases of url's server
    std::string targets_query;     // SQL run on url: a row per target (url, schemas)
    std::string targets_from;      // an earlier fleet run's JSON: only what did not succeed
    int parallel = 0;              // engines at once; 0: chosen from the cores and servers
    int max_connections_per_server = 8;
    bool fail_fast = false;
    std::string shard;             // "I/N": the targets whose hash falls in shard I of N

    // Command line only.
    std::filesystem::path working_directory;  // absolute; the process's directory by default
    std::string output_type;                  // "" or "json"
    std::string color = "auto";
    std::string output_file;           // a copy of stdout and the log lines
    bool output_logs_in_json = false;  // every log line a JSON object
    bool report_enabled = false;       // write report_filename (HTML) and its .json twin
    std::string report_filename = "report.html";
    // Commands that make files rather than touch a database.
    std::string add_description, add_version, add_type = "versioned", add_location;
    std::string add_timestamp = "auto";  // always, auto (when the highest version has one), never
    bool add_force = false, add_name_only = false;
    std::string init_project_name;
    // check: what it checks (the CLI's -dryrun / -drift flags) and the scratch database drift
    // builds the expected schema in.
    bool check_dryrun = false, check_drift = false, check_changes = false, check_code = false;
    std::string check_build_url, check_build_user, check_build_password;
    bool check_fail_on_drift = true;
    std::string info_since_date, info_until_date, info_since_version, info_until_version;
    std::vector<std::string> info_of_state;

    /// Where each setting that is not a default came from: "file /x/flyway.conf:3",
    /// "environment variable FLYWAY_URL", "argument -url", keyed by Flyway's name.
    std::map<std::string, std::string> origins;
    /// The text each of those settings had, for `-X` (see describe_configuration).
    std::map<std::string, std::string> raw_values;
};

/// What load_configuration() reads; the CLI fills it from the real process.
struct configuration_inputs {
    std::vector<std::pair<std::string, std::string>> arguments;  // -key=value, without the '-'
    std::map<std::string, std::string> environment;              // the process environment
    std::filesystem::path install_root;                           // <root>/conf/flyway.conf
    std::filesystem::path home_directory;                         // ~ (may be empty)
    std::filesystem::path current_directory;                      // the process's directory
    std::string standard_input;  // read only when a config file named "-" is given
    /// conf/flyway.conf, ~/flyway.conf, ./flyway.conf (or .toml): the CLI reads them; an
    /// application embedding libjetway reads them only when it asks. configFiles always counts.
    bool read_default_files = true;
};

/// Reads every source with Flyway's precedence (arguments > environment > files > defaults).
/// Throws core::error (configuration) naming the key and where it was set.
configuration load_configuration(const configuration_inputs& inputs);

/// One line per explicitly set key: "key = value (origin)", passwords masked.
std::vector<std::string> describe_configuration(const configuration& config);

}  // namespace jetway::core
