// SPDX-License-Identifier: Apache-2.0
#include "history_rows.hpp"

#include <iterator>

namespace jetway::core {

bool history_rows::table_exists() {
    if (sole_writer_ && known_to_exist_) return true;
    known_to_exist_ = table_.exists();
    return known_to_exist_;
}

const std::vector<applied_migration>& history_rows::reread() {
    applied_ = table_exists() ? table_.read() : std::vector<applied_migration>{};
    current_ = true;
    read_under_lock_ = true;
    return applied_;
}

std::size_t history_rows::read_new() {
    // Once rows have been read the table exists; only an empty view needs the catalog query.
    if (applied_.empty() && !table_exists()) return 0;
    const int after = applied_.empty() ? -1 : applied_.back().installed_rank;
    std::vector<applied_migration> rows = table_.read(after);
    applied_.insert(applied_.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
    current_ = true;
    read_under_lock_ = true;
    return rows.size();
}

int history_rows::next_dry_run_rank() {
    if (!dry_run_rank_) dry_run_rank_ = schema_history::next_rank(applied_);
    return (*dry_run_rank_)++;
}

}  // namespace jetway::core
