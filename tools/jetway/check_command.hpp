// SPDX-License-Identifier: Apache-2.0
// check: what a run would do, before it does it. -dryrun lists the pending migrations in the
// order migrate would apply them, with every statement it would send, as a report. -drift
// builds what the applied migrations make in a scratch database and compares the catalogs.
#pragma once

#include "command_context.hpp"

namespace jetway::cli {

/// Adds a "drift" and/or "dryrun" document to the context's results (drift found sets
/// context.findings when failOnDrift); refuses check modes Jetway lacks.
void run_check(command_context& context);

}  // namespace jetway::cli
