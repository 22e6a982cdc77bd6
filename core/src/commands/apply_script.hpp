// SPDX-License-Identifier: Apache-2.0
// One migration (or undo) run the Flyway way: in its transaction or outside any, its callbacks
// around it, and its history row, or a failed row where nothing could be rolled back.
#pragma once

#include "../engine/session.hpp"

#include <string>

namespace jetway::core {

/// The error for a migration that must run outside a transaction where no lock can cover it.
[[noreturn]] void throw_outside_transaction_refused(session& s, const resolved_migration& m);

/// How `m` runs, asked of its resolver (a SQL file is read through for this).
sdk::transaction_mode transaction_mode_of(session& s, const resolved_migration& m);

/// The lock transaction handling shared by migrate and undo for one script: run `file` (a
/// resolved migration) the Flyway way (spec §6.4, §6.5) and record `row_type` in history.
void apply_script(session& s, const resolved_migration& m, bool& transaction_open, const std::string& log_verb,
                  const std::string& row_type, bool undo);

}  // namespace jetway::core
