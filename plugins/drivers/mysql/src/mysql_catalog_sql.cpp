// SPDX-License-Identifier: Apache-2.0
// What check -drift compares on MySQL and MariaDB: each object of a schema from
// information_schema, the schema's own name taken out of view, routine and trigger bodies (a
// scratch database has another name). The two parameters are bound once, in a derived table.
#include "mysql_driver.hpp"

namespace jetway::mysql {

std::string mysql_catalog_objects_sql(std::string_view) {
    return R"SQL(SELECT o.kind, o.name, o.definition FROM (SELECT ? AS s, ? AS t) AS p JOIN (
  SELECT table_schema AS sch, table_name AS tbl, IF(table_type = 'SEQUENCE', 'sequence', 'table') AS kind,
         table_name AS name, CAST(IFNULL(engine, '') AS CHAR) AS definition
    FROM information_schema.TABLES WHERE table_type IN ('BASE TABLE', 'SEQUENCE')
  UNION ALL
  SELECT table_schema, table_name, 'column', CONCAT(table_name, '.', column_name),
         CONCAT(column_type, IF(is_nullable = 'NO', ' NOT NULL', ''), IFNULL(CONCAT(' DEFAULT ', column_default), ''),
                IF(extra <> '', CONCAT(' ', extra), ''))
    FROM information_schema.COLUMNS
  UNION ALL
  SELECT table_schema, table_name, 'index', CONCAT(table_name, '.', index_name),
         CONCAT(IF(MIN(non_unique) = 0, 'UNIQUE ', ''), MIN(index_type), ' (',
                GROUP_CONCAT(column_name ORDER BY seq_in_index SEPARATOR ', '), ')')
    FROM information_schema.STATISTICS GROUP BY table_schema, table_name, index_name
  UNION ALL
  SELECT k.constraint_schema, k.table_name, 'constraint', CONCAT(k.table_name, '.', k.constraint_name),
         CONCAT(k.constraint_type,
                IFNULL(CONCAT(' REFERENCES ', r.referenced_table_name, ' ON UPDATE ', r.update_rule, ' ON DELETE ',
                              r.delete_rule), ''),
                IFNULL(CONCAT(' ', c.check_clause), ''))
    FROM information_schema.TABLE_CONSTRAINTS k
    LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS r
      ON r.constraint_schema = k.constraint_schema AND r.constraint_name = k.constraint_name AND r.table_name = k.table_name
    LEFT JOIN information_schema.CHECK_CONSTRAINTS c
      ON k.constraint_type = 'CHECK' AND c.constraint_schema = k.constraint_schema AND c.constraint_name = k.constraint_name
  UNION ALL
  SELECT table_schema, table_name, 'view', table_name, REPLACE(view_definition, CONCAT('`', table_schema, '`.'), '')
    FROM information_schema.VIEWS
  UNION ALL
  SELECT routine_schema, '', LOWER(routine_type), routine_name,
         CONCAT(IFNULL(dtd_identifier, ''), ' ', REPLACE(IFNULL(routine_definition, ''), CONCAT('`', routine_schema, '`.'), ''))
    FROM information_schema.ROUTINES
  UNION ALL
  SELECT trigger_schema, event_object_table, 'trigger', CONCAT(event_object_table, '.', trigger_name),
         CONCAT(action_timing, ' ', event_manipulation, ' ',
                REPLACE(action_statement, CONCAT('`', trigger_schema, '`.'), ''))
    FROM information_schema.TRIGGERS
) AS o ON o.sch = p.s AND o.tbl <> p.t ORDER BY o.kind, o.name)SQL";
}

}  // namespace jetway::mysql
