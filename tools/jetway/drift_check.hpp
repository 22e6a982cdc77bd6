// SPDX-License-Identifier: Apache-2.0
// check -drift: the live database against what its applied migrations build in a scratch
// database (check.buildUrl, a temporary SQLite file, or a temporary database on the same
// server, dropped afterwards), compared object by object through the drivers' catalogs.
#pragma once

#include "command_context.hpp"

#include <nlohmann/json.hpp>

namespace jetway::cli {

/// Flyway's drift document: onlyInSource (what the migrations build and the database lacks),
/// onlyInTarget (what only the database has), differences (both definitions), driftDetected.
nlohmann::ordered_json check_drift(command_context& context);

/// The document as text on stdout.
void print_drift(const nlohmann::ordered_json& drift);

}  // namespace jetway::cli
