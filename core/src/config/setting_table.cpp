// SPDX-License-Identifier: Apache-2.0
#include "setting_table.hpp"
#include "../support/text.hpp"

#include <jetway/core/error.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <variant>

namespace jetway::core {
namespace {

using member = std::variant<std::string configuration::*, bool configuration::*,
                            int configuration::*, std::vector<std::string> configuration::*>;

struct setting_descriptor {
    const char* name;
    member target;
};

// Flyway's names (spec §10.1) mapped onto the typed fields.
const std::vector<setting_descriptor>& descriptors() {
    using c = configuration;
    static const std::vector<setting_descriptor> table = {
        {"url", &c::url},
        {"user", &c::user},
        {"password", &c::password},
        {"passwordFile", &c::password_file},
        {"schemas", &c::schemas},
        {"connectRetries", &c::connect_retries},
        {"connectRetriesInterval", &c::connect_retries_interval},
        {"initSql", &c::init_sql},
        {"environment", &c::environment},
        {"locations", &c::locations},
        {"callbackLocations", &c::callback_locations},
        {"failOnMissingLocations", &c::fail_on_missing_locations},
        {"encoding", &c::encoding},
        {"detectEncoding", &c::detect_encoding},
        {"sqlMigrationPrefix", &c::sql_migration_prefix},
        {"repeatableSqlMigrationPrefix", &c::repeatable_sql_migration_prefix},
        {"baselineMigrationPrefix", &c::baseline_migration_prefix},
        {"undoSqlMigrationPrefix", &c::undo_sql_migration_prefix},
        {"sqlMigrationSeparator", &c::sql_migration_separator},
        {"sqlMigrationSuffixes", &c::sql_migration_suffixes},
        {"validateMigrationNaming", &c::validate_migration_naming},
        {"placeholderReplacement", &c::placeholder_replacement},
        {"placeholderPrefix", &c::placeholder_prefix},
        {"placeholderSuffix", &c::placeholder_suffix},
        {"placeholderSeparator", &c::placeholder_separator},
        {"scriptPlaceholderPrefix", &c::script_placeholder_prefix},
        {"scriptPlaceholderSuffix", &c::script_placeholder_suffix},
        {"powershellExecutable", &c::powershell_executable},
        {"table", &c::table},
        {"tablespace", &c::tablespace},
        {"defaultSchema", &c::default_schema},
        {"createSchemas", &c::create_schemas},
        {"target", &c::target},
        {"failOnMissingTarget", &c::fail_on_missing_target},
        {"outOfOrder", &c::out_of_order},
        {"skipExecutingMigrations", &c::skip_executing_migrations},
        {"validateOnMigrate", &c::validate_on_migrate},
        {"ignoreMigrationPatterns", &c::ignore_migration_patterns},
        {"baselineVersion", &c::baseline_version},
        {"baselineDescription", &c::baseline_description},
        {"baselineOnMigrate", &c::baseline_on_migrate},
        {"cleanDisabled", &c::clean_disabled},
        {"cleanOnValidationError", &c::clean_on_validation_error},
        {"executeInTransaction", &c::execute_in_transaction},
        {"mixed", &c::mixed},
        {"group", &c::group},
        {"installedBy", &c::installed_by},
        {"lockRetryCount", &c::lock_retry_count},
        {"outputQueryResults", &c::output_query_results},
        {"stream", &c::stream},
        {"batch", &c::batch},
        {"cherryPick", &c::cherry_pick},
        {"errorOverrides", &c::error_overrides},
        {"dryRunOutput", &c::dry_run_output},
        {"postgresql.transactional.lock", &c::postgresql_transactional_lock},
        {"callbacks", &c::callbacks},
        {"skipDefaultCallbacks", &c::skip_default_callbacks},
        {"resolvers", &c::resolvers},
        {"migrationResolvers", &c::resolvers},
        {"skipDefaultResolvers", &c::skip_default_resolvers},
        {"jarDirs", &c::jar_dirs},
        {"targets", &c::targets},
        {"targetSchemas", &c::target_schemas},
        {"targetDatabases", &c::target_databases},
        {"targetsQuery", &c::targets_query},
        {"targetsFrom", &c::targets_from},
        {"parallel", &c::parallel},
        {"maxConnectionsPerServer", &c::max_connections_per_server},
        {"failFast", &c::fail_fast},
        {"shard", &c::shard},
        {"outputType", &c::output_type},
        {"color", &c::color},
        {"outputFile", &c::output_file},
        {"outputLogsInJson", &c::output_logs_in_json},
        {"reportEnabled", &c::report_enabled},
        {"reportFilename", &c::report_filename},
        {"add.description", &c::add_description},
        {"add.version", &c::add_version},
        {"add.type", &c::add_type},
        {"add.location", &c::add_location},
        {"add.timestamp", &c::add_timestamp},
        {"add.force", &c::add_force},
        {"add.nameOnly", &c::add_name_only},
        {"init.projectName", &c::init_project_name},
        {"check.dryrun", &c::check_dryrun},
        {"check.drift", &c::check_drift},
        {"check.changes", &c::check_changes},
        {"check.code", &c::check_code},
        {"check.buildUrl", &c::check_build_url},
        {"check.buildUser", &c::check_build_user},
        {"check.buildPassword", &c::check_build_password},
        {"check.failOnDrift", &c::check_fail_on_drift},
        {"infoSinceDate", &c::info_since_date},
        {"infoUntilDate", &c::info_until_date},
        {"infoSinceVersion", &c::info_since_version},
        {"infoUntilVersion", &c::info_until_version},
        {"infoOfState", &c::info_of_state},
    };
    return table;
}

// Accepted for compatibility, with nothing to do in a native program or in Jetway's design; a
// user who sets one is told so, with the reason.
struct no_effect_setting {
    const char* name;
    const char* reason;
};
const std::vector<no_effect_setting>& no_effect_settings() {
    static const std::vector<no_effect_setting> table = {
        {"driver", "Jetway's drivers are chosen by the URL's scheme"},
        {"loggers", "Jetway logs to stderr; -X and -q choose how much"},
        {"communityDBSupportEnabled", "every database Jetway has a driver for is supported"},
        {"outputProgress", "Jetway logs each migration as it runs"},
        {"provisionMode", "Jetway provisions no databases"},
        {"provisioner", "Jetway provisions no databases"},
        {"displayName", "it names an environment in Flyway Desktop"},
        {"kerberosConfigFile", "Kerberos is configured in the drivers' own files"},
        {"licenseKey", "every feature of Jetway is free"},
        {"email", "every feature of Jetway is free"},
        {"token", "every feature of Jetway is free"},
        {"skipCheckForUpdate", "Jetway never checks for updates"},
        {"configFileEncoding", "configuration files are read as UTF-8"},
        {"publishResult", "Jetway publishes nothing to Redgate's services"},
        {"checkDriftOnMigrate", "Jetway has no drift check on migrate yet"},
        {"offlinePermitPath", "every feature of Jetway is free"},
        {"pipelineId", "Jetway publishes nothing to Redgate's services"},
        {"schemaModelLocation", "Jetway has no schema model; migrations are the source"},
        {"schemaModelSchemas", "Jetway has no schema model; migrations are the source"},
        {"communityFallback", "every feature of Jetway is free"},
    };
    return table;
}

// Whole namespaces of Flyway's other databases and of its paid commands Jetway does not have.
const std::vector<no_effect_setting>& no_effect_namespaces() {
    static const std::vector<no_effect_setting> table = {
        {"oracle.", "Jetway has no Oracle driver"},
        {"sqlserver.", "Jetway has no SQL Server driver"},
        {"clickhouse.", "Jetway has no ClickHouse driver"},
        {"db2z.", "Jetway has no Db2 for z/OS driver"},
        {"deploy.", "Jetway has no deploy command; migrate applies the migrations"},
        {"diff.", "Jetway has no diff command"},
        {"diffText.", "Jetway has no diffText command"},
        {"generate.", "Jetway has no generate command"},
        {"model.", "Jetway has no schema model"},
        {"prepare.", "Jetway has no prepare command; check -dryrun writes what migrate would run"},
        {"snapshot.", "Jetway has no snapshot command"},
        {"migrate.", "Jetway takes no snapshots on migrate"},
        {"undo.", "undo reads the same settings as migrate"},
        {"vault.", "Jetway resolves ${env.VARIABLE} and ${file.PATH}, not Vault"},
        {"dapr.", "Jetway resolves ${env.VARIABLE} and ${file.PATH}, not Dapr"},
        {"gcsm.", "Jetway resolves ${env.VARIABLE} and ${file.PATH}, not Google Secret Manager"},
        {"init.", "init writes a flyway.toml and sql/ and takes only projectName"},
        {"check.", "check -dryrun takes no other check settings"},
    };
    return table;
}

const no_effect_setting* no_effect(const std::string& key) {
    for (const auto& n : no_effect_settings())
        if (key == n.name) return &n;
    return nullptr;
}

const no_effect_setting* no_effect_namespace(const std::string& key) {
    for (const auto& n : no_effect_namespaces())
        if (key.compare(0, std::string(n.name).size(), n.name) == 0) return &n;
    return nullptr;
}

// Flyway 7-8's ignore<State>Migrations: removed in Flyway 9 (which refuses them as unknown), but
// a team's old flyway.conf still has them, and ignoreMigrationPatterns says the same exactly.
const char* legacy_ignore_state(const std::string& key) {
    if (key == "ignoreMissingMigrations") return "missing";
    if (key == "ignoreIgnoredMigrations") return "ignored";
    if (key == "ignorePendingMigrations") return "pending";
    if (key == "ignoreFutureMigrations") return "future";
    return nullptr;
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = text.find(',', start);
        if (comma == std::string::npos) comma = text.size();
        std::string item = text.substr(start, comma - start);
        const auto first = item.find_first_not_of(" \t");
        const auto last = item.find_last_not_of(" \t");
        item = first == std::string::npos ? std::string{} : item.substr(first, last - first + 1);
        if (!item.empty()) items.push_back(item);
        start = comma + 1;
    }
    return items;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                              std::tolower(static_cast<unsigned char>(b[j - 1]));
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

[[noreturn]] void unknown_key(const raw_setting& s) {
    std::string closest;
    std::size_t best = std::string::npos;
    for (const std::string& name : known_setting_names()) {
        const std::size_t d = edit_distance(s.key, name);
        if (d < best) {
            best = d;
            closest = name;
        }
    }
    // Flyway's sentence first, as scripts grep for it; where it was set and the closest known
    // name on a line of their own.
    std::string message = "Unknown configuration property: flyway." + s.key +
                          ". Please check your conf files or commandline parameters\nSet by " + s.origin + ".";
    if (best <= std::max<std::size_t>(2, s.key.size() / 3))
        message += " Did you mean 'flyway." + closest + "'?";
    throw error(error_code::configuration, message);
}

bool parse_bool(const raw_setting& s) {
    const std::string v = to_lower(s.value);
    if (v == "true") return true;
    if (v == "false") return false;
    throw error(error_code::configuration, "Invalid value for flyway." + s.key +
                                               " (should be either true or false): " + s.value +
                                               " (set by " + s.origin + ")");
}

int parse_int(const raw_setting& s) {
    int value = 0;
    const char* end = s.value.data() + s.value.size();
    const auto [ptr, ec] = std::from_chars(s.value.data(), end, value);
    if (s.value.empty() || ec != std::errc{} || ptr != end)
        throw error(error_code::configuration, "Invalid value for flyway." + s.key +
                                                   " (should be an integer): " + s.value +
                                                   " (set by " + s.origin + ")");
    return value;
}

bool starts_with(const std::string& text, const std::string& prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

const std::vector<std::string>& known_setting_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& d : descriptors()) out.emplace_back(d.name);
        for (const auto& n : no_effect_settings()) out.emplace_back(n.name);
        for (const char* legacy : {"ignoreMissingMigrations", "ignoreIgnoredMigrations", "ignorePendingMigrations",
                                   "ignoreFutureMigrations"})
            out.emplace_back(legacy);
        return out;
    }();
    return names;
}

const std::vector<std::string>& honoured_setting_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& d : descriptors()) out.emplace_back(d.name);
        return out;
    }();
    return names;
}

std::string environment_variable_for(const std::string& key) {
    std::string out = "FLYWAY_";
    for (std::size_t i = 0; i < key.size(); ++i) {
        const char ch = key[i];
        if (ch == '.') {
            out += '_';
        } else if (std::isupper(static_cast<unsigned char>(ch))) {
            if (i > 0 && key[i - 1] != '.') out += '_';
            out += ch;
        } else {
            out += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        }
    }
    return out;
}

void apply_setting(configuration& config, const raw_setting& s) {
    if (starts_with(s.key, "placeholders.")) {
        config.placeholders[s.key.substr(13)] = s.value;
    } else if (starts_with(s.key, "plugins.")) {
        // Settings for resolver and callback plugins: plugins.<plugin>.<key>, passed on as is.
    } else if (starts_with(s.key, "jdbcProperties.")) {
        config.jdbc_properties[s.key.substr(15)] = s.value;
    } else if (starts_with(s.key, "resolvers.")) {
        // A TOML environment's [resolvers.<name>] block configures one of Flyway's secret stores.
        const std::string name = s.key.substr(10, s.key.find('.', 10) - 10);
        spdlog::warn("flyway.{} (set by {}) configures Flyway's '{}' resolver, which Jetway does not have: a value "
                     "that uses it is refused. Jetway resolves ${{env.VARIABLE}} and ${{file.PATH}}",
                     s.key, s.origin, name);
        return;
    } else if (const no_effect_setting* n = no_effect(s.key)) {
        spdlog::warn("flyway.{} (set by {}) has no effect in Jetway: {}", s.key, s.origin, n->reason);
        return;
    } else if (s.key == "postgresql.transactional.lock" && parse_bool(s)) {
        // Jetway chooses the lock's kind by itself; true would look like a choice that was made.
        spdlog::warn("flyway.postgresql.transactional.lock=true (set by {}) has no effect in Jetway: on a direct connection "
                     "its PostgreSQL lock is a session lock held outside transactions, so CREATE INDEX CONCURRENTLY does "
                     "not wait on it, and through a pooler it takes a lock inside each transaction by itself",
                     s.origin);
    } else if (const char* state = legacy_ignore_state(s.key)) {
        const bool on = parse_bool(s);
        config.legacy_ignore_states[state] = on;
        spdlog::warn("flyway.{} (set by {}) was removed in Flyway 9; Jetway reads it as {} '*:{}' {} "
                     "flyway.ignoreMigrationPatterns. Write that setting instead",
                     s.key, s.origin, on ? "adding" : "taking", state, on ? "to" : "out of");
    } else {
        const auto& table = descriptors();
        const auto it = std::find_if(table.begin(), table.end(),
                                     [&](const setting_descriptor& d) { return s.key == d.name; });
        if (it == table.end()) {
            if (const no_effect_setting* space = no_effect_namespace(s.key)) {
                spdlog::warn("flyway.{} (set by {}) has no effect in Jetway: {}", s.key, s.origin, space->reason);
                return;
            }
            unknown_key(s);
        }
        std::visit(
            [&](auto field) {
                using field_type = std::remove_reference_t<decltype(config.*field)>;
                if constexpr (std::is_same_v<field_type, bool>) config.*field = parse_bool(s);
                else if constexpr (std::is_same_v<field_type, int>) config.*field = parse_int(s);
                else if constexpr (std::is_same_v<field_type, std::string>) config.*field = s.value;
                else config.*field = s.items ? *s.items : split_list(s.value);
            },
            it->target);
    }
    config.origins[s.key] = s.origin;
    config.raw_values[s.key] = s.value;
}

}  // namespace jetway::core
