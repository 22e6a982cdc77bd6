// SPDX-License-Identifier: Apache-2.0
// Logging from a plugin: plain text sent to the host's logger, never a spdlog registry of its own.
#pragma once

#include <jetway/plugin_abi.h>

#include <string_view>

namespace jetway::sdk {
namespace detail {
/// The host services of this library; set once by the entry point, read by log().
inline const jw_host_v1*& host_services() noexcept {
    static const jw_host_v1* host = nullptr;
    return host;
}
}  // namespace detail

/// Sends one line to the host at `level` (JW_LOG_*). Dropped when no host is attached.
inline void log(int level, std::string_view message) noexcept {
    const jw_host_v1* host = detail::host_services();
    if (host != nullptr && host->log != nullptr)
        host->log(host->ctx, level, jw_str{message.data(), message.size()});
}
inline void log_debug(std::string_view message) noexcept { log(JW_LOG_DEBUG, message); }
inline void log_info(std::string_view message) noexcept { log(JW_LOG_INFO, message); }
inline void log_warn(std::string_view message) noexcept { log(JW_LOG_WARN, message); }

}  // namespace jetway::sdk
