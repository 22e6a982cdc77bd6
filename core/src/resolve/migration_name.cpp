// SPDX-License-Identifier: Apache-2.0
#include "migration_name.hpp"

#include <jetway/core/callback_event.hpp>

#include <algorithm>
#include <cctype>

namespace jetway::core {
namespace {

bool ends_with_ci(const std::string& text, const std::string& suffix) {
    if (suffix.size() > text.size()) return false;
    return std::equal(suffix.rbegin(), suffix.rend(), text.rbegin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
}

// Script migrations' extensions (spec §2.6); files without any extension count too.
const std::vector<std::string> script_extensions = {".cmd", ".bat", ".ps1", ".py", ".sh", ".bash"};

struct prefix_entry {
    std::string prefix;
    bool is_callback;
    migration_kind kind;
};

std::vector<prefix_entry> prefixes(const configuration& c) {
    std::vector<prefix_entry> out = {
        {c.sql_migration_prefix, false, migration_kind::versioned},
        {c.repeatable_sql_migration_prefix, false, migration_kind::repeatable},
        {c.baseline_migration_prefix, false, migration_kind::baseline},
        {c.undo_sql_migration_prefix, false, migration_kind::undo},
    };
    for (const std::string& event : callback_event_ids()) out.push_back({event, true, migration_kind::repeatable});
    // Longest first, so "beforeEachMigrate" wins over "beforeMigrate"-like shorter ids and a
    // custom prefix that extends another still matches.
    std::stable_sort(out.begin(), out.end(),
                     [](const prefix_entry& a, const prefix_entry& b) { return a.prefix.size() > b.prefix.size(); });
    return out;
}

std::string example(const configuration& c, const std::string& prefix, bool versioned,
                    const std::string& suffix) {
    return prefix + (versioned ? "1.2" : "") + c.sql_migration_separator + "description" + suffix;
}

}  // namespace

name_result parse_migration_name(const std::string& file_name, const configuration& config) {
    name_result result;
    std::string suffix;
    bool is_script = false;
    for (const std::string& s : config.sql_migration_suffixes) {
        if (ends_with_ci(file_name, s)) {
            suffix = file_name.substr(file_name.size() - s.size());
            break;
        }
    }
    if (suffix.empty()) {
        for (const std::string& s : script_extensions) {
            if (ends_with_ci(file_name, s)) {
                suffix = file_name.substr(file_name.size() - s.size());
                is_script = true;
                break;
            }
        }
    }
    if (suffix.empty()) {
        // No extension at all: an executable script migration, if a prefix matches below.
        if (file_name.find('.') != std::string::npos) return result;
        is_script = true;
    }
    result.counts_as_sql = !is_script;
    const std::string base = file_name.substr(0, file_name.size() - suffix.size());

    for (const prefix_entry& p : prefixes(config)) {
        if (p.prefix.empty() || base.compare(0, p.prefix.size(), p.prefix) != 0) continue;
        // Flyway never considers a name that is only prefix + suffix (V.sql, R.sql).
        if (base.size() == p.prefix.size() && !p.is_callback) continue;
        const std::string rest = base.substr(p.prefix.size());
        const std::size_t sep = rest.find(config.sql_migration_separator);
        const std::string left = sep == std::string::npos ? rest : rest.substr(0, sep);
        std::string description =
            sep == std::string::npos ? std::string{} : rest.substr(sep + config.sql_migration_separator.size());
        std::replace(description.begin(), description.end(), '_', ' ');

        parsed_name name;
        name.is_script = is_script;
        name.description = description;
        if (p.is_callback || p.kind == migration_kind::repeatable) {
            if (!left.empty()) {
                if (p.is_callback) continue;  // "afterMigrateX" is not this callback
                result.invalid = "Invalid repeatable migration / callback name format: " + file_name +
                                 " (It cannot contain a version and should look like this: " +
                                 example(config, p.prefix, false, suffix.empty() ? ".sql" : suffix) + ")";
                return result;
            }
            name.is_callback = p.is_callback;
            name.callback_event = p.is_callback ? p.prefix : std::string{};
            name.kind = migration_kind::repeatable;
            result.name = std::move(name);
            return result;
        }
        if (left.empty()) {
            result.invalid = "Invalid versioned migration name format: " + file_name +
                             " (It must contain a version and should look like this: " +
                             example(config, p.prefix, true, suffix.empty() ? ".sql" : suffix) + ")";
            return result;
        }
        if (!migration_version::is_valid(left)) {
            result.invalid = "Invalid versioned migration name format: " + file_name +
                             " (could not recognise version number " + left + ")";
            return result;
        }
        name.kind = p.kind;
        name.raw_version = left;
        name.version = migration_version::parse(left);
        result.name = std::move(name);
        return result;
    }
    if (is_script) {
        result.counts_as_sql = false;
        return result;  // a script-like file that matches no prefix is just another file
    }
    result.invalid = "Unrecognised migration name format: " + file_name;
    return result;
}

}  // namespace jetway::core
