#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The install tree as a user gets it: installed into a temporary prefix, moved elsewhere, used
# from there (migrate on SQLite, a plugin dropped into its jars/); then the .deb packages made
# by cpack, unpacked into a scratch root with dpkg -x and checked.
#   install_test.sh BUILD_DIR
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/first" > /dev/null
mv "$work/first" "$work/moved"   # relocatable: nothing may point back at the prefix
root="$work/moved"
for path in bin/jetway conf/flyway.conf jars/libjw_driver_sqlite.so jars/libjw_driver_postgresql.so \
            jars/libjw_driver_mysql.so jars/libjw_callback_json_events.so sql sdk/include/jetway/plugin_abi.h \
            sdk/cmake/JetwaySDKConfig.cmake lib/cmake/JetwaySDK/JetwaySDKConfig.cmake licenses/LICENSE.md man/man1/jetway.1 completion/jetway.bash \
            lib/libjetway.so.1 include/jetway/jetway.h lib/cmake/Jetway/JetwayConfig.cmake lib/pkgconfig/jetway.pc; do
  [ -e "$root/$path" ] || fail "missing from the install tree: $path"
done
[ -z "$(find "$root/jars" -name 'libjw_driver_stub*')" ] || fail "test stubs were installed"

# The default location is sql/ of the installation; the default configuration file is conf/.
printf 'CREATE TABLE installed (x INT);\n' > "$root/sql/V1__installed.sql"
printf 'flyway.placeholders.unused=1\n' >> "$root/conf/flyway.conf"
(cd "$work" && "$root/bin/jetway" -url="jdbc:sqlite:$work/app.db" migrate > "$work/out" 2>&1) || { cat "$work/out"; fail "migrate from the moved tree"; }
[ "$(sqlite3 "$work/app.db" "SELECT script FROM flyway_schema_history")" = "V1__installed.sql" ] || fail "history after migrate"
"$root/bin/jetway" -X -url="jdbc:sqlite:$work/app.db" info > "$work/info" 2>&1 || fail "info"
grep -q "placeholders.unused = 1 (file $root/conf/flyway.conf" "$work/info" || fail "conf/flyway.conf of the moved tree was not read"

# Dropping a plugin into jars/ is all it takes.
cp "$root/jars/libjw_callback_json_events.so" "$root/jars/libjw_callback_copy.so"
"$root/bin/jetway" plugins > "$work/plugins"
grep -Eq "libjw_callback_copy.so +\| callback +\| json_events +\|.*\| ok" "$work/plugins" || { cat "$work/plugins"; fail "dropped plugin not listed"; }
man -l "$root/man/man1/jetway.1" > /dev/null 2>&1 || [ -s "$root/man/man1/jetway.1" ] || fail "man page"

# The packages.
(cd "$build" && cpack -G DEB > "$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
for deb in jetway jetway-postgresql jetway-mysql jetway-sdk libjetway-dev; do
  file=$(ls "$build"/${deb}_*.deb | head -n 1)
  [ -f "$file" ] || fail "no $deb package"
  dpkg -x "$file" "$work/root"
done
dpkg-deb -f "$build"/jetway_*.deb Depends | grep -q libsqlite3-0 || fail "jetway does not depend on libsqlite3-0"
if dpkg-deb -f "$build"/jetway_*.deb Depends | grep -q libpq5; then fail "jetway must not pull libpq"; fi
dpkg-deb -f "$build"/jetway-postgresql_*.deb Depends | grep -q libpq5 || fail "jetway-postgresql does not depend on libpq5"
dpkg-deb -f "$build"/jetway-mysql_*.deb Depends | grep -q libmysqlcppconn || fail "jetway-mysql does not depend on Connector/C++"
[ -x "$work/root/opt/jetway/bin/jetway" ] || fail ".deb: no /opt/jetway/bin/jetway"
[ -f "$work/root/opt/jetway/jars/libjw_driver_postgresql.so" ] || fail ".deb: no PostgreSQL driver"
# The library is in jetway (the command links it); its headers and build files in libjetway-dev.
dpkg-deb -c "$build"/jetway_*.deb > "$work/jetway.list"
dpkg-deb -c "$build"/libjetway-dev_*.deb > "$work/dev.list"
grep -q "opt/jetway/lib/libjetway.so.1" "$work/jetway.list" || fail "jetway does not carry libjetway.so.1"
grep -q "opt/jetway/include/jetway/jetway.h" "$work/dev.list" || fail "libjetway-dev has no jetway.h"
grep -q "opt/jetway/lib/cmake/Jetway/JetwayConfig.cmake" "$work/dev.list" || fail "libjetway-dev has no JetwayConfig.cmake"
dpkg-deb -f "$build"/libjetway-dev_*.deb Depends | grep -q "jetway (= " || fail "libjetway-dev does not depend on jetway"
"$work/root/opt/jetway/bin/jetway" plugins > "$work/deb-plugins"
grep -Eq "\| driver +\| postgresql +\|.*\| ok" "$work/deb-plugins" || { cat "$work/deb-plugins"; fail "stripped .deb plugins do not load"; }
echo "install tree and packages: 1 passed, 0 failed"
