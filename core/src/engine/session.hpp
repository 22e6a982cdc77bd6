// SPDX-License-Identifier: Apache-2.0
// Everything one run shares between commands: the connection, the schemas, the history table,
// the placeholders and what was resolved on disk.
#pragma once

#include <jetway/core/applied_migration.hpp>
#include <jetway/core/command_results.hpp>
#include <jetway/core/configuration.hpp>
#include <jetway/core/database_connection.hpp>
#include <jetway/core/migration_info.hpp>
#include <jetway/core/migration_resolver.hpp>
#include <jetway/core/plugin_registry.hpp>
#include <jetway/core/schema_history.hpp>

#include "../sql/statement_splitter.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace jetway::core {

class callback_runner;
class script_runner;

class session {
 public:
    session(const configuration& config, plugin_registry& registry, const std::filesystem::path& install_root,
            const std::map<std::string, std::string>& environment);
    ~session();

    const configuration& config() const noexcept { return config_; }
    const std::map<std::string, std::string>& environment() const noexcept { return environment_; }
    database_connection& connection() noexcept { return *connection_; }
    const dialect_rules& dialect() const noexcept { return dialect_; }
    const std::string& redacted_url() const noexcept { return redacted_url_; }
    /// "SQLite", "PostgreSQL" ...: the first word the server reports.
    const std::string& database_type() const noexcept { return database_type_; }

    const std::string& default_schema() const noexcept { return default_schema_; }
    /// The managed schemas, the default one first.
    const std::vector<std::string>& schemas() const noexcept { return schemas_; }
    schema_history& history() noexcept { return *history_; }

    /// User and built-in placeholders, without flyway:filename (set per file).
    const std::map<std::string, std::string>& placeholders() const noexcept { return placeholders_; }
    /// Every migration every resolver offers (built-in ones first, then the plugins named by
    /// `resolvers`), and the callback files; resolved on first use.
    const resolution& resolved();
    std::string installed_by();

    /// Reads the history again (when the table exists) and rebuilds the picture.
    migration_info_set refresh(const info_options& options);
    /// Reads only the rows added since the last read (other migrators only ever append while
    /// we hold the lock). Returns how many there were.
    std::size_t read_new_history_rows();
    /// A row we inserted ourselves, known without reading it back.
    void note_applied(const applied_migration& row) { applied_.push_back(row); }
    /// Whether this run holds the migration lock across migrations: then no one else writes the
    /// history, and what we read plus what we inserted is the whole of it.
    bool holds_run_lock() const noexcept { return run_lock_; }
    void set_holds_run_lock(bool held) noexcept { run_lock_ = held; }
    /// Whether applied() is the whole history: read inside the lock now held (or the run's
    /// lock is held), with our own inserts noted since. A new lock window clears it.
    bool history_current() const noexcept { return run_lock_ || history_current_; }
    void history_may_have_changed() noexcept { history_current_ = false; }
    const std::vector<applied_migration>& applied() const noexcept { return applied_; }

    /// Result sets of migration statements, kept for the JSON document instead of printed.
    std::vector<query_output>& query_results() noexcept { return query_results_; }

    /// Dry run: where history statements are written instead of run, and the ranks they get.
    void dry_run_write(const std::string& sql);
    int next_dry_run_rank();

    /// The callbacks, in the order they fire: the built-in file callbacks, then the plugins
    /// named by `callbacks`. All behind the SDK's interface.
    const std::vector<std::shared_ptr<sdk::callback>>& extension_callbacks() const noexcept { return callbacks_list_; }
    /// Settings handed to resolvers and callbacks (never a password).
    const sdk::properties& extension_settings() const noexcept { return extension_settings_; }

    script_runner& scripts() noexcept { return *scripts_; }
    callback_runner& callbacks() noexcept { return *callbacks_; }

 private:
    void connect(plugin_registry& registry);

    const configuration& config_;
    std::filesystem::path install_root_;
    std::map<std::string, std::string> environment_;
    std::unique_ptr<database_connection> connection_;
    dialect_rules dialect_;
    std::string redacted_url_;
    std::string database_type_;
    std::string default_schema_;
    std::vector<std::string> schemas_;
    std::unique_ptr<schema_history> history_;
    std::map<std::string, std::string> placeholders_;
    std::optional<resolution> scan_;        // the files in the locations
    std::optional<resolution> resolution_;  // what every resolver offers
    std::optional<std::string> installed_by_;
    std::vector<applied_migration> applied_;
    std::unique_ptr<script_runner> scripts_;
    std::optional<int> dry_run_rank_;
    bool run_lock_ = false;
    bool history_current_ = false;
    const resolution& scanned_files();
    struct named_resolver {
        std::string name;
        std::shared_ptr<sdk::resolver> resolver;
    };
    std::vector<named_resolver> resolvers_;
    std::vector<std::shared_ptr<sdk::callback>> callbacks_list_;
    sdk::properties extension_settings_;
    std::vector<query_output> query_results_;
    std::unique_ptr<callback_runner> callbacks_;
};

/// "MM:SS.mmms" as Flyway prints execution times.
std::string format_duration(long long milliseconds);

}  // namespace jetway::core
