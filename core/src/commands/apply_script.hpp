// SPDX-License-Identifier: Apache-2.0
// One migration (or undo) run the Flyway way: in its transaction or outside any, its callbacks
// around it, and its history row, or a failed row where nothing could be rolled back.
#pragma once

#include "../engine/session.hpp"

#include <string>
#include <vector>

namespace jetway::core {

/// The error for a migration that must run outside a transaction where no lock can cover it.
[[noreturn]] void throw_outside_transaction_refused(session& s, const resolved_migration& m);

/// How `m` runs, asked of its resolver (a SQL file is read through for this).
sdk::transaction_mode transaction_mode_of(session& s, const resolved_migration& m);

/// The rank the next history row gets (read once per lock window).
int next_history_rank(session& s);

/// Whether a transactional migration (undo: an undo) may go in a flight (issue 20): the run
/// holds the lock, and nothing (callbacks, error overrides) must happen between its statements.
bool may_fly(session& s, bool undo);

/// After `m` (logged as `text`) failed: rolls back what can be; where nothing can, says which
/// of `applied_lines` stay (the first `committed`) and records a failed row of `row_type`.
void record_migration_failure(session& s, const resolved_migration& m, const std::string& text, const std::string& row_type,
                              bool undo, bool& transaction_open, const std::vector<std::size_t>& applied_lines,
                              std::size_t committed, int ms);

/// The lock transaction handling shared by migrate and undo for one script: run `file` (a
/// resolved migration) the Flyway way (spec §6.4, §6.5) and record `row_type` in history.
/// `in_autocommit_group`: a -group=true group with a non-transactional member, where Flyway runs
/// every member outside a transaction.
void apply_script(session& s, const resolved_migration& m, bool& transaction_open, const std::string& log_verb,
                  const std::string& row_type, bool undo, bool in_autocommit_group = false);

}  // namespace jetway::core
