// SPDX-License-Identifier: Apache-2.0
// libpq's failures turned into the SDK's errors.
#pragma once

#include <string>

struct pg_conn;
struct pg_result;

namespace jetway::pg {

/// libpq's message for the last failure on `conn`, without its trailing newline ("out of
/// memory" when there is no connection).
std::string error_message(const pg_conn* conn);

/// Returns when `result` succeeded. Otherwise clears it and throws the server's error (SQLSTATE,
/// message, position), or sdk::connection_error when the connection is gone.
/// `position_offset` characters are taken off the error's position: a statement of a
/// multi-statement query is placed from its own start, as when sent alone.
void check_result(const pg_conn* conn, pg_result* result, int position_offset = 0);

}  // namespace jetway::pg
