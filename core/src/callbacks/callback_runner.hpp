// SPDX-License-Identifier: Apache-2.0
// Fires callback events (spec §9) at every callback behind the SDK interface: the built-in file
// callbacks (SQL and script files) and callback plugins, in that order.
#pragma once

#include <jetway/sdk/extension.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace jetway::core {

struct resolved_migration;

/// Calls `body` with a statement runner on the run's connection: inside the open transaction,
/// or (inside_transaction false) giving each transactional SQL callback its own.
using callback_statements =
    std::function<void(bool inside_transaction, const std::function<void(sdk::statement_runner&)>& body)>;

class callback_runner {
 public:
    /// `callbacks` in firing order; `settings` (never a password) go to each; `schema` is the
    /// default schema events name.
    callback_runner(std::vector<std::shared_ptr<sdk::callback>> callbacks, sdk::properties settings, std::string schema,
                    callback_statements statements)
        : callbacks_(std::move(callbacks)), settings_(std::move(settings)), schema_(std::move(schema)),
          statements_(std::move(statements)) {}

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

    /// The callbacks, in firing order.
    const std::vector<std::shared_ptr<sdk::callback>>& callbacks() const noexcept { return callbacks_; }

 private:
    std::vector<std::shared_ptr<sdk::callback>> callbacks_;
    sdk::properties settings_;
    std::string schema_;
    callback_statements statements_;
};

}  // namespace jetway::core
