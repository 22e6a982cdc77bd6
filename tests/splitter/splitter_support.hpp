// SPDX-License-Identifier: Apache-2.0
// What the splitter tests share: the shipped drivers' dialects and a splitter run that returns
// the statements' text (or the error).
#pragma once

#include <jetway/core/error.hpp>
#include <jetway/core/plugin_registry.hpp>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sql/statement_splitter.hpp"

namespace jetway::test {

/// The dialect of the driver built for `scheme`, or nothing when that driver was not built
/// (its client library missing at configure time).
inline std::optional<core::dialect_rules> shipped_dialect(const std::string& scheme) {
    static core::plugin_registry registry({{std::filesystem::path(JW_TEST_BUILD_DIR) / "jars", "build"}});
    const auto& candidates = registry.candidates();
    const bool installed = std::any_of(candidates.begin(), candidates.end(), [&](const auto& c) {
        return c.metadata && std::find(c.metadata->schemes.begin(), c.metadata->schemes.end(), scheme) != c.metadata->schemes.end();
    });
    if (!installed) return std::nullopt;
    auto library = registry.driver_for_scheme(scheme, scheme + ":");
    return core::dialect_rules::from(library->dialect(), library->non_transactional_patterns());
}

/// A split's outcome: the statements' text, COPY data left out.
struct split_outcome {
    std::vector<std::string> statements;
    std::string error;  // empty when it succeeded
    std::vector<std::string> copy_data;  // each COPY's data, joined
};

/// Splits `text` fed in pieces of `chunk` bytes.
inline split_outcome split_text(const core::dialect_rules& rules, std::string_view text, std::size_t chunk) {
    split_outcome out;
    core::statement_splitter splitter(rules);
    auto emit = [&](core::split_statement&& s) {
        using part = core::split_statement::copy_part;
        if (s.copy == part::data) out.copy_data.back() += s.copy_data;
        else if (s.copy == part::begin) out.copy_data.emplace_back();
        if (s.copy == part::none || s.copy == part::begin) out.statements.push_back(std::move(s.sql));
    };
    try {
        for (std::size_t i = 0; i < text.size(); i += chunk) splitter.feed(text.substr(i, chunk), emit);
        splitter.finish(emit);
    } catch (const core::error& e) {
        out.error = e.what();
    }
    return out;
}

/// A statement without its leading comments and surrounding white space, so statements from
/// splitters that keep or drop comments before a statement compare equal. `nested`: /* */
/// comments nest (PostgreSQL). Only comments-and-space gives "".
inline std::string bare(std::string_view s, bool nested) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    std::size_t i = 0;
    for (;;) {
        while (i < s.size() && space(s[i])) ++i;
        if (s.substr(i, 2) == "--") {
            while (i < s.size() && s[i] != '\n') ++i;
        } else if (s.substr(i, 2) == "/*") {
            int depth = 0;
            do {
                if (s.substr(i, 2) == "/*" && (nested || depth == 0)) {
                    ++depth;
                    i += 2;
                } else if (s.substr(i, 2) == "*/") {
                    --depth;
                    i += 2;
                } else {
                    ++i;
                }
            } while (depth > 0 && i < s.size());
        } else {
            break;
        }
    }
    std::size_t end = s.size();
    while (end > i && space(s[end - 1])) --end;
    return std::string(s.substr(i, end - i));
}

/// The statements that are not only comments, bare.
inline std::vector<std::string> bare_statements(const std::vector<std::string>& statements, bool nested) {
    std::vector<std::string> out;
    for (const auto& s : statements)
        if (std::string b = bare(s, nested); !b.empty()) out.push_back(std::move(b));
    return out;
}

}  // namespace jetway::test
