// SPDX-License-Identifier: Apache-2.0
#include "plugins_command.hpp"

#include <jetway/core/ascii_table.hpp>

namespace jetway::cli {

std::string render_plugins_report(core::plugin_registry& registry) {
    std::vector<std::vector<std::string>> rows;
    for (const core::plugin_report& r : registry.load_all()) {
        std::vector<std::string> row{r.file.string(), "", "", "", "", "", r.status};
        if (r.metadata) {
            const core::plugin_metadata& m = *r.metadata;
            std::string schemes;
            for (const std::string& s : m.schemes) schemes += (schemes.empty() ? "" : ", ") + s;
            row[1] = m.kind;
            row[2] = m.name;
            row[3] = m.version;
            row[4] = std::to_string(m.api_major) + "." + std::to_string(m.api_minor);
            row[5] = schemes;
        }
        rows.push_back(std::move(row));
    }
    std::string searched;
    for (const auto& dir : registry.directories())
        searched += "  " + dir.path.string() + " (" + dir.why + ")\n";
    return core::render_ascii_table({"File", "Kind", "Name", "Version", "API", "Schemes", "Status"},
                              rows, "No plugins found") +
           "Searched:\n" + searched;
}

nlohmann::ordered_json plugins_document(core::plugin_registry& registry) {
    nlohmann::ordered_json plugins = nlohmann::ordered_json::array();
    for (const core::plugin_report& r : registry.load_all()) {
        nlohmann::ordered_json p{{"file", r.file.string()}, {"status", r.status}};
        if (r.metadata) {
            const core::plugin_metadata& m = *r.metadata;
            p["kind"] = m.kind;
            p["name"] = m.name;
            p["version"] = m.version;
            p["api"] = std::to_string(m.api_major) + "." + std::to_string(m.api_minor);
            p["schemes"] = m.schemes;
        }
        plugins.push_back(std::move(p));
    }
    nlohmann::ordered_json searched = nlohmann::ordered_json::array();
    for (const auto& dir : registry.directories()) searched.push_back({{"path", dir.path.string()}, {"why", dir.why}});
    return {{"flywayVersion", JETWAY_VERSION}, {"operation", "plugins"}, {"plugins", plugins}, {"searched", searched}};
}

}  // namespace jetway::cli
