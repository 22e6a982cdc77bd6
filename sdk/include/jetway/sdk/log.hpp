// SPDX-License-Identifier: Apache-2.0
// Logging from a plugin: plain text sent to the host's logger, never a spdlog registry of its own.
#pragma once

#include <jetway/plugin_abi.h>

#include <string_view>

namespace jetway::sdk {
namespace detail {
/// The host of the call this thread is serving. Nothing process-wide: each connection and each
/// resolver or callback instance carries the host of the engine that made it, and the SDK's C
/// entry points (host_scope) make it this thread's for the length of one call.
inline const jw_host_v1*& current_host() noexcept {
    thread_local const jw_host_v1* host = nullptr;
    return host;
}

/// Makes `host` the current one until the end of the scope (calls nest: the previous returns).
class host_scope {
 public:
    explicit host_scope(const jw_host_v1* host) noexcept : previous_(current_host()) { current_host() = host; }
    ~host_scope() { current_host() = previous_; }
    host_scope(const host_scope&) = delete;
    host_scope& operator=(const host_scope&) = delete;

 private:
    const jw_host_v1* previous_;
};
}  // namespace detail

/// Sends one line to the host at `level` (JW_LOG_*): the host of the engine whose call this
/// thread is serving. Dropped outside such a call (a thread of the plugin's own).
inline void log(int level, std::string_view message) noexcept {
    const jw_host_v1* host = detail::current_host();
    if (host != nullptr && host->log != nullptr)
        host->log(host->ctx, level, jw_str{message.data(), message.size()});
}
inline void log_debug(std::string_view message) noexcept { log(JW_LOG_DEBUG, message); }
inline void log_info(std::string_view message) noexcept { log(JW_LOG_INFO, message); }
inline void log_warn(std::string_view message) noexcept { log(JW_LOG_WARN, message); }

}  // namespace jetway::sdk
