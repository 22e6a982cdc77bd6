// SPDX-License-Identifier: Apache-2.0
// The jw_host_v1 a plugin gets: its log lines go to the "plugin.<name>" spdlog logger, its
// script services are the ones the engine gave the registry.
#pragma once

#include <jetway/core/plugin_library.hpp>
#include <jetway/plugin_abi.h>

#include <string>

namespace jetway::core {

/// A host table whose ctx is `plugin_name` (borrowed: must outlive the plugin's use of it).
jw_host_v1 make_host_services(const std::string* plugin_name, const host_script_services& scripts) noexcept;

}  // namespace jetway::core
