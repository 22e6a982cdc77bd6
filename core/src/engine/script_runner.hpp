// SPDX-License-Identifier: Apache-2.0
// Runs a SQL script (a migration or a callback) statement by statement, streaming it through
// the decoder, the placeholder pass and the splitter.
#pragma once

#include <jetway/core/database_connection.hpp>
#include <jetway/core/error.hpp>

#include "error_overrides.hpp"
#include "script_file.hpp"
#include "statement_flight.hpp"

#include <filesystem>
#include <list>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace jetway::core {

class session;

class script_runner {
 public:
    explicit script_runner(session& s);

    /// Reads the whole script without running it: whether it may run in a transaction
    /// (spec §6.2). Throws for unknown placeholders, unparsable statements, and Flyway's error
    /// for a mix of transactional and non-transactional statements when mixed=false.
    bool analyze(const script_file& file);

    /// Executes every statement; throws core::error (sql_failed) with Flyway's block naming the
    /// file, line, statement and the database's message.
    void run(const script_file& file, const statement_hooks& hooks = {});

    /// Flights (issue 20): from start_flight() on, run() keeps a migration's statements instead
    /// of sending them, so they reach the server with its BEGIN, history row and COMMIT in one
    /// round trip (send_flight). Before a statement that needs its own round trip (COPY, rows
    /// to print), a caller that needs an answer, or past 32 KB, what was kept is sent (land())
    /// and keeping starts again.
    void start_flight() {
        flight_.emplace();
        migrations_landed_ = 0;
        failed_migration_.reset();
    }
    bool flying() const noexcept { return flight_.has_value(); }
    /// Sends what was kept, then `tail`, then COMMIT when `commit` (not inside a group's
    /// transaction). Throws Flyway's error block for a failing statement, `tail.failed` for the
    /// tail, or a commit failure; the transaction then stays open for the caller to roll back.
    void send_flight(const flight_tail& tail, bool commit);
    /// Several migrations in one flight (API 1.8): ends the current one with `tail` and its
    /// COMMIT (none when `same_transaction`: a group's); the next starts as the first did.
    /// Nothing is sent unless past 32 KB.
    void next_migration(const flight_tail& tail, const std::string& script, bool same_transaction);
    /// Sends what was kept, without committing; the flight goes on.
    void land();
    /// Sends the migrations next_migration() ended and drops what the current one kept (it
    /// failed before any of it was sent); its transaction stays open, with nothing in it.
    void land_ended_migrations();
    /// After a send of this flight threw: which migration failed, counted from start_flight().
    std::optional<std::size_t> failed_migration() const noexcept { return failed_migration_; }
    /// Ends the flight without sending anything (the migration failed before it was sent).
    void abandon_flight() noexcept { flight_.reset(); }

    /// Where statements go instead of the database (dry run); empty: execute them.
    void divert(std::function<void(const std::string& sql)> sink) { divert_ = std::move(sink); }
    bool diverted() const noexcept { return static_cast<bool>(divert_); }
    void write_diverted(const std::string& sql) { divert_(sql); }

 private:
    void split(const script_file& file, const std::function<void(split_statement&&)>& emit);
    void execute(const script_file& file, const split_statement& statement);
    /// batch=true: sends the queued data changes together (see flush_batch).
    void flush_batch(const script_file& file, std::vector<split_statement>& queued, const statement_hooks& hooks);

    /// The statements analyze() split from a small script, so run() need not read and split
    /// it again: the second pass was a third of Jetway's own work per migration.
    struct analyzed_script {
        script_file file;
        std::vector<split_statement> statements;
        std::size_t bytes = 0;  // the file's size
    };
    std::list<analyzed_script> analyzed_;  // oldest first
    std::unordered_map<std::string, std::list<analyzed_script>::iterator> analyzed_by_path_;
    std::uintmax_t analyzed_bytes_ = 0;
    /// Takes `file`'s analyzed statements out of the cache, if they are there.
    std::optional<std::vector<split_statement>> take_analyzed(const script_file& file);

    // A flight holds at most this much: a big script goes in several, so memory stays flat.
    // PostgreSQL parses a whole multi-statement query before it runs the first statement:
    // measured on a 10 MB migration of 10 KB INSERTs, flights of 64 KB to 1 MB took it 20-30%
    // longer than statement by statement, 32 KB flights the same time. A flight per 32 KB
    // costs a network little: 200 small migrations still go in a handful.
    static constexpr std::size_t flight_bytes = 32 * 1024;
    std::optional<statement_flight> flight_;
    std::size_t migrations_landed_ = 0;  // ended by next_migration() and sent
    std::optional<std::size_t> failed_migration_;
    void send(statement_flight&& flight, const flight_tail* tail, bool commit);

    session& session_;
    std::function<void(const std::string&)> divert_;
    std::vector<error_override> overrides_;
};

}  // namespace jetway::core
