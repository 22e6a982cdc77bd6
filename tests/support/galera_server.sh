#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Starts or stops a throw-away 3-node MariaDB Galera cluster from Debian's packages (mariadb-server,
# galera-4, rsync for the state transfer), on loopback, in a temporary directory, for the
# multi-primary tests. Every port (client, gcomm, IST, SST) is picked free at start, so it can run
# beside other servers on the machine.
#   galera_server.sh start STATE_DIR   -> writes STATE_DIR/galera-node{1,2,3}.url (user jetway, all
#                                          privileges; created on node 1, replicated) and galera.dir
#   galera_server.sh stop STATE_DIR
set -euo pipefail
action=${1:-}
state=${2:-}

need() { # $1 = binary (name or path), $2 = Debian package that ships it
  command -v "$1" > /dev/null 2>&1 || { echo "$1 not found (apt-get install $2)" >&2; exit 1; }
}
server=$(command -v mariadbd || ls /usr/sbin/mariadbd 2>/dev/null || echo mariadbd)
provider=/usr/lib/galera/libgalera_smm.so

case "$action" in
  start)
    need "$server" mariadb-server
    need wsrep_sst_rsync mariadb-server
    need rsync rsync
    # The rsync SST script checks its listener with ss (iproute2) or lsof.
    command -v ss > /dev/null || need lsof lsof
    need python3 python3
    [ -e "$provider" ] || { echo "$provider not found (apt-get install galera-4)" >&2; exit 1; }
    install_db=$(command -v mariadb-install-db || command -v mysql_install_db)
    client=$(command -v mariadb || command -v mysql)
    mkdir -p "$state"
    "$0" stop "$state" 2>/dev/null || true
    started=$SECONDS
    dir=$(mktemp -d /tmp/jetway-galera.XXXXXX)
    chmod 755 "$dir"
    echo "$dir" > "$state/galera.dir"
    user_opt=()
    if [ "$(id -u)" -eq 0 ]; then chown mysql "$dir"; user_opt=(--user=mysql); fi
    # 12 ports held open together so that none is picked twice: client, gcomm, IST, SST per node.
    read -r -a ports <<< "$(python3 -c '
import socket
ss = [socket.socket() for _ in range(12)]
for s in ss: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in ss))')"
    cluster="gcomm://127.0.0.1:${ports[1]},127.0.0.1:${ports[5]},127.0.0.1:${ports[9]}"
    # Only node 1 gets a system database; the joiners receive node 1's by rsync SST.
    "$install_db" --no-defaults "${user_opt[@]}" --datadir="$dir/node1" --auth-root-authentication-method=normal \
      --skip-test-db > "$dir/install.log" 2>&1 || { cat "$dir/install.log" >&2; exit 1; }
    mkdir "$dir/node2" "$dir/node3"
    [ "$(id -u)" -ne 0 ] || chown mysql "$dir/node2" "$dir/node3"

    fail() { # $1 = node, $2 = message: print the node's log, take the cluster down
      echo "galera_server.sh: node $1: $2" >&2
      cat "$dir/node$1.err" >&2 2>/dev/null || true
      "$0" stop "$state" 2>/dev/null || true
      exit 1
    }
    q() { "$client" --no-defaults --socket="$dir/node$1.sock" -uroot -N -B -e "$2" 2>/dev/null; }
    start_node() { # $1 = node number, then extra options
      local n=$1 i=$(( ($1 - 1) * 4 )); shift
      # Detached, with its own output files: ctest must not wait on the server holding its pipes.
      # Speed over durability: no log flush at commit, no doublewrite, small log/pool/gcache.
      setsid "$server" --no-defaults "${user_opt[@]}" --datadir="$dir/node$n" --socket="$dir/node$n.sock" \
        --port="${ports[$i]}" --bind-address=127.0.0.1 --pid-file="$dir/node$n/mysqld.pid" \
        --log-error="$dir/node$n.err" --skip-name-resolve --max-connections=300 \
        --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --innodb-buffer-pool-size=32M \
        --innodb-log-file-size=16M --sync-binlog=0 \
        --binlog-format=ROW --default-storage-engine=InnoDB --innodb-autoinc-lock-mode=2 \
        --wsrep-on=ON --wsrep-provider="$provider" --wsrep-cluster-name="${dir##*/}" \
        --wsrep-cluster-address="$cluster" --wsrep-node-name="node$n" --wsrep-node-address=127.0.0.1 \
        --wsrep-sst-method=rsync --wsrep-sst-receive-address="127.0.0.1:${ports[$((i + 3))]}" \
        --wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:${ports[$((i + 1))]};ist.recv_addr=127.0.0.1:${ports[$((i + 2))]};gcache.size=16M" \
        "$@" > "$dir/node$n.out" 2>&1 < /dev/null &
      echo $! > "$dir/node$n.pid"
      disown # no job notice from bash when a node is stopped or aborts
    }
    wait_node() { # $1 = node: wait until it is synced and sees 3 members (or, with $2 = any, just synced)
      local n=$1 m deadline=$((started + 120))
      until [ "$(q "$n" "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME='wsrep_ready'")" = ON ] &&
            { [ "${2:-}" = any ] || [ "$(q "$n" "SHOW STATUS LIKE 'wsrep_cluster_size'" | cut -f2)" = 3 ]; }; do
        for m in 1 2 3; do # a joiner whose SST fails aborts: report it rather than time out
          [ ! -f "$dir/node$m.pid" ] || kill -0 "$(cat "$dir/node$m.pid")" 2>/dev/null || fail "$m" "mariadbd exited"
        done
        [ "$SECONDS" -lt "$deadline" ] || fail "$n" "not ready with 3 members after 120 s"
        sleep 0.3
      done
    }
    start_node 1 --wsrep-new-cluster
    wait_node 1 any
    q 1 "CREATE USER 'jetway'@'%' IDENTIFIED BY 'jetway-test-pw'; GRANT ALL PRIVILEGES ON *.* TO 'jetway'@'%' WITH GRANT OPTION;
         CREATE DATABASE sdk_conformance;" || fail 1 "could not create the test user"
    # Both joiners at once: the second waits for a free donor, but their start-up overlaps.
    start_node 2; start_node 3
    for n in 1 2 3; do wait_node "$n"; done
    for n in 1 2 3; do
      echo "jdbc:mariadb://127.0.0.1:${ports[$(((n - 1) * 4))]}/?user=jetway&password=jetway-test-pw" > "$state/galera-node$n.url"
    done
    echo "MariaDB $("$server" --version | awk '{print $3}') Galera cluster on 127.0.0.1:${ports[0]},${ports[4]},${ports[8]} ($dir, $((SECONDS - started)) s)"
    ;;
  stop)
    [ -f "$state/galera.dir" ] || exit 0
    dir=$(cat "$state/galera.dir")
    pids=()
    # All at once: a lone survivor would only wait for the others to come back.
    for n in 3 2 1; do
      [ -f "$dir/node$n.pid" ] || continue
      pid=$(cat "$dir/node$n.pid"); pids+=("$pid")
      kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$dir" "$state/galera.dir" "$state"/galera-node{1,2,3}.url
    ;;
  *) echo "usage: $0 start|stop STATE_DIR" >&2; exit 2 ;;
esac
