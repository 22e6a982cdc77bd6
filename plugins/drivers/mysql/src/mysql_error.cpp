// SPDX-License-Identifier: Apache-2.0
// Connector/C++'s sql::SQLException turned into the SDK's errors.
#include "mysql_error.hpp"

#include <jetway/sdk/error.hpp>

#include <string>

namespace jetway::mysql {

void throw_mysql_error(const sql::SQLException& e) {
    std::string state = e.getSQLState();
    if (state == "HY000" && e.getErrorCode() == 0) state.clear();
    // 2006 server gone away, 2013 lost connection: the caller must not retry on this session.
    if (e.getErrorCode() == 2006 || e.getErrorCode() == 2013)
        throw sdk::connection_error(std::string("lost the connection to MySQL: ") + e.what(), e.getErrorCode());
    throw sdk::sql_error(e.what(), state, e.getErrorCode());
}

void throw_connect_error(const sql::SQLException& e) { throw sdk::connection_error(e.what(), e.getErrorCode()); }

}  // namespace jetway::mysql
