// SPDX-License-Identifier: Apache-2.0
// Console logging as Flyway prints it (spec §1.11), but on stderr so stdout carries only results.
#pragma once

namespace jetway::cli {

/// Sets spdlog's default logger: "WARNING: ", "ERROR: ", "DEBUG: " prefixes, info unprefixed.
void setup_console_log(bool debug, bool quiet);

}  // namespace jetway::cli
