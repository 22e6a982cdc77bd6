// SPDX-License-Identifier: Apache-2.0
// flyway.toml through toml++ (Debian's libtomlplusplus-dev): a well-kept parser that reports
// line and column, rather than one of our own.
#include "config_readers.hpp"

#include <jetway/core/error.hpp>

#include <toml++/toml.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace jetway::core {
namespace {

// The resolvers Flyway's TOML knows (vault, localSecret, dapr, gcsm, azure, ...) and that Jetway
// does not: a value must never reach the database as the literal "${vault.key}".
bool looks_like_resolver(const std::string& inner, std::string& name) {
    const std::size_t dot = inner.find('.');
    if (dot == std::string::npos || dot == 0) return false;
    for (std::size_t i = 0; i < dot; ++i)
        if (!std::isalnum(static_cast<unsigned char>(inner[i])) && inner[i] != '_') return false;
    name = inner.substr(0, dot);
    return true;
}

// How the user wrote the key: "flyway.password", "environments.ci.password".
std::string written_key(const std::string& key) {
    return key.compare(0, 13, "environments.") == 0 ? key : "flyway." + key;
}

// Jetway's own resolver, for container secrets: ${file./run/secrets/db} is that file's content
// without its trailing newline. Relative paths are read from the TOML file's folder.
std::string read_secret_file(const std::string& path, const std::string& key, const std::string& origin,
                             const std::filesystem::path& base) {
    std::filesystem::path file = path;
    if (file.is_relative()) file = base / file;
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw error(error_code::configuration, "Unable to read " + file.string() + " for " + written_key(key) +
                                                   " through the file resolver (" + origin + ")");
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
}

// ${env.VAR} -> value (an error when unset), ${file.PATH} -> the file's content, $${x} -> literal
// ${x}, !{x} -> literal x; any other ${resolver.x} is an error.
std::string resolve(const std::string& text, const std::string& key, const std::string& origin,
                    const std::map<std::string, std::string>& environment, const std::filesystem::path& base) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text.compare(i, 3, "$${") == 0) {
            const std::size_t close = text.find('}', i);
            if (close != std::string::npos) {
                out += text.substr(i + 1, close - i);
                i = close + 1;
                continue;
            }
        }
        if (text.compare(i, 2, "!{") == 0) {
            const std::size_t close = text.find('}', i);
            if (close != std::string::npos) {
                out += text.substr(i + 2, close - i - 2);
                i = close + 1;
                continue;
            }
        }
        if (text.compare(i, 2, "${") == 0) {
            const std::size_t close = text.find('}', i);
            if (close != std::string::npos) {
                const std::string inner = text.substr(i + 2, close - i - 2);
                if (inner.find("${") != std::string::npos)
                    throw error(error_code::configuration,
                                "Resolvers cannot be nested: " + text + " (" + origin + ")");
                std::string resolver;
                if (looks_like_resolver(inner, resolver)) {
                    const std::string argument = inner.substr(resolver.size() + 1);
                    if (resolver == "env") {
                        const auto var = environment.find(argument);
                        if (var == environment.end())
                            throw error(error_code::configuration,
                                        "Unable to resolve environment variable: '" + argument + "' (" + origin + ")");
                        out += var->second;
                    } else if (resolver == "file") {
                        out += read_secret_file(argument, key, origin, base);
                    } else {
                        throw error(error_code::configuration,
                                    written_key(key) + " uses the '" + resolver + "' resolver (${" + inner + "}, " + origin +
                                        "), which Jetway does not support: it resolves ${env.VARIABLE} and ${file.PATH}. "
                                        "Put the secret in an environment variable or a file and use one of those");
                    }
                    i = close + 1;
                    continue;
                }
            }
        }
        out += text[i++];
    }
    return out;
}

class flattener {
 public:
    flattener(std::string name, const std::map<std::string, std::string>& environment)
        : name_(std::move(name)), environment_(environment),
          base_(std::filesystem::path(name_).parent_path()) {}

    void walk(const toml::table& table, const std::string& path) {
        for (const auto& [key, node] : table) {
            const std::string full = path.empty() ? std::string(key.str())
                                                  : path + "." + std::string(key.str());
            if (const toml::table* child = node.as_table()) {
                walk(*child, full);
                continue;
            }
            add(full, node);
        }
    }
    raw_settings take() { return std::move(out_); }

 private:
    std::string text_of(const toml::node& node, const std::string& key, const std::string& origin) {
        if (const auto* s = node.as_string()) return resolve(s->get(), key, origin, environment_, base_);
        if (const auto* b = node.as_boolean()) return b->get() ? "true" : "false";
        if (const auto* i = node.as_integer()) return std::to_string(i->get());
        if (const auto* f = node.as_floating_point()) return std::to_string(f->get());
        // Dates and times: TOML's own text form is what a Flyway user would expect.
        std::ostringstream text;
        if (const auto* d = node.as_date()) text << d->get();
        else if (const auto* t = node.as_time()) text << t->get();
        else if (const auto* dt = node.as_date_time()) text << dt->get();
        return text.str();
    }

    void add(const std::string& path, const toml::node& node) {
        // Only Flyway's namespaces: [flyway...] and [environments...]; others are other tools'.
        std::string key;
        if (path.compare(0, 7, "flyway.") == 0) key = path.substr(7);
        else if (path.compare(0, 13, "environments.") == 0) key = path;
        else return;
        const std::string origin =
            "file " + name_ + ":" + std::to_string(node.source().begin.line);
        raw_setting s{key, {}, std::nullopt, origin};
        if (const toml::array* array = node.as_array()) {
            std::vector<std::string> items;
            for (const toml::node& item : *array) items.push_back(text_of(item, key, origin));
            std::string joined;
            for (const auto& item : items) joined += (joined.empty() ? "" : ",") + item;
            s.value = joined;
            s.items = std::move(items);
        } else {
            s.value = text_of(node, key, origin);
        }
        out_.push_back(std::move(s));
    }

    std::string name_;
    const std::map<std::string, std::string>& environment_;
    std::filesystem::path base_;
    raw_settings out_;
};

}  // namespace

raw_settings read_toml_text(const std::string& text, const std::string& name,
                            const std::map<std::string, std::string>& environment) {
    toml::table root;
    try {
        root = toml::parse(text, name);
    } catch (const toml::parse_error& e) {
        throw error(error_code::configuration,
                    "Error parsing config file " + name + " at [line " +
                        std::to_string(e.source().begin.line) + ", column " +
                        std::to_string(e.source().begin.column) +
                        "] caused by: " + std::string(e.description()));
    }
    flattener f(name, environment);
    f.walk(root, "");
    return f.take();
}

}  // namespace jetway::core
