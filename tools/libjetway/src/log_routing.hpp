// SPDX-License-Identifier: Apache-2.0
// Where libjetway's log lines go: the engine's spdlog calls land on the process-wide default
// logger, so a sink there hands each line to the callback of the run on the same thread.
#pragma once

#include <jetway/jetway.h>

namespace jetway::library {

/// One engine's callback and the least level it wants.
struct log_target {
    jetway_log_fn log = nullptr;
    void* context = nullptr;
    int least_level = JETWAY_LOG_INFO;
};

/// Puts the routing sink in place of the default logger's sinks, once per process: an
/// application's engine never prints to its stdout. Called before the first engine reads settings.
void route_logs_to_callbacks();

/// While alive, this thread's log lines go to `target` (nothing when its callback is null).
class log_scope {
 public:
    explicit log_scope(const log_target* target) noexcept;
    ~log_scope();
    log_scope(const log_scope&) = delete;
    log_scope& operator=(const log_scope&) = delete;

 private:
    const log_target* previous_;
};

/// An engine that wants debug lines lowers the logger's level while it lives; formatting every
/// statement's debug line costs time, so it is only done while someone listens.
void want_debug_lines(bool wanted) noexcept;

}  // namespace jetway::library
