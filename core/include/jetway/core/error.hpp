// SPDX-License-Identifier: Apache-2.0
// The one exception type of the engine, with a code per kind of failure. Thrown inside core,
// caught once by the CLI and turned into a message and an exit code.
#pragma once

#include <stdexcept>
#include <string>

namespace jetway::core {

// In order: the codes before sql_failed are raised before the database is reached.
enum class error_code {
    usage,                // bad command line
    configuration,        // bad setting or configuration file
    plugin_not_found,     // no plugin serves the URL's scheme / the named plugin
    plugin_incompatible,  // built for another plugin API version
    plugin_load_failed,   // dlopen failed, or the file is not a Jetway plugin
    plugin_init_failed,   // the plugin's entry point reported an error
    invalid_url,
    connection_failed,
    sql_failed,
    lock_timeout,
    resolution_failed,  // migrations on disk cannot be resolved (names, duplicates, encoding)
    validation_failed,
    migration_failed,
    cancelled,  // the application stopped the run (libjetway's jetway_cancel)
    internal,
};

class error : public std::runtime_error {
 public:
    error(error_code code, const std::string& message, std::string sqlstate = {},
          int vendor_code = 0)
        : std::runtime_error(message),
          code_(code),
          sqlstate_(std::move(sqlstate)),
          vendor_code_(vendor_code) {}

    error_code code() const noexcept { return code_; }
    const std::string& sqlstate() const noexcept { return sqlstate_; }
    int vendor_code() const noexcept { return vendor_code_; }

 private:
    error_code code_;
    std::string sqlstate_;
    int vendor_code_;
};

/// The name Flyway's JSON output uses for an error code (`errorCode`).
const char* error_code_name(error_code code) noexcept;

}  // namespace jetway::core
