#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Starts or stops a throw-away PostgreSQL server from Debian's packages, on loopback, in a
# temporary directory, for the database test suites.
#   postgresql_server.sh start STATE_DIR   -> writes STATE_DIR/postgresql.url, the standby's
#                                             postgresql-standby.url and a PgBouncer per pooling
#                                             mode: pgbouncer-{session,transaction,statement}.url
#   postgresql_server.sh stop STATE_DIR
set -euo pipefail
action=$1
state=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

# PostgreSQL refuses to run as root: then the server runs as the 'postgres' user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    mkdir -p "$state"
    "$0" stop "$state" 2>/dev/null || true
    dir=$(mktemp -d /tmp/jetway-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    echo "$dir" > "$state/postgresql.dir"
    # A CA and a server certificate made for this run, so SSL modes up to verify-full are tested.
    "$(dirname "$0")/make_test_certs.sh" "$dir/ssl" postgres
    cp "$dir/ssl/ca.crt" "$state/postgresql-ca.crt"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-sync > "$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c ssl=on -c ssl_cert_file=$dir/ssl/server.crt -c ssl_key_file=$dir/ssl/server.key" \
      start > /dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres" > "$state/postgresql.url"
    # A hot standby streaming from it, for the tests of what Jetway does on a read-only server.
    standby_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/pg_basebackup" -h 127.0.0.1 -p "$port" -U postgres -D "$dir/standby" -R -X stream --no-sync \
      > "$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/standby" -l "$dir/standby.log" -w -t 60 \
      -o "-p $standby_port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c ssl=off" \
      start > /dev/null || { cat "$dir/standby.log" >&2; exit 1; }
    echo "jdbc:postgresql://127.0.0.1:$standby_port/postgres?user=postgres" > "$state/postgresql-standby.url"
    # PgBouncer in each pooling mode in front of the primary, for the tests of what Jetway
    # guarantees through a pooler. Few server connections, so clients really share them.
    command -v pgbouncer > /dev/null || { echo "pgbouncer not found (apt-get install pgbouncer)" >&2; exit 1; }
    echo '"postgres" ""' > "$dir/pgbouncer-users.txt"
    for mode in session transaction statement; do
      bouncer_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
      cat > "$dir/pgbouncer-$mode.ini" <<INI
[databases]
* = host=127.0.0.1 port=$port
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $bouncer_port
unix_socket_dir =
auth_type = trust
auth_file = $dir/pgbouncer-users.txt
pool_mode = $mode
default_pool_size = 4
max_client_conn = 400
logfile = $dir/pgbouncer-$mode.log
pidfile = $dir/pgbouncer-$mode.pid
INI
      as_owner pgbouncer -d "$dir/pgbouncer-$mode.ini" || { cat "$dir/pgbouncer-$mode.log" >&2; exit 1; }
      for _ in $(seq 100); do
        python3 -c "import socket; socket.create_connection(('127.0.0.1', $bouncer_port), 1)" 2> /dev/null && break
        sleep 0.1
      done
      echo "jdbc:postgresql://127.0.0.1:$bouncer_port/postgres?user=postgres" > "$state/pgbouncer-$mode.url"
    done
    echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, its standby on $standby_port," \
         "PgBouncer $(pgbouncer --version | awk 'NR == 1 {print $2}') in front of it ($dir)"
    ;;
  stop)
    [ -f "$state/postgresql.dir" ] || exit 0
    dir=$(cat "$state/postgresql.dir")
    for pidfile in "$dir"/pgbouncer-*.pid; do
      [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2> /dev/null || true
    done
    as_owner "$bin/pg_ctl" -D "$dir/standby" -m immediate -w stop > /dev/null 2>&1 || true
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop > /dev/null 2>&1 || true
    rm -rf "$dir" "$state/postgresql.dir" "$state/postgresql.url" "$state/postgresql-standby.url" "$state/postgresql-ca.crt" \
      "$state"/pgbouncer-*.url
    ;;
  *) echo "usage: $0 start|stop STATE_DIR" >&2; exit 2 ;;
esac
