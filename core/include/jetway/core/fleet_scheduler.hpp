// SPDX-License-Identifier: Apache-2.0
// Runs one job per target of a fleet on a bounded pool of threads: at most `parallel` at once,
// at most `max_per_server` on any one server, servers taking turns so none waits behind another.
#pragma once

#include <jetway/core/fleet_targets.hpp>

#include <atomic>
#include <cstddef>
#include <functional>
#include <vector>

namespace jetway::core {

struct fleet_limits {
    int parallel = 0;         // 0: default_parallelism()
    int max_per_server = 8;   // targets without a server (files) are bounded by parallel only
    bool fail_fast = false;   // a failure stops the start of further targets
};

/// Engines at once when -parallel is not set: every server's share, up to max_per_server, and
/// the machine's cores for files; at least 1, at most 64.
int default_parallelism(const std::vector<fleet_target>& targets, int max_per_server);

/// Calls job(i) for each target i from worker threads; job returns whether the target
/// succeeded and must not throw. Returns when every started job has finished. Targets never
/// started (fail_fast after a failure, or `stop` set, e.g. by a signal) are reported by
/// started[i] == false.
std::vector<bool> run_fleet(const std::vector<fleet_target>& targets, const fleet_limits& limits,
                            const std::function<bool(std::size_t)>& job, const std::atomic<bool>* stop = nullptr);

}  // namespace jetway::core
