// SPDX-License-Identifier: Apache-2.0
// init: a new project in the working directory, a flyway.toml with the everyday settings
// written out as comments and an empty sql/ folder, so `jetway add` and `jetway migrate` work.
#pragma once

#include <jetway/core/configuration.hpp>

#include <filesystem>
#include <vector>

namespace jetway::cli {

struct init_result {
    std::vector<std::filesystem::path> created;  // the files and folders made, in order
};

/// Refuses (core::error) when the working directory already has a flyway.toml or flyway.conf.
init_result init_project(const core::configuration& config);

}  // namespace jetway::cli
