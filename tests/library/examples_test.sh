#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The examples as a builder makes them: the build installed into a prefix and moved, then the C
# example compiled with pkg-config, the C++ one configured with find_package(Jetway), the Node
# package built against the moved tree; each migrates a SQLite file and a PostgreSQL database
# and must print the document the jetway command prints for the same run.
#   examples_test.sh BUILD_DIR SOURCE_DIR SERVERS_DIR
set -euo pipefail
build=$1
source=$2
servers=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/first" > /dev/null
mv "$work/first" "$work/jetway"   # nothing may point back at the prefix it was installed to
root="$work/jetway"
for path in lib/libjetway.so lib/libjetway.so.1 include/jetway/jetway.h include/jetway/jetway.hpp \
            lib/cmake/Jetway/JetwayConfig.cmake lib/pkgconfig/jetway.pc bindings/node/package.json; do
  [ -e "$root/$path" ] || fail "missing from the install tree: $path"
done
# The command links the library of its own tree.
ldd "$root/bin/jetway" | grep -q "libjetway.so.1 => $root/bin/../lib/libjetway.so.1" || { ldd "$root/bin/jetway"; fail "bin/jetway does not use lib/libjetway.so.1"; }

pg_url=$(cat "$servers/postgresql.url")
pg_port=$(sed -E 's|.*:([0-9]+)/.*|\1|' <<< "$pg_url")
new_database() {  # a fresh PostgreSQL database, its jdbc URL on stdout
  psql -q "host=127.0.0.1 port=$pg_port user=postgres dbname=postgres" -c "CREATE DATABASE $1" > /dev/null
  echo "jdbc:postgresql://127.0.0.1:$pg_port/$1?user=postgres"
}
# Both documents without what changes from one run to the next (times and dates).
same_document() {
  node -e '
    const fs = require("fs");
    const strip = (v) => Array.isArray(v) ? v.map(strip) : v && typeof v === "object"
      ? Object.fromEntries(Object.entries(v).filter(([k]) => !/Time|installedOn|^timestamp$/.test(k)).map(([k, x]) => [k, strip(x)])) : v;
    // A program may print more before or after; the document is the JSON object it printed.
    // The Node example prints {"port": ..., "result": document}.
    const doc = (file) => { const t = fs.readFileSync(file, "utf8"); const d = JSON.parse(t.slice(t.indexOf("{"), t.lastIndexOf("}") + 1)); return d.result ?? d; };
    const [a, b] = [strip(doc(process.argv[1])), strip(doc(process.argv[2]))];
    if (JSON.stringify(a) !== JSON.stringify(b)) { console.error(JSON.stringify(a, null, 1), "\n---\n", JSON.stringify(b, null, 1)); process.exit(1); }
    if (a.migrationsExecuted !== 2) { console.error("expected 2 migrations, got", a.migrationsExecuted); process.exit(1); }
  ' "$1" "$2"
}
# Runs an example on a SQLite file and a PostgreSQL database, then the command on the same ones made afresh.
check_example() {
  local name=$1; shift
  local db="$work/$name.db"
  DATABASE_URL="jdbc:sqlite:$db" SQL_DIR="$source/examples/sql" PORT=0 JETWAY_EXAMPLE_ONCE=1 "$@" > "$work/$name-sqlite.out" ||
    { cat "$work/$name-sqlite.out"; fail "$name on SQLite"; }
  [ "$(sqlite3 "$db" "SELECT count(*) FROM flyway_schema_history WHERE success")" = 2 ] || fail "$name: SQLite history"
  rm "$db"
  "$root/bin/jetway" -outputType=json -url="jdbc:sqlite:$db" -locations="filesystem:$source/examples/sql" migrate > "$work/$name-sqlite.cli"
  same_document "$work/$name-sqlite.out" "$work/$name-sqlite.cli" || fail "$name on SQLite: not the document the command prints"

  local database="example_${name}_$$"
  local url
  url=$(new_database "$database")
  DATABASE_URL="$url" SQL_DIR="$source/examples/sql" PORT=0 JETWAY_EXAMPLE_ONCE=1 "$@" > "$work/$name-pg.out" ||
    { cat "$work/$name-pg.out"; fail "$name on PostgreSQL"; }
  [ "$(psql -tAq "host=127.0.0.1 port=$pg_port user=postgres dbname=$database" -c "SELECT count(*) FROM flyway_schema_history WHERE success")" = 2 ] ||
    fail "$name: PostgreSQL history"
  psql -q "host=127.0.0.1 port=$pg_port user=postgres dbname=postgres" -c "DROP DATABASE $database" > /dev/null
  url=$(new_database "$database")
  "$root/bin/jetway" -outputType=json -url="$url" -locations="filesystem:$source/examples/sql" migrate > "$work/$name-pg.cli"
  same_document "$work/$name-pg.out" "$work/$name-pg.cli" || fail "$name on PostgreSQL: not the document the command prints"
  psql -q "host=127.0.0.1 port=$pg_port user=postgres dbname=postgres" -c "DROP DATABASE $database" > /dev/null
  echo "$name: SQLite and PostgreSQL, the command's document"
}

# C, with pkg-config only.
export PKG_CONFIG_PATH="$root/lib/pkgconfig"
cc -std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE "$source/examples/c/migrate_then_serve.c" $(pkg-config --cflags --libs jetway) \
  -o "$work/c_example" || fail "the C example does not build with pkg-config"
check_example c "$work/c_example"

# C++, with find_package(Jetway) only.
cmake -S "$source/examples/cpp" -B "$work/cpp-build" -DCMAKE_PREFIX_PATH="$root" > "$work/cpp-configure.log" 2>&1 ||
  { cat "$work/cpp-configure.log"; fail "find_package(Jetway)"; }
cmake --build "$work/cpp-build" > "$work/cpp-build.log" 2>&1 || { cat "$work/cpp-build.log"; fail "the C++ example does not build"; }
check_example cpp "$work/cpp-build/migrate_then_serve"

# Node.js: the package as installed in the tree, built against it, its tests, then the example.
cp -r "$root/bindings/node" "$work/node-package"
# npm runs the package's install script (build.js); without npm (Debian's nodejs alone), the same script.
if command -v npm > /dev/null; then install_node=(npm install --offline --no-audit --no-fund); else install_node=(node build.js); fi
(cd "$work/node-package" && JETWAY_PREFIX="$root" "${install_node[@]}" > "$work/npm.log" 2>&1) ||
  { cat "$work/npm.log"; fail "${install_node[*]} of the Node package"; }
[ -f "$work/node-package/build/jetway.node" ] || fail "the Node addon was not built"
echo "node package: ${install_node[*]}, node $(node --version)"
(cd "$work/node-package" && JETWAY_PREFIX="$root" JW_TEST_PG_URL="$pg_url" node --test test/ > "$work/node-test.log" 2>&1) ||
  { cat "$work/node-test.log"; fail "the Node package's tests"; }
grep -E "^# (pass|fail|skipped)" "$work/node-test.log" || true
grep -q "^# fail 0" "$work/node-test.log" || fail "the Node tests did not all pass"
mkdir -p "$work/node-app/node_modules"
ln -s "$work/node-package" "$work/node-app/node_modules/jetway"
cp "$source/examples/node/migrate_then_listen.js" "$work/node-app/"
check_example node node "$work/node-app/migrate_then_listen.js"
echo "examples against the installed tree: 3 passed, 0 failed"
