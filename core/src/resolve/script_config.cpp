// SPDX-License-Identifier: Apache-2.0
#include "script_config.hpp"

#include <jetway/core/error.hpp>

#include "../config/config_readers.hpp"
#include "placeholder_replacer.hpp"
#include "../support/text.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace jetway::core {

script_settings read_script_settings(const std::filesystem::path& script,
                                     const std::map<std::string, std::string>& placeholders,
                                     const std::string& placeholder_prefix,
                                     const std::string& placeholder_suffix,
                                     const std::map<std::string, std::string>& environment) {
    script_settings settings;
    const std::filesystem::path file = script.string() + ".conf";
    std::ifstream in(file, std::ios::binary);
    if (!in) return settings;
    std::stringstream buffer;
    buffer << in.rdbuf();
    // The same syntax as flyway.conf but without the "flyway." prefix: prefix it for the reader.
    std::string prefixed;
    std::stringstream lines(buffer.str());
    for (std::string line; std::getline(lines, line);) {
        const auto first = line.find_first_not_of(" \t");
        const bool content = first != std::string::npos && line[first] != '#' && line[first] != '!';
        prefixed += (content ? "flyway." + line.substr(first) : line) + "\n";
    }
    for (const raw_setting& s : read_conf_text(prefixed, file.string(), environment)) {
        placeholder_replacer replacer(placeholders, placeholder_prefix, placeholder_suffix, file.string());
        std::string value;
        replacer.feed(s.value, value);
        replacer.finish(value);
        auto boolean = [&]() {
            const std::string v = to_lower(value);
            if (v == "true") return true;
            if (v == "false") return false;
            throw error(error_code::configuration, "Invalid value for " + s.key +
                                                       " (should be either true or false): " + value +
                                                       " (" + s.origin + ")");
        };
        if (s.key == "executeInTransaction") settings.execute_in_transaction = boolean();
        else if (s.key == "placeholderReplacement") settings.placeholder_replacement = boolean();
        else if (s.key == "encoding") settings.encoding = value;
        else if (s.key == "shouldExecute") settings.should_execute = value;
        else
            throw error(error_code::configuration, "Unknown configuration property: " + s.key +
                                                       ". Please check your script config files (" +
                                                       s.origin + ")");
    }
    return settings;
}

}  // namespace jetway::core
