// SPDX-License-Identifier: Apache-2.0
#include <jetway/core/engine.hpp>
#include <jetway/core/error.hpp>

#include "../commands/commands.hpp"
#include "callback_runner.hpp"
#include "session.hpp"

namespace jetway::core {

engine::engine(const configuration& config, plugin_registry& registry, std::filesystem::path install_root,
               std::map<std::string, std::string> environment)
    : config_(config), registry_(registry), install_root_(std::move(install_root)), environment_(std::move(environment)) {}

engine::~engine() = default;

session& engine::open() {
    if (!session_) {
        if (config_.url.empty())
            throw error(error_code::configuration, "Unable to connect to the database. Configure the url, user and password!");
        session_ = std::make_unique<session>(config_, registry_, install_root_, environment_);
        session_->callbacks().fire("afterConnect");
    }
    return *session_;
}

migrate_result engine::migrate() {
    session& s = open();
    migrate_result r = run_migrate(s);
    s.callbacks().fire("afterMigrateOperationFinish");
    return r;
}

info_result engine::info() {
    session& s = open();
    info_result r = run_info(s);
    s.callbacks().fire("afterInfoOperationFinish");
    return r;
}

validate_result engine::validate(bool no_throw) {
    validate_result r = run_validate(open(), {});
    if (!r.validation_successful && !no_throw) throw error(error_code::validation_failed, validation_failure_message(r));
    return r;
}

baseline_result engine::baseline() { return run_baseline(open()); }
repair_result engine::repair() { return run_repair(open()); }
clean_result engine::clean() { return run_clean(open()); }
undo_result engine::undo() { return run_undo(open()); }

}  // namespace jetway::core
