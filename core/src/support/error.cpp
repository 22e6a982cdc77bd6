// SPDX-License-Identifier: Apache-2.0
#include <jetway/core/error.hpp>

namespace jetway::core {

const char* error_code_name(error_code code) noexcept {
    switch (code) {
        case error_code::usage: return "ERROR";
        case error_code::configuration: return "CONFIGURATION";
        case error_code::plugin_not_found: return "PLUGIN_NOT_FOUND";
        case error_code::plugin_incompatible: return "PLUGIN_INCOMPATIBLE";
        case error_code::plugin_load_failed: return "PLUGIN_LOAD_FAILED";
        case error_code::plugin_init_failed: return "PLUGIN_INIT_FAILED";
        case error_code::invalid_url: return "INVALID_URL";
        case error_code::connection_failed: return "DB_CONNECTION";
        case error_code::sql_failed: return "DB_ERROR";
        case error_code::lock_timeout: return "LOCK_TIMEOUT";
        case error_code::resolution_failed: return "RESOLUTION_FAILED";
        case error_code::validation_failed: return "VALIDATE_ERROR";
        case error_code::migration_failed: return "FAILED_VERSIONED_MIGRATION";
        case error_code::cancelled: return "CANCELLED";
        case error_code::internal: return "FAULT";
    }
    return "ERROR";
}

}  // namespace jetway::core
