// SPDX-License-Identifier: Apache-2.0
#include "location_scanner.hpp"

#include <jetway/core/error.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>

namespace jetway::core {
namespace fs = std::filesystem;
namespace {

bool has_wildcard(const std::string& segment) {
    return segment.find_first_of("*?") != std::string::npos;
}

std::string regex_escape(char c) {
    static const std::string special = R"(\^$.|+()[]{})";
    return special.find(c) != std::string::npos ? std::string("\\") + c : std::string(1, c);
}

// The part after the scan root as a regex over '/'-separated relative paths.
std::regex wildcard_regex(const std::vector<std::string>& segments) {
    std::string pattern;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const std::string& seg = segments[i];
        if (seg == "**") {
            pattern += "(?:[^/]+/)*";
            continue;
        }
        for (const char c : seg) {
            if (c == '*') pattern += "[^/]+?";
            else if (c == '?') pattern += "[^/]";
            else pattern += regex_escape(c);
        }
        pattern += "/";
    }
    if (!pattern.empty() && pattern.back() == '/') pattern.pop_back();
    // A last segment without '.' names directories: anything below them matches.
    if (!segments.empty() && segments.back().find('.') == std::string::npos) pattern += "(?:/.*)?";
    return std::regex(pattern);
}

bool logged_classpath_note = false;

}  // namespace

std::vector<location> parse_locations(const std::vector<std::string>& descriptors,
                                      const fs::path& working_dir) {
    std::vector<location> out;
    for (const std::string& descriptor : descriptors) {
        std::string path = descriptor;
        const std::size_t colon = descriptor.find(':');
        // A Windows drive ("C:\x") is a path, not a prefix.
        if (colon != std::string::npos && colon > 1) {
            const std::string prefix = descriptor.substr(0, colon);
            path = descriptor.substr(colon + 1);
            if (prefix == "classpath") {
                if (!logged_classpath_note) {
                    spdlog::info("classpath: locations have no meaning for a native program; "
                                 "Jetway reads them as paths relative to the working directory");
                    logged_classpath_note = true;
                }
            } else if (prefix != "filesystem") {
                throw error(error_code::configuration,
                            "Unknown prefix for location (should be one of filesystem:, "
                            "classpath:): " + descriptor);
            }
        }
        std::vector<std::string> segments;
        std::string current;
        for (const char c : path) {
            if (c == '/' || c == '\\') {
                segments.push_back(current);
                current.clear();
            } else {
                current += c;
            }
        }
        segments.push_back(current);
        fs::path root = path.empty() || path[0] != '/' ? working_dir : fs::path("/");
        std::size_t i = 0;
        for (; i < segments.size() && !has_wildcard(segments[i]); ++i)
            if (!segments[i].empty()) root /= segments[i];
        location loc{descriptor, root.lexically_normal(), std::nullopt};
        if (i < segments.size())
            loc.filter = wildcard_regex(std::vector<std::string>(segments.begin() + static_cast<std::ptrdiff_t>(i), segments.end()));
        if (!loc.filter && loc.root.has_filename() == false && loc.root != loc.root.root_path())
            loc.root = loc.root.parent_path();

        bool keep = true;
        for (const location& other : out) {
            if (other.root == loc.root && !other.filter && !loc.filter) {
                spdlog::warn("Discarding duplicate location '{}'", descriptor);
                keep = false;
                break;
            }
            const auto rel = loc.root.lexically_relative(other.root);
            if (!other.filter && !loc.filter && !rel.empty() && *rel.begin() != "..") {
                spdlog::warn("Discarding location '{}' as it is a sub-location of '{}'", descriptor,
                             other.descriptor);
                keep = false;
                break;
            }
        }
        if (!keep) continue;
        // A new location that contains earlier ones replaces them.
        out.erase(std::remove_if(out.begin(), out.end(),
                                 [&](const location& other) {
                                     const auto rel = other.root.lexically_relative(loc.root);
                                     const bool nested = !other.filter && !loc.filter && !rel.empty() &&
                                                         *rel.begin() != ".." && rel != ".";
                                     if (nested)
                                         spdlog::warn("Discarding location '{}' as it is a sub-location of '{}'",
                                                      other.descriptor, descriptor);
                                     return nested;
                                 }),
                  out.end());
        out.push_back(std::move(loc));
    }
    return out;
}

std::vector<scanned_file> scan_locations(const std::vector<location>& locations,
                                         bool fail_on_missing, const fs::path& working_dir) {
    std::vector<scanned_file> files;
    for (const location& loc : locations) {
        std::error_code ec;
        std::string problem;
        if (!fs::exists(loc.root, ec)) problem = "not found";
        else if (!fs::is_directory(loc.root, ec)) problem = "not a directory";
        if (!problem.empty()) {
            if (fail_on_missing)
                throw error(error_code::configuration, "Failed to find filesystem location: " +
                                                           loc.root.string() + " (" + problem + ")");
            spdlog::error("Skipping filesystem location: {} ({})", loc.root.string(), problem);
            spdlog::info("Resolved to '{}'. If this is not where your migrations are, check that "
                         "your working directory is set correctly (working directory: '{}').",
                         loc.root.string(), working_dir.string());
            continue;
        }
        std::vector<scanned_file> found;
        fs::recursive_directory_iterator it(loc.root, fs::directory_options::skip_permission_denied, ec);
        for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            const fs::directory_entry& entry = *it;
            const std::string name = entry.path().filename().string();
            std::error_code type_ec;
            if (entry.is_directory(type_ec)) {
                if (!name.empty() && name[0] == '.') it.disable_recursion_pending();
                continue;
            }
            // A link to a missing file is kept so that, if its name is a migration's, reading it
            // fails loudly instead of the migration silently vanishing. Pipes and devices are skipped.
            const bool dangling_link = entry.is_symlink(type_ec) && !entry.exists(type_ec);
            if (!dangling_link && !entry.is_regular_file(type_ec)) continue;
            std::string relative = entry.path().lexically_relative(loc.root).generic_string();
            if (loc.filter && !std::regex_match(relative, *loc.filter)) continue;
            found.push_back({entry.path(), std::move(relative)});
        }
        std::sort(found.begin(), found.end(),
                  [](const scanned_file& a, const scanned_file& b) { return a.path < b.path; });
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

}  // namespace jetway::core
