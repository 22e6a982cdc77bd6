// SPDX-License-Identifier: Apache-2.0
// add: the next migration file, named as the folder's existing ones are numbered (1, 2, 3;
// 1.1, 1.2; 001, 002; timestamps), so a team stops choosing version numbers by hand.
#include "commands.hpp"

#include <jetway/core/error.hpp>

#include "../resolve/location_scanner.hpp"
#include "../resolve/migration_name.hpp"

#include <chrono>
#include <ctime>
#include <fstream>
#include <optional>

namespace jetway::core {
namespace fs = std::filesystem;
namespace {

// yyyyMMddHHmmss, UTC: the form timestamp-numbered folders use.
std::string timestamp_now() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[16];
    std::strftime(text, sizeof text, "%Y%m%d%H%M%S", &utc);
    return text;
}

bool is_timestamp(const std::string& part) {
    return part.size() == 14 && part.find_first_not_of("0123456789") == std::string::npos;
}

// "12" -> "13", "009" -> "010", "99" -> "100": one more, as wide as it was written.
std::string plus_one(std::string number) {
    int i = static_cast<int>(number.size()) - 1;
    for (; i >= 0; --i) {
        if (number[i] == '9') {
            number[i] = '0';
            continue;
        }
        ++number[i];
        break;
    }
    if (i < 0) number.insert(number.begin(), '1');
    return number;
}

// The version after `raw`, written as `raw` is: its separators ('.' or '_'), zero-padded
// widths, and any yyyyMMddHHmmss part (002_20240829162505) refreshed to now rather than
// counted. `timestamp` is flyway.add.timestamp: always adds such a part when there is none.
std::string next_after(const std::string& raw, const std::string& timestamp) {
    std::vector<std::string> parts;
    std::vector<char> separators;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= raw.size(); ++i)
        if (i == raw.size() || raw[i] == '.' || raw[i] == '_') {
            parts.push_back(raw.substr(start, i - start));
            if (i < raw.size()) separators.push_back(raw[i]);
            start = i + 1;
        }
    const std::string now = timestamp_now();
    int counted = -1;  // the last part that is not a timestamp
    bool has_timestamp = false;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (is_timestamp(parts[i])) {
            has_timestamp = true;
            // Two adds within one second must still differ.
            parts[i] = now > parts[i] ? now : plus_one(parts[i]);
        } else {
            counted = static_cast<int>(i);
        }
    }
    if (counted >= 0) parts[counted] = plus_one(parts[counted]);
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        // never: the timestamp parts go, and the counted part alone orders the files.
        if (timestamp == "never" && is_timestamp(parts[i]) && counted >= 0) continue;
        if (!out.empty()) out += separators[i - 1];
        out += parts[i];
    }
    if (timestamp == "always" && !has_timestamp) out += "_" + now;
    return out;
}

struct existing_migrations {
    std::optional<migration_version> highest;  // of versioned and baseline migrations
    std::string highest_raw;
    std::string highest_description;
    std::vector<std::string> names;
};

existing_migrations scan_existing(const std::vector<location>& locations, const configuration& config) {
    std::vector<location> present;
    for (const location& l : locations) {
        std::error_code ec;
        if (fs::is_directory(l.root, ec)) present.push_back(l);
    }
    existing_migrations out;
    for (const scanned_file& file : scan_locations(present, false, config.working_directory)) {
        const name_result parsed = parse_migration_name(file.path.filename().string(), config);
        if (!parsed.name || parsed.name->is_callback) continue;
        out.names.push_back(file.path.filename().string());
        if (!parsed.name->version || parsed.name->kind == migration_kind::undo) continue;
        if (!out.highest || *out.highest < *parsed.name->version) {
            out.highest = parsed.name->version;
            out.highest_raw = parsed.name->raw_version;
            out.highest_description = parsed.name->description;
        }
    }
    return out;
}

std::string next_version(const configuration& config, const existing_migrations& existing) {
    if (!config.add_version.empty()) {
        if (!migration_version::is_valid(config.add_version))
            throw error(error_code::configuration, "Invalid value for flyway.add.version: " + config.add_version +
                                                       " (a version has only digits, dots and underscores)");
        return config.add_version;
    }
    const std::string mode = config.add_timestamp == "true" ? "always"
                             : config.add_timestamp == "false" ? "never"
                                                               : config.add_timestamp;
    if (mode != "always" && mode != "auto" && mode != "never")
        throw error(error_code::configuration, "Invalid value for flyway.add.timestamp: " + config.add_timestamp +
                                                   " (always, auto or never)");
    // An empty folder starts where Flyway's add starts: 001.
    if (!existing.highest) return mode == "always" ? "001_" + timestamp_now() : "001";
    return next_after(existing.highest_raw, mode);
}

std::string file_description(const std::string& description) {
    std::string out;
    for (const char c : description) out += (c == ' ') ? '_' : c;
    return out;
}

}  // namespace

add_result run_add(const configuration& config) {
    std::vector<std::string> descriptors = config.locations;
    if (descriptors.empty()) descriptors.push_back("filesystem:sql");
    const std::vector<location> locations = parse_locations(descriptors, config.working_directory);
    fs::path folder;
    if (!config.add_location.empty()) {
        folder = parse_locations({config.add_location}, config.working_directory).front().root;
    } else {
        const auto filesystem_location = std::find_if(locations.begin(), locations.end(), [](const location& l) {
            return l.descriptor.rfind("classpath:", 0) != 0;
        });
        if (filesystem_location == locations.end())
            throw error(error_code::configuration,
                        "add writes into a filesystem location, and none is configured: set -add.location=<folder>");
        folder = filesystem_location->root;
    }
    const existing_migrations existing = scan_existing(locations, config);
    std::string description = config.add_description;
    if (description.empty() && config.add_type == "undo") description = existing.highest_description;
    if (description.empty())
        throw error(error_code::configuration,
                    "add needs a description for the file's name: jetway add -description=\"add users\"");

    add_result result;
    result.type = config.add_type;
    result.description = description;
    std::string prefix;
    if (config.add_type == "versioned") {
        prefix = config.sql_migration_prefix;
        result.version = next_version(config, existing);
    } else if (config.add_type == "baseline") {
        prefix = config.baseline_migration_prefix;
        result.version = next_version(config, existing);
    } else if (config.add_type == "undo") {
        // An undo file undoes a version that exists: the highest (and its description) unless named.
        prefix = config.undo_sql_migration_prefix;
        result.version = !config.add_version.empty() ? config.add_version : existing.highest_raw;
        if (result.version.empty())
            throw error(error_code::configuration, "add -type=undo needs a versioned migration to undo: there is none yet");
    } else if (config.add_type == "repeatable") {
        prefix = config.repeatable_sql_migration_prefix;
    } else {
        throw error(error_code::configuration, "Invalid value for flyway.add.type: " + config.add_type +
                                                   " (versioned, repeatable, undo or baseline)");
    }
    const std::string name = prefix + result.version + config.sql_migration_separator +
                             file_description(description) + config.sql_migration_suffixes.front();
    const fs::path file = folder / name;
    result.filepath = file.string();
    if (config.add_name_only) return result;

    if (!config.add_force) {
        std::error_code ec;
        if (fs::exists(file, ec))
            throw error(error_code::configuration, file.string() + " already exists; -add.force=true replaces it");
        if (config.add_type != "undo" && config.add_type != "repeatable" && migration_version::is_valid(result.version))
            for (const std::string& other : existing.names) {
                const name_result parsed = parse_migration_name(other, config);
                if (parsed.name->version && parsed.name->kind == migration_kind::versioned &&
                    *parsed.name->version == migration_version::parse(result.version))
                    throw error(error_code::configuration, "Version " + result.version + " is already taken by " + other +
                                                               "; choose another with -add.version or use -add.force=true");
            }
    }
    fs::create_directories(folder);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out) throw error(error_code::configuration, "Unable to write " + file.string());
    return result;
}

}  // namespace jetway::core
