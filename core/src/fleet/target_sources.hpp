// SPDX-License-Identifier: Apache-2.0
// Where a fleet's targets are listed: each source read on its own, then combined by
// list_fleet_targets().
#pragma once

#include <jetway/core/configuration.hpp>
#include <jetway/core/fleet_targets.hpp>
#include <jetway/core/plugin_registry.hpp>

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace jetway::core {

/// "a, b,,c" -> {a, b, c}: a target's schemas as a file or a query row writes them.
std::vector<std::string> schema_list(std::string_view text);

/// A targets file (`origin` names it in errors): one target per line, "URL [schemas=a,b]
/// [placeholders.KEY=VALUE ...]", blank lines and # comments skipped.
std::vector<fleet_target> read_target_lines(std::string_view text, const std::string& origin);

/// A TOML targets file: [[targets]] or [targets.NAME] tables with url, schemas and placeholders.
std::vector<fleet_target> read_target_tables(std::string_view text, const std::string& origin);

/// The targets of `config.url`'s catalog: a target per schema matching targetSchemas, per
/// database matching targetDatabases, per row of targetsQuery (columns url and schemas, or the
/// first column as the URL).
std::vector<fleet_target> list_catalog_targets(const configuration& config, plugin_registry& registry);

/// What an earlier run's JSON document (-outputType=json) says did not succeed.
struct previous_run {
    std::set<std::string> unfinished_ids;
    std::vector<fleet_target> unfinished;  // as far as the document can name them (no secrets)
};
previous_run read_previous_run(const std::string& path);

}  // namespace jetway::core
