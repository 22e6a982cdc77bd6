// SPDX-License-Identifier: Apache-2.0
#include "database_target.hpp"

#include <jetway/core/connection_url.hpp>
#include <jetway/core/error.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <thread>

namespace jetway::core {

namespace {

std::map<std::string, std::string> connect_options(const configuration& config) {
    std::map<std::string, std::string> options;
    if (!config.user.empty()) options["user"] = config.user;
    if (!config.password.empty()) options["password"] = config.password;
    for (const auto& [key, value] : config.jdbc_properties) options["jdbcProperties." + key] = value;
    options["connectRetries"] = std::to_string(config.connect_retries);
    // A driver may need to prepare its session for batches (MySQL's multi-statement flag).
    if (config.batch) options["batch"] = "true";
    // Flyway's "use a session lock": through a pooler it tells the driver that sessions stay put.
    if (!config.postgresql_transactional_lock) options["postgresql.transactional.lock"] = "false";
    return options;
}

// Connections opened alike are alike: the URL and every option, the password among them.
std::string pool_key(const configuration& config) {
    std::string key = config.url;
    for (const auto& [name, value] : connect_options(config)) key += '\n' + name + '=' + value;
    return key;
}

}  // namespace

std::unique_ptr<database_connection> connect_to_database(const configuration& config, plugin_registry& registry) {
    const std::string redacted_url = redact_url(config.url);
    auto driver = registry.driver_for_scheme(url_scheme(config.url), redacted_url);
    const std::map<std::string, std::string> options = connect_options(config);

    // connectRetries (spec §10.7): back off 1, 2, 4 ... seconds, capped at the interval.
    int retries = 0;
    int wait = 1;
    for (;;) {
        try {
            return std::make_unique<database_connection>(driver, config.url, options);
        } catch (const error& e) {
            if (retries >= config.connect_retries) {
                // The driver's message may quote the URL; never let a password through.
                std::string message = e.what();
                if (!config.password.empty())
                    for (std::size_t at; (at = message.find(config.password)) != std::string::npos;)
                        message.replace(at, config.password.size(), "***");
                throw error(error_code::connection_failed,
                            "Unable to obtain connection from database (" + redacted_url + ") for user '" +
                                config.user + "': " + message,
                            e.sqlstate(), e.vendor_code());
            }
            ++retries;
            spdlog::warn("Connection error: {}\nRetrying in {} sec...", e.what(), wait);
            std::this_thread::sleep_for(std::chrono::seconds(wait));
            wait = std::min(wait * 2, std::max(1, config.connect_retries_interval));
        }
    }
}

database_target::database_target(const configuration& config, plugin_registry& registry, connection_pool* pool) {
    redacted_url_ = redact_url(config.url);
    // A pooled session is reused only where the run names its schemas: the schema a session
    // starts in is one an earlier run may have moved.
    if (pool != nullptr && (!config.schemas.empty() || !config.default_schema.empty())) {
        pool_ = pool;
        pool_key_ = pool_key(config);
        connection_ = pool->take(pool_key_);
    }
    if (!connection_) connection_ = connect_to_database(config, registry);
    const plugin_library& driver = connection_->library();
    dialect_ = dialect_rules::from(driver.dialect(), driver.non_transactional_patterns(), driver.implicit_commit_patterns());
    const std::string version = connection_->server_version();
    database_type_ = version.substr(0, version.find(' '));
    spdlog::info("Database: {} ({})", redacted_url_, version);
    if (!config.init_sql.empty()) connection_->execute(config.init_sql);

    default_schema_ = config.default_schema;
    if (default_schema_.empty() && !config.schemas.empty()) default_schema_ = config.schemas.front();
    if (default_schema_.empty()) default_schema_ = connection_->current_schema();
    if (default_schema_.empty())
        throw error(error_code::configuration,
                    "Unable to determine schema for the schema history table. Set a default schema for the "
                    "connection or specify one using the 'defaultSchema' property");
    schemas_ = config.schemas;
    if (std::find(schemas_.begin(), schemas_.end(), default_schema_) == schemas_.end())
        schemas_.insert(schemas_.begin(), default_schema_);
}

database_target::~database_target() {
    // Only a session that ended cleanly, with no transaction left open, serves another run.
    if (pool_ != nullptr && reusable_ && connection_ && !connection_->in_transaction())
        pool_->give_back(pool_key_, std::move(connection_));
}

}  // namespace jetway::core
