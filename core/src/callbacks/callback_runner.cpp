// SPDX-License-Identifier: Apache-2.0
#include "callback_runner.hpp"

#include <jetway/core/error.hpp>
#include <jetway/core/resolved_migration.hpp>

#include "../extensions/plugin_extensions.hpp"

#include <spdlog/spdlog.h>

namespace jetway::core {

bool callback_runner::has(const std::string& event) {
    for (const auto& callback : callbacks_)
        if (engine_errors([&] { return callback->supports(event); })) return true;
    return false;
}

void callback_runner::fire(const std::string& event, bool inside_transaction, const resolved_migration* migration) {
    std::optional<sdk::properties> details;
    for (const auto& callback : callbacks_) {
        if (!engine_errors([&] { return callback->supports(event); })) continue;
        if (!details) {
            details.emplace();
            details->emplace("event", event);
            details->emplace("schema", schema_);
            if (migration != nullptr) {
                details->emplace("migration.version", migration->version ? migration->version->text() : "");
                details->emplace("migration.description", migration->description);
                details->emplace("migration.script", migration->script);
                details->emplace("migration.type", migration->type);
            }
        }
        try {
            statements_(inside_transaction, [&](sdk::statement_runner& runner) {
                engine_errors([&] { callback->handle(event, *details, settings_, runner); });
            });
        } catch (const error& e) {
            throw error(e.code(), "Error while executing " + event + " callback: " + e.what(), e.sqlstate(), e.vendor_code());
        }
    }
}

void callback_runner::fire_on_error(const std::string& event, bool inside_transaction,
                                    const resolved_migration* migration) noexcept {
    try {
        fire(event, inside_transaction, migration);
    } catch (const std::exception& e) {
        try {
            spdlog::warn("{}", e.what());
        } catch (...) {
        }
    }
}

}  // namespace jetway::core
