// SPDX-License-Identifier: Apache-2.0
// clean for MySQL and MariaDB, in Flyway's order (spec §12.2).
#include "mysql_connection.hpp"

namespace jetway::mysql {

void mysql_connection::clean_schema(std::string_view schema_view) {
    const std::string schema(schema_view);
    const std::string s = quote(schema);
    for (const auto& e : column("SELECT event_name FROM information_schema.events WHERE event_schema = ?", {schema}))
        execute("DROP EVENT " + s + "." + quote(e));
    auto routines = query("SELECT routine_type, routine_name FROM information_schema.routines WHERE routine_schema = ?",
                          {sdk::value::of(std::string_view(schema))});
    std::vector<std::string> drops;
    while (routines->next()) drops.push_back("DROP " + std::string(*routines->value_at(0)) + " " + s + "." + quote(*routines->value_at(1)));
    routines.reset();
    for (const auto& d : drops) execute(d);
    for (const auto& v : column("SELECT table_name FROM information_schema.views WHERE table_schema = ?", {schema}))
        execute("DROP VIEW " + s + "." + quote(v));
    execute("SET FOREIGN_KEY_CHECKS = 0");
    for (const auto& t : column("SELECT table_name FROM information_schema.tables WHERE table_schema = ? "
                                "AND table_type IN ('BASE TABLE', 'SYSTEM VERSIONED')",
                                {schema}))
        execute("DROP TABLE " + s + "." + quote(t));
    execute("SET FOREIGN_KEY_CHECKS = 1");
    for (const auto& q : column("SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'SEQUENCE'",
                                {schema}))
        execute("DROP SEQUENCE " + s + "." + quote(q));
}

}  // namespace jetway::mysql
