// SPDX-License-Identifier: Apache-2.0
// What check -drift compares on SQLite: sqlite_master's tables, indexes, views and triggers with
// the SQL SQLite keeps for each (ALTER TABLE rewrites it), and every column from
// pragma_table_info. The schema cannot be bound in FROM, so it is written in; ?2 is the
// history table.
#include "sqlite_driver.hpp"

namespace jetway::sqlite {

std::string sqlite_catalog_objects_sql(std::string_view schema) {
    std::string quoted_literal = "'";
    for (const char c : schema) {
        if (c == '\'') quoted_literal += '\'';
        quoted_literal += c;
    }
    quoted_literal += "'";
    std::string quoted_name = "\"";
    for (const char c : schema) {
        if (c == '"') quoted_name += '"';
        quoted_name += c;
    }
    quoted_name += "\"";
    return "SELECT kind, name, definition FROM (\n"
           "  SELECT m.type AS kind, CASE WHEN m.type IN ('index', 'trigger') THEN m.tbl_name || '.' || m.name ELSE m.name END AS name,\n"
           "         COALESCE(m.sql, '') AS definition\n"
           "    FROM " + quoted_name + ".sqlite_master m\n"
           "    WHERE m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.tbl_name <> ?2\n"
           "  UNION ALL\n"
           "  SELECT 'column', m.name || '.' || p.name,\n"
           "         p.type || CASE WHEN p.\"notnull\" THEN ' NOT NULL' ELSE '' END\n"
           "           || COALESCE(' DEFAULT ' || p.dflt_value, '') || CASE WHEN p.pk > 0 THEN ' PRIMARY KEY' ELSE '' END\n"
           "    FROM " + quoted_name + ".sqlite_master m JOIN pragma_table_info(m.name, " + quoted_literal + ") p\n"
           "    WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.name <> ?2\n"
           ") ORDER BY kind, name";
}

}  // namespace jetway::sqlite
