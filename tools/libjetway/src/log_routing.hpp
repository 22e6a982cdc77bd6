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

/// While an engine lives, the routing sink stands in place of the default logger's sinks (an
/// application's engine never prints to its stdout); when the last engine goes, the logger gets
/// its own sinks back, so nothing of this library stays in spdlog once it may be unloaded.
class routing_registration {
 public:
    routing_registration();
    ~routing_registration();
    routing_registration(const routing_registration&) = delete;
    routing_registration& operator=(const routing_registration&) = delete;
};

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
