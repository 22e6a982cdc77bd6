// SPDX-License-Identifier: Apache-2.0
// What one run shares between its commands, built once and held here: the database target
// (connection, dialect, schemas), the history table and the rows known of it, the placeholders,
// the migration catalog, and the script and callback runners. Each part does one job; the
// session only composes them.
#pragma once

#include <jetway/core/applied_migration.hpp>
#include <jetway/core/cancellation.hpp>
#include <jetway/core/command_results.hpp>
#include <jetway/core/configuration.hpp>
#include <jetway/core/database_connection.hpp>
#include <jetway/core/migration_info.hpp>
#include <jetway/core/migration_resolver.hpp>
#include <jetway/core/plugin_registry.hpp>
#include <jetway/core/schema_history.hpp>

#include "../history/history_rows.hpp"
#include "database_target.hpp"

#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <string>
#include <vector>

namespace jetway::core {

class callback_runner;
class migration_catalog;
class script_runner;

class session {
 public:
    session(const configuration& config, plugin_registry& registry, const std::filesystem::path& install_root,
            const std::map<std::string, std::string>& environment, connection_pool* pool = nullptr);
    ~session();

    const configuration& config() const noexcept { return config_; }
    const std::map<std::string, std::string>& environment() const noexcept { return environment_; }
    /// The database: its connection, dialect and the facts read at connect.
    database_target& target() noexcept { return *target_; }
    database_connection& connection() noexcept { return target_->connection(); }
    const dialect_rules& dialect() const noexcept { return target_->dialect(); }
    const std::string& redacted_url() const noexcept { return target_->redacted_url(); }
    const std::string& database_type() const noexcept { return target_->database_type(); }
    const std::string& default_schema() const noexcept { return target_->default_schema(); }
    const std::vector<std::string>& schemas() const noexcept { return target_->schemas(); }
    schema_history& history() noexcept { return *history_; }
    /// The history's rows as this run knows them.
    history_rows& rows() noexcept { return *rows_; }

    /// User and built-in placeholders, without flyway:filename (set per file).
    const std::map<std::string, std::string>& placeholders() const noexcept { return placeholders_; }
    /// Every migration every resolver offers (built-in ones first, then the plugins named by
    /// `resolvers`), and the callback files; resolved on first use.
    const resolution& resolved();
    std::string installed_by();

    /// Reads the history again (when the table exists) and rebuilds the picture.
    migration_info_set refresh(const info_options& options);
    /// The picture from the rows already read when they are the whole table (read under the
    /// lock still held), else as refresh().
    migration_info_set picture(const info_options& options);

    /// Result sets of migration statements, kept for the JSON document instead of printed.
    std::vector<query_output>& query_results() noexcept { return query_results_; }

    /// What a failed migrate had done before it failed, for the engine's migrate_failure.
    void keep_failed_migrate(migrate_result partial) { failed_migrate_ = std::move(partial); }
    std::optional<migrate_result> take_failed_migrate() { return std::exchange(failed_migrate_, std::nullopt); }

    /// Dry run: where history statements are written instead of run.
    void dry_run_write(const std::string& sql);


    /// The application's stop button (engine::set_cancellation); the connection is attached to
    /// it until the session closes. Null when nothing can cancel.
    void set_cancellation(cancellation* stop);
    /// Throws error_code::cancelled once it was pressed, naming the statement not run.
    void throw_if_cancelled(const std::string& script, std::size_t line) const;
    /// A statement that failed because it was interrupted: the cancel, with the database's words.
    /// `where` names the statement ("line 3 of V2__x.sql"), `cause` is the failure it gave.
    void throw_if_cancelled_during(const std::string& where, const std::string& cause) const;

    script_runner& scripts() noexcept { return *scripts_; }
    callback_runner& callbacks() noexcept { return *callbacks_; }

 private:
    const configuration& config_;
    std::filesystem::path install_root_;
    std::map<std::string, std::string> environment_;
    std::unique_ptr<database_target> target_;
    std::unique_ptr<schema_history> history_;
    std::unique_ptr<history_rows> rows_;
    std::map<std::string, std::string> placeholders_;
    std::unique_ptr<migration_catalog> catalog_;
    std::optional<std::string> installed_by_;
    std::unique_ptr<script_runner> scripts_;
    sdk::properties extension_settings_;
    std::vector<query_output> query_results_;
    std::optional<migrate_result> failed_migrate_;
    std::unique_ptr<callback_runner> callbacks_;
    cancellation* cancel_ = nullptr;
};

/// "MM:SS.mmms" as Flyway prints execution times.
std::string format_duration(long long milliseconds);

}  // namespace jetway::core
