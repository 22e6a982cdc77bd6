// SPDX-License-Identifier: Apache-2.0
#include <jetway/core/error.hpp>
#include <jetway/core/migration_resolver.hpp>

#include "location_scanner.hpp"
#include "migration_name.hpp"
#include "placeholder_replacer.hpp"
#include "script_config.hpp"
#include "script_reader.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace jetway::core {
namespace fs = std::filesystem;
namespace {

const char* history_type(const parsed_name& n) {
    if (n.kind == migration_kind::baseline) return "SQL_BASELINE";
    if (n.kind == migration_kind::undo) return n.is_script ? "UNDO_SCRIPT" : "UNDO_SQL";
    return n.is_script ? "SCRIPT" : "SQL";
}

struct checksums {
    std::int32_t raw = 0;
    std::optional<std::int32_t> replaced;
};

// One streaming pass: the raw checksum always, and the checksum after placeholder replacement
// when `replacer` is given (repeatables, spec §3.2).
checksums compute_checksums(const fs::path& path, const std::string& encoding, bool detect,
                            const std::string& display, placeholder_replacer* replacer) {
    script_reader reader(path, encoding, detect, display);
    checksum_builder raw;
    checksum_builder replaced;
    std::string chunk;
    std::string out;
    while (reader.next(chunk)) {
        raw.add(chunk);
        if (replacer != nullptr) {
            out.clear();
            replacer->feed(chunk, out);
            replaced.add(out);
        }
    }
    checksums result{raw.value(), std::nullopt};
    if (replacer != nullptr) {
        out.clear();
        replacer->finish(out);
        replaced.add(out);
        result.replaced = replaced.value();
    }
    return result;
}

bool version_order(const resolved_migration& a, const resolved_migration& b) {
    if (*a.version != *b.version) return *a.version < *b.version;
    return static_cast<int>(a.kind) < static_cast<int>(b.kind);
}

}  // namespace

void check_duplicate_migrations(const std::vector<resolved_migration>& input) {
    std::vector<resolved_migration> migrations = input;
    std::vector<resolved_migration*> versioned;
    std::vector<resolved_migration*> repeatable;
    for (auto& m : migrations) (m.version ? versioned : repeatable).push_back(&m);
    std::sort(versioned.begin(), versioned.end(),
              [](auto* a, auto* b) { return version_order(*a, *b); });
    for (std::size_t i = 1; i < versioned.size(); ++i) {
        const auto& a = *versioned[i - 1];
        const auto& b = *versioned[i];
        // V and B (and U) of one version may coexist: only the same kind collides.
        if (*a.version == *b.version && a.kind == b.kind)
            throw error(error_code::resolution_failed,
                        "Found more than one migration with version " + a.version->text() +
                            "\nOffenders:\n-> " + a.path.string() + " (" + a.type + ")\n-> " +
                            b.path.string() + " (" + b.type + ")");
    }
    std::sort(repeatable.begin(), repeatable.end(),
              [](auto* a, auto* b) { return a->description < b->description; });
    for (std::size_t i = 1; i < repeatable.size(); ++i) {
        if (repeatable[i - 1]->description == repeatable[i]->description)
            throw error(error_code::resolution_failed,
                        "Found more than one repeatable migration with description " +
                            repeatable[i]->description + "\nOffenders:\n-> " +
                            repeatable[i - 1]->path.string() + " (" + repeatable[i - 1]->type +
                            ")\n-> " + repeatable[i]->path.string() + " (" + repeatable[i]->type + ")");
    }
}

namespace {
}  // namespace

std::string migration_label(const resolved_migration& m) {
    return m.version ? m.version->text() : m.description;
}

std::vector<std::string> effective_locations(const configuration& config,
                                             const fs::path& install_root) {
    if (!config.locations.empty()) return config.locations;
    for (const fs::path& dir : {config.working_directory / "sql", install_root / "sql"}) {
        std::error_code ec;
        if (fs::is_directory(dir, ec)) return {"filesystem:" + dir.string()};
    }
    spdlog::warn("No locations configured and default location 'sql' not found.");
    return {};
}

std::map<std::string, std::string> placeholders_for_file(
    const std::map<std::string, std::string>& placeholders, const std::string& file_name,
    const configuration& config, bool for_script) {
    std::map<std::string, std::string> values = placeholders;
    values["flyway" + config.placeholder_separator + "filename"] = file_name;
    if (!for_script) return values;
    // Script migrations see FP__name__ with ':' turned into '_' (spec §2.6).
    std::map<std::string, std::string> script_values;
    for (const auto& [name, value] : values) {
        std::string script_name = name;
        std::replace(script_name.begin(), script_name.end(), ':', '_');
        script_values[script_name] = value;
    }
    return script_values;
}

resolution resolve_migrations(const configuration& config, const std::vector<std::string>& locations,
                              const std::map<std::string, std::string>& placeholders,
                              const std::map<std::string, std::string>& environment) {
    resolution result;
    std::vector<std::string> invalid;

    const auto migration_locations = parse_locations(locations, config.working_directory);
    const auto files = scan_locations(migration_locations, config.fail_on_missing_locations,
                                      config.working_directory);
    // Callbacks come from callbackLocations when set, else from the migration locations.
    std::vector<scanned_file> callback_files;
    if (!config.callback_locations.empty())
        callback_files = scan_locations(parse_locations(config.callback_locations, config.working_directory),
                                        false, config.working_directory);

    auto resolve_file = [&](const scanned_file& file, bool callbacks_only) {
        const std::string file_name = file.path.filename().string();
        const name_result parsed = parse_migration_name(file_name, config);
        if (!parsed.name) {
            if (!parsed.invalid.empty() && parsed.counts_as_sql && !callbacks_only) invalid.push_back(parsed.invalid);
            return;
        }
        const parsed_name& n = *parsed.name;
        if (callbacks_only && !n.is_callback) return;
        const bool from_callback_dirs = !config.callback_locations.empty();
        if (n.is_callback && from_callback_dirs && !callbacks_only) return;
        if (n.is_callback && config.skip_default_callbacks && !n.is_script) return;
        if (!n.is_callback && config.skip_default_resolvers) return;

        const auto file_placeholders = placeholders_for_file(placeholders, file_name, config, n.is_script);
        const std::string& prefix = n.is_script ? config.script_placeholder_prefix : config.placeholder_prefix;
        const std::string& suffix = n.is_script ? config.script_placeholder_suffix : config.placeholder_suffix;
        script_settings settings = read_script_settings(file.path, file_placeholders, config.placeholder_prefix,
                                                        config.placeholder_suffix, environment);
        const std::string encoding = settings.encoding.value_or(config.encoding);
        const bool replace = settings.placeholder_replacement.value_or(config.placeholder_replacement);

        if (n.is_callback) {
            result.callbacks.push_back({n.callback_event, n.description, file.relative, file.path,
                                        n.is_script, encoding, replace, settings});
            return;
        }
        resolved_migration m;
        m.kind = n.kind;
        m.version = n.version;
        m.raw_version = n.raw_version;
        m.description = n.description;
        m.type = history_type(n);
        m.script = file.relative;
        m.path = file.path;
        m.is_script = n.is_script;
        m.encoding = encoding;
        m.placeholder_replacement = replace;
        m.settings = settings;
        const bool detect = config.detect_encoding && !settings.encoding;
        if (n.kind == migration_kind::repeatable && replace) {
            placeholder_replacer replacer(file_placeholders, prefix, suffix, file.path.string());
            const checksums c = compute_checksums(file.path, encoding, detect, file_name, &replacer);
            m.checksum = c.replaced;
            m.equivalent_checksum = c.raw;
        } else {
            m.checksum = compute_checksums(file.path, encoding, detect, file_name, nullptr).raw;
        }
        result.migrations.push_back(std::move(m));
    };
    for (const scanned_file& file : files) resolve_file(file, false);
    for (const scanned_file& file : callback_files) resolve_file(file, true);

    if (!invalid.empty()) {
        if (config.validate_migration_naming) {
            std::string message = "Invalid SQL filenames found:";
            for (const std::string& m : invalid) message += "\r\n" + m;
            throw error(error_code::resolution_failed, message);
        }
        spdlog::info("{} SQL migrations were detected but not run because they did not follow the "
                     "filename convention.", invalid.size());
        spdlog::info("Set 'validateMigrationNaming' to true to fail fast and see a list of the "
                     "invalid file names.");
    }
    check_duplicate_migrations(result.migrations);

    // Callbacks of one event run ordered by description; two files of one name are an error.
    std::stable_sort(result.callbacks.begin(), result.callbacks.end(),
                     [](const resolved_callback& a, const resolved_callback& b) {
                         return a.event != b.event ? a.event < b.event : a.description < b.description;
                     });
    for (std::size_t i = 1; i < result.callbacks.size(); ++i) {
        const auto& a = result.callbacks[i - 1];
        const auto& b = result.callbacks[i];
        if (a.event == b.event && a.description == b.description && a.is_script == b.is_script &&
            a.path.filename() == b.path.filename())
            throw error(error_code::resolution_failed,
                        "Found more than 1 SQL callback script called " + a.path.filename().string() +
                            "!\nOffenders:\n-> " + a.path.string() + "\n-> " + b.path.string());
    }
    return result;
}

}  // namespace jetway::core
