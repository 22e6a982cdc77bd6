// SPDX-License-Identifier: Apache-2.0
// Connector/C++'s sql::SQLException turned into the SDK's errors.
#pragma once

#include <cppconn/exception.h>

namespace jetway::mysql {

/// Throws the SDK error for a failed statement: sdk::connection_error when the session is gone,
/// sdk::sql_error with the SQLSTATE and the server's error code otherwise.
[[noreturn]] void throw_mysql_error(const sql::SQLException& e);

/// Throws sdk::connection_error for a connect that failed, with the server's error code.
[[noreturn]] void throw_connect_error(const sql::SQLException& e);

// Connector/C++ throws sql::SQLException; the SDK wants its own error with state and code.
template <class Body>
auto translated(Body&& body) -> decltype(body()) {
    try {
        return body();
    } catch (const sql::SQLException& e) {
        throw_mysql_error(e);
    }
}

}  // namespace jetway::mysql
