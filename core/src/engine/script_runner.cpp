// SPDX-License-Identifier: Apache-2.0
#include "script_runner.hpp"

#include <jetway/core/ascii_table.hpp>

#include "../resolve/placeholder_replacer.hpp"
#include "../resolve/script_reader.hpp"
#include "session.hpp"
#include "../support/text.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <utility>

namespace jetway::core {

script_runner::script_runner(session& s) : session_(s) {
    for (const std::string& rule : s.config().error_overrides) overrides_.push_back(error_override::parse(rule));
}

void script_runner::split(const script_file& file, const std::function<void(split_statement&&)>& emit) {
    const std::string file_name = file.path.filename().string();
    script_reader reader(file.path, file.encoding, file.detect_encoding, file_name);
    std::optional<placeholder_replacer> replacer;
    if (file.placeholder_replacement)
        replacer.emplace(placeholders_for_file(session_.placeholders(), file_name, session_.config(), false),
                         session_.config().placeholder_prefix, session_.config().placeholder_suffix, file.path.string());
    statement_splitter splitter(session_.dialect());
    std::string chunk;
    std::string replaced;
    std::size_t line = 1;
    try {
        while (reader.next(chunk)) {
            // A NUL byte would end the statement early in a C client, silently dropping the rest.
            if (const std::size_t nul = chunk.find('\0'); nul != std::string::npos)
                throw error(error_code::resolution_failed,
                            "Unable to run " + file.script + ": it holds a NUL byte at line " +
                                std::to_string(line + static_cast<std::size_t>(std::count(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(nul), '\n'))) +
                                " (a migration must be text)");
            line += count_newlines(chunk);
            if (replacer) {
                replaced.clear();
                replacer->feed(chunk, replaced);
                splitter.feed(replaced, emit);
            } else {
                splitter.feed(chunk, emit);
            }
        }
        if (replacer) {
            replaced.clear();
            replacer->finish(replaced);
            splitter.feed(replaced, emit);
        }
        splitter.finish(emit);
    } catch (const error& e) {
        if (e.code() != error_code::resolution_failed) throw;
        const std::string what = e.what();
        if (what.rfind("Incomplete statement", 0) == 0)
            throw error(error_code::resolution_failed, "Unable to parse statement in " + file.script + ": " + what);
        throw;
    }
}

std::optional<std::vector<split_statement>> script_runner::take_analyzed(const script_file& file) {
    const auto found = analyzed_by_path_.find(file.path.string());
    if (found == analyzed_by_path_.end()) return std::nullopt;
    const auto entry = found->second;
    analyzed_by_path_.erase(found);
    analyzed_bytes_ -= entry->bytes;
    std::optional<std::vector<split_statement>> statements;
    if (entry->file == file) statements = std::move(entry->statements);  // read with the same settings
    analyzed_.erase(entry);
    return statements;
}

bool script_runner::analyze(const script_file& file) {
    const configuration& config = session_.config();
    bool any_non_transactional = false;
    bool any_transactional = false;
    std::optional<split_statement> first_mixed;
    // Small scripts keep their statements for run(); big ones are streamed twice, so memory
    // stays flat whatever the size.
    constexpr std::uintmax_t keep_up_to = 1024 * 1024;
    std::error_code size_error;
    const std::uintmax_t size = std::filesystem::file_size(file.path, size_error);
    const bool keep = !size_error && size <= keep_up_to;
    take_analyzed(file);
    std::vector<split_statement> kept;
    split(file, [&](split_statement&& s) {
        if (s.copy != split_statement::copy_part::data && s.copy != split_statement::copy_part::end) {
            (s.non_transactional ? any_non_transactional : any_transactional) = true;
            if (any_non_transactional && any_transactional && !first_mixed) first_mixed = s;
        }
        if (keep) kept.push_back(std::move(s));
    });
    if (keep) {
        // Migrations that share flights are all analyzed before the first runs (migrate takes up
        // to 1 MB of them at a time): keep several, up to 2 MB, the oldest going first.
        analyzed_.push_back({file, std::move(kept), static_cast<std::size_t>(size)});
        analyzed_by_path_[file.path.string()] = std::prev(analyzed_.end());
        analyzed_bytes_ += size;
        while (analyzed_bytes_ > 2 * keep_up_to || analyzed_.size() > 2000) {
            analyzed_bytes_ -= analyzed_.front().bytes;
            analyzed_by_path_.erase(analyzed_.front().file.path.string());
            analyzed_.pop_front();
        }
    }
    if (file.execute_in_transaction) return *file.execute_in_transaction;
    if (first_mixed && !config.mixed && config.execute_in_transaction)
        throw error(error_code::resolution_failed,
                    "Detected both transactional and non-transactional statements within the same migration "
                    "(even though mixed is false). Offending statement found at line " +
                        std::to_string(first_mixed->line) + ": " + quote_for_message(first_mixed->sql) +
                        (first_mixed->non_transactional ? " [non-transactional]" : "") + "\n(in " + file.script + ")");
    return !any_non_transactional && config.execute_in_transaction;
}

namespace {
std::string statement_place(const script_file& file, const split_statement& s) {
    return "line " + std::to_string(s.line) + " of " + file.script;
}
}  // namespace

void script_runner::execute(const script_file& file, const split_statement& s) {
    spdlog::debug("Executing SQL: {}", s.sql);
    using part = split_statement::copy_part;
    if (divert_) {
        if (s.copy == part::data) divert_(s.copy_data.substr(0, s.copy_data.size() - 1));  // the sink adds the newline
        else if (s.copy == part::end) divert_("\\.");
        else divert_(s.sql + (s.copy == part::begin || s.delimiter == ";" ? ";" : "\n" + s.delimiter));
        return;
    }
    try {
        switch (s.copy) {
            case part::begin: session_.connection().copy_begin(s.sql); return;
            case part::data: session_.connection().copy_put(s.copy_data); return;
            case part::end: session_.connection().copy_end(); return;
            case part::none: break;
        }
        auto rows = session_.connection().query(s.sql);
        const std::size_t columns = rows.column_count();
        if (columns == 0) {
            while (rows.next()) {
            }
            return;
        }
        std::vector<std::string> headers;
        for (std::size_t c = 0; c < columns; ++c) headers.push_back(rows.column_name(c));
        std::vector<std::vector<std::string>> table;
        while (rows.next()) {
            std::vector<std::string> row;
            for (std::size_t c = 0; c < columns; ++c) row.push_back(rows.value(c).value_or("NULL"));
            table.push_back(std::move(row));
        }
        if (!session_.config().output_query_results) return;
        if (to_lower(session_.config().output_type) == "json") {
            session_.query_results().push_back({file.script, s.line, std::move(headers), std::move(table)});
            return;
        }
        std::string text = render_ascii_table(headers, table, "No rows returned");
        if (!text.empty() && text.back() == '\n') text.pop_back();
        spdlog::info("{}", text);
    } catch (const error& e) {
        session_.throw_if_cancelled_during(statement_place(file, s), e.what());
        if (const auto rule = find_override(overrides_, e.sqlstate(), e.vendor_code()); rule && rule->behaviour != 'E') {
            const std::string line = "DB: " + std::string(e.what()) +
                                     (rule->hide_state_and_code ? std::string{}
                                                                : " (SQL State: " + e.sqlstate() + " - Error Code: " +
                                                                      std::to_string(e.vendor_code()) + ")");
            if (rule->behaviour == 'W') spdlog::warn("{}", line);
            else if (rule->behaviour == 'I') spdlog::info("{}", line);
            else spdlog::debug("{}", line);
            return;  // overridden: the statement counts as done
        }
        throw_statement_failure(file, s, e);
    }
}


void script_runner::flush_batch(const script_file& file, std::vector<split_statement>& queued,
                                const statement_hooks& hooks) {
    if (queued.empty()) return;
    std::vector<std::string_view> texts;
    texts.reserve(queued.size());
    for (const split_statement& s : queued) {
        spdlog::debug("Executing SQL: {}", s.sql);
        texts.emplace_back(s.sql);
    }
    std::size_t ran = queued.size();
    std::optional<error> failure;
    try {
        session_.connection().execute_batch(texts);
    } catch (const batch_failure& f) {
        ran = f.ran;
        failure = f.cause;
    }
    if (hooks.after)
        for (std::size_t i = 0; i < ran; ++i) hooks.after(queued[i]);
    if (failure) {
        const split_statement failed = std::move(queued[std::min(ran, queued.size() - 1)]);
        queued.clear();
        if (hooks.on_error) hooks.on_error(failed);
        session_.throw_if_cancelled_during(statement_place(file, failed), failure->what());
        throw_statement_failure(file, failed, *failure);
    }
    queued.clear();
}

void script_runner::send(statement_flight&& flight, const flight_tail* tail, bool commit) {
    std::size_t failed = 0;
    try {
        flight.send(session_.connection(), tail, commit, failed);
    } catch (const error& e) {
        failed_migration_ = migrations_landed_ + failed;
        session_.throw_if_cancelled_during("statements sent together", e.what());
        throw;
    } catch (...) {
        failed_migration_ = migrations_landed_ + failed;
        throw;
    }
    migrations_landed_ += flight.migrations_ended();
}

void script_runner::send_flight(const flight_tail& tail, bool commit) {
    statement_flight flight = std::move(*flight_);
    flight_.reset();
    send(std::move(flight), &tail, commit);
}

void script_runner::next_migration(const flight_tail& tail, const std::string& script, bool same_transaction) {
    flight_->end_migration(tail, script, same_transaction);
    if (flight_->bytes() > flight_bytes) land();
}

void script_runner::land() {
    if (!flight_ || flight_->empty()) return;
    send(std::exchange(*flight_, statement_flight{}), nullptr, false);
}

void script_runner::land_ended_migrations() {
    if (!flight_ || flight_->migrations_ended() == 0) return;
    statement_flight flight = std::exchange(*flight_, statement_flight{});
    flight.drop_current_migration();
    send(std::move(flight), nullptr, false);
}

void script_runner::run(const script_file& file, const statement_hooks& hooks) {
    // batch=true: data changes go to the database together, up to Flyway's 100 at a time, and
    // only inside a transaction, so a failure still leaves nothing of the batch behind.
    constexpr std::size_t batch_statements = 100;
    constexpr std::size_t batch_bytes = 4 * 1024 * 1024;  // memory stays flat for huge scripts
    database_connection& connection = session_.connection();
    const bool batching = session_.config().batch && hooks.allow_batching && !divert_ && connection.can_batch();
    std::vector<split_statement> queued;
    std::size_t queued_bytes = 0;
    std::optional<std::vector<split_statement>> analyzed = take_analyzed(file);
    auto each = [&](split_statement&& s) {
        // Never in the middle of a COPY: the connection would be left inside it.
        if (s.copy == split_statement::copy_part::none || s.copy == split_statement::copy_part::begin)
            session_.throw_if_cancelled(file.script, s.line);
        if (flight_) {
            // COPY's data streams, and rows to print need their answer: those go on their own.
            const bool own_round_trip = s.copy != split_statement::copy_part::none ||
                                        (s.may_return_rows && session_.config().output_query_results);
            if (!own_round_trip) {
                if (flight_->bytes() + s.sql.size() > flight_bytes) land();
                spdlog::debug("Executing SQL: {}", s.sql);
                flight_->keep(file, std::move(s), hooks);
                return;
            }
            land();
        }
        if (batching && s.batchable && connection.in_transaction()) {
            queued_bytes += s.sql.size();
            queued.push_back(std::move(s));
            if (queued.size() >= batch_statements || queued_bytes >= batch_bytes) {
                flush_batch(file, queued, hooks);
                queued_bytes = 0;
            }
            return;
        }
        flush_batch(file, queued, hooks);
        queued_bytes = 0;
        // Statement callbacks see a COPY once: before its statement, after its data ends.
        const bool starts = s.copy == split_statement::copy_part::none || s.copy == split_statement::copy_part::begin;
        const bool ends = s.copy == split_statement::copy_part::none || s.copy == split_statement::copy_part::end;
        if (starts && hooks.before) hooks.before(s);
        try {
            execute(file, s);
        } catch (...) {
            if (hooks.on_error) hooks.on_error(s);
            throw;
        }
        if (ends && hooks.after) hooks.after(s);
    };
    if (analyzed) {
        for (split_statement& s : *analyzed) each(std::move(s));
    } else {
        split(file, each);
    }
    flush_batch(file, queued, hooks);
}

}  // namespace jetway::core
