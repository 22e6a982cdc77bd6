// SPDX-License-Identifier: Apache-2.0
#include "placeholder_replacer.hpp"

#include <jetway/core/error.hpp>

#include "../support/text.hpp"

#include <algorithm>
#include <cctype>

namespace jetway::core {
placeholder_replacer::placeholder_replacer(const std::map<std::string, std::string>& values,
                                           std::string prefix, std::string suffix,
                                           std::string file)
    : prefix_(std::move(prefix)), suffix_(std::move(suffix)), file_(std::move(file)) {
    for (const auto& [name, value] : values) values_[to_lower(name)] = value;
}

void placeholder_replacer::replace(const std::string& name, std::string& out) const {
    const auto it = values_.find(to_lower(name));
    if (it != values_.end()) {
        out += it->second;
        return;
    }
    const std::string shown = prefix_ + name + suffix_;
    // Flyway's words: it replaces placeholders in the whole file before parsing, so it always
    // says line 1 col 1. The line the placeholder is really at follows on a line of its own.
    const std::string flyway = "Unable to parse statement in " + file_ +
                               " at line 1 col 1. See https://rd.gt/3ipi7Pm for more information. ";
    const std::string where = "\n(the placeholder is at line " + std::to_string(line_) + ")";
    if (to_lower(name).rfind("flyway:", 0) == 0)
        throw error(error_code::resolution_failed, flyway + "Failed to populate value for default placeholder: " + shown + where);
    throw error(error_code::resolution_failed,
                flyway + "No value provided for placeholder: " + shown + ".  Check your configuration!" + where);
}

void placeholder_replacer::feed(std::string_view text, std::string& out) {
    std::size_t i = 0;
    while (i < text.size()) {
        if (in_name_) {
            const char c = text[i++];
            held_ += c;
            if (c == '\n') ++line_;
            if (held_.size() >= prefix_.size() + suffix_.size() &&
                held_.compare(held_.size() - suffix_.size(), suffix_.size(), suffix_) == 0) {
                replace(held_.substr(prefix_.size(), held_.size() - prefix_.size() - suffix_.size()), out);
                held_.clear();
                in_name_ = false;
            }
            continue;
        }
        if (held_.empty()) {
            // Fast path: copy everything up to the next possible prefix start in one go.
            const std::size_t pos = text.find(prefix_[0], i);
            const std::size_t end = pos == std::string_view::npos ? text.size() : pos;
            out.append(text.substr(i, end - i));
            line_ += count_newlines(text.substr(i, end - i));
            i = end;
            if (i == text.size()) break;
        }
        held_ += text[i++];
        if (held_ == prefix_) {
            in_name_ = true;
        } else if (prefix_.compare(0, held_.size(), held_) != 0) {
            // Not a prefix after all. Like Flyway, the characters read ahead are passed on
            // without being looked at again: "$${x}" stays "$${x}" with prefix "${".
            out += held_;
            line_ += static_cast<std::size_t>(std::count(held_.begin(), held_.end(), '\n'));
            held_.clear();
        }
    }
}

void placeholder_replacer::finish(std::string& out) {
    if (in_name_) {
        // Flyway reads to the end of the input; the "name" then loses its last suffix-length
        // characters. The script is broken either way: report the placeholder as unknown.
        const std::string name = held_.substr(prefix_.size());
        held_.clear();
        in_name_ = false;
        replace(name.substr(0, name.size() >= suffix_.size() ? name.size() - suffix_.size() : 0), out);
        return;
    }
    out += held_;
    held_.clear();
}

}  // namespace jetway::core
