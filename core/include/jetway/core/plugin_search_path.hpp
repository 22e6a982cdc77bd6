// SPDX-License-Identifier: Apache-2.0
// Where plugins are looked for, and why each directory is on the list (for error messages).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace jetway::core {

struct plugin_directory {
    std::filesystem::path path;
    std::string why;  // e.g. "the installation's jars/ directory"
};

/// The installation root: the parent of the directory holding the running executable
/// (<root>/bin/jetway), found from the executable itself, never from the working directory.
std::filesystem::path installation_root();

/// The install's jars/ first, then each of `jar_dirs` (relative ones against working_dir).
std::vector<plugin_directory> plugin_search_path(const std::filesystem::path& install_root,
                                                 const std::vector<std::string>& jar_dirs,
                                                 const std::filesystem::path& working_dir);

/// "DIR (why); DIR (why)" for messages.
std::string describe_search_path(const std::vector<plugin_directory>& dirs);

}  // namespace jetway::core
