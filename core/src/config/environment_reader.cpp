// SPDX-License-Identifier: Apache-2.0
#include "config_readers.hpp"
#include "setting_table.hpp"
#include "../support/text.hpp"

#include <algorithm>
#include <cctype>

namespace jetway::core {
raw_settings read_environment(const std::map<std::string, std::string>& environment) {
    raw_settings out;
    const std::string placeholders = "FLYWAY_PLACEHOLDERS_";
    const std::string properties = "FLYWAY_JDBC_PROPERTIES_";
    for (const auto& [var, value] : environment) {
        if (var.compare(0, 7, "FLYWAY_") != 0) continue;
        const std::string origin = "environment variable " + var;
        if (var.compare(0, placeholders.size(), placeholders) == 0) {
            out.push_back({"placeholders." + to_lower(var.substr(placeholders.size())), value,
                           std::nullopt, origin});
            continue;
        }
        if (var.compare(0, properties.size(), properties) == 0) {
            std::string key = to_lower(var.substr(properties.size()));
            if (key == "accesstoken") key = "accessToken";
            out.push_back({"jdbcProperties." + key, value, std::nullopt, origin});
            continue;
        }
        for (const std::string& name : known_setting_names()) {
            if (environment_variable_for(name) == var) {
                out.push_back({name, value, std::nullopt, origin});
                break;
            }
        }
        // Other FLYWAY_* variables (FLYWAY_CONFIG_FILES, FLYWAY_DO_NOT_REDACT_URL, ...) are
        // read where they matter or belong to Flyway features Jetway has no use for.
    }
    return out;
}

}  // namespace jetway::core
