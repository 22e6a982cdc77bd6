// SPDX-License-Identifier: Apache-2.0
// Flyway's placeholder pass (spec §8.1) over streamed text: ${name} -> value, names matched
// case-insensitively, no escapes, no re-scanning of inserted values.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace jetway::core {

class placeholder_replacer {
 public:
    /// `values` keyed by any case; `file` names the script in errors.
    placeholder_replacer(const std::map<std::string, std::string>& values, std::string prefix,
                         std::string suffix, std::string file);

    /// Appends the replaced form of `text` to `out`. Text that might be the start of a
    /// placeholder is held back until the next call. Throws core::error for an unknown name.
    void feed(std::string_view text, std::string& out);
    /// Flushes what is held back at the end of the input.
    void finish(std::string& out);

 private:
    void replace(const std::string& name, std::string& out) const;

    std::map<std::string, std::string> values_;  // lower-cased names
    std::string prefix_;
    std::string suffix_;
    std::string file_;
    std::string held_;      // a possible prefix start, or a placeholder being read
    bool in_name_ = false;  // held_ is prefix + name so far
    std::size_t line_ = 1;  // line of the text read so far, for errors
};

}  // namespace jetway::core
