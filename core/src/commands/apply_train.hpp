// SPDX-License-Identifier: Apache-2.0
// Several migrations in one flight (issue 20): each still in its own transaction with its own
// history row, so what is applied and recorded is what applying them one by one would leave,
// but a run of small migrations reaches the server in one round trip instead of one each.
#pragma once

#include "../engine/session.hpp"

#include <functional>
#include <vector>

namespace jetway::core {

/// Whether `m` may share a flight with the migrations around it: it runs in a transaction, the
/// driver can commit between migrations of a flight (or, for -group=true, keep one transaction
/// open across them), and no callback or error override must act between migrations or
/// statements.
bool may_share_flight(session& s, const resolved_migration& m);

/// Applies `migrations` (each may_share_flight), in order, as apply_script would one by one:
/// `applied` hears of each committed one (with its share of the time) before the first
/// failure, if any, is recorded as apply_script records it and thrown. The "Migrating" lines
/// come when the flight has landed.
void apply_train(session& s, const std::vector<const resolved_migration*>& migrations, bool& transaction_open,
                 const std::function<void(const resolved_migration&, int ms)>& applied);

}  // namespace jetway::core
