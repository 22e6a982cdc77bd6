// SPDX-License-Identifier: Apache-2.0
// jetway::sdk::error: what plugin code throws; the adapter turns it into jw_status + jw_error.
#pragma once

#include <jetway/plugin_abi.h>

#include <stdexcept>
#include <string>

namespace jetway::sdk {

/// An error raised inside a plugin. Throw freely: no exception crosses the C boundary, the
/// adapter catches everything and reports status, message, SQLSTATE and vendor code.
class error : public std::runtime_error {
 public:
    error(jw_status status, const std::string& message, std::string sqlstate = {},
          int vendor_code = 0, int position = 0)
        : std::runtime_error(message),
          status_(status),
          sqlstate_(std::move(sqlstate)),
          vendor_code_(vendor_code),
          position_(position) {}

    jw_status status() const noexcept { return status_; }
    const std::string& sqlstate() const noexcept { return sqlstate_; }
    int vendor_code() const noexcept { return vendor_code_; }
    int position() const noexcept { return position_; }

 private:
    jw_status status_;
    std::string sqlstate_;
    int vendor_code_;
    int position_;
};

/// A statement failed on the server.
inline error sql_error(const std::string& message, std::string sqlstate = {}, int vendor_code = 0,
                       int position = 0) {
    return error(JW_E_SQL, message, std::move(sqlstate), vendor_code, position);
}

/// The database could not be reached or the URL could not be used.
inline error connection_error(const std::string& message, int vendor_code = 0) {
    return error(JW_E_CONNECTION, message, {}, vendor_code);
}

/// The plugin does not offer this function.
inline error not_implemented(const std::string& what) {
    return error(JW_E_NOT_IMPLEMENTED, what + " is not implemented by this plugin");
}

}  // namespace jetway::sdk
