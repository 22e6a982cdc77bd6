// SPDX-License-Identifier: Apache-2.0
// What check -drift compares on PostgreSQL: each object of a schema with the definition the
// server itself prints (pg_get_indexdef, pg_get_viewdef ...), so equal objects read equal.
#include "postgresql_driver.hpp"

namespace jetway::pg {

std::string postgresql_catalog_objects_sql(std::string_view) {
    return R"SQL(SELECT kind, name, definition FROM (
  SELECT 'table' AS kind, c.relname::text AS name, CASE c.relkind WHEN 'p' THEN 'partitioned' ELSE 'table' END AS definition
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> $2
  UNION ALL
  SELECT 'column', c.relname || '.' || a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)
      || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
      || COALESCE(' DEFAULT ' || pg_catalog.pg_get_expr(d.adbin, d.adrelid), '')
    FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relname <> $2 AND a.attnum > 0
      AND NOT a.attisdropped
  UNION ALL
  SELECT 'index', t.relname || '.' || i.relname, pg_catalog.pg_get_indexdef(i.oid) FROM pg_catalog.pg_index x
    JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid JOIN pg_catalog.pg_class t ON t.oid = x.indrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = $1 AND t.relname <> $2
  UNION ALL
  SELECT 'constraint', t.relname || '.' || k.conname, pg_catalog.pg_get_constraintdef(k.oid)
    FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class t ON t.oid = k.conrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = $1 AND t.relname <> $2
  UNION ALL
  SELECT CASE c.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END, c.relname, pg_catalog.pg_get_viewdef(c.oid)
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = $1 AND c.relkind IN ('v', 'm')
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END,
         p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')', pg_catalog.pg_get_functiondef(p.oid)
    FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = $1 AND p.prokind IN ('f', 'p')
  UNION ALL
  SELECT 'trigger', t.relname || '.' || g.tgname, pg_catalog.pg_get_triggerdef(g.oid) FROM pg_catalog.pg_trigger g
    JOIN pg_catalog.pg_class t ON t.oid = g.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = $1 AND NOT g.tgisinternal AND t.relname <> $2
  UNION ALL
  SELECT 'sequence', s.sequencename, s.data_type::text || ' START ' || s.start_value || ' INCREMENT ' || s.increment_by
      || ' MINVALUE ' || s.min_value || ' MAXVALUE ' || s.max_value || CASE WHEN s.cycle THEN ' CYCLE' ELSE '' END
    FROM pg_catalog.pg_sequences s WHERE s.schemaname = $1
) objects ORDER BY kind, name)SQL";
}

}  // namespace jetway::pg
