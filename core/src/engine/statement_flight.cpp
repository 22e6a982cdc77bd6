// SPDX-License-Identifier: Apache-2.0
#include "statement_flight.hpp"

#include <algorithm>
#include <optional>

namespace jetway::core {

void statement_flight::keep(const script_file& file, split_statement&& statement, const statement_hooks& hooks) {
    if (files_.empty() || !(files_.back() == file)) files_.push_back(file);
    bytes_ += statement.sql.size();
    statements_.push_back({files_.size() - 1, std::move(statement), &hooks});
}

void statement_flight::send(database_connection& connection, const flight_tail* tail, bool commit) const {
    std::vector<flight_statement> items;
    items.reserve(statements_.size() + 1);
    for (const kept& k : statements_) items.push_back({k.statement.sql, {}, k.statement.commits_implicitly});
    if (tail != nullptr) items.push_back({tail->sql, tail->params, false});
    std::size_t ran = statements_.size();
    std::optional<error> failure;
    try {
        connection.execute_flight(items, commit);
    } catch (const batch_failure& b) {
        ran = b.ran;
        failure = b.cause;
    }
    for (std::size_t i = 0; i < std::min(ran, statements_.size()); ++i)
        if (statements_[i].hooks->ran_in_flight) statements_[i].hooks->ran_in_flight(statements_[i].statement);
    if (!failure) return;
    const error& cause = *failure;
    const std::string migration = files_.empty() ? std::string("the migration") : files_.front().script;
    if (ran == std::string::npos)
        throw error(error_code::sql_failed,
                    "Unable to prepare the session for " + migration + " (transaction, role, search path): " + cause.what(),
                    cause.sqlstate(), cause.vendor_code());
    if (ran < statements_.size()) {
        const kept& k = statements_[ran];
        if (k.hooks->on_error) k.hooks->on_error(k.statement);
        throw_statement_failure(files_[k.file], k.statement, cause);
    }
    if (tail != nullptr && ran == statements_.size() && items.size() > statements_.size())
        throw error(cause.code(), tail->failed + ": " + cause.what(), cause.sqlstate(), cause.vendor_code());
    // COMMIT failed: a deferred constraint, a serialization failure.
    throw error(cause.code(), "Unable to commit " + migration + ": " + cause.what(), cause.sqlstate(), cause.vendor_code());
}

}  // namespace jetway::core
