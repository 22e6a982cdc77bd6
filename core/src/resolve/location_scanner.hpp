// SPDX-License-Identifier: Apache-2.0
// Locations (spec §2.7): filesystem:/classpath:/bare paths with *, ** and ? wildcards, scanned
// recursively in sorted order, hidden directories skipped.
#pragma once

#include <filesystem>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace jetway::core {

struct location {
    std::string descriptor;       // as configured
    std::filesystem::path root;   // the directory scanned
    std::optional<std::regex> filter;  // matches paths relative to root when wildcards were used
};

struct scanned_file {
    std::filesystem::path path;  // absolute
    std::string relative;        // to the location root, '/'-separated: the history `script`
};

/// Parses the descriptors, drops duplicates and nested locations with Flyway's messages.
/// `working_dir` anchors relative paths. Throws core::error for an unknown prefix.
std::vector<location> parse_locations(const std::vector<std::string>& descriptors,
                                      const std::filesystem::path& working_dir);

/// Every regular file below the locations, sorted by path within each location. A missing
/// location is an error with fail_on_missing, else an error log line and skipped.
std::vector<scanned_file> scan_locations(const std::vector<location>& locations,
                                         bool fail_on_missing,
                                         const std::filesystem::path& working_dir);

}  // namespace jetway::core
