// SPDX-License-Identifier: Apache-2.0
// The database a run works on: its driver's connection (opened with connectRetries), the
// dialect the splitter reads it with, and the facts read once at connect: the URL as messages
// show it, the kind of database, and the schemas the run manages.
#pragma once

#include <jetway/core/configuration.hpp>
#include <jetway/core/connection_pool.hpp>
#include <jetway/core/database_connection.hpp>
#include <jetway/core/plugin_registry.hpp>

#include "../sql/statement_splitter.hpp"

#include <memory>
#include <string>
#include <vector>

namespace jetway::core {

/// A connection to the database `config` names, through the driver for its scheme, tried again
/// as connectRetries says. Throws core::error (connection_failed) naming the redacted URL and
/// the user, never the password.
std::unique_ptr<database_connection> connect_to_database(const configuration& config, plugin_registry& registry);

class database_target {
 public:
    /// Connects through the driver for the URL's scheme and runs initSql. Throws core::error
    /// (connection_failed) naming the redacted URL and the user, never the password.
    /// With a `pool`, an idle session opened alike is taken from it instead, and given back at
    /// the end when the run marked it reusable.
    database_target(const configuration& config, plugin_registry& registry, connection_pool* pool = nullptr);
    ~database_target();
    database_target(const database_target&) = delete;
    database_target& operator=(const database_target&) = delete;

    /// The run's commands all ended well: the session may serve the pool's next run.
    void mark_reusable(bool reusable) noexcept { reusable_ = reusable; }

    database_connection& connection() noexcept { return *connection_; }
    const dialect_rules& dialect() const noexcept { return dialect_; }
    const std::string& redacted_url() const noexcept { return redacted_url_; }
    /// "SQLite", "PostgreSQL" ...: the first word the server reports.
    const std::string& database_type() const noexcept { return database_type_; }
    /// Where the history table lives: defaultSchema, else the first of schemas, else the
    /// connection's own.
    const std::string& default_schema() const noexcept { return default_schema_; }
    /// The managed schemas, the default one first.
    const std::vector<std::string>& schemas() const noexcept { return schemas_; }

 private:
    std::unique_ptr<database_connection> connection_;
    dialect_rules dialect_;
    std::string redacted_url_;
    std::string database_type_;
    std::string default_schema_;
    std::vector<std::string> schemas_;
    connection_pool* pool_ = nullptr;
    std::string pool_key_;
    bool reusable_ = false;
};

}  // namespace jetway::core
