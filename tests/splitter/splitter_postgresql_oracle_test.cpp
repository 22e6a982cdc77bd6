// SPDX-License-Identifier: Apache-2.0
// Differential test: Jetway's splitter with the PostgreSQL driver's dialect against PostgreSQL's
// own scanner and parser (libpg_query, PostgreSQL 15). Both must find the same statements in
// every PostgreSQL case file, every PostgreSQL row of lexer_rows.hpp and a generated set that
// combines every lexical form with every other. The parser splits where it parses the input
// (it knows BEGIN ATOMIC bodies); otherwise its scanner does. COPY data, which Flyway's rules
// take out of the script, is left out of what libpg_query reads.
#include <pg_query.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "lexer_rows.hpp"
#include "splitter_support.hpp"

namespace fs = std::filesystem;

namespace {

struct oracle_outcome {
    std::vector<std::string> statements;
    std::string error;
    bool parsed = false;  // split by the parser, not only the scanner
};

oracle_outcome pg_split(const std::string& text) {
    oracle_outcome out;
    PgQuerySplitResult r = pg_query_split_with_parser(text.c_str());
    out.parsed = r.error == nullptr;
    if (r.error != nullptr) {
        pg_query_free_split_result(r);
        r = pg_query_split_with_scanner(text.c_str());
    }
    if (r.error != nullptr) {
        out.error = r.error->message;
    } else {
        for (int i = 0; i < r.n_stmts; ++i) {
            const auto at = static_cast<std::size_t>(r.stmts[i]->stmt_location);
            const auto len = static_cast<std::size_t>(r.stmts[i]->stmt_len);  // 0: to the end
            out.statements.push_back(text.substr(at, len == 0 ? std::string::npos : len));
        }
    }
    pg_query_free_split_result(r);
    return out;
}

// The script without the COPY data Jetway took out (each block and its "\." line).
std::string without_copy_data(std::string text, const std::vector<std::string>& copy_data) {
    std::size_t from = 0;
    for (const std::string& data : copy_data) {
        std::size_t end = text.find("\\.", from);
        while (end != std::string::npos && end > 0 && text[end - 1] != '\n') end = text.find("\\.", end + 1);
        if (end == std::string::npos || end < data.size() || text.compare(end - data.size(), data.size(), data) != 0) {
            ADD_FAILURE() << "COPY data not found before a \\. line: " << data;
            return text;
        }
        const std::size_t eol = text.find('\n', end);
        const std::size_t start = end - data.size();
        text.erase(start, (eol == std::string::npos ? text.size() : eol + 1) - start);
        from = start;
    }
    return text;
}

std::string show(const std::vector<std::string>& statements, const std::string& error) {
    std::string out;
    for (const auto& s : statements) out += "  [" + s + "]\n";
    if (!error.empty()) out += "  ERROR: " + error + "\n";
    return out;
}

// Jetway and libpg_query agree on `text`: the same statements, or both fail. Returns whether
// PostgreSQL's parser accepted the text.
bool expect_same(const jetway::core::dialect_rules& rules, const std::string& text, const std::string& what) {
    const auto jetway = jetway::test::split_text(rules, text, text.size() + 1);
    const auto oracle = pg_split(without_copy_data(text, jetway.copy_data));
    const auto ours = jetway::test::bare_statements(jetway.statements, true);
    const auto theirs = jetway::test::bare_statements(oracle.statements, true);
    const bool same = jetway.error.empty() && oracle.error.empty() ? ours == theirs : !jetway.error.empty() && !oracle.error.empty();
    EXPECT_TRUE(same) << what << "\n--- input:\n" << text << "\n--- Jetway:\n" << show(ours, jetway.error)
                      << "--- libpg_query:\n" << show(theirs, oracle.error);
    return oracle.parsed;
}

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

class SplitterPostgresqlOracle : public ::testing::Test {
 protected:
    void SetUp() override {
        rules_ = jetway::test::shipped_dialect("postgresql");
        if (!rules_) GTEST_SKIP() << "no postgresql driver in build/jars";
    }
    std::optional<jetway::core::dialect_rules> rules_;
};

TEST_F(SplitterPostgresqlOracle, EveryCaseFile) {
    int files = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(JW_SPLITTER_CASES) / "postgresql")) {
        if (entry.path().extension() != ".sql") continue;
        expect_same(*rules_, read(entry.path()), entry.path().string());
        ++files;
    }
    EXPECT_GE(files, 3);
}

TEST_F(SplitterPostgresqlOracle, EveryLexerRow) {
    for (const auto& row : jetway::test::postgresql_rows)
        if (!row.flyway) expect_same(*rules_, row.input, row.form);
}

// Every form next to every other, in statements separated in several ways: a form's end and
// the next one's start are where a lexer goes wrong.
TEST_F(SplitterPostgresqlOracle, GeneratedStatements) {
    const std::vector<std::string> forms = {
        "1", "'a;b'", "'it''s;'", "'\\'", "E'it\\'s;'", "e'\\\\;'", "e'\\''", "E'a''b\\\\'",
        "U&'d\\0061t;'", "u&'\\\\'", "U&'d!0061t;' UESCAPE '!'", "B'01'", "b'\\'", "X'1F'", "x'\\'", "N'x;\\'",
        "'a'\n'b;'", "E'a'\n  '\\';'", "E'a' || '\\'", "$$a;b$$", "$t$ $$;$ $t$", "$_1$;$_1$", "$\xC3\xA9$;$\xC3\xA9$",
        "$1", "$12", "$1+$2", "a$b", "x$1", "c$$", "\"q;\"\"x\"", "U&\"d\\0061t;\"", "/* c; /* n; */ */ 1",
        "1 -- c;\n", "1--1\n", "'1'::int", "ARRAY[1, 2]", "(SELECT 1)", "CASE WHEN true THEN 1 END", "some_e'\\'",
    };
    const std::vector<std::string> separators = {";", ";\n", " ;  ", ";-- c;\n", ";/* c; */"};
    for (const std::string& a : forms) {
        std::string script;
        std::size_t n = 0;
        for (const std::string& b : forms) script += "SELECT " + a + ", " + b + separators[n++ % separators.size()];
        expect_same(*rules_, script, "SELECT " + a + ", <each form>");
    }
    const std::vector<std::string> statements = {
        "CREATE FUNCTION add1(integer) RETURNS integer LANGUAGE SQL RETURN $1 + 1",
        "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT $1; SELECT CASE WHEN a > 0 THEN e'\\';' END; END",
        "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES ('a;'); END",
        "DO $$ BEGIN RAISE NOTICE 'x;'; END $$",
        "DO LANGUAGE plpgsql $body$ BEGIN PERFORM $q$;$q$; END $body$",
        "CREATE TABLE \"t;\" (a int, \"b\"\";\" text DEFAULT E'x\\';', c text DEFAULT U&'\\\\')",
        "PREPARE q(int) AS SELECT $1::text || ';'",
        "COMMENT ON TABLE t IS 'a'\n'b;'",
        "SELECT x$1 FROM t$ WHERE a$b = $1",
    };
    std::string script;
    for (const std::string& s : statements) script += s + ";\n";
    EXPECT_TRUE(expect_same(*rules_, script, "statements")) << "PostgreSQL's parser rejects the statements";
}

}  // namespace
