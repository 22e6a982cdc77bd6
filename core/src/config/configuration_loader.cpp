// SPDX-License-Identifier: Apache-2.0
// Which files are read, in which mode, and in which order the sources override each other
// (spec §10.2, §10.4): defaults < files (install, home, current, working directory, then
// FLYWAY_CONFIG_FILES, then -configFiles) < FLYWAY_* variables < -key=value arguments.
#include <jetway/core/configuration.hpp>
#include <jetway/core/connection_url.hpp>
#include <jetway/core/error.hpp>
#include <jetway/sdk/text.hpp>

#include "config_readers.hpp"
#include "setting_table.hpp"
#include "../support/locale_caches.hpp"
#include "../support/text.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace jetway::core {
namespace fs = std::filesystem;
namespace {

std::vector<std::string> split_commas(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');) {
        const auto first = item.find_first_not_of(" \t");
        if (first == std::string::npos) continue;
        out.push_back(item.substr(first, item.find_last_not_of(" \t") - first + 1));
    }
    return out;
}

bool is_toml(const fs::path& file) { return file.extension() == ".toml"; }

bool is_file(const fs::path& file) {
    std::error_code ec;
    return fs::is_regular_file(file, ec);
}

std::string read_whole_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw error(error_code::configuration, "Unable to load config file: " + file.string());
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::string last_value(const std::vector<std::pair<std::string, std::string>>& args,
                       const std::string& key) {
    std::string value;
    for (const auto& [k, v] : args)
        if (k == key) value = v;
    return value;
}

// Files of one configuration, lowest precedence first, with the mode they imply.
struct file_plan {
    bool toml_mode = true;
    std::vector<fs::path> files;     // existing files to read
    std::vector<fs::path> required;  // explicitly named: reading a missing one is an error
    bool read_stdin = false;
};

file_plan plan_files(const configuration_inputs& in, const fs::path& working_dir,
                     const std::vector<std::string>& explicit_names) {
    std::vector<fs::path> explicit_files;
    bool read_stdin = false;
    for (const std::string& name : explicit_names) {
        if (name == "-") {
            read_stdin = true;
            continue;
        }
        fs::path p = name;
        explicit_files.push_back(p.is_relative() ? working_dir / p : p);
    }

    std::vector<fs::path> toml_explicit, conf_explicit, missing;
    for (const auto& f : explicit_files) {
        if (!is_file(f)) missing.push_back(f);
        else (is_toml(f) ? toml_explicit : conf_explicit).push_back(f);
    }
    if (!toml_explicit.empty() && !conf_explicit.empty()) {
        auto list = [](const std::vector<fs::path>& files) {
            std::string out;
            for (const auto& f : files) out += (out.empty() ? "" : ", ") + f.string();
            return out;
        };
        throw error(error_code::configuration,
                    "Using both TOML configuration and CONF configuration is not supported. "
                    "Please remove the CONF configuration files.\nTOML files: " +
                        list(toml_explicit) + "\nCONF files: " + list(conf_explicit));
    }

    std::vector<fs::path> dirs;
    if (in.read_default_files) {
        dirs.push_back(in.install_root / "conf");
        if (!in.home_directory.empty()) dirs.push_back(in.home_directory);
        dirs.push_back(in.current_directory);
        if (working_dir != in.current_directory) dirs.push_back(working_dir);
    }

    file_plan plan;
    plan.read_stdin = read_stdin;
    if (!toml_explicit.empty()) plan.toml_mode = true;
    else if (!explicit_files.empty() || read_stdin) {
        // Named files decide the mode by their names, found or not: a missing flyway.conf
        // named on purpose is an error, not a silent switch to TOML defaults.
        plan.toml_mode = std::any_of(explicit_files.begin(), explicit_files.end(), is_toml);
    }
    else {
        bool any_toml = false, any_conf = false;
        for (const auto& d : dirs) {
            any_toml = any_toml || is_file(d / "flyway.toml") || is_file(d / "flyway.user.toml");
            any_conf = any_conf || is_file(d / "flyway.conf");
        }
        plan.toml_mode = any_toml || !any_conf;
    }

    std::vector<fs::path> seen;
    auto add = [&](const fs::path& f) {
        const fs::path normal = f.lexically_normal();
        if (!is_file(normal) || std::find(seen.begin(), seen.end(), normal) != seen.end()) return;
        seen.push_back(normal);
        plan.files.push_back(normal);
    };
    for (const auto& d : dirs) {
        if (plan.toml_mode) {
            add(d / "flyway.toml");
            add(d / "flyway.user.toml");
        } else {
            add(d / "flyway.conf");
        }
    }
    for (const auto& f : plan.toml_mode ? toml_explicit : conf_explicit) add(f);
    if (!missing.empty()) {
        if (plan.toml_mode) {
            std::string list;
            for (const auto& f : missing) list += (list.empty() ? "" : ", ") + f.string();
            spdlog::warn("One or more specified configuration files could not be found: {}", list);
        } else {
            plan.required = missing;
        }
    }
    return plan;
}

// Keeps the selected environment's settings (as plain keys, after the file's own [flyway]
// keys so they override them) and drops every other environment's.
raw_settings select_environment(const raw_settings& settings, const std::string& environment,
                                bool& found) {
    const std::string prefix = "environments." + environment + ".";
    raw_settings general, specific;
    for (const raw_setting& s : settings) {
        if (s.key.compare(0, 13, "environments.") != 0) {
            general.push_back(s);
        } else if (s.key.compare(0, prefix.size(), prefix) == 0) {
            found = true;
            raw_setting mapped = s;
            mapped.key = s.key.substr(prefix.size());
            if (mapped.key.compare(0, 7, "flyway.") == 0) mapped.key = mapped.key.substr(7);
            specific.push_back(std::move(mapped));
        }
    }
    general.insert(general.end(), specific.begin(), specific.end());
    return general;
}

void apply_database_url(configuration& config, const configuration_inputs& in) {
    const auto it = in.environment.find("DATABASE_URL");
    if (!config.url.empty() || it == in.environment.end() || it->second.empty()) return;
    config.url = it->second;
    config.origins["url"] = "environment variable DATABASE_URL";
    config.raw_values["url"] = it->second;
    // user:password@ in the URL count unless user/password are set elsewhere.
    const url_credentials found = find_url_credentials(config.url);
    if (config.url.find("://") == std::string::npos || !found.user) return;
    if (config.user.empty()) {
        config.user = jetway::sdk::percent_decode(*found.user);
        config.origins["user"] = "environment variable DATABASE_URL";
        config.raw_values["user"] = config.user;
    }
    if (config.password.empty() && found.password) {
        config.password = jetway::sdk::percent_decode(*found.password);
        config.origins["password"] = "environment variable DATABASE_URL";
        config.raw_values["password"] = config.password;
    }
}

void apply_password_file(configuration& config) {
    if (config.password_file.empty() || !config.password.empty()) return;
    std::ifstream in(config.password_file, std::ios::binary);
    if (!in)
        throw error(error_code::configuration,
                    "Unable to read the password file " + config.password_file + " (set by " +
                        config.origins["passwordFile"] + ")");
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string password = buffer.str();
    // Secret files usually end in a newline that is not part of the password.
    while (!password.empty() && (password.back() == '\n' || password.back() == '\r'))
        password.pop_back();
    config.password = password;
    config.origins["password"] = "file " + config.password_file;
}

// failOnMissingTarget=false is Flyway's lenient target, the one "<version>?" asks for.
void apply_lenient_target(configuration& config) {
    if (config.fail_on_missing_target || config.target.empty() || config.target.back() == '?') return;
    if (config.target == "latest" || config.target == "current" || config.target == "next") return;
    config.target += '?';
}

void check_values(const configuration& config) {
    for (const auto& [name, value] : config.placeholders) {
        const std::string lowered = to_lower(name);
        if (lowered.compare(0, 6 + config.placeholder_separator.size(),
                            "flyway" + config.placeholder_separator) == 0)
            throw error(error_code::configuration,
                        "Invalid placeholder ('flyway:' prefix is reserved): " + name);
    }
    const std::string type = to_lower(config.output_type);
    if (!type.empty() && type != "json")
        throw error(error_code::configuration,
                    "'" + config.output_type + "' is an invalid value for the -outputType option. Use 'json'.");
    if (config.color != "always" && config.color != "never" && config.color != "auto")
        throw error(error_code::configuration,
                    "'" + config.color + "' is an invalid value for the -color option. Use 'always', 'never', or 'auto'.");
    if (config.batch && !config.error_overrides.empty())
        throw error(error_code::configuration,
                    "flyway.batch configuration option is incompatible with flyway.errorOverrides.\n"
                    "It is impossible to intercept the errors in a batch process.\n"
                    "Set flyway.batch to false, or remove the error overrides.");
    if (config.connect_retries < 0)
        throw error(error_code::configuration, "Invalid value for connectRetries (must be >= 0): " +
                                                   std::to_string(config.connect_retries));
}

}  // namespace

configuration load_configuration(const configuration_inputs& in) {
    fill_locale_caches();  // before any regex: engines may read settings on several threads
    // Command-line-only settings decide where everything else is read from.
    fs::path working_dir = in.current_directory;
    if (const std::string wd = last_value(in.arguments, "workingDirectory"); !wd.empty()) {
        working_dir = fs::path(wd).is_relative() ? in.current_directory / wd : fs::path(wd);
        working_dir = working_dir.lexically_normal();
    }
    std::vector<std::string> explicit_names = split_commas(last_value(in.arguments, "configFiles"));
    if (explicit_names.empty()) {
        const auto it = in.environment.find("FLYWAY_CONFIG_FILES");
        if (it != in.environment.end()) explicit_names = split_commas(it->second);
    }
    const file_plan plan = plan_files(in, working_dir, explicit_names);
    if (!plan.required.empty())
        throw error(error_code::configuration,
                    "Unable to load config file: " + plan.required.front().string());

    raw_settings settings;
    for (const fs::path& file : plan.files) {
        const std::string text = read_whole_file(file);
        raw_settings from_file = is_toml(file) ? read_toml_text(text, file.string(), in.environment)
                                               : read_conf_text(text, file.string(), in.environment);
        settings.insert(settings.end(), from_file.begin(), from_file.end());
    }
    if (plan.read_stdin) {
        raw_settings from_stdin = read_conf_text(in.standard_input, "<standard input>", in.environment);
        settings.insert(settings.end(), from_stdin.begin(), from_stdin.end());
    }
    raw_settings overrides = read_environment(in.environment);
    for (const auto& [key, value] : in.arguments) {
        if (key == "workingDirectory" || key == "configFiles") continue;
        std::string k = key;
        if (k.compare(0, 7, "flyway.") == 0) k = k.substr(7);
        overrides.push_back({k, value, std::nullopt, "argument -" + key});
    }

    std::string environment = "default";
    for (const raw_settings* source : {&settings, &overrides})
        for (const raw_setting& s : *source)
            if (s.key == "environment") environment = s.value;
    // A file's environment block overrides the files' [flyway] keys, never a FLYWAY_* variable
    // or an argument: `-url=...` wins over [environments.default] url, as in Flyway.
    bool found = false;
    settings = select_environment(settings, environment, found);
    overrides = select_environment(overrides, environment, found);
    settings.insert(settings.end(), overrides.begin(), overrides.end());
    if (!found && environment != "default" && plan.toml_mode)
        throw error(error_code::configuration,
                    "Environment '" + environment +
                        "' not found. Check that this environment exists in your configuration.");

    configuration config;
    for (const raw_setting& s : settings) apply_setting(config, s);
    config.working_directory = working_dir;
    if (!last_value(in.arguments, "workingDirectory").empty()) {
        config.origins["workingDirectory"] = "argument -workingDirectory";
        config.raw_values["workingDirectory"] = working_dir.string();
    }
    apply_database_url(config, in);
    apply_password_file(config);
    apply_lenient_target(config);
    check_values(config);
    return config;
}

std::vector<std::string> describe_configuration(const configuration& config) {
    std::vector<std::string> lines;
    for (const auto& [key, origin] : config.origins) {
        std::string value;
        if (const auto it = config.raw_values.find(key); it != config.raw_values.end())
            value = it->second;
        const std::string lowered = to_lower(key);
        if (lowered.find("password") != std::string::npos && lowered != "passwordfile") value = masked_secret;
        else if (key == "url") value = redact_url(value);
        lines.push_back(key + " = " + value + " (" + origin + ")");
    }
    return lines;
}

}  // namespace jetway::core
