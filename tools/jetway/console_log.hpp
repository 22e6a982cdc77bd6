// SPDX-License-Identifier: Apache-2.0
// Console logging as Flyway prints it (spec §1.11), but on stderr so stdout carries only results.
#pragma once

#include <string>

namespace jetway::cli {

/// Sets spdlog's default logger: "WARNING: ", "ERROR: ", "DEBUG: " prefixes, info unprefixed.
/// `color` is always, never or auto (colour only when stderr is a terminal). With `hold`, lines
/// wait until release_log_lines: the configuration decides their form.
void setup_console_log(bool debug, bool quiet, const std::string& color = "auto", bool hold = false);

/// Writes the held lines and every later one as text, or (outputLogsInJson) one JSON object
/// per line, {"level": "INFO|WARN|ERROR|DEBUG", "message": ...}; each also goes to the
/// output file when one is open.
void release_log_lines(bool as_json);

/// Labels what this thread logs from now on, for a fleet run's engines: their warnings and errors
/// are printed as "WARNING: [label] ...", their other lines only with -X. "" takes it away.
void set_thread_log_label(std::string label);

/// A line kept at the bottom of the terminal (a fleet's progress): redrawn in place after every
/// log line. "" clears it. Only use it when stderr is a terminal.
void set_status_line(std::string line);

}  // namespace jetway::cli
