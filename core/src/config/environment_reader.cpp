// SPDX-License-Identifier: Apache-2.0
#include "config_readers.hpp"
#include "setting_table.hpp"
#include "../support/text.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

namespace jetway::core {
raw_settings read_environment(const std::map<std::string, std::string>& environment) {
    raw_settings out;
    const std::string placeholders = "FLYWAY_PLACEHOLDERS_";
    const std::string properties = "FLYWAY_JDBC_PROPERTIES_";
    for (const auto& entry : environment) {
        // Named, not a structured binding: clang 14 cannot capture those in a lambda.
        const std::string& var = entry.first;
        const std::string& value = entry.second;
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
        // Flyway's spellings that do not follow the rule (its own variable names, sic).
        if (var == "FLYWAY_DRYRUN_OUTPUT") {
            out.push_back({"dryRunOutput", value, std::nullopt, origin});
            continue;
        }
        if (var == "FLYWAY_COMMUNITY_DB_SUPPORT_DISABLED") {
            out.push_back({"communityDBSupportEnabled", value, std::nullopt, origin});
            continue;
        }
        const auto& names = known_setting_names();
        const auto known = std::find_if(names.begin(), names.end(),
                                        [&](const std::string& name) { return environment_variable_for(name) == var; });
        if (known != names.end()) {
            out.push_back({*known, value, std::nullopt, origin});
        } else if (var != "FLYWAY_CONFIG_FILES") {
            // Flyway drops these without a word; a misspelt FLYWAY_URLL deserves one.
            spdlog::warn("{} names no setting Jetway knows; it is ignored", origin);
        }
    }
    return out;
}

}  // namespace jetway::core
