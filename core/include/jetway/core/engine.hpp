// SPDX-License-Identifier: Apache-2.0
// The engine's façade: one object per run, owning the connection and everything resolved for
// it. Commands run against the database the configuration names, through its driver plugin.
#pragma once

#include <jetway/core/cancellation.hpp>
#include <jetway/core/command_results.hpp>
#include <jetway/core/configuration.hpp>
#include <jetway/core/connection_pool.hpp>
#include <jetway/core/error.hpp>
#include <jetway/core/plugin_registry.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

namespace jetway::core {

class session;

/// A migrate that failed, with what it had done before (the migrations it applied, whose
/// rows stay), as Flyway's JSON reports a failed migrate: its result with success false.
class migrate_failure : public error {
 public:
    migrate_failure(const error& cause, migrate_result partial) : error(cause), partial_(std::move(partial)) {}
    const migrate_result& partial() const noexcept { return partial_; }

 private:
    migrate_result partial_;
};


class engine {
 public:
    /// `registry` must outlive the engine. Connects lazily, on the first command.
    /// With a `pool` (a fleet run's), the session may be one an earlier engine left there, and
    /// goes back to it when every command ended well.
    engine(const configuration& config, plugin_registry& registry,
           std::filesystem::path install_root, std::map<std::string, std::string> environment,
           connection_pool* pool = nullptr);
    ~engine();
    engine(const engine&) = delete;
    /// What plugins need to run SQL scripts and programs through an engine: give it to the
    /// plugin_registry the engine will use.
    static host_script_services plugin_script_services() noexcept;
    engine& operator=(const engine&) = delete;

    /// Throws migrate_failure (a core::error) when a migration fails.
    migrate_result migrate();
    info_result info();
    /// Throws core::error (validation_failed) unless `no_throw`, which reports in the result.
    validate_result validate(bool no_throw = false);
    baseline_result baseline();
    repair_result repair();
    clean_result clean();
    undo_result undo();
    /// Connects and reports what it found; changes nothing.
    connection_test_result test_connection();
    /// Writes the next migration file (flyway.add.*); never connects.
    add_result add();
    /// Every object of the configured schemas but the history table, through the driver's
    /// catalog query; core::error when the driver has none.
    std::vector<catalog_object> catalog_objects();
    /// A scratch database on the same server (check -drift builds the expected schema there):
    /// CREATE DATABASE / DROP DATABASE on this engine's connection.
    void create_database(const std::string& name);
    void drop_database(const std::string& name);

    /// What another thread presses to stop the run: no statement starts after it, the one
    /// running is interrupted where the driver can, and the migration fails (rolled back where
    /// the database can) with error_code::cancelled. Set before the first command; it must
    /// outlive the engine.
    void set_cancellation(cancellation* stop) noexcept { cancel_ = stop; }

 private:
    /// The session, connected on first use. `command` names a command that writes: it is
    /// refused on a read-only database before anything runs, afterConnect callbacks included.
    session& open(const char* command = nullptr);
    /// Runs a command's body; a failure makes the session unfit for the pool.
    template <class Body>
    auto settle(Body body) -> decltype(body());

    const configuration& config_;
    plugin_registry& registry_;
    std::filesystem::path install_root_;
    std::map<std::string, std::string> environment_;
    connection_pool* pool_;
    std::unique_ptr<session> session_;
    bool failed_ = false;
    cancellation* cancel_ = nullptr;
};

}  // namespace jetway::core
