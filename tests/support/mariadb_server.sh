#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Starts or stops a throw-away MariaDB server from Debian's packages, on loopback, in a
# temporary directory, for the MySQL/MariaDB test suite.
#   mariadb_server.sh start STATE_DIR   -> writes STATE_DIR/mariadb.url (user jetway, all privileges)
#                                          and mariadb-read-only.url (a read_only server)
#   mariadb_server.sh stop STATE_DIR
set -euo pipefail
action=$1
state=$2
server=$(command -v mariadbd || ls /usr/sbin/mariadbd 2>/dev/null || true)
[ -n "$server" ] || { echo "MariaDB server not found (apt-get install mariadb-server)" >&2; exit 1; }
install_db=$(command -v mariadb-install-db || command -v mysql_install_db)
client=$(command -v mariadb || command -v mysql)

case "$action" in
  start)
    mkdir -p "$state"
    "$0" stop "$state" 2>/dev/null || true
    dir=$(mktemp -d /tmp/jetway-mariadb.XXXXXX)
    chmod 755 "$dir"
    echo "$dir" > "$state/mariadb.dir"
    user_opt=()
    if [ "$(id -u)" -eq 0 ]; then chown mysql "$dir"; user_opt=(--user=mysql); fi
    # A CA and a server certificate made for this run, for the SSL tests.
    "$(dirname "$0")/make_test_certs.sh" "$dir/ssl" mysql
    cp "$dir/ssl/ca.crt" "$state/mariadb-ca.crt"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "$install_db" --no-defaults "${user_opt[@]}" --datadir="$dir/data" --auth-root-authentication-method=normal \
      --skip-test-db > "$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; exit 1; }
    # Detached, with its own output files: ctest must not wait on the server holding its pipes.
    setsid "$server" --no-defaults "${user_opt[@]}" --datadir="$dir/data" --socket="$dir/mysqld.sock" --port="$port" \
      --bind-address=127.0.0.1 --pid-file="$dir/mysqld.pid" --log-error="$dir/error.log" \
      --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --skip-name-resolve --max-connections=300 \
      --ssl-ca="$dir/ssl/ca.crt" --ssl-cert="$dir/ssl/server.crt" --ssl-key="$dir/ssl/server.key" \
      > "$dir/server.out" 2>&1 < /dev/null &
    for _ in $(seq 1 120); do
      "$client" --no-defaults --socket="$dir/mysqld.sock" -uroot -e "SELECT 1" > /dev/null 2>&1 && break
      sleep 0.5
    done
    "$client" --no-defaults --socket="$dir/mysqld.sock" -uroot -e \
      "CREATE USER 'jetway'@'%' IDENTIFIED BY 'jetway-test-pw'; GRANT ALL PRIVILEGES ON *.* TO 'jetway'@'%' WITH GRANT OPTION;
       CREATE DATABASE sdk_conformance;" ||
      { cat "$dir/error.log" >&2; exit 1; }
    echo "jdbc:mariadb://127.0.0.1:$port/?user=jetway&password=jetway-test-pw" > "$state/mariadb.url"
    echo "jdbc:mariadb://127.0.0.1:$port/sdk_conformance?user=jetway&password=jetway-test-pw" > "$state/mariadb-conformance.url"
    echo "$dir/mysqld.sock" > "$state/mariadb.socket"
    # A second server in read_only mode, as replicas run, with a database and a user 'app' that
    # has every right on it but none that overrides read_only (READ_ONLY ADMIN).
    ro_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "$install_db" --no-defaults "${user_opt[@]}" --datadir="$dir/ro-data" --auth-root-authentication-method=normal \
      --skip-test-db > "$dir/ro-install.log" 2>&1 || { cat "$dir/ro-install.log" >&2; exit 1; }
    setsid "$server" --no-defaults "${user_opt[@]}" --datadir="$dir/ro-data" --socket="$dir/ro.sock" --port="$ro_port" \
      --bind-address=127.0.0.1 --pid-file="$dir/ro.pid" --log-error="$dir/ro-error.log" --read-only \
      --innodb-flush-log-at-trx-commit=0 --skip-name-resolve > "$dir/ro-server.out" 2>&1 < /dev/null &
    for _ in $(seq 1 120); do
      "$client" --no-defaults --socket="$dir/ro.sock" -uroot -e "SELECT 1" > /dev/null 2>&1 && break
      sleep 0.5
    done
    "$client" --no-defaults --socket="$dir/ro.sock" -uroot -e \
      "CREATE DATABASE app; CREATE USER 'app'@'%' IDENTIFIED BY 'app-test-pw'; GRANT ALL PRIVILEGES ON app.* TO 'app'@'%';" ||
      { cat "$dir/ro-error.log" >&2; exit 1; }
    echo "jdbc:mariadb://127.0.0.1:$ro_port/app?user=app&password=app-test-pw" > "$state/mariadb-read-only.url"
    echo "MariaDB $("$server" --version | awk '{print $3}') on 127.0.0.1:$port, a read_only one on $ro_port ($dir)"
    ;;
  stop)
    [ -f "$state/mariadb.dir" ] || exit 0
    dir=$(cat "$state/mariadb.dir")
    for pidfile in "$dir/ro.pid" "$dir/mysqld.pid"; do
      [ -f "$pidfile" ] || continue
      pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$dir" "$state/mariadb.dir" "$state/mariadb.url" "$state/mariadb-read-only.url" "$state/mariadb-conformance.url" "$state/mariadb.socket" "$state/mariadb-ca.crt"
    ;;
  *) echo "usage: $0 start|stop STATE_DIR" >&2; exit 2 ;;
esac
