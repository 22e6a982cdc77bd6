// SPDX-License-Identifier: Apache-2.0
#include "config_readers.hpp"
#include "../support/text.hpp"

#include <regex>
#include <sstream>
#include <vector>

namespace jetway::core {
namespace {

bool starts_with(const std::string& text, const std::string& prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

// ${NAME} -> the variable's value, empty when unset (Flyway's pre-processing).
std::string expand_environment(const std::string& text,
                               const std::map<std::string, std::string>& environment) {
    static const std::regex reference(R"(\$\{([A-Za-z0-9_]+)\})");
    std::string out;
    auto begin = std::sregex_iterator(text.begin(), text.end(), reference);
    std::size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        out.append(text, last, static_cast<std::size_t>(it->position()) - last);
        const auto var = environment.find((*it)[1].str());
        if (var != environment.end()) out += var->second;
        last = static_cast<std::size_t>(it->position() + it->length());
    }
    out.append(text, last);
    return out;
}

struct logical_line {
    std::string text;
    int line_number;
};

// Joins '\'-continued lines. A continuation stops at an empty line or a new flyway. property,
// so a value that happens to end in a backslash (C:\dir\) does not swallow the next setting.
std::vector<logical_line> logical_lines(const std::string& text) {
    std::vector<std::string> physical;
    std::stringstream in(text);
    for (std::string line; std::getline(in, line);) physical.push_back(trim(line));
    std::vector<logical_line> out;
    for (std::size_t i = 0; i < physical.size(); ++i) {
        logical_line current{physical[i], static_cast<int>(i) + 1};
        while (!current.text.empty() && current.text.back() == '\\' && i + 1 < physical.size() &&
               !physical[i + 1].empty() && !starts_with(physical[i + 1], "flyway.")) {
            current.text.pop_back();
            current.text += physical[++i];
        }
        out.push_back(std::move(current));
    }
    return out;
}

}  // namespace

raw_settings read_conf_text(const std::string& text, const std::string& name,
                            const std::map<std::string, std::string>& environment) {
    raw_settings out;
    for (const logical_line& line : logical_lines(text)) {
        if (line.text.empty() || line.text[0] == '#' || line.text[0] == '!') continue;
        // Java properties: the key ends at the first '=', ':' or blank.
        const std::size_t end = line.text.find_first_of("=: \t");
        std::string key = line.text.substr(0, end);
        std::string value;
        if (end != std::string::npos) {
            std::size_t start = line.text.find_first_not_of(" \t", end);
            if (start != std::string::npos && (line.text[start] == '=' || line.text[start] == ':'))
                start = line.text.find_first_not_of(" \t", start + 1);
            if (start != std::string::npos) value = line.text.substr(start);
        }
        if (!starts_with(key, "flyway.")) continue;  // Flyway ignores foreign keys
        out.push_back({key.substr(7), expand_environment(value, environment), std::nullopt,
                       "file " + name + ":" + std::to_string(line.line_number)});
    }
    return out;
}

}  // namespace jetway::core
