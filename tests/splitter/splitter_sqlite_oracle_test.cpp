// SPDX-License-Identifier: Apache-2.0
// Differential test: Jetway's splitter with the SQLite driver's dialect against SQLite's own
// tokenizer, sqlite3_complete(). A ';' ends a statement for SQLite when the text up to it is
// complete; both must find the same statements in every SQLite case file, every SQLite row of
// lexer_rows.hpp and a generated set that combines every lexical form with every other.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "lexer_rows.hpp"
#include "splitter_support.hpp"

namespace fs = std::filesystem;

namespace {

struct oracle_outcome {
    std::vector<std::string> statements;
    bool incomplete = false;  // text is left that SQLite would wait for more of
};

oracle_outcome sqlite_split(const std::string& text) {
    oracle_outcome out;
    std::size_t start = 0;
    for (std::size_t i = text.find(';'); i != std::string::npos; i = text.find(';', i + 1)) {
        if (sqlite3_complete(text.substr(0, i + 1).c_str()) == 0) continue;
        out.statements.push_back(text.substr(start, i - start));
        start = i + 1;
    }
    const std::string rest = text.substr(start);
    // Text after the last ';' is a statement (Flyway runs it) unless it is only comments; SQLite
    // would call it incomplete when a string, identifier or trigger is still open in it (a
    // comment open at the end is one: "*/" closes it, as SQLite ends it at the end of input).
    if (!jetway::test::bare(rest, false).empty()) {
        out.statements.push_back(rest);
        out.incomplete = sqlite3_complete((text + "\n*/;").c_str()) == 0;
    }
    return out;
}

std::string show(const std::vector<std::string>& statements, const std::string& error) {
    std::string out;
    for (const auto& s : statements) out += "  [" + s + "]\n";
    if (!error.empty()) out += "  ERROR: " + error + "\n";
    return out;
}

void expect_same(const jetway::core::dialect_rules& rules, const std::string& text, const std::string& what) {
    const auto jetway = jetway::test::split_text(rules, text, text.size() + 1);
    const auto oracle = sqlite_split(text);
    const auto ours = jetway::test::bare_statements(jetway.statements, false);
    const auto theirs = jetway::test::bare_statements(oracle.statements, false);
    const bool same = jetway.error.empty() && !oracle.incomplete ? ours == theirs : !jetway.error.empty() && oracle.incomplete;
    EXPECT_TRUE(same) << what << "\n--- input:\n" << text << "\n--- Jetway:\n" << show(ours, jetway.error)
                      << "--- sqlite3_complete:\n" << show(theirs, oracle.incomplete ? "incomplete" : "");
}

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

class SplitterSqliteOracle : public ::testing::Test {
 protected:
    void SetUp() override {
        rules_ = jetway::test::shipped_dialect("sqlite");
        if (!rules_) GTEST_SKIP() << "no sqlite driver in build/jars";
    }
    std::optional<jetway::core::dialect_rules> rules_;
};

TEST_F(SplitterSqliteOracle, EveryCaseFile) {
    // Flyway's rules: BEGIN opens a block, so a transaction never ends (spec 7.6); an open
    // parenthesis keeps the statement open (SQLite would reject the text anyway).
    const std::set<std::string> flyway_rules = {"begin_transaction.sql", "open_paren.sql"};
    int files = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(JW_SPLITTER_CASES) / "sqlite")) {
        if (entry.path().extension() != ".sql" || flyway_rules.count(entry.path().filename().string()) != 0) continue;
        expect_same(*rules_, read(entry.path()), entry.path().string());
        ++files;
    }
    EXPECT_GE(files, 5);
}

TEST_F(SplitterSqliteOracle, EveryLexerRow) {
    for (const auto& row : jetway::test::sqlite_rows)
        if (!row.flyway) expect_same(*rules_, row.input, row.form);
}

TEST_F(SplitterSqliteOracle, GeneratedStatements) {
    const std::vector<std::string> forms = {
        "1", "'a;b'", "'it''s;'", "'\\'", "E'\\'", "\"q;\"\"x\"", "`b;``t`", "[a;b]", "[a\"]", "X'0A'", "x'ff'",
        "/* c; */ 1", "/* a /* b; */ 1", "1 -- c;\n", "1--1\n", "CASE WHEN 1 THEN 'x;' END", "$a", ":a", "?1", "@a",
        "(SELECT 1)", "'a' || 'b'",
    };
    const std::vector<std::string> separators = {";", ";\n", " ;  ", ";-- c;\n", ";/* c; */"};
    for (const std::string& a : forms) {
        std::string script;
        std::size_t n = 0;
        for (const std::string& b : forms) script += "SELECT " + a + ", " + b + separators[n++ % separators.size()];
        expect_same(*rules_, script, "SELECT " + a + ", <each form>");
    }
    const std::vector<std::string> statements = {
        "CREATE TABLE \"t;\" (a INTEGER, [b;c] TEXT DEFAULT 'x;', `d` BLOB DEFAULT X'00')",
        "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = CASE WHEN new.a THEN ';' END; DELETE FROM u; END",
        "CREATE TEMP TRIGGER tr2 BEFORE DELETE ON t FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'no;'); END",
        "CREATE VIEW v AS SELECT CASE a WHEN 1 THEN 'one' ELSE 'other;' END AS x FROM t",
    };
    std::string script;
    for (const std::string& s : statements) script += s + ";\n";
    expect_same(*rules_, script, "statements");
}

}  // namespace
