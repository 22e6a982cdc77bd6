// SPDX-License-Identifier: Apache-2.0
// flyway.toml through toml++ (Debian's libtomlplusplus-dev): a well-kept parser that reports
// line and column, rather than one of our own.
#include "config_readers.hpp"

#include <jetway/core/error.hpp>

#include <toml++/toml.h>

#include <sstream>

namespace jetway::core {
namespace {

// ${env.VAR} -> value (an error when unset), $${x} -> literal ${x}, !{x} -> literal x.
std::string resolve(const std::string& text, const std::string& origin,
                    const std::map<std::string, std::string>& environment) {
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
                if (inner.compare(0, 4, "env.") == 0) {
                    const auto var = environment.find(inner.substr(4));
                    if (var == environment.end())
                        throw error(error_code::configuration,
                                    "Unable to resolve environment variable: '" + inner.substr(4) +
                                        "' (" + origin + ")");
                    out += var->second;
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
        : name_(std::move(name)), environment_(environment) {}

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
    std::string text_of(const toml::node& node, const std::string& origin) {
        if (const auto* s = node.as_string()) return resolve(s->get(), origin, environment_);
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
            for (const toml::node& item : *array) items.push_back(text_of(item, origin));
            std::string joined;
            for (const auto& item : items) joined += (joined.empty() ? "" : ",") + item;
            s.value = joined;
            s.items = std::move(items);
        } else {
            s.value = text_of(node, origin);
        }
        out_.push_back(std::move(s));
    }

    std::string name_;
    const std::map<std::string, std::string>& environment_;
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
