// SPDX-License-Identifier: Apache-2.0
// What a plugin file says about itself, read from its symbol table without loading it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace jetway::core {

struct plugin_metadata {
    std::string kind;  // driver, resolver or callback
    std::string name;
    std::string version;
    std::uint32_t api_major = 0;
    std::uint32_t api_minor = 0;
    std::vector<std::string> schemes;  // for drivers
};

/// Reads the metadata symbols of the "jetway" section of `file`. Throws core::error
/// (plugin_load_failed) with the reason (without the file name) when it is not a Jetway plugin.
plugin_metadata read_plugin_metadata(const std::filesystem::path& file);

/// Empty when this host can use a plugin built for api_major.api_minor; otherwise the reason,
/// naming both versions (the caller adds the file).
std::string api_version_refusal(std::uint32_t api_major, std::uint32_t api_minor);

/// "1.0" for this host's plugin API, and "1.0" or "1.0-1.3" for the range it accepts.
std::string host_api_version();
std::string host_api_range();

}  // namespace jetway::core
