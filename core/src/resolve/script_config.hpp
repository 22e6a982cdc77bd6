// SPDX-License-Identifier: Apache-2.0
// Per-script configuration: <migration file>.conf beside the file (spec §6.7).
#pragma once

#include <jetway/core/resolved_migration.hpp>

#include <filesystem>
#include <map>
#include <string>

namespace jetway::core {

/// Reads `<script>.conf` when it exists; values have placeholders replaced with `placeholders`
/// (prefix/suffix as configured). Throws core::error naming the file for an unknown key or a
/// bad boolean.
script_settings read_script_settings(const std::filesystem::path& script,
                                     const std::map<std::string, std::string>& placeholders,
                                     const std::string& placeholder_prefix,
                                     const std::string& placeholder_suffix,
                                     const std::map<std::string, std::string>& environment);

}  // namespace jetway::core
