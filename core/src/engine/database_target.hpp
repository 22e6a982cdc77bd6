// SPDX-License-Identifier: Apache-2.0
// The database a run works on: its driver's connection (opened with connectRetries), the
// dialect the splitter reads it with, and the facts read once at connect: the URL as messages
// show it, the kind of database, and the schemas the run manages.
#pragma once

#include <jetway/core/configuration.hpp>
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
    database_target(const configuration& config, plugin_registry& registry);

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
};

}  // namespace jetway::core
