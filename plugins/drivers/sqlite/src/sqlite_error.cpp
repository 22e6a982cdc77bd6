// SPDX-License-Identifier: Apache-2.0
// SQLite's failures turned into the SDK's errors.
#include "sqlite_error.hpp"

#include <sqlite3.h>

namespace jetway::sqlite {

void throw_sqlite_error(sqlite3* db, const std::string& context) {
    const int code = sqlite3_extended_errcode(db);
    std::string message = context;
    if (!message.empty()) message += ": ";
    message += sqlite3_errmsg(db);
    message += " [SQLITE_ERROR code ";
    message += std::to_string(code);
    message += " (";
    message += sqlite3_errstr(code);
    message += ")]";
    throw sdk::sql_error(message, {}, code);
}

sdk::error open_error(const std::string& filename, sqlite3* db) {
    return sdk::connection_error("cannot open SQLite database '" + filename +
                                 "': " + (db != nullptr ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace jetway::sqlite
