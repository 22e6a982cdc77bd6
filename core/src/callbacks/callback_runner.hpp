// SPDX-License-Identifier: Apache-2.0
// Fires callback events (spec §9) at every callback behind the SDK interface: the built-in file
// callbacks (SQL and script files) and callback plugins, in that order.
#pragma once

#include <string>

namespace jetway::core {

class session;
struct resolved_migration;

class callback_runner {
 public:
    explicit callback_runner(session& s) : session_(s) {}

    /// True when some callback handles `event` (callers skip per-statement work otherwise).
    bool has(const std::string& event);

    /// Runs the callbacks of `event` in order. Outside a migration's transaction each
    /// transactional SQL callback gets its own transaction. Throws core::error
    /// "Error while executing <event> callback: ..." when a SQL callback fails; a failing
    /// script callback is only logged, as Flyway does.
    /// `migration` (when the event concerns one) is what callback plugins are told about.
    void fire(const std::string& event, bool inside_transaction = false, const resolved_migration* migration = nullptr);

    /// For the *Error events, fired while another error is on its way out: a failure here is
    /// logged as a warning so that the original error is the one the user sees.
    void fire_on_error(const std::string& event, bool inside_transaction = false,
                       const resolved_migration* migration = nullptr) noexcept;

 private:
    session& session_;
};

}  // namespace jetway::core
