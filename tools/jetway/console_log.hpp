// SPDX-License-Identifier: Apache-2.0
// Console logging as Flyway prints it (spec §1.11), but on stderr so stdout carries only results.
#pragma once

#include <string>

namespace jetway::cli {

/// Sets spdlog's default logger: "WARNING: ", "ERROR: ", "DEBUG: " prefixes, info unprefixed.
/// `color` is always, never or auto (colour only when stderr is a terminal).
void setup_console_log(bool debug, bool quiet, const std::string& color = "auto");

}  // namespace jetway::cli
