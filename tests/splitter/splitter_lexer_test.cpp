// SPDX-License-Identifier: Apache-2.0
// The lexical forms of lexer_rows.hpp, split with the shipped drivers' dialects: whole, byte by
// byte and in pieces of three bytes, which must all give the row's statements (or its error).
#include <gtest/gtest.h>

#include "lexer_rows.hpp"
#include "splitter_support.hpp"

namespace {

using jetway::test::lexer_row;

std::string describe(const jetway::test::split_outcome& o) {
    std::string out;
    for (const auto& s : o.statements) out += "[" + s + "]\n";
    if (!o.error.empty()) out += "ERROR: " + o.error + "\n";
    return out;
}

void check(const std::string& scheme, const std::vector<lexer_row>& rows) {
    const auto rules = jetway::test::shipped_dialect(scheme);
    if (!rules) GTEST_SKIP() << "no " << scheme << " driver in build/jars";
    for (const lexer_row& r : rows) {
        const std::string input = r.input;
        for (const std::size_t chunk : {input.size() + 1, std::size_t{1}, std::size_t{3}}) {
            const auto got = jetway::test::split_text(*rules, input, chunk);
            const std::string where = scheme + ": " + r.form + " (in pieces of " + std::to_string(chunk) + ")\n" + describe(got);
            if (r.error != nullptr) {
                EXPECT_EQ(got.error.substr(0, std::string(r.error).size()), r.error) << where;
            } else {
                EXPECT_EQ(got.error, "") << where;
                EXPECT_EQ(got.statements, r.statements) << where;
            }
        }
    }
}

TEST(SplitterLexer, PostgresqlForms) { check("postgresql", jetway::test::postgresql_rows); }
TEST(SplitterLexer, MysqlForms) { check("mysql", jetway::test::mysql_rows); }
TEST(SplitterLexer, SqliteForms) { check("sqlite", jetway::test::sqlite_rows); }

}  // namespace
