// SPDX-License-Identifier: Apache-2.0
// The splitter's dialect switches (spec §7.4, §7.5) on descriptions written here, so the engine
// is covered before the PostgreSQL and MySQL plugins exist; their own corpora come with them.
#include <jetway/core/error.hpp>

#include <gtest/gtest.h>

#include "sql/statement_splitter.hpp"

using jetway::core::dialect_rules;
using jetway::core::split_statement;
using jetway::core::statement_splitter;

namespace {

dialect_rules mysql_like() {
    jw_dialect_v1 d{};
    d.struct_size = sizeof d;
    d.backslash_escapes_in_strings = 1;
    d.hash_comments = 1;
    d.double_quote_is_string = 1;
    d.backtick_identifiers = 1;
    d.delimiter_command = 1;
    d.executable_comments = 1;
    d.block_rules = JW_BLOCKS_MARIADB;
    return dialect_rules::from(d, "");
}

dialect_rules postgres_like() {
    jw_dialect_v1 d{};
    d.struct_size = sizeof d;
    d.dollar_quotes = 1;
    d.copy_from_stdin = 1;
    d.block_rules = JW_BLOCKS_POSTGRESQL;
    d.transactional_ddl = 1;
    return dialect_rules::from(d, "(CREATE|DROP) (DATABASE|TABLESPACE|SUBSCRIPTION).*\n"
                                  "(CREATE|DROP)( UNIQUE)? INDEX CONCURRENTLY.*\nVACUUM.*");
}

std::vector<split_statement> split(const dialect_rules& rules, const std::string& text, std::size_t chunk = 1) {
    std::vector<split_statement> out;
    statement_splitter splitter(rules);
    auto emit = [&](split_statement&& s) { out.push_back(std::move(s)); };
    for (std::size_t i = 0; i < text.size(); i += chunk) splitter.feed(std::string_view(text).substr(i, chunk), emit);
    splitter.finish(emit);
    return out;
}

std::vector<std::string> texts(const std::vector<split_statement>& statements) {
    std::vector<std::string> out;
    for (const auto& s : statements) out.push_back(s.sql);
    return out;
}

TEST(SplitterRules, MysqlDelimiterCommandPersistsAndKeepsInnerSemicolons) {
    const auto rules = mysql_like();
    const auto s = split(rules,
                         "DELIMITER $$\n"
                         "CREATE PROCEDURE p() BEGIN select 3; END$$\n"
                         "delimiter ;\n"
                         "CALL p();\n");
    EXPECT_EQ(texts(s), (std::vector<std::string>{"CREATE PROCEDURE p() BEGIN select 3; END", "CALL p()"}));
    EXPECT_EQ(s[0].line, 2u);
    EXPECT_EQ(s[0].delimiter, "$$");
}

TEST(SplitterRules, MysqlStoredProgramBlocksWithoutDelimiter) {
    const auto s = split(mysql_like(),
                         "CREATE PROCEDURE p()\nBEGIN\n  IF 1 THEN SELECT 1; END IF;\n"
                         "  CASE WHEN 1 THEN SELECT 2; END CASE;\nEND;\nSELECT 9;");
    ASSERT_EQ(s.size(), 2u);
    EXPECT_EQ(s[1].sql, "SELECT 9");
}

TEST(SplitterRules, MysqlHashCommentsEscapesAndDirectives) {
    const auto s = split(mysql_like(),
                         "# a comment;\n/*!40101 SET @OLD=@@X */;\nINSERT INTO t VALUES ('it\\'s;', \"q;\");\n");
    EXPECT_EQ(texts(s), (std::vector<std::string>{"# a comment;\n/*!40101 SET @OLD=@@X */",
                                                  "INSERT INTO t VALUES ('it\\'s;', \"q;\")"}));
}

TEST(SplitterRules, MariadbBeginNotAtomic) {
    const auto s = split(mysql_like(), "BEGIN NOT ATOMIC\n  SELECT 1;\n  SELECT 2;\nEND;\nSELECT 3;");
    EXPECT_EQ(texts(s), (std::vector<std::string>{"BEGIN NOT ATOMIC\n  SELECT 1;\n  SELECT 2;\nEND", "SELECT 3"}));
}

TEST(SplitterRules, PostgresDollarQuotesAndBeginAtomic) {
    const auto s = split(postgres_like(),
                         "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $$ not end $body$ LANGUAGE sql;\n"
                         "DO $$ BEGIN PERFORM 1; END $$;\n"
                         "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; END;\n");
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(s[1].sql, "DO $$ BEGIN PERFORM 1; END $$");
    EXPECT_EQ(s[2].sql, "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; END");
}

TEST(SplitterRules, PostgresCopyFromStdinData) {
    const auto s = split(postgres_like(),
                         "COPY t (a, b) FROM stdin;\n1\tx;y\n2\t\\N\n\\.\nSELECT 1;\n");
    using part = split_statement::copy_part;
    ASSERT_EQ(s.size(), 4u);
    EXPECT_EQ(s[0].copy, part::begin);
    EXPECT_EQ(s[0].sql, "COPY t (a, b) FROM stdin");
    EXPECT_EQ(s[1].copy, part::data);
    EXPECT_EQ(s[1].copy_data, "1\tx;y\n2\t\\N\n");
    EXPECT_EQ(s[2].copy, part::end);
    EXPECT_EQ(s[3].sql, "SELECT 1");
}

TEST(SplitterRules, PostgresCopyDataComesInBoundedPieces) {
    std::string text = "COPY t (a) FROM stdin;\n";
    for (int i = 0; i < 100000; ++i) text += std::to_string(i) + "\n";
    text += "\\.\n";
    const auto s = split(postgres_like(), text, 4096);
    std::string data;
    std::size_t pieces = 0;
    for (const auto& st : s) {
        if (st.copy != split_statement::copy_part::data) continue;
        EXPECT_LE(st.copy_data.size(), jetway::core::copy_chunk_size + 16);
        data += st.copy_data;
        ++pieces;
    }
    EXPECT_GT(pieces, 5u);
    EXPECT_EQ(data.size(), text.size() - std::string("COPY t (a) FROM stdin;\n").size() - 3);
    EXPECT_EQ(s.back().copy, split_statement::copy_part::end);
}

TEST(SplitterRules, PostgresNonTransactionalStatements) {
    const auto s = split(postgres_like(),
                         "CREATE INDEX CONCURRENTLY i ON t (a);\nCREATE INDEX j ON t (a);\n"
                         "DROP DATABASE x;\nVACUUM (VERBOSE) t;\n");
    ASSERT_EQ(s.size(), 4u);
    EXPECT_TRUE(s[0].non_transactional);
    EXPECT_FALSE(s[1].non_transactional);
    EXPECT_TRUE(s[2].non_transactional);
    EXPECT_TRUE(s[3].non_transactional);
}

// The statements a driver says commit by themselves (API 1.5; MySQL's DDL) are marked, whatever
// comments and case come before the keyword; nothing is marked where the driver names none.
TEST(SplitterRules, ImplicitCommitStatementsAreMarkedFromTheDriversPatterns) {
    jw_dialect_v1 d{};
    d.struct_size = sizeof d;
    d.hash_comments = 1;
    d.backtick_identifiers = 1;
    d.block_rules = JW_BLOCKS_MARIADB;
    const auto rules = dialect_rules::from(d, "", "(CREATE|ALTER|DROP|LOCK|UNLOCK)( .*)?");
    const auto s = split(rules,
                         "# a comment\ncreate table t (x int);\nINSERT INTO t VALUES (1);\n/* why */ ALTER TABLE t ADD y INT;\n"
                         "UNLOCK TABLES;\nSELECT 'CREATE';\n");
    ASSERT_EQ(s.size(), 5u);
    EXPECT_TRUE(s[0].commits_implicitly);
    EXPECT_FALSE(s[1].commits_implicitly);
    EXPECT_TRUE(s[2].commits_implicitly);
    EXPECT_TRUE(s[3].commits_implicitly);
    EXPECT_FALSE(s[4].commits_implicitly);
    for (const auto& st : split(postgres_like(), "CREATE TABLE t (x INT);\nDROP TABLE t;\n")) EXPECT_FALSE(st.commits_implicitly);
}

TEST(SplitterRules, LargeInputInSmallPiecesKeepsMemoryToOneStatement) {
    // Not a timing test: it checks the output of a long stream split in 4 KiB pieces.
    std::string text;
    for (int i = 0; i < 20000; ++i) text += "INSERT INTO t VALUES (" + std::to_string(i) + ", 'a;b');\n";
    const auto s = split(postgres_like(), text, 4096);
    ASSERT_EQ(s.size(), 20000u);
    EXPECT_EQ(s.back().line, 20000u);
    EXPECT_EQ(s.back().sql, "INSERT INTO t VALUES (19999, 'a;b')");
}

TEST(SplitterRules, OnlyDataChangesWithoutResultsMayBeBatched) {
    const auto s = split(postgres_like(),
                         "-- a comment first\ninsert into t values (1);\n"
                         "UPDATE t SET x = (SELECT 1 RETURNING) WHERE y = 2;\n"
                         "DELETE FROM t WHERE x = 1 RETURNING x;\n"
                         "MERGE INTO t USING u ON t.x = u.x WHEN MATCHED THEN DELETE;\n"
                         "WITH a AS (SELECT 1) INSERT INTO t SELECT * FROM a;\n"
                         "CREATE TABLE inserts (x INT);\n"
                         "SELECT 1;\n"
                         "insert into t values (2) returning *;\n",
                         7);
    std::vector<bool> batchable;
    for (const auto& st : s) batchable.push_back(st.batchable);
    // RETURNING inside parentheses does not make the UPDATE return rows; at depth 0 it does.
    EXPECT_EQ(batchable, (std::vector<bool>{true, true, false, true, false, false, false, false}));
}

}  // namespace
