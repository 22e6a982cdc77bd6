#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs Jetway's dependencies from Debian's packages (Debian 12).
#   install-deps.sh               what building Jetway and running it need
#   install-deps.sh --with-tests  that, and what the test suites need (GoogleTest, the servers
#                                 they start, the sanitized job's clang runtime ...)
# Idempotent: when everything is already there it prints nothing and changes nothing.
set -euo pipefail

with_tests=false
for arg in "$@"; do
  case "$arg" in
    --with-tests) with_tests=true ;;
    *) echo "install-deps.sh: unknown argument '$arg' (only --with-tests)" >&2; exit 2 ;;
  esac
done

packages=(
  build-essential cmake pkg-config
  libboost-dev libboost-filesystem-dev       # Boost.DLL and its filesystem dependency
  libspdlog-dev libfmt-dev                   # logging
  nlohmann-json3-dev                         # JSON output
  libtomlplusplus-dev                        # flyway.toml
  zlib1g-dev                                 # CRC32 for Flyway-compatible checksums
  libsqlite3-dev libpq-dev libmysqlcppconn-dev   # the three drivers' client libraries
)
test_packages=(
  libgtest-dev libgmock-dev googletest       # the suites
  python3 time                               # the servers' port picker; the benchmark smoke run
  valgrind sqlite3                           # plugin-lifetime test; inspecting SQLite files
  postgresql mariadb-server                  # servers the database suites start on loopback
  pgbouncer                                  # the pooler the PostgreSQL suite migrates through
  galera-4 rsync iproute2                    # a three-node Galera cluster (rsync state transfer)
  openssl                                    # certificates for the SSL tests
  clang libclang-rt-14-dev                   # the sanitized job: ASan, UBSan and libFuzzer
  libpg-query-dev                            # PostgreSQL's own scanner: the splitter's oracle
  chromium libpng-dev                        # the HTML report opened in a real browser, its screenshot read
)
$with_tests && packages+=("${test_packages[@]}")
# The Node.js package's addon and tests: Node with its Node-API headers. A machine that already
# has both (NodeSource's nodejs carries the headers) keeps its own; Debian's come as two packages.
if $with_tests && ! { command -v node > /dev/null && [ -f /usr/include/node/node_api.h ]; }; then
  packages+=(nodejs libnode-dev)
fi

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
