// SPDX-License-Identifier: Apache-2.0
#include "statement_flight.hpp"

#include <algorithm>
#include <optional>

namespace jetway::core {

void statement_flight::keep(const script_file& file, split_statement&& statement, const statement_hooks& hooks) {
    if (files_.empty() || !(files_.back() == file)) files_.push_back(file);
    bytes_ += statement.sql.size();
    kept_.push_back({kept::kind::statement, ended_, files_.size() - 1, std::move(statement), &hooks, {}, {}});
}

void statement_flight::end_migration(const flight_tail& tail, const std::string& script, bool same_transaction) {
    bytes_ += tail.sql.size();
    kept_.push_back({kept::kind::tail, ended_, 0, {}, nullptr, tail, script});
    kept_.push_back({kept::kind::next_migration, ended_, 0, {}, nullptr, {}, script, same_transaction});
    ++ended_;
}

void statement_flight::drop_current_migration() {
    while (!kept_.empty() && kept_.back().migration == ended_) {
        if (kept_.back().what == kept::kind::statement) bytes_ -= kept_.back().statement.sql.size();
        kept_.pop_back();
    }
}

void statement_flight::send(database_connection& connection, const flight_tail* tail, bool commit,
                            std::size_t& failed_migration) const {
    std::vector<flight_statement> items;
    items.reserve(kept_.size() + 1);
    for (const kept& k : kept_) {
        switch (k.what) {
            case kept::kind::statement: items.push_back({k.statement.sql, {}, k.statement.commits_implicitly, false}); break;
            // A history row: after Flyway's session reset, as when it is written on its own.
            case kept::kind::tail: items.push_back({k.tail.sql, k.tail.params, false, false, false, true}); break;
            case kept::kind::next_migration: items.push_back({{}, {}, false, true, k.same_transaction}); break;
        }
    }
    if (tail != nullptr) items.push_back({tail->sql, tail->params, false, false, false, true});
    std::size_t ran = items.size();
    std::optional<error> failure;
    try {
        connection.execute_flight(items, commit);
    } catch (const batch_failure& b) {
        ran = b.ran;
        failure = b.cause;
    }
    for (std::size_t i = 0; i < std::min(ran, kept_.size()); ++i)
        if (kept_[i].what == kept::kind::statement && kept_[i].hooks->ran_in_flight) kept_[i].hooks->ran_in_flight(kept_[i].statement);
    if (!failure) return;
    const error& cause = *failure;
    // The migration the tail and COMMIT at the end belong to, named by its statements' file.
    std::string last = "the migration";
    for (const kept& k : kept_)
        if (k.what == kept::kind::statement && k.migration == ended_) last = files_[k.file].script;
    if (ran == std::string::npos) {
        failed_migration = 0;
        const std::string first = kept_.empty() ? last
                                  : kept_.front().what == kept::kind::statement ? files_[kept_.front().file].script
                                                                                : kept_.front().script;
        throw error(error_code::sql_failed,
                    "Unable to prepare the session for " + first + " (transaction, role, search path): " + cause.what(),
                    cause.sqlstate(), cause.vendor_code());
    }
    if (ran < kept_.size()) {
        const kept& k = kept_[ran];
        failed_migration = k.migration;
        switch (k.what) {
            case kept::kind::statement:
                if (k.hooks->on_error) k.hooks->on_error(k.statement);
                throw_statement_failure(files_[k.file], k.statement, cause);
            case kept::kind::tail:
                throw error(cause.code(), k.tail.failed + ": " + cause.what(), cause.sqlstate(), cause.vendor_code());
            case kept::kind::next_migration:
                if (k.same_transaction)
                    throw error(cause.code(), "Unable to reset the session after " + k.script + ": " + cause.what(),
                                cause.sqlstate(), cause.vendor_code());
                // Its COMMIT failed (a deferred constraint, a serialization failure), or the
                // next migration's start did: either way this migration is not committed.
                throw error(cause.code(), "Unable to commit " + k.script + ": " + cause.what(), cause.sqlstate(),
                            cause.vendor_code());
        }
    }
    failed_migration = ended_;
    if (tail != nullptr && ran == kept_.size())
        throw error(cause.code(), tail->failed + ": " + cause.what(), cause.sqlstate(), cause.vendor_code());
    // COMMIT failed: a deferred constraint, a serialization failure.
    throw error(cause.code(), "Unable to commit " + last + ": " + cause.what(), cause.sqlstate(), cause.vendor_code());
}

}  // namespace jetway::core
