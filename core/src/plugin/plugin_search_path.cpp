// SPDX-License-Identifier: Apache-2.0
#include <jetway/core/plugin_search_path.hpp>

#include <boost/dll/runtime_symbol_info.hpp>

namespace jetway::core {

std::filesystem::path installation_root() {
    // The file that holds this code: libjetway.so in <root>/lib, for the jetway command in
    // <root>/bin and for any program linking the library alike; a program that has the engine
    // built in (the tests) is its own file. Links are resolved: the real file counts.
    const std::filesystem::path module = boost::dll::this_line_location().string();
    return std::filesystem::weakly_canonical(module).parent_path().parent_path();
}

std::vector<plugin_directory> plugin_search_path(const std::filesystem::path& install_root,
                                                 const std::vector<std::string>& jar_dirs,
                                                 const std::filesystem::path& working_dir) {
    std::vector<plugin_directory> dirs;
    dirs.push_back({install_root / "jars", "the installation's jars directory"});
    for (const std::string& dir : jar_dirs) {
        if (dir.empty()) continue;
        std::filesystem::path path = dir;
        if (path.is_relative()) path = working_dir / path;
        dirs.push_back({path.lexically_normal(), "from jarDirs"});
    }
    return dirs;
}

std::string describe_search_path(const std::vector<plugin_directory>& dirs) {
    std::string out;
    for (const plugin_directory& dir : dirs) {
        if (!out.empty()) out += "; ";
        out += dir.path.string() + " (" + dir.why;
        std::error_code ec;
        if (!std::filesystem::is_directory(dir.path, ec)) out += ", does not exist";
        out += ")";
    }
    return out;
}

}  // namespace jetway::core
