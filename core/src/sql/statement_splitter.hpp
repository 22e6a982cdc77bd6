// SPDX-License-Identifier: Apache-2.0
// One streaming statement splitter for every dialect (spec §7), driven by the description a
// driver plugin gives (jw_dialect_v1). Text goes in chunk by chunk; statements come out as soon
// as they end, so memory holds the current statement and one chunk, not the file.
#pragma once

#include <jetway/plugin_abi.h>

#include <cstddef>
#include <functional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace jetway::core {

/// A dialect as the splitter uses it: the plugin's flags plus its compiled patterns.
struct dialect_rules {
    jw_dialect_v1 flags{};
    std::vector<std::string> non_transactional_first_words;  // quick filter before the regex
    std::regex non_transactional;                            // all patterns, one alternation
    bool has_non_transactional = false;
    std::vector<std::string> implicit_commit_first_words;
    std::regex implicit_commit;                              // statements that commit by themselves
    bool has_implicit_commit = false;

    // Lexical rules that follow from the dialect the flags describe (block_rules names it), so
    // no ABI field is needed for them.
    bool escape_string_prefix = false;      // PostgreSQL: E'..' / e'..' with backslash escapes
    bool nested_comments = true;            // PostgreSQL (and Flyway's generic rules) nest /* */
    bool dash_comment_needs_space = false;  // MySQL: "--" is a comment only before a space or control
    bool bracket_identifiers = false;       // SQLite: [name]

    /// Builds the rules from a plugin's dialect and its newline-separated patterns: statements
    /// that cannot run in a transaction, and (API 1.5) statements that commit by themselves.
    static dialect_rules from(const jw_dialect_v1& flags, const std::string& patterns,
                              const std::string& implicit_commit_patterns = {});
};

/// COPY data is handed on in pieces of about this size.
inline constexpr std::size_t copy_chunk_size = 64 * 1024;

struct split_statement {
    std::string sql;          // what is sent to the database: trimmed, comments kept
    std::size_t line = 0;     // of the first token that is not a comment (1-based)
    std::size_t column = 0;
    bool non_transactional = false;
    bool commits_implicitly = false;  // the database commits before and after it (MySQL's DDL)
    std::string delimiter;    // ";" or the current DELIMITER
    /// INSERT, UPDATE, DELETE, MERGE or UPSERT without RETURNING: batch=true may send it
    /// together with its neighbours, as Flyway batches only these.
    bool batchable = false;
    /// SELECT, SHOW, CALL, ... RETURNING: its answer may have rows worth printing.
    bool may_return_rows = false;
    /// PostgreSQL COPY ... FROM STDIN arrives in parts, so its data never has to be held whole:
    /// the statement (begin), its data lines in pieces of at most copy_chunk_size (data), then
    /// the end of the data (end).
    enum class copy_part { none, begin, data, end };
    copy_part copy = copy_part::none;
    std::string copy_data;    // for copy_part::data
};

class statement_splitter {
 public:
    using emit_fn = std::function<void(split_statement&&)>;

    explicit statement_splitter(const dialect_rules& rules);

    /// Splits what `text` completes; calls `emit` for each finished statement. Throws
    /// core::error for malformed input (with line and column).
    void feed(std::string_view text, const emit_fn& emit);
    /// Ends the input: emits the last statement or reports an incomplete one.
    void finish(const emit_fn& emit);

 private:
    enum class mode { normal, line_comment, block_comment, string, quoted_identifier, dollar, copy_data };
    // PostgreSQL continues a string after a newline ('a'\n'b' is one string), which matters only
    // when it has backslash escapes: E'a'\n'\'' goes on as an escape string.
    enum class continuation { none, after_close, after_newline };

    bool step(bool at_end, const emit_fn& emit);  // false: needs more input
    bool step_normal(bool at_end, const emit_fn& emit);
    void advance(std::size_t n);
    std::size_t characters(std::size_t from, std::size_t to, std::size_t count) const;
    std::size_t column() const;  // 1-based, at pos_
    std::size_t quoted_run() const;
    std::size_t block_comment_run() const;
    void start_token(bool content);
    void on_keyword(const std::string& upper);
    void on_token_at_depth_zero(const std::string& upper_keyword);
    void end_statement(std::size_t end, const emit_fn& emit);
    void reset_statement();
    void compact();
    [[noreturn]] void incomplete() const;

    const dialect_rules& rules_;
    std::string buf_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t line_start_ = 0;             // where the current line starts in buf_
    std::size_t columns_before_buffer_ = 0;  // its characters already dropped from buf_
    std::string delimiter_ = ";";

    mode mode_ = mode::normal;
    char quote_ = 0;           // string / quoted identifier
    bool backslashes_ = false; // string honours backslash escapes
    std::string dollar_tag_;
    int comment_depth_ = 0;
    bool executable_comment_ = false;  // MySQL /*!...*/: one plain comment may nest inside
    continuation continuation_ = continuation::none;

    // The statement being assembled.
    std::size_t stmt_start_ = std::string::npos;
    bool has_content_ = false;
    std::size_t first_line_ = 0;
    std::size_t first_column_ = 0;
    int paren_depth_ = 0;
    int block_depth_ = 0;
    std::string simplified_;    // first keywords at depth 0, upper-cased, space-joined
    int keyword_count_ = 0;
    std::string previous_keyword_;
    bool pending_end_ = false;  // MySQL: the token after END decides whether it closes
    bool last_begin_opened_ = false;
    bool non_transactional_ = false;
    bool is_copy_ = false;
    bool returns_rows_ = false;  // RETURNING at depth 0
    std::string copy_data_;
    bool copy_header_skipped_ = false;
    std::size_t copy_line_ = 0;
    void emit_copy_data(const emit_fn& emit, bool last);
};

}  // namespace jetway::core
