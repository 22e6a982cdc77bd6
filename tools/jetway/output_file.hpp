// SPDX-License-Identifier: Apache-2.0
// flyway.outputFile: a copy of what the run prints (results on stdout and the log lines) in a
// file, as a CI job archives it. Secrets are scrubbed before anything reaches it.
#pragma once

#include <filesystem>
#include <string_view>

namespace jetway::cli {

/// Starts copying into `file` (created or truncated; its folder is created). From now on
/// std::cout writes to both. Throws core::error naming the file and the setting when it cannot.
void open_output_file(const std::filesystem::path& file, const std::string& origin);

/// Appends a log line (already formatted, without colour) when an output file is open.
void copy_to_output_file(std::string_view text);

/// Flushes and closes the file and gives std::cout its own buffer back.
void close_output_file();

}  // namespace jetway::cli
