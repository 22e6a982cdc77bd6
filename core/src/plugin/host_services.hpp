// SPDX-License-Identifier: Apache-2.0
// The jw_host_v1 a plugin gets: its log lines go to the "plugin.<name>" spdlog logger.
#pragma once

#include <jetway/plugin_abi.h>

#include <string>

namespace jetway::core {

/// A host table whose ctx is `plugin_name` (borrowed: must outlive the plugin's use of it).
jw_host_v1 make_host_services(const std::string* plugin_name) noexcept;

/// The table the built-in resolvers and callbacks use: they are written against the SDK, whose
/// statement_runner reaches the host's script services through it.
const jw_host_v1& engine_host_services() noexcept;

}  // namespace jetway::core
