#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs Jetway's SDK into a temporary prefix, builds a vendor's resolver and callback plugin
# against it (and nothing else), drops them into a jarDirs directory and runs a migration that
# uses both through the real CLI. Exits non-zero on the first thing that is not as expected.
#   out_of_tree_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/jetway" --component sdk > /dev/null
[ -f "$work/jetway/sdk/include/jetway/plugin_abi.h" ] || fail "the SDK headers were not installed"
# A vendor points CMAKE_PREFIX_PATH at the installation prefix, as for any CMake package.
cmake -S "$source/tests/out_of_tree/project" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/jetway" \
  -DCMAKE_BUILD_TYPE=Release > "$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "configure"; }
grep -q "JetwaySDK $(sed -n 's/^project(jetway VERSION \([0-9.]*\).*/\1/p' "$source/CMakeLists.txt") from $work/jetway/lib/cmake/JetwaySDK" "$work/configure.log" ||
  { cat "$work/configure.log"; fail "the project did not report the SDK it found"; }
# <prefix>/sdk, as the SDK's README said before, still works.
cmake -S "$source/tests/out_of_tree/project" -B "$work/build-sdk-dir" -DCMAKE_PREFIX_PATH="$work/jetway/sdk" \
  > "$work/configure-sdk-dir.log" 2>&1 || { cat "$work/configure-sdk-dir.log"; fail "configure with <prefix>/sdk"; }
cmake --build "$work/build" -j2 > "$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build"; }

mkdir -p "$work/sql" "$work/plugins"
cp "$work/build/jars/"*.so "$work/plugins/"
printf 'CREATE TABLE from_sql (x INT);\n' > "$work/sql/V1__from_sql.sql"
printf 'INSERT INTO vendor_t VALUES (3, '"'"'sql after C++'"'"');\n' > "$work/sql/V3__after.sql"
# A SQL file outside the locations that the plugin hands back to Jetway: placeholders, the
# dialect's splitter and Flyway's error block all apply to it.
mkdir -p "$work/vendor"
printf -- '-- two statements, one placeholder\nINSERT INTO ${vendorTable} VALUES (4, '"'"'${flyway:filename}'"'"');\nINSERT INTO ${vendorTable} VALUES (5, '"'"'a;b'"'"');\n' > "$work/vendor/template.sql"
jetway=("$build/bin/jetway" "-url=jdbc:sqlite:$work/app.db" "-locations=filesystem:$work/sql"
        "-jarDirs=$work/plugins" "-resolvers=vendor_native" "-callbacks=vendor_audit"
        "-placeholders.vendorTemplate=$work/vendor/template.sql" "-placeholders.vendorTable=vendor_t")

"${jetway[@]}" plugins > "$work/plugins.txt"
grep -Eq "\| resolver +\| vendor_native +\| 1.0.0" "$work/plugins.txt" || { cat "$work/plugins.txt"; fail "jetway plugins does not list the resolver"; }
"${jetway[@]}" migrate > "$work/migrate.out" 2>&1 || { cat "$work/migrate.out"; fail "migrate"; }

rows=$(sqlite3 -separator ' ' "$work/app.db" \
  "SELECT installed_rank, version, type, script, COALESCE(checksum, 'NULL') FROM flyway_schema_history ORDER BY installed_rank")
expected="1 1 SQL V1__from_sql.sql $(sqlite3 "$work/app.db" "SELECT checksum FROM flyway_schema_history WHERE version = '1'")
2 1.5 JDBC vendor.CreateVendorTable 1234
3 2.5 JDBC vendor.SeedVendorTable NULL
4 3 SQL V3__after.sql $(sqlite3 "$work/app.db" "SELECT checksum FROM flyway_schema_history WHERE version = '3'")
5 4 SQL vendor/template.sql 4444
6  JDBC vendor.VendorView 99"
[ "$rows" = "$expected" ] || fail "history rows:
$rows
expected:
$expected"
[ "$(sqlite3 "$work/app.db" "SELECT COUNT(*) FROM vendor_t")" = "5" ] || fail "the native migrations did not run"
[ "$(sqlite3 -separator ' ' "$work/app.db" "SELECT id, name FROM vendor_t WHERE id >= 4 ORDER BY id")" = "4 template.sql
5 a;b" ] || fail "the plugin's SQL script did not run through Jetway's placeholders and splitter"
audit=$(sqlite3 -separator ' ' "$work/app.db" "SELECT event, script FROM vendor_audit ORDER BY rowid")
expected_audit="afterEachMigrate V1__from_sql.sql
afterEachMigrate vendor.CreateVendorTable
afterEachMigrate vendor.SeedVendorTable
afterEachMigrate V3__after.sql
afterEachMigrate vendor/template.sql
afterEachMigrate vendor.VendorView
afterMigrate "
[ "$audit" = "$expected_audit" ] || fail "callback rows:
$audit"

# A failing statement in the plugin's script gets Flyway's error block naming the script and line,
# and the migration rolls back with nothing recorded.
printf 'INSERT INTO vendor_t VALUES (6, '"'"'x'"'"');\nINSERT INTO no_such_table VALUES (1);\n' > "$work/vendor/broken.sql"
sqlite3 "$work/app.db" "DELETE FROM flyway_schema_history WHERE version = '4'"
if "${jetway[@]}" "-placeholders.vendorTemplate=$work/vendor/broken.sql" migrate > "$work/broken.out" 2>&1; then
  fail "a failing statement in the plugin's script did not fail the migration"
fi
grep -q "Location   : vendor/template.sql ($work/vendor/broken.sql)" "$work/broken.out" || { cat "$work/broken.out"; fail "error block location"; }
grep -q "Line       : 2" "$work/broken.out" || { cat "$work/broken.out"; fail "error block line"; }
[ "$(sqlite3 "$work/app.db" "SELECT COUNT(*) FROM vendor_t WHERE id = 6")" = "0" ] || fail "the failed script's first statement was not rolled back"
[ "$(sqlite3 "$work/app.db" "SELECT COUNT(*) FROM flyway_schema_history WHERE version = '4'")" = "0" ] || fail "a failed migration was recorded"

# Eight processes started together on a new file, the vendor's migrations and callback among
# them (issue 18): every process exits 0, and each migration and its callback run once.
race=("$build/bin/jetway" "-url=jdbc:sqlite:$work/race.db" "-locations=filesystem:$work/sql" "-jarDirs=$work/plugins"
      "-resolvers=vendor_native" "-callbacks=vendor_audit" "-placeholders.vendorTemplate=$work/vendor/template.sql"
      "-placeholders.vendorTable=vendor_t" -q migrate)
pids=()
for i in 1 2 3 4 5 6 7 8; do "${race[@]}" > "$work/race.$i.log" 2>&1 & pids+=($!); done
for i in "${!pids[@]}"; do wait "${pids[$i]}" || { cat "$work/race.$((i + 1)).log"; fail "racing migrator $((i + 1)) failed"; }; done
[ "$(sqlite3 "$work/race.db" "SELECT COUNT(*), COUNT(DISTINCT script) FROM flyway_schema_history")" = "6|6" ] ||
  fail "racing migrators: history $(sqlite3 "$work/race.db" "SELECT group_concat(script) FROM flyway_schema_history")"
[ "$(sqlite3 "$work/race.db" "SELECT COUNT(*) FROM vendor_t")" = "5" ] || fail "racing migrators: a native migration ran twice"
[ "$(sqlite3 "$work/race.db" "SELECT COUNT(*) FROM vendor_audit WHERE event = 'afterEachMigrate'")" = "6" ] ||
  fail "racing migrators: afterEachMigrate ran $(sqlite3 "$work/race.db" "SELECT COUNT(*) FROM vendor_audit WHERE event = 'afterEachMigrate'") times"

# The SDK's conformance suite, built out of tree from the installed headers, passes for the
# SQLite driver Jetway ships.
JETWAY_CONFORMANCE_PLUGIN="$build/jars/libjw_driver_sqlite.so" JETWAY_CONFORMANCE_URL="jdbc:sqlite:$work/conformance.db" \
  "$work/build/driver_conformance" > "$work/conformance.out" 2>&1 || { cat "$work/conformance.out"; fail "driver conformance suite"; }
grep -q "PASSED" "$work/conformance.out" || { cat "$work/conformance.out"; fail "driver conformance ran nothing"; }

# A resolver the configuration names but the plugin directories lack is an error naming it.
if "$build/bin/jetway" "-url=jdbc:sqlite:$work/app.db" "-locations=filesystem:$work/sql" -resolvers=nowhere info 2> "$work/err"; then
  fail "a missing resolver plugin was not an error"
fi
grep -q "no resolver plugin named 'nowhere'" "$work/err" || { cat "$work/err"; fail "missing resolver message"; }
echo "out-of-tree plugins: 1 passed, 0 failed"
