// SPDX-License-Identifier: Apache-2.0
// libpq's failures turned into the SDK's errors.
#include "postgresql_error.hpp"

#include <jetway/sdk/error.hpp>

#include <libpq-fe.h>

#include <cstdlib>

namespace jetway::pg {
namespace {

std::string field(const PGresult* r, int code) {
    const char* v = PQresultErrorField(r, code);
    return v == nullptr ? std::string{} : std::string(v);
}

}  // namespace

std::string error_message(const PGconn* conn) {
    std::string message = conn != nullptr ? PQerrorMessage(conn) : "out of memory";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return message;
}

void check_result(const PGconn* conn, PGresult* r, int position_offset) {
    const ExecStatusType status = PQresultStatus(r);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return;
    std::string message;
    int position = 0;
    std::string sqlstate;
    if (r != nullptr && !field(r, PG_DIAG_MESSAGE_PRIMARY).empty()) {
        message = field(r, PG_DIAG_SEVERITY_NONLOCALIZED) + ": " + field(r, PG_DIAG_MESSAGE_PRIMARY);
        if (const std::string d = field(r, PG_DIAG_MESSAGE_DETAIL); !d.empty()) message += "\n  Detail: " + d;
        if (const std::string h = field(r, PG_DIAG_MESSAGE_HINT); !h.empty()) message += "\n  Hint: " + h;
        if (const std::string p = field(r, PG_DIAG_STATEMENT_POSITION); !p.empty()) {
            position = std::atoi(p.c_str());
            if (position > position_offset) position -= position_offset;
            message += "\n  Position: " + std::to_string(position);
        }
        sqlstate = field(r, PG_DIAG_SQLSTATE);
    } else {
        message = error_message(conn);
    }
    PQclear(r);
    if (PQstatus(conn) == CONNECTION_BAD) throw sdk::connection_error("lost the connection to PostgreSQL: " + message);
    throw sdk::sql_error(message, sqlstate, 0, position);
}

}  // namespace jetway::pg
