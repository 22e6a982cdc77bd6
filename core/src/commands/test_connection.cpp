// SPDX-License-Identifier: Apache-2.0
// testConnection: can this configuration reach its database, as whom, and is there a history?
#include "commands.hpp"

namespace jetway::core {

connection_test_result run_test_connection(session& s) {
    connection_test_result result;
    result.database = s.redacted_url();
    result.server_version = s.connection().server_version();
    result.user = s.connection().current_user();
    result.schema_name = s.default_schema();
    result.history_table = s.history().qualified_name();
    result.history_exists = s.rows().table_exists();
    return result;
}

}  // namespace jetway::core
