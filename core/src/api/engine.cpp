// SPDX-License-Identifier: Apache-2.0
// The engine: opens the session (the connection and what a run needs) on first use and runs
// each command on it; commands that write are refused first on a read-only database.
#include <jetway/core/engine.hpp>
#include <jetway/core/error.hpp>

#include "../commands/commands.hpp"
#include "../callbacks/callback_runner.hpp"
#include "../engine/plugin_runner.hpp"
#include "../engine/session.hpp"
#include "../support/locale_caches.hpp"

#include <spdlog/spdlog.h>

namespace jetway::core {

engine::engine(const configuration& config, plugin_registry& registry, std::filesystem::path install_root,
               std::map<std::string, std::string> environment, connection_pool* pool)
    : config_(config), registry_(registry), install_root_(std::move(install_root)), environment_(std::move(environment)),
      pool_(pool) {
    fill_locale_caches();  // before any regex of this engine: others may compile theirs on other threads
}

engine::~engine() {
    if (session_) session_->target().mark_reusable(!failed_);
}

template <class Body>
auto engine::settle(Body body) -> decltype(body()) {
    try {
        return body();
    } catch (...) {
        failed_ = true;
        throw;
    }
}

namespace {

// A standby or a read-only server: say so before anything is tried (a dry run writes nothing).
void check_writable(session& s, const configuration& config, const char* command, bool first_use) {
    const std::string reason = s.connection().read_only_reason();
    if (reason.empty()) return;
    if (command == nullptr || !config.dry_run_output.empty()) {
        if (first_use) spdlog::warn("The database at {} is read-only: {}", s.redacted_url(), reason);
        return;
    }
    throw error(error_code::configuration, std::string("Unable to ") + command + ": the database at " + s.redacted_url() +
                                               " is read-only: " + reason + ". Nothing was changed; info and validate work on it.");
}

}  // namespace

session& engine::open(const char* command) {
    if (!session_) {
        if (config_.url.empty())
            throw error(error_code::configuration, "Unable to connect to the database. Configure the url, user and password!");
        session_ = std::make_unique<session>(config_, registry_, install_root_, environment_, pool_);
        session_->set_cancellation(cancel_);
        check_writable(*session_, config_, command, true);
        session_->callbacks().fire("afterConnect");
        return *session_;
    }
    check_writable(*session_, config_, command, false);
    return *session_;
}

migrate_result engine::migrate() {
    return settle([&] {
        session& s = open("migrate");
        try {
            migrate_result r = run_migrate(s);
            s.callbacks().fire("afterMigrateOperationFinish");
            return r;
        } catch (const error& e) {
            if (auto partial = s.take_failed_migrate()) throw migrate_failure(e, std::move(*partial));
            throw;
        }
    });
}

info_result engine::info() {
    return settle([&] {
        session& s = open();
        info_result r = run_info(s);
        s.callbacks().fire("afterInfoOperationFinish");
        return r;
    });
}

validate_result engine::validate(bool no_throw) {
    return settle([&] {
        validate_result r = run_validate(open(), {});
        if (!r.validation_successful && !no_throw) throw error(error_code::validation_failed, validation_failure_message(r));
        return r;
    });
}

baseline_result engine::baseline() { return settle([&] { return run_baseline(open("baseline")); }); }
repair_result engine::repair() { return settle([&] { return run_repair(open("repair")); }); }
clean_result engine::clean() { return settle([&] { return run_clean(open("clean")); }); }
undo_result engine::undo() { return settle([&] { return run_undo(open("undo")); }); }
connection_test_result engine::test_connection() { return settle([&] { return run_test_connection(open()); }); }
add_result engine::add() { return run_add(config_); }
std::vector<catalog_object> engine::catalog_objects() { return settle([&] { return run_catalog_objects(open()); }); }

void engine::create_database(const std::string& name) {
    settle([&] {
        session& s = open();
        s.connection().execute("CREATE DATABASE " + s.connection().quote_identifier(name));
    });
}

void engine::drop_database(const std::string& name) {
    settle([&] {
        session& s = open();
        s.connection().execute("DROP DATABASE " + s.connection().quote_identifier(name));
    });
}

host_script_services engine::plugin_script_services() noexcept { return engine_script_services(); }

}  // namespace jetway::core
