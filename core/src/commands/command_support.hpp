// SPDX-License-Identifier: Apache-2.0
// Small pieces the commands share: labels for log lines, timing, ignore patterns, and the
// callbacks around a command.
#pragma once

#include <jetway/core/error.hpp>
#include <jetway/core/migration_info.hpp>

#include "../callbacks/callback_runner.hpp"
#include "../engine/session.hpp"

#include <chrono>
#include <string>

namespace jetway::core {

/// `schema "main" to version "1 - init"` / `schema "main" with repeatable migration "v"`.
std::string migration_text(session& s, const resolved_migration& m);

/// Runs a command's `body` between its callbacks: before<event> first, then after<event> when
/// the body returns, or after<event>Error when it throws (the error goes on).
template <class Body>
void with_command_events(session& s, const std::string& event, Body&& body) {
    s.callbacks().fire("before" + event);
    try {
        body();
    } catch (const error&) {
        s.callbacks().fire_on_error("after" + event + "Error");
        throw;
    }
    s.callbacks().fire("after" + event);
}

/// `"main"` as the database quotes it.
std::string quoted_schema(session& s);

/// Milliseconds since `start`.
long long elapsed_ms(std::chrono::steady_clock::time_point start);

/// The ignoreMigrationPatterns of the configuration, plus `extra`.
std::vector<ignore_pattern> ignore_patterns(const configuration& config, const std::vector<std::string>& extra = {});

}  // namespace jetway::core
