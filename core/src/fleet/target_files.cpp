// SPDX-License-Identifier: Apache-2.0
// Targets written down: a plain list, a TOML file, and an earlier run's JSON document.
#include "target_sources.hpp"

#include "../support/text.hpp"

#include <jetway/core/error.hpp>

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

#include <fstream>
#include <sstream>

namespace jetway::core {
namespace {

[[noreturn]] void bad_target(const std::string& where, const std::string& what) {
    throw error(error_code::configuration, "Invalid target at " + where + ": " + what);
}

}  // namespace

std::vector<std::string> schema_list(std::string_view text) {
    std::vector<std::string> items;
    std::stringstream in{std::string(text)};
    for (std::string item; std::getline(in, item, ',');)
        if (const std::string t{trim(item)}; !t.empty()) items.push_back(t);
    return items;
}

std::vector<fleet_target> read_target_lines(std::string_view text, const std::string& origin) {
    std::vector<fleet_target> targets;
    std::stringstream lines{std::string(text)};
    int number = 0;
    for (std::string line; std::getline(lines, line);) {
        ++number;
        const std::string where = origin + ":" + std::to_string(number);
        std::stringstream words(line);
        std::string word;
        if (!(words >> word) || word[0] == '#') continue;
        fleet_target target{word, {}, {}, where};
        while (words >> word) {
            if (word[0] == '#') break;
            const std::size_t eq = word.find('=');
            const std::string key = word.substr(0, eq);
            if (eq == std::string::npos) bad_target(where, "'" + word + "' is not KEY=VALUE");
            const std::string value = word.substr(eq + 1);
            if (key == "schemas") target.schemas = schema_list(value);
            else if (key.rfind("placeholders.", 0) == 0 && key.size() > 13) target.placeholders[key.substr(13)] = value;
            else bad_target(where, "unknown key '" + key + "' (a target takes schemas=a,b and placeholders.NAME=VALUE)");
        }
        targets.push_back(std::move(target));
    }
    return targets;
}

std::vector<fleet_target> read_target_tables(std::string_view text, const std::string& origin) {
    toml::table document;
    try {
        document = toml::parse(text, origin);
    } catch (const toml::parse_error& e) {
        throw error(error_code::configuration, "Unable to parse " + origin + ":" +
                                                   std::to_string(e.source().begin.line) + ": " +
                                                   std::string(e.description()));
    }
    std::vector<fleet_target> targets;
    auto read = [&](const toml::table& table, const std::string& name) {
        const std::string where = origin + ":" + std::to_string(table.source().begin.line);
        fleet_target target{{}, {}, {}, where};
        for (const auto& [key, node] : table) {
            if (key == "url" && node.is_string()) {
                target.url = node.value<std::string>().value_or("");
            } else if (key == "schemas" && node.is_string()) {
                target.schemas = schema_list(*node.value<std::string>());
            } else if (key == "schemas" && node.is_array()) {
                for (const auto& item : *node.as_array())
                    if (const auto s = item.value<std::string>()) target.schemas.push_back(*s);
                    else bad_target(where, "schemas holds something that is not a string");
            } else if (key == "placeholders" && node.is_table()) {
                for (const auto& [p, v] : *node.as_table()) {
                    if (const auto s = v.value<std::string>()) target.placeholders[std::string(p.str())] = *s;
                    else bad_target(where, "placeholders." + std::string(p.str()) + " is not a string");
                }
            } else {
                bad_target(where, "unknown or mistyped key '" + std::string(key.str()) +
                                      "' (a target takes url, schemas and placeholders)");
            }
        }
        if (target.url.empty()) bad_target(where, "target " + name + " has no url");
        targets.push_back(std::move(target));
    };
    const toml::node* list = document.get("targets");
    if (list == nullptr) throw error(error_code::configuration, origin + " lists no [[targets]] or [targets.NAME] tables");
    if (const toml::array* array = list->as_array()) {
        int n = 0;
        for (const auto& item : *array) {
            ++n;
            if (!item.is_table()) bad_target(origin, "[[targets]] entry " + std::to_string(n) + " is not a table");
            read(*item.as_table(), "#" + std::to_string(n));
        }
    } else if (const toml::table* named = list->as_table()) {
        for (const auto& [name, node] : *named) {
            if (!node.is_table()) bad_target(origin, "targets." + std::string(name.str()) + " is not a table");
            read(*node.as_table(), std::string(name.str()));
        }
    } else {
        bad_target(origin, "targets must be [[targets]] or [targets.NAME] tables");
    }
    return targets;
}

previous_run read_previous_run(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw error(error_code::configuration, "Unable to read targetsFrom file " + path);
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw error(error_code::configuration, "targetsFrom file " + path + " is not JSON: " + e.what());
    }
    if (!document.is_object() || !document.contains("targets") || !document["targets"].is_array())
        throw error(error_code::configuration,
                    "targetsFrom file " + path + " is not a fleet run's -outputType=json document (it has no \"targets\")");
    previous_run run;
    for (const auto& entry : document["targets"]) {
        if (entry.value("status", "") == "succeeded") continue;
        const std::string id = entry.value("id", "");
        if (id.empty()) continue;
        run.unfinished_ids.insert(id);
        fleet_target target{entry.value("url", ""), {}, {}, path + " (" + id + ")"};
        if (entry.contains("schemas") && entry["schemas"].is_array())
            for (const auto& s : entry["schemas"]) target.schemas.push_back(s.get<std::string>());
        if (entry.contains("placeholders") && entry["placeholders"].is_object())
            for (const auto& [k, v] : entry["placeholders"].items()) target.placeholders[k] = v.get<std::string>();
        run.unfinished.push_back(std::move(target));
    }
    return run;
}

}  // namespace jetway::core
