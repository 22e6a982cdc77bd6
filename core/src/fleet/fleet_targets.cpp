// SPDX-License-Identifier: Apache-2.0
#include <jetway/core/connection_url.hpp>
#include <jetway/core/error.hpp>
#include <jetway/core/fleet_targets.hpp>
#include <jetway/sdk/text.hpp>

#include "target_sources.hpp"

#include <spdlog/spdlog.h>
#include <zlib.h>

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

namespace jetway::core {
namespace {

std::string origin_of(const configuration& config, const std::string& key) {
    const auto it = config.origins.find(key);
    return it == config.origins.end() ? key : it->second;
}

struct shard_choice {
    unsigned index = 0;
    unsigned count = 1;
};

shard_choice parse_shard(const configuration& config) {
    shard_choice shard;
    const std::string& text = config.shard;
    const std::size_t slash = text.find('/');
    auto number = [&](std::size_t from, std::size_t to, unsigned& out) {
        const char* end = text.data() + to;
        const auto [ptr, ec] = std::from_chars(text.data() + from, end, out);
        return to > from && ec == std::errc{} && ptr == end;
    };
    if (slash == std::string::npos || !number(0, slash, shard.index) || !number(slash + 1, text.size(), shard.count) ||
        shard.count == 0 || shard.index >= shard.count)
        throw error(error_code::configuration, "Invalid value for flyway.shard (should be I/N, 0 <= I < N, e.g. 0/8): " +
                                                   text + " (set by " + origin_of(config, "shard") + ")");
    return shard;
}

std::vector<fleet_target> read_targets_setting(const configuration& config, std::string_view standard_input) {
    if (config.targets.empty()) return {};
    if (config.targets == "-") return read_target_lines(standard_input, "standard input");
    std::filesystem::path path = config.targets;
    if (path.is_relative() && !config.working_directory.empty()) path = config.working_directory / path;
    std::ifstream in(path);
    if (!in)
        throw error(error_code::configuration, "Unable to read the targets file " + path.string() + " (flyway.targets, set by " +
                                                   origin_of(config, "targets") + ")");
    std::stringstream text;
    text << in.rdbuf();
    if (path.extension() == ".toml") return read_target_tables(text.str(), path.string());
    return read_target_lines(text.str(), path.string());
}

}  // namespace

std::string fleet_target::id() const {
    std::string id = redact_url(url);
    if (!schemas.empty()) {
        id += " schemas=";
        for (std::size_t i = 0; i < schemas.size(); ++i) id += (i ? "," : "") + schemas[i];
    }
    return id;
}

configuration configuration_for(const configuration& base, const fleet_target& target) {
    configuration config = base;
    config.url = target.url;
    config.origins["url"] = target.listed_by;
    config.raw_values["url"] = target.url;
    if (!target.schemas.empty()) {
        config.schemas = target.schemas;
        config.origins["schemas"] = target.listed_by;
    }
    for (const auto& [key, value] : target.placeholders) config.placeholders[key] = value;
    // user:password@ in a target's URL is that target's login, whatever the shared one is.
    const url_credentials found = find_url_credentials(target.url);
    if (target.url.find("://") != std::string::npos && found.user) {
        config.user = jetway::sdk::percent_decode(*found.user);
        config.password = found.password ? jetway::sdk::percent_decode(*found.password) : std::string{};
        config.origins["user"] = config.origins["password"] = target.listed_by;
    }
    return config;
}

bool is_fleet_run(const configuration& config) {
    return !config.targets.empty() || !config.target_schemas.empty() || !config.target_databases.empty() ||
           !config.targets_query.empty() || !config.targets_from.empty();
}

unsigned shard_of(std::string_view id, unsigned count) {
    const uLong crc = ::crc32(::crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(id.data()), static_cast<uInt>(id.size()));
    return static_cast<unsigned>(crc % count);
}

std::vector<fleet_target> list_fleet_targets(const configuration& config, plugin_registry& registry,
                                             std::string_view standard_input) {
    const shard_choice shard = config.shard.empty() ? shard_choice{} : parse_shard(config);
    std::vector<fleet_target> listed = read_targets_setting(config, standard_input);
    for (fleet_target& t : list_catalog_targets(config, registry)) listed.push_back(std::move(t));

    if (!config.targets_from.empty()) {
        std::filesystem::path path = config.targets_from;
        if (path.is_relative() && !config.working_directory.empty()) path = config.working_directory / path;
        previous_run previous = read_previous_run(path.string());
        if (listed.empty() && config.targets.empty() && config.target_schemas.empty() &&
            config.target_databases.empty() && config.targets_query.empty()) {
            // Only the document: its URLs are redacted, so one that carried a password cannot
            // be used again; the sources of the first run can.
            for (const fleet_target& t : previous.unfinished)
                if (t.url.find(masked_secret) != std::string::npos)
                    throw error(error_code::configuration,
                                "targetsFrom: " + t.id() + " carried credentials that " + path.string() +
                                    " does not keep; give the first run's targets setting too, and targetsFrom "
                                    "picks what did not succeed from it");
            listed = std::move(previous.unfinished);
        } else {
            std::erase_if(listed, [&](const fleet_target& t) { return !previous.unfinished_ids.contains(t.id()); });
        }
    }

    std::vector<fleet_target> targets;
    std::set<std::string> seen;
    for (fleet_target& t : listed) {
        const std::string id = t.id();
        if (!seen.insert(id).second) {
            spdlog::warn("Target {} is listed twice ({}); it runs once", id, t.listed_by);
            continue;
        }
        if (shard.count > 1 && shard_of(id, shard.count) != shard.index) continue;
        targets.push_back(std::move(t));
    }
    return targets;
}

}  // namespace jetway::core
