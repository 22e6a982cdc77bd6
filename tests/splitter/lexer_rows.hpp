// SPDX-License-Identifier: Apache-2.0
// Every lexical form of each dialect, one row each: the input and the statements it must split
// into, or the start of the error. splitter_lexer_test runs them with the shipped drivers'
// dialects; the oracle tests check the same rows against each database's own tokenizer
// (libpg_query, sqlite3_complete). The MySQL rows were checked by hand with the mariadb client
// against a MariaDB 10.11 server (--verbose echoes the statements it sends). Rows marked
// flyway follow Flyway's rules where they differ from the database's (spec section 7), and
// are left out of the oracle tests.
#pragma once

#include <string>
#include <vector>

namespace jetway::test {

struct lexer_row {
    const char* form;                     // what the row shows
    const char* input;
    std::vector<std::string> statements;  // expected, when error is null
    const char* error = nullptr;          // the start of the expected message
    bool flyway = false;                  // Flyway's rule, not the database's
};

inline const std::vector<lexer_row> postgresql_rows = {
    // $ : parameters, dollar quotes, names.
    {"positional parameter in a SQL-standard body", "CREATE FUNCTION add1(integer) RETURNS integer LANGUAGE SQL RETURN $1 + 1;\nSELECT 2;",
     {"CREATE FUNCTION add1(integer) RETURNS integer LANGUAGE SQL RETURN $1 + 1", "SELECT 2"}},
    {"parameters of several digits", "SELECT $1, $23 FROM t WHERE a = $456;SELECT 2", {"SELECT $1, $23 FROM t WHERE a = $456", "SELECT 2"}},
    {"$1 is not a tag: $1$ is a parameter and a symbol", "SELECT $1$;SELECT 2", {"SELECT $1$", "SELECT 2"}},
    {"$a$ is a tag", "SELECT $a$;$a$;SELECT 2", {"SELECT $a$;$a$", "SELECT 2"}},
    {"$$", "DO $$BEGIN PERFORM 1; END$$;SELECT 2", {"DO $$BEGIN PERFORM 1; END$$", "SELECT 2"}},
    {"tag with digits and underscores", "SELECT $a_1$;$a_1$;SELECT 2", {"SELECT $a_1$;$a_1$", "SELECT 2"}},
    {"tag starting with an underscore", "SELECT $_$;$_$;SELECT 2", {"SELECT $_$;$_$", "SELECT 2"}},
    {"tag of non-ASCII letters", "SELECT $\xC3\xA9t\xC3\xA9$;$\xC3\xA9t\xC3\xA9$;SELECT 2",
     {"SELECT $\xC3\xA9t\xC3\xA9$;$\xC3\xA9t\xC3\xA9$", "SELECT 2"}},
    {"tags are case-sensitive", "SELECT $A$ $a$ ; $A$;SELECT 2", {"SELECT $A$ $a$ ; $A$", "SELECT 2"}},
    {"another tag inside is text", "SELECT $a$ $b$ ; $ab$ ; $a$;SELECT 2", {"SELECT $a$ $b$ ; $ab$ ; $a$", "SELECT 2"}},
    {"$name without a closing $ is a symbol and a name", "SELECT $abc;SELECT 2", {"SELECT $abc", "SELECT 2"}},
    {"a lone $ is a symbol", "SELECT 1 $ 2;SELECT 2", {"SELECT 1 $ 2", "SELECT 2"}},
    {"names containing $", "SELECT a$b, x$1, c$$, d$a$ FROM t$;SELECT 2", {"SELECT a$b, x$1, c$$, d$a$ FROM t$", "SELECT 2"}},
    {"unterminated dollar quote", "SELECT $a$ x;", {}, "Incomplete statement at line 1 col 1"},
    // Strings.
    {"standard string: '' doubles, no backslash escapes", "SELECT 'a'';b\\';SELECT 2", {"SELECT 'a'';b\\'", "SELECT 2"}},
    {"'\\' is a whole string", "SELECT '\\';SELECT 2", {"SELECT '\\'", "SELECT 2"}},
    {"E string with \\'", "SELECT E'it\\'s;';SELECT 2", {"SELECT E'it\\'s;'", "SELECT 2"}},
    {"lower-case e string", "SELECT e'it\\'s;';SELECT 2", {"SELECT e'it\\'s;'", "SELECT 2"}},
    {"e'\\'' is a whole string", "SELECT e'\\'';SELECT 2", {"SELECT e'\\''", "SELECT 2"}},
    {"e'\\' is not", "SELECT e'\\';", {}, "Incomplete statement at line 1 col 1"},
    {"E string with '' and \\\\", "SELECT E'a''b\\\\';SELECT 2", {"SELECT E'a''b\\\\'", "SELECT 2"}},
    {"e at the end of a name is not a prefix", "SELECT some_e'x\\';SELECT 2", {"SELECT some_e'x\\'", "SELECT 2"}},
    {"U& string: no backslash escapes", "SELECT U&'d\\0061t\\';SELECT u&'\\';SELECT 2", {"SELECT U&'d\\0061t\\'", "SELECT u&'\\'", "SELECT 2"}},
    {"U& string with UESCAPE", "SELECT U&'d!0061t;' UESCAPE '!';SELECT 2", {"SELECT U&'d!0061t;' UESCAPE '!'", "SELECT 2"}},
    {"B and X strings: no backslash escapes", "SELECT B'\\', b'1', X'\\', x'1F';SELECT 2", {"SELECT B'\\', b'1', X'\\', x'1F'", "SELECT 2"}},
    {"N string", "SELECT N'a;\\', n'b';SELECT 2", {"SELECT N'a;\\', n'b'", "SELECT 2"}},
    {"string continued after a newline", "SELECT 'a'\n'b;';SELECT 2", {"SELECT 'a'\n'b;'", "SELECT 2"}},
    {"E string continued after a newline keeps its escapes", "SELECT E'a'\n  '\\';';SELECT 2", {"SELECT E'a'\n  '\\';'", "SELECT 2"}},
    {"a comment ends the continuation", "SELECT E'a'\n-- c\n'\\';SELECT 2", {"SELECT E'a'\n-- c\n'\\'", "SELECT 2"}},
    {"no continuation without a newline", "SELECT E'a' '\\';SELECT 2", {"SELECT E'a' '\\'", "SELECT 2"}},
    {"no continuation across a block comment", "SELECT E'a'\n/* c */'\\';SELECT 2", {"SELECT E'a'\n/* c */'\\'", "SELECT 2"}},
    {"unterminated string", "SELECT 'a;", {}, "Incomplete statement at line 1 col 1"},
    // Identifiers, comments, operators.
    {"quoted identifier with doubled quotes", "SELECT \"a;\"\"b\\\" FROM t;SELECT 2", {"SELECT \"a;\"\"b\\\" FROM t", "SELECT 2"}},
    {"U& quoted identifier", "SELECT U&\"d\\0061t;\" FROM t;SELECT 2", {"SELECT U&\"d\\0061t;\" FROM t", "SELECT 2"}},
    {"nested block comments", "/* a /* b; */ c; */ SELECT 1;SELECT 2", {"/* a /* b; */ c; */ SELECT 1", "SELECT 2"}},
    {"-- needs no space", "SELECT 1--1;\nSELECT 2;", {"SELECT 1--1;\nSELECT 2"}},
    {"casts and operators", "SELECT '1'::int, 2 <-> 3, a->>'k' FROM t;SELECT 2", {"SELECT '1'::int, 2 <-> 3, a->>'k' FROM t", "SELECT 2"}},
    {"BEGIN ATOMIC body with CASE", "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END;SELECT 3",
     {"CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END", "SELECT 3"}},
    // Flyway's rules: an unterminated comment runs to the end, and then there is no statement.
    {"unterminated comment (Flyway)", "SELECT 1;/* a /* b */ SELECT 2;", {"SELECT 1"}, nullptr, true},
};

inline const std::vector<lexer_row> mysql_rows = {
    {"SELECT 1--1 is arithmetic", "SELECT 1--1;\nSELECT 2;", {"SELECT 1--1", "SELECT 2"}},
    {"-- and a space is a comment", "SELECT 1 -- c;\n;SELECT 2", {"SELECT 1 -- c;", "SELECT 2"}},
    {"-- and a tab is a comment", "SELECT 1 --\tc;\n;SELECT 2", {"SELECT 1 --\tc;", "SELECT 2"}},
    {"-- at the end of a line is a comment", "SELECT 1 --\n;SELECT 2", {"SELECT 1 --", "SELECT 2"}},
    {"-- at the end of the input is a comment", "SELECT 1 --", {"SELECT 1 --"}},
    {"# comment", "SELECT 1 # c;\n;SELECT 2", {"SELECT 1 # c;", "SELECT 2"}},
    {"block comments do not nest", "/* a /* b */ SELECT 1;SELECT 2", {"/* a /* b */ SELECT 1", "SELECT 2"}},
    {"version comment is a statement", "/*!50001 CREATE VIEW v AS SELECT 1 */;SELECT 2", {"/*!50001 CREATE VIEW v AS SELECT 1 */", "SELECT 2"}},
    {"version comment without a version", "/*! SELECT 1 */;SELECT 2", {"/*! SELECT 1 */", "SELECT 2"}},
    {"MariaDB's version comment", "/*M!100100 SELECT 1 */;SELECT 2", {"/*M!100100 SELECT 1 */", "SELECT 2"}},
    {"a comment inside a version comment", "/*!50001 SELECT /* c; */ 1 */;SELECT 2", {"/*!50001 SELECT /* c; */ 1 */", "SELECT 2"}},
    {"backslash escapes and '' in '..'", "SELECT 'a\\';b''c';SELECT 2", {"SELECT 'a\\';b''c'", "SELECT 2"}},
    {"backslash escapes and \"\" in \"..\"", "SELECT \"a\\\";b\"\"c\";SELECT 2", {"SELECT \"a\\\";b\"\"c\"", "SELECT 2"}},
    {"'\\' is not a whole string", "SELECT '\\';", {}, "Incomplete statement at line 1 col 1"},
    {"backtick identifiers: `` doubles, no backslash escapes", "SELECT `a;``b\\` FROM t;SELECT 2", {"SELECT `a;``b\\` FROM t", "SELECT 2"}},
    {"X, B, N and introducers are strings with escapes", "SELECT X'4A', B'01', N'a\\';', _utf8mb4'c\\';d', e'\\';';SELECT 2",
     {"SELECT X'4A', B'01', N'a\\';', _utf8mb4'c\\';d', e'\\';'", "SELECT 2"}},
    {"no dollar quotes", "SELECT 1 AS $a$;SELECT 2", {"SELECT 1 AS $a$", "SELECT 2"}},
    {"DELIMITER, any case, any text", "DELIMITER //\nSELECT 1; SELECT 2//\n  delimiter $$\nSELECT 3$$\nDeLiMiTeR ;\nSELECT 4;",
     {"SELECT 1; SELECT 2", "SELECT 3", "SELECT 4"}},
    // Flyway reads the token after DELIMITER even from a following line (metersphere writes
    // "DELIMITER" and "$$" on lines of their own); genuine Flyway 11.13.2 ran this file.
    {"DELIMITER alone on its line takes the next token", "CREATE TABLE t1 (x int);\nDELIMITER\n$$\nCREATE PROCEDURE p()\nBEGIN\n"
     "    INSERT INTO t1 VALUES (1);\nEND\n$$\nDELIMITER ;\nCALL p();",
     {"CREATE TABLE t1 (x int)", "CREATE PROCEDURE p()\nBEGIN\n    INSERT INTO t1 VALUES (1);\nEND", "CALL p()"}, nullptr, true},
    // Flyway's rules for blocks (the mysql client knows none: it needs DELIMITER for these).
    {"stored program with every kind of END",
     "CREATE PROCEDURE p() BEGIN IF 1 THEN SELECT 1; END IF; WHILE 0 DO SELECT 2; END WHILE; "
     "REPEAT SELECT 3; UNTIL 1 END REPEAT; l: LOOP LEAVE l; END LOOP; CASE WHEN 1 THEN SELECT 4; END CASE; END;SELECT 5",
     {"CREATE PROCEDURE p() BEGIN IF 1 THEN SELECT 1; END IF; WHILE 0 DO SELECT 2; END WHILE; "
      "REPEAT SELECT 3; UNTIL 1 END REPEAT; l: LOOP LEAVE l; END LOOP; CASE WHEN 1 THEN SELECT 4; END CASE; END",
      "SELECT 5"}, nullptr, true},
    {"function with a nested block and label",
     "CREATE FUNCTION f() RETURNS INT BEGIN DECLARE x INT; b: BEGIN SET x = CASE WHEN 1 THEN 2 END; END b; RETURN x; END;SELECT 2",
     {"CREATE FUNCTION f() RETURNS INT BEGIN DECLARE x INT; b: BEGIN SET x = CASE WHEN 1 THEN 2 END; END b; RETURN x; END", "SELECT 2"}, nullptr, true},
    {"trigger", "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END;SELECT 2",
     {"CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; SET NEW.b = 2; END", "SELECT 2"}, nullptr, true},
    {"event", "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; DELETE FROM u; END;SELECT 2",
     {"CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN DELETE FROM t; DELETE FROM u; END", "SELECT 2"}, nullptr, true},
    {"DEFINER with quoted user", "CREATE DEFINER=`root`@`%` PROCEDURE p() BEGIN SELECT 1; END;SELECT 2",
     {"CREATE DEFINER=`root`@`%` PROCEDURE p() BEGIN SELECT 1; END", "SELECT 2"}, nullptr, true},
    {"DEFINER with bare user", "CREATE DEFINER=root@localhost PROCEDURE p() BEGIN SELECT 1; END;SELECT 2",
     {"CREATE DEFINER=root@localhost PROCEDURE p() BEGIN SELECT 1; END", "SELECT 2"}, nullptr, true},
    {"DEFINER=CURRENT_USER trigger", "CREATE DEFINER=CURRENT_USER TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END;SELECT 2",
     {"CREATE DEFINER=CURRENT_USER TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END", "SELECT 2"}, nullptr, true},
    {"CREATE OR REPLACE", "CREATE OR REPLACE PROCEDURE p() BEGIN SELECT 1; END;SELECT 2",
     {"CREATE OR REPLACE PROCEDURE p() BEGIN SELECT 1; END", "SELECT 2"}, nullptr, true},
    {"BEGIN NOT ATOMIC", "BEGIN NOT ATOMIC SELECT 1; SELECT 2; END;SELECT 3", {"BEGIN NOT ATOMIC SELECT 1; SELECT 2; END", "SELECT 3"}, nullptr, true},
    {"BEGIN outside a stored program is a transaction", "BEGIN;\nSELECT 1;", {"BEGIN", "SELECT 1"}, nullptr, true},
    {"keywords in backticks", "CREATE PROCEDURE p() BEGIN SELECT `end`, `case`; END;SELECT 2",
     {"CREATE PROCEDURE p() BEGIN SELECT `end`, `case`; END", "SELECT 2"}, nullptr, true},
};

inline const std::vector<lexer_row> sqlite_rows = {
    {"'..' with '', no backslash escapes", "SELECT 'a'';b\\';SELECT 2", {"SELECT 'a'';b\\'", "SELECT 2"}},
    {"\"..\" identifier", "SELECT \"a;\"\"b\" FROM t;SELECT 2", {"SELECT \"a;\"\"b\" FROM t", "SELECT 2"}},
    {"`..` identifier", "SELECT `a;``b` FROM t;SELECT 2", {"SELECT `a;``b` FROM t", "SELECT 2"}},
    {"[..] identifier", "SELECT [a;b] FROM t;SELECT 2", {"SELECT [a;b] FROM t", "SELECT 2"}},
    {"[..] ends at the first ]", "SELECT [a]];SELECT 2", {"SELECT [a]]", "SELECT 2"}},
    {"unterminated [", "SELECT [a;", {}, "Incomplete statement at line 1 col 1"},
    {"X'' blob", "SELECT X'0A', x'ff';SELECT 2", {"SELECT X'0A', x'ff'", "SELECT 2"}},
    {"no E strings", "SELECT E'a\\';SELECT 2", {"SELECT E'a\\'", "SELECT 2"}},
    {"no dollar quotes", "SELECT $a$;SELECT 2", {"SELECT $a$", "SELECT 2"}},
    {"-- needs no space", "SELECT 1--1;\nSELECT 2;", {"SELECT 1--1;\nSELECT 2"}},
    {"block comments do not nest", "/* a /* b */ SELECT 1;SELECT 2", {"/* a /* b */ SELECT 1", "SELECT 2"}},
    {"trigger with CASE inside", "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = CASE WHEN 1 THEN 2 END; DELETE FROM u; END;SELECT 2",
     {"CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = CASE WHEN 1 THEN 2 END; DELETE FROM u; END", "SELECT 2"}},
    // Flyway's rule (spec 7.6): BEGIN always opens a block, so a transaction is incomplete.
    {"BEGIN TRANSACTION (Flyway)", "BEGIN TRANSACTION;\nSELECT 1;", {}, "Incomplete statement at line 1 col 1", true},
};

}  // namespace jetway::test
