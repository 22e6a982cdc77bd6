// SPDX-License-Identifier: Apache-2.0
// The built-in resolver: locations -> SQL and script migrations and callbacks, with Flyway's
// names, versions, descriptions and checksums (spec §2, §3, §9.2).
#pragma once

#include <jetway/core/configuration.hpp>
#include <jetway/core/resolved_migration.hpp>

#include <map>
#include <string>
#include <vector>

namespace jetway::core {

struct resolution {
    std::vector<resolved_migration> migrations;  // in file-scan order
    std::vector<resolved_callback> callbacks;
};

/// The locations a run scans: the configured ones, or <workingDirectory>/sql, or
/// <install>/sql when that exists (the CLI's default, spec §2.7).
std::vector<std::string> effective_locations(const configuration& config,
                                             const std::filesystem::path& install_root);

/// Scans `locations` (and callbackLocations) and resolves every file. `placeholders` holds the
/// user's and the built-in ones except flyway:filename, which is set per file. Throws
/// core::error for duplicates, invalid names (with validateMigrationNaming), undecodable files
/// and unknown placeholders in repeatables.
resolution resolve_migrations(const configuration& config, const std::vector<std::string>& locations,
                              const std::map<std::string, std::string>& placeholders,
                              const std::map<std::string, std::string>& environment);

/// Flyway's duplicate check (spec §2.4) over migrations from every resolver.
void check_duplicate_migrations(const std::vector<resolved_migration>& migrations);

/// The placeholders a script sees: user ones plus flyway:filename for `file_name`, under the
/// names a SQL script (${name}) or a script migration (FP__name__) uses.
std::map<std::string, std::string> placeholders_for_file(
    const std::map<std::string, std::string>& placeholders, const std::string& file_name,
    const configuration& config, bool for_script);

}  // namespace jetway::core
