// SPDX-License-Identifier: Apache-2.0
// The tokenizer follows Flyway's order of checks at each position (spec §7.2) and its statement
// assembly (§7.3): a statement ends at the delimiter at parenthesis and block depth zero.
#include "statement_splitter.hpp"

#include <jetway/core/error.hpp>

#include "../support/text.hpp"

#include <algorithm>
#include <cstring>
#include <cctype>
#include <sstream>

namespace jetway::core {
namespace {

constexpr int max_simplified_keywords = 10;

// The statements Flyway's batch=true sends together; everything else goes alone.
bool is_data_change(const std::string& first_keyword) {
    return first_keyword == "INSERT" || first_keyword == "UPDATE" || first_keyword == "DELETE" ||
           first_keyword == "MERGE" || first_keyword == "UPSERT";
}

// Statements that may answer with rows (outputQueryResults prints them).
bool may_return_rows(const std::string& first_keyword) {
    static const char* const words[] = {"SELECT", "WITH", "VALUES", "TABLE", "SHOW", "EXPLAIN", "CALL", "EXEC",
                                        "EXECUTE", "FETCH", "DESCRIBE", "DESC", "PRAGMA", "HELP", "CHECK", "OPTIMIZE",
                                        "REPAIR", "ANALYZE", "CHECKSUM", "HANDLER", "("};
    return std::any_of(std::begin(words), std::end(words), [&](const char* w) { return first_keyword == w; });
}

bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_word_char(char c) {
    return is_letter(c) || is_digit(c) || c == '_' || c == '$' || static_cast<unsigned char>(c) >= 0x80;
}
// PostgreSQL's dollar-quote tags: a letter, '_' or a byte above 0x7F first, then digits too.
bool is_tag_start(char c) { return is_letter(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80; }
bool is_tag_char(char c) { return is_tag_start(c) || is_digit(c); }
// MySQL: "--" starts a comment only before a space or control character (or the end), so
// SELECT 1--1 is arithmetic.
bool is_space_or_control(char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
// Inside parentheses these never start a string, comment, block or delimiter: a run of them is
// one step (the values of a multi-row INSERT are mostly this).
bool is_inert_in_parentheses(char c) { return is_space(c) || c == ',' || c == '.' || (c >= '0' && c <= '9'); }

std::string trim_right(std::string_view text) {
    std::size_t end = text.size();
    while (end > 0 && is_space(text[end - 1])) --end;
    return std::string(text.substr(0, end));
}

// The words a pattern can start with: "(CREATE|DROP) X" -> CREATE, DROP; "VACUUM.*" -> VACUUM.
std::vector<std::string> first_words(const std::string& pattern) {
    std::vector<std::string> words;
    if (!pattern.empty() && pattern[0] == '(') {
        const std::size_t close = pattern.find(')');
        std::stringstream alternatives(pattern.substr(1, close - 1));
        for (std::string w; std::getline(alternatives, w, '|');) words.push_back(w);
        return words;
    }
    std::size_t n = 0;
    while (n < pattern.size() && (std::isupper(static_cast<unsigned char>(pattern[n])) || pattern[n] == '_')) ++n;
    words.push_back(pattern.substr(0, n));
    return words;
}

// One alternation of every line of `patterns`, and the words they can start with.
bool compile_patterns(const std::string& patterns, std::vector<std::string>& words, std::regex& combined_regex) {
    std::string combined;
    std::stringstream lines(patterns);
    for (std::string line; std::getline(lines, line);) {
        if (line.empty()) continue;
        for (const std::string& w : first_words(line)) words.push_back(w);
        combined += (combined.empty() ? "(?:" : "|(?:") + line + ")";
    }
    if (combined.empty()) return false;
    combined_regex = std::regex(combined, std::regex::optimize);
    return true;
}

}  // namespace

dialect_rules dialect_rules::from(const jw_dialect_v1& flags, const std::string& patterns,
                                  const std::string& implicit_commit_patterns) {
    dialect_rules rules;
    rules.flags = flags;
    // block_rules names the dialect; its lexical rules follow (the servers' own scanners).
    const bool mysql = flags.block_rules == JW_BLOCKS_MYSQL || flags.block_rules == JW_BLOCKS_MARIADB;
    const bool sqlite = flags.block_rules == JW_BLOCKS_SQLITE;
    rules.escape_string_prefix = flags.dollar_quotes != 0;
    rules.nested_comments = !mysql && !sqlite;
    rules.dash_comment_needs_space = mysql;
    rules.bracket_identifiers = sqlite;
    rules.has_non_transactional = compile_patterns(patterns, rules.non_transactional_first_words, rules.non_transactional);
    rules.has_implicit_commit =
        compile_patterns(implicit_commit_patterns, rules.implicit_commit_first_words, rules.implicit_commit);
    return rules;
}

statement_splitter::statement_splitter(const dialect_rules& rules) : rules_(rules) {}

// Lines are counted as text is passed (memchr is fast); columns only when asked for, from the
// start of the current line, since only a statement's first token and errors need one.
void statement_splitter::advance(std::size_t n) {
    const char* from = buf_.data() + pos_;
    const char* const end = from + n;
    if (n < 32) {  // most tokens: a call to memchr would cost more than looking
        for (const char* p = from; p < end; ++p)
            if (*p == '\n') {
                ++line_;
                line_start_ = static_cast<std::size_t>(p + 1 - buf_.data());
                columns_before_buffer_ = 0;
            }
        pos_ += n;
        return;
    }
    while (const void* found = std::memchr(from, '\n', static_cast<std::size_t>(end - from))) {
        ++line_;
        from = static_cast<const char*>(found) + 1;
        line_start_ = static_cast<std::size_t>(from - buf_.data());
        columns_before_buffer_ = 0;
    }
    pos_ += n;
}

// Characters, not UTF-8 continuation bytes; a carriage return starts the count again.
std::size_t statement_splitter::characters(std::size_t from, std::size_t to, std::size_t count) const {
    for (std::size_t i = from; i < to; ++i) {
        const char c = buf_[i];
        if (c == '\r') count = 0;
        else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    }
    return count;
}

std::size_t statement_splitter::column() const {
    return characters(line_start_, pos_, columns_before_buffer_) + 1;
}

void statement_splitter::start_token(bool content) {
    if (stmt_start_ == std::string::npos) stmt_start_ = pos_;
    if (content && !has_content_) {
        has_content_ = true;
        first_line_ = line_;
        first_column_ = column();
    }
}

void statement_splitter::reset_statement() {
    stmt_start_ = std::string::npos;
    has_content_ = false;
    paren_depth_ = 0;
    block_depth_ = 0;
    simplified_.clear();
    keyword_count_ = 0;
    previous_keyword_.clear();
    pending_end_ = false;
    last_begin_opened_ = false;
    non_transactional_ = false;
    is_copy_ = false;
    returns_rows_ = false;
}

void statement_splitter::incomplete() const {
    std::string sql = stmt_start_ == std::string::npos ? std::string{} : trim_right(std::string_view(buf_).substr(stmt_start_));
    throw error(error_code::resolution_failed, "Incomplete statement at line " + std::to_string(first_line_ ? first_line_ : line_) +
                                                   " col " + std::to_string(first_line_ ? first_column_ : column()) + ": " +
                                                   quote_for_message(sql));
}

// MySQL's rule for END: the next token closes the block unless it is IF, LOOP, REPEAT or WHILE.
void statement_splitter::on_token_at_depth_zero(const std::string& upper_keyword) {
    if (!pending_end_) return;
    pending_end_ = false;
    if (upper_keyword == "IF" || upper_keyword == "LOOP" || upper_keyword == "REPEAT" || upper_keyword == "WHILE") return;
    if (block_depth_ > 0) --block_depth_;
}

void statement_splitter::on_keyword(const std::string& kw) {
    if (paren_depth_ != 0) return;
    const std::string before = previous_keyword_;
    on_token_at_depth_zero(kw);
    const bool after_end = before == "END";
    previous_keyword_ = kw;
    if (kw == "RETURNING") returns_rows_ = true;

    if (keyword_count_ < max_simplified_keywords) {
        simplified_ += (simplified_.empty() ? "" : " ") + kw;
        ++keyword_count_;
        if (rules_.has_non_transactional && !non_transactional_) {
            const std::string first = simplified_.substr(0, simplified_.find(' '));
            const auto& words = rules_.non_transactional_first_words;
            if (std::find(words.begin(), words.end(), first) != words.end() &&
                std::regex_match(simplified_, rules_.non_transactional))
                non_transactional_ = true;
        }
        if (rules_.flags.copy_from_stdin && !is_copy_ && simplified_.rfind("COPY", 0) == 0 &&
            simplified_.size() >= 10 && simplified_.compare(simplified_.size() - 10, 10, "FROM STDIN") == 0)
            is_copy_ = true;
    }

    switch (rules_.flags.block_rules) {
        case JW_BLOCKS_SQLITE:
            if (kw == "BEGIN" || kw == "CASE") ++block_depth_;
            else if (kw == "END" && block_depth_ > 0) --block_depth_;
            break;
        case JW_BLOCKS_POSTGRESQL:
            if (kw == "ATOMIC" && before == "BEGIN") ++block_depth_;
            else if (kw == "CASE" && block_depth_ > 0) ++block_depth_;
            else if (kw == "END" && block_depth_ > 0) --block_depth_;
            break;
        case JW_BLOCKS_MYSQL:
        case JW_BLOCKS_MARIADB: {
            if (kw == "BEGIN") {
                // Flyway's pattern, plus CREATE OR REPLACE, DEFINER=CURRENT_USER before any kind
                // and MariaDB's AGGREGATE FUNCTION, which Flyway splits inside their bodies.
                // Keywords only: DEFINER=`u`@`h` reads "DEFINER @", DEFINER=root@localhost
                // "DEFINER ROOT @ LOCALHOST".
                static const std::regex stored_program(
                    "CREATE (OR REPLACE )?(DEFINER( [A-Z_]+)?( @( [A-Z_]+)?)? )?(AGGREGATE )?"
                    "(PROCEDURE|FUNCTION|EVENT|TRIGGER)( .*)?");
                last_begin_opened_ = std::regex_match(simplified_, stored_program);
                if (last_begin_opened_) ++block_depth_;
            } else if (kw == "ATOMIC" && before == "NOT" && rules_.flags.block_rules == JW_BLOCKS_MARIADB &&
                       !last_begin_opened_) {
                ++block_depth_;  // MariaDB's BEGIN NOT ATOMIC compound statement
            } else if (kw == "CASE" && !after_end) {
                ++block_depth_;
            } else if (kw == "END") {
                pending_end_ = true;
            }
            break;
        }
        default:
            break;
    }
}

void statement_splitter::end_statement(std::size_t end, const emit_fn& emit) {
    if (has_content_) {
        split_statement s;
        s.sql = trim_right(std::string_view(buf_).substr(stmt_start_, end - stmt_start_));
        s.line = first_line_;
        s.column = first_column_;
        s.non_transactional = non_transactional_;
        if (rules_.has_implicit_commit) {
            const std::string first = simplified_.substr(0, simplified_.find(' '));
            const auto& words = rules_.implicit_commit_first_words;
            s.commits_implicitly = std::find(words.begin(), words.end(), first) != words.end() &&
                                   std::regex_match(simplified_, rules_.implicit_commit);
        }
        s.delimiter = delimiter_;
        const std::string first_word = simplified_.substr(0, simplified_.find(' '));
        s.batchable = !returns_rows_ && is_data_change(first_word);
        s.may_return_rows = returns_rows_ || may_return_rows(first_word);
        if (is_copy_) {
            s.copy = split_statement::copy_part::begin;
            s.delimiter = "\\.";
            copy_line_ = s.line;
            copy_header_skipped_ = false;
            copy_data_.clear();
            emit(std::move(s));
            reset_statement();
            mode_ = mode::copy_data;
            return;
        }
        emit(std::move(s));
    }
    reset_statement();
}

bool statement_splitter::step_normal(bool at_end, const emit_fn& emit) {
    const std::size_t left = buf_.size() - pos_;
    auto have = [&](std::size_t n) { return left >= n || at_end; };
    auto at = [&](std::size_t i) -> char { return pos_ + i < buf_.size() ? buf_[pos_ + i] : '\0'; };
    const char c = buf_[pos_];

    if (continuation_ != continuation::none) {
        // scan.l's quotecontinue: white space with a newline in it, then a quote (a comment
        // between them ends the string, as PostgreSQL 15 reads it).
        if (c == '\n' || c == '\r') {
            continuation_ = continuation::after_newline;
            advance(1);
            return true;
        }
        if (c == ' ' || c == '\t' || c == '\f') {
            advance(1);
            return true;
        }
        if (c == '\'' && continuation_ == continuation::after_newline) {
            continuation_ = continuation::none;
            quote_ = '\'';
            backslashes_ = true;
            advance(1);
            mode_ = mode::string;
            return true;
        }
        continuation_ = continuation::none;
    }
    if (paren_depth_ > 0 && is_inert_in_parentheses(c) && !is_inert_in_parentheses(delimiter_.empty() ? 'x' : delimiter_[0])) {
        // The last byte waits for the next chunk, so a run ends at the same place however the
        // text was cut.
        const std::size_t limit = at_end ? buf_.size() : buf_.size() - 1;
        std::size_t end = pos_;
        while (end < limit && is_inert_in_parentheses(buf_[end])) ++end;
        if (end > pos_) {
            if (!is_space(c)) start_token(true);
            advance(end - pos_);
            return true;
        }
    }
    if (is_space(c)) {
        advance(1);
        return true;
    }
    if (static_cast<unsigned char>(c) == 0xC2 && have(2) && static_cast<unsigned char>(at(1)) == 0xA0) {
        advance(2);  // U+00A0, a space to Flyway's tokenizer
        return true;
    }
    // Enough look-ahead for every fixed-size check below, and for the whole delimiter (a
    // DELIMITER may be longer than a chunk boundary leaves).
    if (!have(std::max<std::size_t>(8, delimiter_.size()))) return false;

    const bool depth_zero = paren_depth_ == 0;
    // 2. Dialect strings: PostgreSQL dollar quotes, MySQL double-quoted strings.
    // As PostgreSQL's scanner: $1 is a parameter; $$ and $tag$ open a dollar quote; any other
    // '$' is a symbol ($tag without its closing '$' is '$' and then a name).
    if (c == '$' && rules_.flags.dollar_quotes) {
        std::size_t end = pos_ + 1;
        const bool parameter = end < buf_.size() && is_digit(buf_[end]);
        if (parameter) {
            while (end < buf_.size() && is_digit(buf_[end])) ++end;
        } else if (end < buf_.size() && is_tag_start(buf_[end])) {
            while (end < buf_.size() && is_tag_char(buf_[end])) ++end;
        }
        if (end == buf_.size() && !at_end) return false;  // the tag or number may go on
        if (parameter) {
            start_token(true);
            if (depth_zero) on_token_at_depth_zero("");
            advance(end - pos_);
            return true;
        }
        if (end < buf_.size() && buf_[end] == '$') {
            start_token(true);
            if (depth_zero) on_token_at_depth_zero("");
            dollar_tag_ = buf_.substr(pos_, end - pos_ + 1);
            advance(dollar_tag_.size());
            mode_ = mode::dollar;
            return true;
        }
        // Otherwise a symbol (14.).
    }
    if (c == '"' && rules_.flags.double_quote_is_string) {
        start_token(true);
        if (depth_zero) on_token_at_depth_zero("");
        quote_ = '"';
        backslashes_ = rules_.flags.backslash_escapes_in_strings != 0;
        advance(1);
        mode_ = mode::string;
        return true;
    }
    // 3. 'string'
    if (c == '\'') {
        start_token(true);
        if (depth_zero) on_token_at_depth_zero("");
        quote_ = '\'';
        backslashes_ = rules_.flags.backslash_escapes_in_strings != 0;
        advance(1);
        mode_ = mode::string;
        return true;
    }
    // 4. Parentheses.
    if (c == '(' || c == ')') {
        start_token(true);
        if (depth_zero) on_token_at_depth_zero("");
        if (c == '(') ++paren_depth_;
        else if (paren_depth_ > 0) --paren_depth_;
        advance(1);
        return true;
    }
    // 5. Quoted identifiers.
    if ((c == '"' && !rules_.flags.double_quote_is_string) || (c == '`' && rules_.flags.backtick_identifiers) ||
        (c == '[' && rules_.bracket_identifiers)) {
        start_token(true);
        if (depth_zero) on_token_at_depth_zero("");
        quote_ = c == '[' ? ']' : c;
        advance(1);
        mode_ = mode::quoted_identifier;
        return true;
    }
    // 6. MySQL's executable comments are statement content: /*!40101 ... */, /*! ... */ and
    // MariaDB's /*M!100100 ... */ (Flyway knows only /*! with five digits).
    if (rules_.flags.executable_comments && c == '/' && at(1) == '*' &&
        (at(2) == '!' || (at(2) == 'M' && at(3) == '!'))) {
        start_token(true);
        if (depth_zero) on_token_at_depth_zero("");
        comment_depth_ = 1;
        executable_comment_ = true;
        advance(at(2) == '!' ? 3 : 4);
        mode_ = mode::block_comment;  // same scanning; content was already marked
        return true;
    }
    // 7. Line comments.
    if ((c == '-' && at(1) == '-' && (!rules_.dash_comment_needs_space || is_space_or_control(at(2)))) ||
        (c == '#' && rules_.flags.hash_comments && delimiter_ != "#")) {
        start_token(false);
        advance(c == '#' ? 1 : 2);
        mode_ = mode::line_comment;
        return true;
    }
    // 8. Block comments, nested.
    if (c == '/' && at(1) == '*') {
        start_token(false);
        comment_depth_ = 1;
        advance(2);
        mode_ = mode::block_comment;
        return true;
    }
    // 9. Numbers.
    if (is_digit(c)) {
        std::size_t n = 1;
        while (pos_ + n < buf_.size() && is_digit(buf_[pos_ + n])) ++n;
        if (pos_ + n == buf_.size() && !at_end) return false;
        start_token(true);
        if (depth_zero) on_token_at_depth_zero("");
        advance(n);
        return true;
    }
    // 10. PostgreSQL's escape strings E'..' and e'..' (only at the start of a word: abce'x' is a
    // name and a string). B'', X'', N'', U&'' and MySQL's _charset'' are a word and then a
    // string with the dialect's own rules (Flyway gives B'' and X'' backslash escapes too).
    if (rules_.escape_string_prefix && (c == 'E' || c == 'e') && at(1) == '\'') {
        start_token(true);
        if (depth_zero) on_token_at_depth_zero("");
        quote_ = '\'';
        backslashes_ = true;
        advance(2);
        mode_ = mode::string;
        return true;
    }
    // 11. The delimiter.
    if (!delimiter_.empty() && buf_.compare(pos_, delimiter_.size(), delimiter_) == 0) {
        if (!have(delimiter_.size())) return false;
        if (depth_zero) on_token_at_depth_zero("");
        if (paren_depth_ == 0 && block_depth_ == 0) {
            const std::size_t end = pos_;
            advance(delimiter_.size());
            end_statement(end, emit);
            return true;
        }
        start_token(true);
        advance(delimiter_.size());
        return true;
    }
    // 12. Words: keywords are made of letters and '_' only.
    if (is_letter(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80) {
        std::size_t n = 1;
        for (;;) {
            while (pos_ + n < buf_.size() && is_word_char(buf_[pos_ + n]) &&
                   !(delimiter_.size() && buf_.compare(pos_ + n, delimiter_.size(), delimiter_) == 0)) {
                // A delimiter may begin inside a word (DELIMITER $$ ... END$$): when the buffer
                // ends in what could be its start, wait for the rest before calling it a word.
                const std::size_t tail = buf_.size() - (pos_ + n);
                if (!at_end && tail < delimiter_.size() && delimiter_.compare(0, tail, buf_, pos_ + n, tail) == 0)
                    return false;
                ++n;
            }
            if (pos_ + n == buf_.size() && !at_end) return false;
            // Dotted continuations (a.b) are one word. The character after the dot decides, so
            // wait for it rather than decide differently depending on where a chunk ends; '$'
            // there starts a dollar quote, not a name.
            if (pos_ + n < buf_.size() && buf_[pos_ + n] == '.') {
                if (pos_ + n + 1 == buf_.size() && !at_end) return false;
                if (pos_ + n + 1 < buf_.size() && is_word_char(buf_[pos_ + n + 1]) && buf_[pos_ + n + 1] != '$') {
                    n += 1;
                    continue;
                }
            }
            break;
        }
        const std::string_view word(buf_.data() + pos_, n);
        const bool keyword = std::all_of(word.begin(), word.end(), [](char ch) { return is_letter(ch) || ch == '_'; });
        if (keyword && rules_.flags.delimiter_command && !has_content_ && to_upper(word) == "DELIMITER") {
            // DELIMITER <text>: the rest of the line is the new delimiter; the line is not SQL.
            const std::size_t eol = buf_.find('\n', pos_);
            if (eol == std::string::npos && !at_end) return false;
            const std::size_t end = eol == std::string::npos ? buf_.size() : eol;
            std::string value(buf_, pos_ + n, end - pos_ - n);
            const auto first = value.find_first_not_of(" \t\r");
            const auto last = value.find_last_not_of(" \t\r");
            if (first == std::string::npos) {
                // DELIMITER alone on its line: Flyway takes the next token, on a following line.
                const std::size_t start = buf_.find_first_not_of(" \t\r\n", end);
                std::size_t stop = start == std::string::npos ? std::string::npos : buf_.find_first_of(" \t\r\n", start);
                if (stop == std::string::npos && !at_end) return false;
                if (start == std::string::npos) {
                    delimiter_ = ";";
                    advance(buf_.size() - pos_);
                } else {
                    if (stop == std::string::npos) stop = buf_.size();
                    delimiter_ = buf_.substr(start, stop - start);
                    advance(stop - pos_);
                }
                reset_statement();
                return true;
            }
            delimiter_ = value.substr(first, last - first + 1);
            advance(end - pos_);
            reset_statement();
            return true;
        }
        start_token(true);
        // Inside parentheses keywords change nothing (on_keyword ignores them): skip the copy.
        if (keyword && paren_depth_ == 0) on_keyword(to_upper(word));
        else if (depth_zero) on_token_at_depth_zero("");
        advance(n);
        return true;
    }
    // 14. Any other symbol.
    start_token(true);
    if (depth_zero) on_token_at_depth_zero(c == '@' ? "@" : "");
    if (c == '@' && depth_zero && keyword_count_ < max_simplified_keywords) {
        simplified_ += simplified_.empty() ? "@" : " @";
        ++keyword_count_;
    }
    advance(1);
    return true;
}

// Inside quotes or a comment most characters mean nothing: skip straight to the next one that
// may (a quote or backslash; '*' or '/'), keeping one character of look-ahead for the checks.
// (Plain loops: std::string::find_first_of calls memchr once per character.)
std::size_t statement_splitter::quoted_run() const {
    const char quote = quote_;
    const char escape = mode_ == mode::string && backslashes_ ? '\\' : quote_;
    std::size_t i = pos_;
    while (i < buf_.size() && buf_[i] != quote && buf_[i] != escape) ++i;
    return i - pos_;
}

std::size_t statement_splitter::block_comment_run() const {
    std::size_t i = pos_;
    while (i < buf_.size() && buf_[i] != '*' && buf_[i] != '/') ++i;
    return i - pos_;
}

bool statement_splitter::step(bool at_end, const emit_fn& emit) {
    if (pos_ >= buf_.size()) return false;
    const std::size_t left = buf_.size() - pos_;
    const char c = buf_[pos_];
    switch (mode_) {
        case mode::normal:
            return step_normal(at_end, emit);
        case mode::line_comment: {
            if (c == '\n' || c == '\r') {
                mode_ = mode::normal;
                return true;
            }
            std::size_t eol = pos_;
            while (eol < buf_.size() && buf_[eol] != '\n' && buf_[eol] != '\r') ++eol;
            advance(eol - pos_);
            return true;
        }
        case mode::block_comment:
            if (left < 2 && !at_end) return false;
            if (c == '*' && left >= 2 && buf_[pos_ + 1] == '/') {
                advance(2);
                if (--comment_depth_ == 0) {
                    mode_ = mode::normal;
                    executable_comment_ = false;
                }
                return true;
            }
            // PostgreSQL nests comments; MySQL and SQLite do not, but MySQL allows one plain
            // comment inside an executable one.
            if (c == '/' && left >= 2 && buf_[pos_ + 1] == '*' &&
                (rules_.nested_comments || (executable_comment_ && comment_depth_ == 1))) {
                advance(2);
                ++comment_depth_;
                return true;
            }
            advance(std::max<std::size_t>(1, block_comment_run()));
            return true;
        case mode::string:
        case mode::quoted_identifier:
            // Both end at the unpaired quote; a doubled quote is one character of content.
            if (left < 2 && !at_end) return false;
            if (mode_ == mode::string && backslashes_ && c == '\\') {
                advance(left >= 2 ? 2 : 1);
                return true;
            }
            if (c == quote_) {
                if (left >= 2 && buf_[pos_ + 1] == quote_ && quote_ != ']') {  // SQLite's [..] ends at the first ]
                    advance(2);
                    return true;
                }
                if (mode_ == mode::string && backslashes_ && rules_.escape_string_prefix)
                    continuation_ = continuation::after_close;
                advance(1);
                mode_ = mode::normal;
                return true;
            }
            advance(std::max<std::size_t>(1, quoted_run()));
            return true;
        case mode::dollar: {
            const std::size_t close = buf_.find(dollar_tag_, pos_);
            if (close == std::string::npos) {
                // Keep enough of the tail to see a closing tag split across chunks.
                if (at_end) return false;
                const std::size_t safe = buf_.size() - std::min(buf_.size() - pos_, dollar_tag_.size() - 1);
                if (safe > pos_) advance(safe - pos_);
                return false;
            }
            advance(close - pos_ + dollar_tag_.size());
            mode_ = mode::normal;
            return true;
        }
        case mode::copy_data: {
            // Skip the rest of the COPY line, then take lines verbatim up to a "\." line.
            const std::size_t eol = buf_.find('\n', pos_);
            if (eol == std::string::npos && !at_end) return false;
            const std::size_t end = eol == std::string::npos ? buf_.size() : eol + 1;
            const std::string line(buf_, pos_, end - pos_);
            advance(end - pos_);
            if (!copy_header_skipped_) {
                copy_header_skipped_ = true;
                return true;
            }
            const auto a = line.find_first_not_of(" \t\r\n");
            const auto b = line.find_last_not_of(" \t\r\n");
            if (a != std::string::npos && line.compare(a, b - a + 1, "\\.") == 0) {
                emit_copy_data(emit, true);
                mode_ = mode::normal;
                return true;
            }
            copy_data_ += line;
            if (copy_data_.size() >= copy_chunk_size) emit_copy_data(emit, false);
            return true;
        }
    }
    return false;
}

void statement_splitter::emit_copy_data(const emit_fn& emit, bool last) {
    if (!copy_data_.empty()) {
        split_statement data;
        data.copy = split_statement::copy_part::data;
        data.line = copy_line_;
        data.copy_data = std::move(copy_data_);
        copy_data_.clear();
        emit(std::move(data));
    }
    if (last) {
        split_statement end;
        end.copy = split_statement::copy_part::end;
        end.line = copy_line_;
        emit(std::move(end));
    }
}

void statement_splitter::compact() {
    const std::size_t keep_from = stmt_start_ == std::string::npos ? pos_ : stmt_start_;
    if (keep_from == 0) return;
    if (line_start_ < keep_from) {
        columns_before_buffer_ = characters(line_start_, keep_from, columns_before_buffer_);
        line_start_ = keep_from;
    }
    buf_.erase(0, keep_from);
    line_start_ -= keep_from;
    pos_ -= keep_from;
    if (stmt_start_ != std::string::npos) stmt_start_ -= keep_from;
}

void statement_splitter::feed(std::string_view text, const emit_fn& emit) {
    buf_.append(text);
    while (step(false, emit)) {
    }
    compact();
}

void statement_splitter::finish(const emit_fn& emit) {
    while (step(true, emit)) {
    }
    if (mode_ == mode::string || mode_ == mode::quoted_identifier || mode_ == mode::dollar) incomplete();
    if (mode_ == mode::copy_data) {
        emit_copy_data(emit, true);
        mode_ = mode::normal;
    }
    if (pending_end_) on_token_at_depth_zero("");
    if (has_content_) {
        if (paren_depth_ > 0 || block_depth_ > 0) incomplete();
        end_statement(buf_.size(), emit);
    }
    reset_statement();
    buf_.clear();
    pos_ = 0;
    line_start_ = 0;
}

}  // namespace jetway::core
