// SPDX-License-Identifier: Apache-2.0
// Script migrations and callbacks (.sh, .bash, .py, .ps1, extensionless; spec §2.6) run as child
// processes with FLYWAY_URL, FLYWAY_USER, FLYWAY_PASSWORD and FP__name__ placeholders.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace jetway::core {

class session;

struct process_outcome {
    int exit_code = 0;
    std::string output;  // stdout and stderr together
};

/// Runs `script` to completion with the session's environment; logs its output at info.
process_outcome run_script_process(session& s, const std::filesystem::path& script);

}  // namespace jetway::core
