#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The .deb packages on a machine that has never seen Jetway: a freshly debootstrapped Debian 12
# root (minimal system), the packages cpack makes from BUILD_DIR installed with apt, which must
# pull every dependency by itself. Then, as a user would: jetway is on PATH and migrates the
# bundled example; jetway-postgresql and jetway-mysql add working drivers; jetway-sdk is found by
# find_package(JetwaySDK) with no setting; removing the packages removes the links they made.
#   fresh_root_packages_test.sh BUILD_DIR SOURCE_DIR
# Needs root and Debian's mirror (debootstrap is installed when missing). The pristine root is
# cached in /var/tmp/jetway-fresh-root.tar (JW_FRESH_ROOT_CACHE); delete it to rebuild.
set -euo pipefail
build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
cache=${JW_FRESH_ROOT_CACHE:-/var/tmp/jetway-fresh-root.tar}
[ "$(id -u)" -eq 0 ] || { echo "needs root (debootstrap and chroot)" >&2; exit 1; }
started=$(date +%s)
work=$(mktemp -d /var/tmp/jetway-fresh-root.XXXXXX)
root=$work/root
unmount() { for m in dev/pts dev proc; do mountpoint -q "$root/$m" && umount -l "$root/$m"; done; return 0; }
trap 'unmount; rm -rf "$work"' EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }
in_root() { chroot "$root" env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
              DEBIAN_FRONTEND=noninteractive bash -c "$1"; }

# The packages, made from this build.
mkdir -p "$work/debs"
(cd "$build" && cpack -G DEB -B "$work/cpack" > "$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
cp "$work/cpack"/*.deb "$work/debs/"

# A minimal Debian 12, from the mirror this machine uses.
if [ ! -f "$cache" ]; then
  command -v debootstrap > /dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap > /dev/null; }
  mirror=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | grep -vE '^\s*#' |
           grep -oE 'https?://[^ ]+/debian/?( |$)' | head -n 1 | tr -d ' ' || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  mkdir -p "$work/pristine"
  debootstrap --variant=minbase bookworm "$work/pristine" "$mirror" > "$work/debootstrap.log" 2>&1 ||
    { tail -n 20 "$work/debootstrap.log"; fail "debootstrap"; }
  printf 'deb %s bookworm main\ndeb %s bookworm-updates main\n' "$mirror" "$mirror" > "$work/pristine/etc/apt/sources.list"
  tar -C "$work/pristine" -cf "$cache.partial" . && mv "$cache.partial" "$cache"
  rm -rf "$work/pristine"
fi
mkdir -p "$root"
tar -C "$root" -xf "$cache"
cp /etc/resolv.conf "$root/etc/resolv.conf"
for m in proc dev dev/pts; do mount --bind "/$m" "$root/$m"; done
cp "$work/debs"/*.deb "$root/tmp/"
cp -r "$source/packaging/example" "$root/root/example"

# jetway alone: apt pulls its libraries; no client library of a server comes with it.
in_root 'apt-get update -qq && apt-get install -y -qq /tmp/jetway_*.deb' > "$work/install.log" 2>&1 ||
  { tail -n 30 "$work/install.log"; fail "apt-get install ./jetway_*.deb"; }
[ "$(in_root 'command -v jetway')" = /usr/bin/jetway ] || fail "jetway is not on PATH"
in_root 'dpkg -s libpq5' > /dev/null 2>&1 && fail "installing jetway pulled libpq5"
in_root 'cd /root/example && jetway -url=jdbc:sqlite:/root/example.db migrate info' > "$work/migrate.out" 2>&1 ||
  { cat "$work/migrate.out"; fail "migrating the bundled example"; }
grep -q "Successfully applied 4 migrations" "$work/migrate.out" || { cat "$work/migrate.out"; fail "the example's migrations"; }
in_root 'cd /root/example && jetway -url=jdbc:sqlite:/root/example.db -outputType=json validate' \
  > "$work/validate.json" || { cat "$work/validate.json"; fail "validate after migrate"; }
grep -q '"validationSuccessful": *true' "$work/validate.json" || { cat "$work/validate.json"; fail "validate"; }

# The server drivers, each a package of its own, load and reach their client libraries.
in_root 'jetway plugins' > "$work/plugins-before" 2>&1
grep -q "postgresql" "$work/plugins-before" && { cat "$work/plugins-before"; fail "a PostgreSQL driver without its package"; }
in_root 'apt-get install -y -qq /tmp/jetway-postgresql_*.deb /tmp/jetway-mysql_*.deb' > "$work/install-drivers.log" 2>&1 ||
  { tail -n 30 "$work/install-drivers.log"; fail "apt-get install the driver packages"; }
in_root 'jetway plugins' > "$work/plugins-after" 2>&1
for driver in postgresql mysql; do
  grep -Eq "\| driver +\| $driver +\|.*\| ok" "$work/plugins-after" || { cat "$work/plugins-after"; fail "the $driver driver is not listed as ok"; }
done
# No server here: the driver's own client library answers, which proves it is loaded and linked.
in_root 'jetway -url=jdbc:postgresql://127.0.0.1:1/app -user=u info' > "$work/pg.out" 2>&1 && fail "PostgreSQL on port 1 answered"
grep -q "Connection refused" "$work/pg.out" || { cat "$work/pg.out"; fail "the PostgreSQL driver did not try to connect"; }
in_root 'jetway -url=jdbc:mysql://127.0.0.1:1/app -user=u info' > "$work/my.out" 2>&1 && fail "MySQL on port 1 answered"
grep -qi "connect" "$work/my.out" || { cat "$work/my.out"; fail "the MySQL driver did not try to connect"; }

# The SDK: a vendor's CMake project finds it with no setting at all.
in_root 'apt-get install -y -qq --no-install-recommends /tmp/jetway-sdk_*.deb cmake make' > "$work/install-sdk.log" 2>&1 ||
  { tail -n 30 "$work/install-sdk.log"; fail "apt-get install the SDK package, cmake and make"; }
mkdir -p "$root/root/vendor"
printf 'cmake_minimum_required(VERSION 3.22)\nproject(vendor NONE)\nfind_package(JetwaySDK REQUIRED)\nmessage(STATUS "found JetwaySDK ${JetwaySDK_VERSION}, plugin API ${JETWAY_PLUGIN_API_VERSION}")\nget_target_property(inc jetway::sdk INTERFACE_INCLUDE_DIRECTORIES)\nmessage(STATUS "headers in ${inc}")\n' \
  > "$root/root/vendor/CMakeLists.txt"
in_root 'cmake -S /root/vendor -B /root/vendor/build' > "$work/vendor.log" 2>&1 || { cat "$work/vendor.log"; fail "find_package(JetwaySDK) with no setting"; }
grep -q "headers in /opt/jetway/sdk/include" "$work/vendor.log" || { cat "$work/vendor.log"; fail "the SDK's headers"; }
[ -f "$root/opt/jetway/sdk/include/jetway/plugin_abi.h" ] || fail "no plugin_abi.h in the SDK package"

# Removing the packages removes the links outside /opt/jetway.
in_root 'apt-get remove -y -qq jetway' > "$work/remove.log" 2>&1 || { tail -n 20 "$work/remove.log"; fail "apt-get remove jetway"; }
[ ! -e "$root/usr/bin/jetway" ] && [ ! -L "$root/usr/bin/jetway" ] || fail "/usr/bin/jetway stays after removal"
[ ! -L "$root/usr/lib/cmake/JetwaySDK" ] || fail "/usr/lib/cmake/JetwaySDK stays after removal"
echo "packages on a fresh Debian 12 root: 1 passed, 0 failed ($(( $(date +%s) - started )) s)"
