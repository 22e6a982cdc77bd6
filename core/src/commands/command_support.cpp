// SPDX-License-Identifier: Apache-2.0
#include "command_support.hpp"

#include <jetway/core/error.hpp>

#include <algorithm>

namespace jetway::core {

std::string quoted_schema(session& s) { return s.connection().quote_identifier(s.default_schema()); }

std::string migration_text(session& s, const resolved_migration& m) {
    const std::string schema = "schema " + quoted_schema(s);
    if (!m.version) return schema + " with repeatable migration \"" + m.description + "\"";
    return schema + " to version \"" + m.version->text() + (m.description.empty() ? "" : " - " + m.description) + "\"";
}

long long elapsed_ms(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}

std::vector<ignore_pattern> ignore_patterns(const configuration& config, const std::vector<std::string>& extra) {
    std::vector<std::string> patterns = config.ignore_migration_patterns;
    for (const auto& [state, on] : config.legacy_ignore_states) {
        const std::string pattern = "*:" + state;
        patterns.erase(std::remove(patterns.begin(), patterns.end(), pattern), patterns.end());
        if (on) patterns.push_back(pattern);
    }
    std::vector<ignore_pattern> out;
    for (const std::string& p : patterns) out.push_back(ignore_pattern::parse(p));
    for (const std::string& p : extra) out.push_back(ignore_pattern::parse(p));
    return out;
}

}  // namespace jetway::core
