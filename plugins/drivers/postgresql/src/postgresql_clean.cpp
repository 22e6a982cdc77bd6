// SPDX-License-Identifier: Apache-2.0
// clean for PostgreSQL, in Flyway's order (spec §12.1). Objects that belong to an extension
// are left to DROP EXTENSION.
#include "postgresql_connection.hpp"

#include <libpq-fe.h>

namespace jetway::pg {
namespace {

std::string not_from_extension(const char* oid_column) {
    return std::string(" AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = ") + oid_column +
           " AND d.deptype = 'e')";
}

}  // namespace

void postgresql_connection::clean_schema(std::string_view schema_view) {
    const std::string schema(schema_view);
    char* quoted = PQescapeIdentifier(conn_, schema.data(), schema.size());
    const std::string s = quoted;
    PQfreemem(quoted);
    auto names = [&](const std::string& sql) { return column(sql, {schema}); };

    for (const auto& v : names("SELECT quote_ident(matviewname) FROM pg_catalog.pg_matviews WHERE schemaname = $1"))
        execute("DROP MATERIALIZED VIEW IF EXISTS " + s + "." + v + " CASCADE");
    for (const auto& v : names(std::string("SELECT quote_ident(c.relname) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                                           "ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'v'") +
                               not_from_extension("c.oid")))
        execute("DROP VIEW IF EXISTS " + s + "." + v + " CASCADE");
    for (const auto& t : names(std::string("SELECT quote_ident(c.relname) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                                           "ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'f') "
                                           "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid)") +
                               not_from_extension("c.oid")))
        execute("DROP TABLE IF EXISTS " + s + "." + t + " CASCADE");
    for (const auto& r : names(std::string("SELECT CASE p.prokind WHEN 'a' THEN 'AGGREGATE' WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END "
                                           "|| ' IF EXISTS ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || "
                                           "pg_catalog.oidvectortypes(p.proargtypes) || ')' FROM pg_catalog.pg_proc p "
                                           "JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1") +
                               not_from_extension("p.oid")))
        execute("DROP " + r + " CASCADE");
    for (const auto& t : names(std::string("SELECT quote_ident(t.typname) FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n "
                                           "ON n.oid = t.typnamespace WHERE n.nspname = $1 AND t.typtype IN ('e', 'b', 'c', 'r', 'm') "
                                           "AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) = 'c') "
                                           "AND t.typcategory <> 'A'") +
                               not_from_extension("t.oid")))
        execute("DROP TYPE IF EXISTS " + s + "." + t + " CASCADE");
    for (const auto& d : names(std::string("SELECT quote_ident(t.typname) FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n "
                                           "ON n.oid = t.typnamespace WHERE n.nspname = $1 AND t.typtype = 'd'") +
                               not_from_extension("t.oid")))
        execute("DROP DOMAIN IF EXISTS " + s + "." + d + " CASCADE");
    for (const auto& q : names("SELECT quote_ident(sequence_name) FROM information_schema.sequences WHERE sequence_schema = $1"))
        execute("DROP SEQUENCE IF EXISTS " + s + "." + q);
    for (const auto& c : names(std::string("SELECT quote_ident(c.collname) FROM pg_catalog.pg_collation c JOIN pg_catalog.pg_namespace n "
                                           "ON n.oid = c.collnamespace WHERE n.nspname = $1") +
                               not_from_extension("c.oid")))
        execute("DROP COLLATION IF EXISTS " + s + "." + c + " CASCADE");
    for (const auto& e : names("SELECT quote_ident(e.extname) FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n "
                               "ON n.oid = e.extnamespace WHERE n.nspname = $1 AND pg_catalog.pg_get_userbyid(e.extowner) = current_user"))
        execute("DROP EXTENSION IF EXISTS " + e + " CASCADE");
}

}  // namespace jetway::pg
