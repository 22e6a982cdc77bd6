// SPDX-License-Identifier: Apache-2.0
// A temporary file a check writes (the dry run's SQL, drift's scratch SQLite database), removed
// however the check ends.
#pragma once

#include <filesystem>
#include <string>
#include <unistd.h>

namespace jetway::cli {

struct scratch_file {
    /// <temp dir>/jetway-<what>-<pid><extension>; nothing is created yet.
    scratch_file(const std::string& what, const std::string& extension)
        : path(std::filesystem::temp_directory_path() / ("jetway-" + what + "-" + std::to_string(::getpid()) + extension)) {}
    ~scratch_file() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
    scratch_file(const scratch_file&) = delete;
    scratch_file& operator=(const scratch_file&) = delete;
    std::filesystem::path path;
};

}  // namespace jetway::cli
