// SPDX-License-Identifier: Apache-2.0
#include <jetway/core/error.hpp>
#include <jetway/core/plugin_library.hpp>

#include "host_services.hpp"

#include <dlfcn.h>

#include <cstring>

namespace jetway::core {
namespace {

// Copies min(struct_size, sizeof(T)) bytes: an older plugin's shorter table leaves our newer
// fields zero (absent); a newer plugin's extra fields are never read.
template <class T>
T copy_table(const T* table) {
    T copy{};
    if (table == nullptr) return copy;
    const std::size_t size = std::min<std::size_t>(table->struct_size, sizeof(T));
    std::memcpy(static_cast<void*>(&copy), table, size);
    copy.struct_size = static_cast<std::uint32_t>(sizeof(T));
    return copy;
}

// The functions a driver cannot do without.
const char* missing_driver_function(const jw_driver_v1& d) {
    if (d.connect == nullptr) return "connect";
    if (d.disconnect == nullptr) return "disconnect";
    if (d.execute == nullptr) return "execute";
    if (d.query == nullptr) return "query";
    if (d.rows_next == nullptr) return "rows_next";
    if (d.rows_column_count == nullptr) return "rows_column_count";
    if (d.rows_column_name == nullptr) return "rows_column_name";
    if (d.rows_value == nullptr) return "rows_value";
    if (d.rows_close == nullptr) return "rows_close";
    if (d.begin == nullptr) return "begin";
    if (d.commit == nullptr) return "commit";
    if (d.rollback == nullptr) return "rollback";
    if (d.history_sql == nullptr) return "history_sql";
    if (d.current_schema == nullptr) return "current_schema";
    if (d.server_version == nullptr) return "server_version";
    if (d.dialect == nullptr) return "dialect";
    if (d.schema_state == nullptr) return "schema_state";
    if (d.quote_identifier == nullptr) return "quote_identifier";
    return nullptr;
}

std::string copy_string(const char* text) { return text == nullptr ? std::string{} : text; }

}  // namespace

void throw_plugin_error(jw_status status, jw_error& err, const std::string& context) {
    // Copy everything out before release: nothing the plugin allocated may outlive this call.
    std::string message = err.message != nullptr ? err.message : "unknown error";
    std::string sqlstate(err.sqlstate, strnlen(err.sqlstate, sizeof err.sqlstate));
    const int vendor = err.vendor_code;
    if (err.release != nullptr) err.release(&err);
    throw error(error_code_for(status), context.empty() ? message : context + ": " + message, std::move(sqlstate),
                vendor);
}

error_code error_code_for(jw_status status) noexcept {
    switch (status) {
        case JW_E_CONNECTION: return error_code::connection_failed;
        case JW_E_LOCK_TIMEOUT: return error_code::lock_timeout;
        case JW_E_INVALID_ARGUMENT: return error_code::configuration;
        case JW_E_SQL: return error_code::sql_failed;
        case JW_E_MIGRATION: return error_code::migration_failed;
        case JW_E_INVALID_SCRIPT: return error_code::resolution_failed;
        case JW_E_CANCELLED: return error_code::cancelled;
        default: return error_code::internal;
    }
}

jw_status status_for(error_code code) noexcept {
    switch (code) {
        case error_code::connection_failed: return JW_E_CONNECTION;
        case error_code::lock_timeout: return JW_E_LOCK_TIMEOUT;
        case error_code::configuration: return JW_E_INVALID_ARGUMENT;
        case error_code::sql_failed: return JW_E_SQL;
        case error_code::migration_failed: return JW_E_MIGRATION;
        case error_code::resolution_failed: return JW_E_INVALID_SCRIPT;
        case error_code::cancelled: return JW_E_CANCELLED;
        default: return JW_E_INTERNAL;
    }
}

std::shared_ptr<const plugin_library> plugin_library::open(const std::filesystem::path& file,
                                                           const plugin_metadata& metadata,
                                                           const host_script_services& scripts) {
    // make_shared needs a public constructor; this type is only ever built here.
    std::shared_ptr<plugin_library> lib(new plugin_library());
    lib->file_ = file;
    lib->name_ = metadata.name;
    const std::string where = file.string();
    // rtld_now: an unresolved symbol fails here, not in the middle of a migration.
    // rtld_local: two plugins linking different client libraries do not see each other's.
    boost::dll::fs::error_code ec;
    lib->library_.load(boost::dll::fs::path(where),
                       boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
    if (ec) {
        // The loader's own words name the missing dependency; Boost's error code does not.
        const char* reason = ::dlerror();
        throw error(error_code::plugin_load_failed,
                    "cannot load plugin " + where + ": " + (reason ? reason : ec.message()));
    }
    if (!lib->library_.has(JW_PLUGIN_ENTRY_SYMBOL))
        throw error(error_code::plugin_load_failed,
                    "cannot load plugin " + where + ": it exports no " JW_PLUGIN_ENTRY_SYMBOL);

    auto init = lib->library_.get<jw_status(const jw_host_v1*, jw_plugin_v1*, jw_error*)>(
        JW_PLUGIN_ENTRY_SYMBOL);
    lib->host_ = make_host_services(&lib->name_, scripts);
    jw_plugin_v1 descriptor{};
    jw_error err{};
    err.struct_size = sizeof(jw_error);
    jw_status status = JW_OK;
    try {
        status = init(&lib->host_, &descriptor, &err);
    } catch (...) {
        // A plugin not built with the SDK may let an exception escape its C entry point.
        throw error(error_code::plugin_init_failed,
                    "plugin '" + metadata.name + "' (" + where +
                        ") failed to initialise: its entry point threw an exception (plugins "
                        "must report errors through jw_error)");
    }
    if (status != JW_OK) {
        try {
            throw_plugin_error(status, err, "");
        } catch (const error& e) {
            throw error(error_code::plugin_init_failed, "plugin '" + metadata.name + "' (" +
                                                            where + ") failed to initialise: " +
                                                            e.what());
        }
    }
    // Second check: what the code says, not only what the symbols said.
    const std::string refusal = api_version_refusal(JW_API_VERSION_MAJOR(descriptor.api_version),
                                                    JW_API_VERSION_MINOR(descriptor.api_version));
    if (!refusal.empty())
        throw error(error_code::plugin_incompatible, "cannot use plugin " + where + ": " + refusal);

    lib->version_ = copy_string(descriptor.version);
    lib->build_info_ = copy_string(descriptor.build_info);
    lib->api_version_ = descriptor.api_version;
    if ((descriptor.kinds & JW_KIND_DRIVER) != 0) {
        if (descriptor.driver == nullptr)
            throw error(error_code::plugin_init_failed,
                        "plugin '" + metadata.name + "' (" + where +
                            ") says it is a driver but gives no driver table");
        lib->driver_ = copy_table(descriptor.driver);
        if (const char* missing = missing_driver_function(lib->driver_))
            throw error(error_code::plugin_init_failed,
                        "plugin '" + metadata.name + "' (" + where +
                            ") does not implement required function driver." + missing);
        lib->dialect_ = copy_table(lib->driver_.dialect);
        lib->non_transactional_ = copy_string(lib->dialect_.non_transactional);
        lib->dialect_.non_transactional = nullptr;  // never keep a pointer into the plugin
        lib->implicit_commit_ = copy_string(lib->dialect_.implicit_commit);
        lib->dialect_.implicit_commit = nullptr;
        lib->has_driver_ = true;
    }
    if ((descriptor.kinds & JW_KIND_RESOLVER) != 0) {
        lib->resolver_ = copy_table(descriptor.resolver);
        if (lib->resolver_.resolve == nullptr || lib->resolver_.execute == nullptr)
            throw error(error_code::plugin_init_failed, "plugin '" + metadata.name + "' (" + where +
                                                            ") says it is a resolver but gives no resolve/execute functions");
    }
    if ((descriptor.kinds & JW_KIND_CALLBACK) != 0) {
        lib->callback_ = copy_table(descriptor.callback);
        if (lib->callback_.supports == nullptr || lib->callback_.handle == nullptr)
            throw error(error_code::plugin_init_failed, "plugin '" + metadata.name + "' (" + where +
                                                            ") says it is a callback but gives no supports/handle functions");
    }
    return lib;
}

plugin_library::~plugin_library() = default;

}  // namespace jetway::core
