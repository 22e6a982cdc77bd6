// SPDX-License-Identifier: Apache-2.0
// SQLite's failures turned into the SDK's errors.
#pragma once

#include <jetway/sdk/error.hpp>

#include <string>

struct sqlite3;

namespace jetway::sqlite {

/// Throws the SDK error for the last failure on `db`, with SQLite's extended code and message.
[[noreturn]] void throw_sqlite_error(sqlite3* db, const std::string& context = {});

/// The error for a failed sqlite3_open_v2 of `filename`; `db` may be null (out of memory). The
/// caller closes `db` only after this has read its message.
sdk::error open_error(const std::string& filename, sqlite3* db);

}  // namespace jetway::sqlite
