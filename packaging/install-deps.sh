#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs every build and test dependency of Jetway from Debian's packages (Debian 12).
# Idempotent: when everything is already there it prints nothing and changes nothing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libboost-dev libboost-filesystem-dev       # Boost.DLL and its filesystem dependency
  libspdlog-dev libfmt-dev                   # logging
  nlohmann-json3-dev                         # JSON output
  libtomlplusplus-dev                        # flyway.toml
  zlib1g-dev                                 # CRC32 for Flyway-compatible checksums
  libsqlite3-dev libpq-dev libmysqlcppconn-dev   # the three drivers' client libraries
  libgtest-dev googletest                    # tests
  valgrind sqlite3                           # plugin-lifetime test; inspecting SQLite files
  postgresql mariadb-server                  # servers the database suites start on loopback
  openssl                                    # certificates for the SSL tests
  clang                                      # the sanitized job: ASan, UBSan and libFuzzer
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# Package scripts must not start the servers system-wide: tests start their own.
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
