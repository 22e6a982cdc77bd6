// SPDX-License-Identifier: Apache-2.0
#include "session.hpp"

#include <jetway/core/error.hpp>

#include "migration_catalog.hpp"
#include "plugin_runner.hpp"
#include "script_runner.hpp"

#include "../callbacks/callback_runner.hpp"
#include "../callbacks/file_callbacks.hpp"
#include "../callbacks/plugin_callback.hpp"
#include "../extensions/builtin_resolvers.hpp"
#include "../extensions/plugin_extensions.hpp"

#include "../support/text.hpp"

#include <spdlog/spdlog.h>

#include <ctime>

namespace jetway::core {
namespace {

std::string local_timestamp() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &tm);
    return buffer;
}

}  // namespace

std::string format_duration(long long ms) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%02lld:%02lld.%03llds", ms / 60000, (ms / 1000) % 60, ms % 1000);
    return buffer;
}

session::session(const configuration& config, plugin_registry& registry, const std::filesystem::path& install_root,
                 const std::map<std::string, std::string>& environment, connection_pool* pool)
    : config_(config), install_root_(install_root), environment_(environment) {
    target_ = std::make_unique<database_target>(config_, registry, pool);
    database_connection& connection = target_->connection();
    const std::string& default_schema = target_->default_schema();
    history_ = std::make_unique<schema_history>(connection, default_schema, config_.table, config_.tablespace);
    rows_ = std::make_unique<history_rows>(*history_);

    placeholders_ = config_.placeholders;
    const std::string p = "flyway" + config_.placeholder_separator;
    placeholders_[p + "defaultSchema"] = default_schema;
    placeholders_[p + "user"] = installed_by_.value_or(connection.current_user());
    placeholders_[p + "timestamp"] = local_timestamp();
    placeholders_[p + "workingDirectory"] = config_.working_directory.string();
    placeholders_[p + "table"] = config_.table;
    placeholders_[p + "environment"] = config_.environment;
    // The JDBC catalog: the database on PostgreSQL and MySQL; SQLite has none, and then the
    // placeholder is undefined, as in Flyway.
    if (std::string database = connection.current_database(); !database.empty())
        placeholders_[p + "database"] = std::move(database);

    // Built-in resolvers and callbacks first (unless skipped), then the named plugins: one list
    // each, every entry behind the SDK's interface.
    catalog_ = std::make_unique<migration_catalog>(config_, install_root_, placeholders_, environment_);
    const location_scan scan = [this]() -> const resolution& { return catalog_->files(); };
    if (!config_.skip_default_resolvers) {
        catalog_->add_resolver("sql", std::make_shared<sql_file_resolver>(scan, config_.detect_encoding));
        catalog_->add_resolver("script", std::make_shared<script_file_resolver>(scan));
    }
    for (const std::string& name : config_.resolvers)
        catalog_->add_resolver(name, std::make_shared<plugin_resolver>(registry.plugin_named(name, "resolver")));
    // skipDefaultCallbacks leaves script callbacks (and callbackLocations) to the scan's rules.
    std::vector<std::shared_ptr<sdk::callback>> callbacks;
    callbacks.push_back(std::make_shared<file_callbacks>(scan, config_.detect_encoding));
    for (const std::string& name : config_.callbacks)
        callbacks.push_back(std::make_shared<plugin_callback>(registry.plugin_named(name, "callback")));
    for (const auto& [key, value] : config_.raw_values)
        if (to_lower(key).find("password") == std::string::npos) extension_settings_.emplace(key, value);
    extension_settings_.emplace("workingDirectory", config_.working_directory.string());
    extension_settings_.emplace("defaultSchema", default_schema);
    for (const auto& [key, value] : placeholders_) extension_settings_.emplace("placeholders." + key, value);

    scripts_ = std::make_unique<script_runner>(*this);
    callback_statements statements = [this](bool inside_transaction,
                                            const std::function<void(sdk::statement_runner&)>& body) {
        host_statement_runner host = host_statement_runner::for_callback(*this, inside_transaction);
        sdk::statement_runner runner = host.sdk_runner();
        body(runner);
    };
    callbacks_ = std::make_unique<callback_runner>(std::move(callbacks), extension_settings_, default_schema,
                                                   std::move(statements));
}

session::~session() {
    if (cancel_ != nullptr) cancel_->detach();  // before the connection closes
}

const resolution& session::resolved() { return catalog_->resolved(extension_settings_); }

std::string session::installed_by() {
    if (!config_.installed_by.empty()) return config_.installed_by;
    if (!installed_by_) installed_by_ = target_->connection().current_user();
    return *installed_by_;
}

void session::set_cancellation(cancellation* stop) {
    if (cancel_ != nullptr) cancel_->detach();
    cancel_ = stop;
    if (cancel_ != nullptr) cancel_->attach(&connection());
}

void session::throw_if_cancelled(const std::string& script, std::size_t line) const {
    if (cancel_ != nullptr && cancel_->requested())
        throw error(error_code::cancelled,
                    "Cancelled by the application before line " + std::to_string(line) + " of " + script);
}

void session::throw_if_cancelled_during(const std::string& where, const std::string& cause) const {
    if (cancel_ != nullptr && cancel_->requested())
        throw error(error_code::cancelled,
                    "Cancelled by the application during " + where + ": the database stopped it (" + cause + ")");
}

void session::dry_run_write(const std::string& sql) {
    if (scripts_->diverted()) scripts_->write_diverted(sql);
}

migration_info_set session::picture(const info_options& options) {
    if (!rows_->current() || !rows_->read_under_this_lock()) return refresh(options);
    return migration_info_set(resolved().migrations, rows_->applied(), options);
}

migration_info_set session::refresh(const info_options& options) {
    return migration_info_set(resolved().migrations, rows_->reread(), options);
}

}  // namespace jetway::core
