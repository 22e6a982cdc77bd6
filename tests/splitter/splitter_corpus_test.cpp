// SPDX-License-Identifier: Apache-2.0
// Data-driven splitter cases per dialect (spec §7). Each case is split twice: whole, and fed
// one byte at a time, which must give the same statements (streaming across chunk edges).
#include <jetway/core/error.hpp>
#include <jetway/core/plugin_registry.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include "sql/statement_splitter.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using jetway::core::split_statement;

namespace {

// "@@ LINE:COL[ non-transactional]" starts each expected statement; its text follows.
std::string render(const std::vector<split_statement>& statements) {
    std::string out;
    for (const auto& s : statements) {
        if (s.copy == split_statement::copy_part::data) {
            out += s.copy_data;
            continue;
        }
        if (s.copy == split_statement::copy_part::end) {
            out += "@@ copy end\n";
            continue;
        }
        out += "@@ " + std::to_string(s.line) + ":" + std::to_string(s.column) +
               (s.non_transactional ? " non-transactional" : "") + "\n" + s.sql + "\n";
        if (s.copy == split_statement::copy_part::begin) out += "@@ copy data\n";
    }
    return out;
}

std::string split(const jetway::core::dialect_rules& rules, const std::string& text, std::size_t chunk) {
    std::vector<split_statement> out;
    jetway::core::statement_splitter splitter(rules);
    auto emit = [&](split_statement&& s) { out.push_back(std::move(s)); };
    try {
        for (std::size_t i = 0; i < text.size(); i += chunk) splitter.feed(std::string_view(text).substr(i, chunk), emit);
        splitter.finish(emit);
    } catch (const jetway::core::error& e) {
        return std::string("ERROR: ") + e.what() + "\n";
    }
    return render(out);
}

TEST(SplitterCorpus, EveryCaseOfEveryInstalledDialect) {
    jetway::core::plugin_registry registry({{fs::path(JW_TEST_BUILD_DIR) / "jars", "build"}});
    int cases = 0;
    for (const auto& dialect_dir : fs::directory_iterator(JW_SPLITTER_CASES)) {
        const std::string scheme = dialect_dir.path().filename().string();
        const auto& candidates = registry.candidates();
        const bool installed = std::any_of(candidates.begin(), candidates.end(), [&](const auto& c) {
            return c.metadata && std::find(c.metadata->schemes.begin(), c.metadata->schemes.end(), scheme) != c.metadata->schemes.end();
        });
        if (!installed) {
            // A driver switched off at configure time (its client library missing) has no dialect here.
            std::cout << "[ NOTE ] no " << scheme << " driver in build/jars: its splitter cases were not run\n";
            continue;
        }
        auto library = registry.driver_for_scheme(scheme, scheme + ":");
        const auto rules = jetway::core::dialect_rules::from(library->dialect(), library->non_transactional_patterns());
        for (const auto& entry : fs::directory_iterator(dialect_dir.path())) {
            if (entry.path().extension() != ".sql") continue;
            const std::string input = jetway::test::read_file(entry.path());
            fs::path expected_file = entry.path();
            expected_file.replace_extension(".expected");
            std::string expected;
            if (fs::exists(expected_file)) {
                expected = jetway::test::read_file(expected_file);
            } else {
                expected_file.replace_extension(".error");
                expected = "ERROR: " + jetway::test::read_file(expected_file);
            }
            EXPECT_EQ(split(rules, input, input.size() + 1), expected) << entry.path();
            EXPECT_EQ(split(rules, input, 1), expected) << entry.path() << " fed byte by byte";
            ++cases;
        }
    }
    EXPECT_GE(cases, 10);
}

}  // namespace
