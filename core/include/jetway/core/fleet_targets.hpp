// SPDX-License-Identifier: Apache-2.0
// The targets of a fleet run: one command applied to many databases or schemas, each keeping its
// own history table. Listed from a file, standard input, the catalog of `url`'s server or a
// query on it, narrowed to an earlier run's failures and to one shard of a fleet spread over
// machines.
#pragma once

#include <jetway/core/configuration.hpp>
#include <jetway/core/plugin_registry.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace jetway::core {

struct fleet_target {
    std::string url;                                // as written: may carry credentials
    std::vector<std::string> schemas;               // empty: the configuration's schemas
    std::map<std::string, std::string> placeholders;  // on top of the configuration's
    std::string listed_by;                          // "tenants.txt:3", "targetSchemas" ...

    /// The redacted URL and the schemas: what the run prints, the shard hash reads and a later
    /// run's targetsFrom matches. Stable across runs and free of secrets.
    std::string id() const;
};

/// Whether the configuration asks for a fleet run (targets, targetSchemas, targetDatabases,
/// targetsQuery or targetsFrom is set).
bool is_fleet_run(const configuration& config);

/// Every target the configuration names, in the order listed, each once, within `shard` when
/// one is set. `standard_input` is read when targets is "-". Throws core::error naming the
/// setting, the file and line, or the database that could not be listed.
std::vector<fleet_target> list_fleet_targets(const configuration& config, plugin_registry& registry,
                                             std::string_view standard_input);

/// The configuration `target` runs with: `base` with the target's URL, its schemas and
/// placeholders, and the user and password its URL carries, where it carries them.
configuration configuration_for(const configuration& base, const fleet_target& target);

/// The shard (0-based) `id` falls in among `count`: CRC-32 of the id, so every machine and
/// every later run agree.
unsigned shard_of(std::string_view id, unsigned count);

}  // namespace jetway::core
