#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Jetway against the database's own client, measured in the same run (issue 10).

    python3 tests/bench/bench.py                       # SQLite, 1,000 migrations, 5 runs each
    python3 tests/bench/bench.py --databases sqlite,postgresql,mysql
    python3 tests/bench/bench.py --count 50 --runs 1   # the suite's smoke run

Besides the --count migrations it measures no-op migrate and validate with 10x --count applied
(10,000 by default), info over 100x --count history rows (100,000), and one migration of
--count x 10,000 rows (about 1 GB): wall time and peak memory, Jetway and the raw client.
The --count migrations and the big one run again with -batch=true.

Prints a table of medians and ratios to the raw client, and writes the same as JSON
(--json, default bench-results.json). Servers for PostgreSQL and MariaDB are started on loopback
with the test suite's scripts. It prints figures; it asserts nothing.

The latency case (issue 20) runs instead of all that when --rtt-ms is given:

    python3 tests/bench/bench.py --rtt-ms 1,10                # PostgreSQL and MariaDB, 200 migrations
    python3 tests/bench/bench.py --databases postgresql --rtt-ms 5 --count 50 --runs 3

Every tool connects through a loopback TCP proxy (DelayProxy, one per server) that holds each
chunk it reads, in either direction, for RTT/2 before passing it on, so each request/response
round trip costs RTT. For each RTT and server it measures, side by side in the same run, --count
migrations (200 by default here) of --stmts statements: Jetway's migrate and -batch=true migrate
into an empty database; the raw client (psql, mariadb) running all_pertx.sql, each migration in
its own transaction with its history row, statement by statement (the yardstick, ratio 1.00); the
raw client running all.sql, everything in one transaction; and a no-op migrate with everything
applied. Beside the median seconds it prints the round trips the proxy saw (turns of the
conversation: a client chunk after the server has spoken) and the connections opened. TCP's own
handshake is not delayed, so each connection costs less than it would on a real network.
"""
import argparse
import json
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SUPPORT = os.path.join(ROOT, "tests", "support")


def run(cmd, stdin=None, env=None):
    """Wall time of one command in seconds; raises when it fails."""
    start = time.perf_counter()
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as source:
        done = subprocess.run(cmd, stdin=source, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {done.stderr.decode(errors='replace')[-2000:]}")
    return elapsed


def peak_rss_kb(cmd):
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.decode(errors="replace")[-2000:])
    return int(out.stderr.decode().strip().splitlines()[-1])


class Database:
    """A fresh, empty database per measurement, and its raw client."""

    def __init__(self, kind, state, work):
        self.kind, self.state, self.work, self.n = kind, state, work, 0

    def fresh(self, via_port=None):
        """A new empty database: its Jetway URL and raw client command. With via_port both connect
        to 127.0.0.1:via_port (the delay proxy) instead of the server; the database is still made
        directly."""
        self.n += 1
        name = f"bench{self.n}"
        if self.kind == "sqlite":
            path = os.path.join(self.work, name + ".db")
            if os.path.exists(path):
                os.remove(path)
            return f"jdbc:sqlite:{path}", ["sqlite3", path]
        if self.kind == "postgresql":
            base = open(os.path.join(self.state, "postgresql.url")).read().strip()
            hostport = base.split("//")[1].split("/")[0]
            host, port = hostport.split(":")
            subprocess.run(["psql", "-q", "-h", host, "-p", port, "-U", "postgres", "-c", f"DROP DATABASE IF EXISTS {name}",
                            "-c", f"CREATE DATABASE {name}"], check=True, stdout=subprocess.DEVNULL,
                           env=dict(os.environ, PGOPTIONS="-c client_min_messages=warning"))
            if via_port:
                port = str(via_port)
            return (f"jdbc:postgresql://{host}:{port}/{name}?user=postgres",
                    ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", port, "-U", "postgres", name])
        sock = open(os.path.join(self.state, "mariadb.socket")).read().strip()
        base = open(os.path.join(self.state, "mariadb.url")).read().strip()
        subprocess.run(["mariadb", "--no-defaults", f"--socket={sock}", "-uroot", "-e",
                        f"DROP DATABASE IF EXISTS {name}; CREATE DATABASE {name}"], check=True)
        url = base.replace("/?", f"/{name}?")
        if via_port:
            # Over TCP, as the URL's user (root may only log in on the socket).
            url = re.sub(r"//[^/]*/", f"//127.0.0.1:{via_port}/", url, count=1)
            user = re.search(r"[?&]user=([^&]*)", url).group(1)
            password = re.search(r"[?&]password=([^&]*)", url).group(1)
            return url, ["mariadb", "--no-defaults", "-h127.0.0.1", f"-P{via_port}", "--protocol=TCP", f"-u{user}",
                         f"--password={password}", name]
        return url, ["mariadb", "--no-defaults", f"--socket={sock}", "-uroot", name]


class DelayProxy:
    """A TCP proxy on 127.0.0.1 in front of one server that adds latency: each chunk read from
    either side is written to the other side `delay` seconds after it arrived, chunks in the order
    they came, so a request and its response cost 2 x delay more. Two threads per direction (one
    reads and timestamps, one waits and writes), so a stream of chunks is delayed once, not once
    per chunk. It counts, between reset() and figures(): connections, those that started TLS,
    client->server chunks, and round trips: client chunks that follow something from the server
    (or start the connection), i.e. the turns of the conversation."""

    TLS_HELLO = b"\x16\x03"  # a TLS handshake record, whether PostgreSQL's or MariaDB's client sends it

    def __init__(self, host, port):
        self.target = (host, int(port))
        self.delay = 0.0
        self.lock = threading.Condition()
        self.active = 0
        self.reset()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def reset(self):
        with self.lock:
            self.counts = {"connections": 0, "tls_connections": 0, "client_chunks": 0, "round_trips": 0}

    def figures(self, timeout=5.0):
        """The counts since reset(), once every connection has closed (or after timeout)."""
        with self.lock:
            self.lock.wait_for(lambda: self.active == 0, timeout)
            return dict(self.counts)

    def close(self):
        self.listener.close()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed
            try:
                server = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            for s in (client, server):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            conn = {"sockets": (client, server), "last": None, "chunks": 0, "open": 2}
            with self.lock:
                self.active += 1
                self.counts["connections"] += 1
            self._pipe(conn, client, server, upstream=True)
            self._pipe(conn, server, client, upstream=False)

    def _note(self, conn, upstream, data):
        with self.lock:
            if upstream:
                self.counts["client_chunks"] += 1
                if conn["last"] != "client":
                    self.counts["round_trips"] += 1
                conn["chunks"] += 1
                if conn["chunks"] <= 3 and data.startswith(self.TLS_HELLO):
                    self.counts["tls_connections"] += 1
            conn["last"] = "client" if upstream else "server"

    def _pipe(self, conn, src, dst, upstream):
        held = queue.Queue()

        def read():
            try:
                while True:
                    data = src.recv(65536)
                    if not data:
                        break
                    arrived = time.monotonic()
                    self._note(conn, upstream, data)
                    held.put((arrived + self.delay, data))
            except OSError:
                pass
            held.put((time.monotonic() + self.delay, None))

        def write():
            ok = True
            while True:
                due, data = held.get()
                wait = due - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                if data is None:
                    break
                if ok:
                    try:
                        dst.sendall(data)
                    except OSError:
                        ok = False  # the other side is gone: end both directions, keep draining
                        for s in conn["sockets"]:
                            try:
                                s.shutdown(socket.SHUT_RDWR)
                            except OSError:
                                pass
            if ok:
                try:
                    dst.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
            with self.lock:
                conn["open"] -= 1
                if conn["open"] == 0:
                    for s in conn["sockets"]:
                        s.close()
                    self.active -= 1
                    self.lock.notify_all()

        threading.Thread(target=read, daemon=True).start()
        threading.Thread(target=write, daemon=True).start()


def timed_rss(cmd, stdin=None):
    """Wall seconds and peak RSS (KB) of one command; raises when it fails."""
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as source:
        done = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + cmd, stdin=source, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {done.stderr.decode(errors='replace')[-2000:]}")
    seconds, kb = done.stderr.decode().strip().splitlines()[-1].split()
    return float(seconds), int(kb)


def bulk_history_sql(kind, rows):
    """Appends `rows` successful history rows (ranks and versions 2 ..) after a baseline row."""
    columns = "(installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)"
    last = rows + 1
    if kind == "sqlite":
        return (f"WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < {last}) "
                f"INSERT INTO flyway_schema_history {columns} "
                "SELECT i, i, 'bulk', 'SQL', 'V' || i || '__bulk.sql', 0, 'bench', 0, 1 FROM n;\n")
    if kind == "postgresql":
        return (f"INSERT INTO flyway_schema_history {columns} SELECT i, i::text, 'bulk', 'SQL', "
                f"'V' || i || '__bulk.sql', 0, 'bench', 0, true FROM generate_series(2, {last}) AS i;\n")
    # MariaDB's sequence engine: seq_2_to_N is a table of the numbers 2 .. N.
    return (f"INSERT INTO flyway_schema_history {columns} SELECT seq, seq, 'bulk', 'SQL', "
            f"CONCAT('V', seq, '__bulk.sql'), 0, 'bench', 0, 1 FROM seq_2_to_{last};\n")


def median(values):
    return statistics.median(values) if values else float("nan")


def start_server(kind, state, started):
    """Starts the server a database kind needs, on loopback (none for SQLite)."""
    if kind == "postgresql":
        subprocess.run([os.path.join(SUPPORT, "postgresql_server.sh"), "start", state], check=True, stdout=subprocess.DEVNULL)
        started.append("postgresql")
    if kind == "mysql":
        subprocess.run([os.path.join(SUPPORT, "mariadb_server.sh"), "start", state], check=True, stdout=subprocess.DEVNULL)
        started.append("mariadb")


def stop_servers(state, started):
    if "postgresql" in started:
        subprocess.run([os.path.join(SUPPORT, "postgresql_server.sh"), "stop", state])
    if "mariadb" in started:
        subprocess.run([os.path.join(SUPPORT, "mariadb_server.sh"), "stop", state])


def effective_rtt_ms(delay, pings=50):
    """What one round trip through a DelayProxy with this delay really takes here, against an
    echo server in this process: the RTT asked for plus the proxy's own cost and timer lag."""
    echo = socket.create_server(("127.0.0.1", 0))

    def serve():
        peer, _ = echo.accept()
        with peer:
            while data := peer.recv(65536):
                peer.sendall(data)

    threading.Thread(target=serve, daemon=True).start()
    proxy = DelayProxy("127.0.0.1", echo.getsockname()[1])
    proxy.delay = delay
    times = []
    with socket.create_connection(("127.0.0.1", proxy.port)) as c:
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for _ in range(pings):
            start = time.perf_counter()
            c.sendall(b"ping")
            got = 0
            while got < 4:
                got += len(c.recv(64))
            times.append(time.perf_counter() - start)
    proxy.figures()
    proxy.close()
    echo.close()
    return median(times) * 1000


def rtt_list(text):
    """--rtt-ms: round-trip times in milliseconds, comma-separated."""
    try:
        rtts = [float(r) for r in text.split(",") if r.strip()]
    except ValueError:
        rtts = []
    if not rtts or any(r < 0 or r != r for r in rtts):
        raise argparse.ArgumentTypeError("takes round-trip times in milliseconds, e.g. 1,10")
    return rtts


def latency_main(args):
    """The latency case (--rtt-ms): see the module's docstring."""
    rtts = args.rtt_ms
    databases = [d for d in args.databases.split(",") if d]
    for kind in databases:
        if kind not in ("postgresql", "mysql"):
            print(f"bench: --rtt-ms leaves out {kind}: only PostgreSQL and MariaDB are reached over TCP", file=sys.stderr)
    databases = [d for d in databases if d in ("postgresql", "mysql")]
    if not databases:
        sys.exit("bench: --rtt-ms needs --databases with postgresql and/or mysql")

    work = tempfile.mkdtemp(prefix="jetway-bench-")
    state = os.path.join(work, "servers")
    os.makedirs(state)
    started, proxies, results, calibration = [], {}, [], {}
    n = args.count
    cases = [  # (key, label); "raw_pertx" is the yardstick
        ("migrate", f"jetway migrate ({n} migrations)"),
        ("batch", "jetway -batch=true migrate"),
        ("raw_pertx", "raw client, a transaction per migration"),
        ("raw_all", "raw client, all in one transaction"),
        ("noop", f"jetway no-op migrate ({n} applied)"),
    ]
    try:
        generated = {}
        for kind in databases:
            start_server(kind, state, started)
            dialect = {"postgresql": "postgres", "mysql": "mysql"}[kind]
            gen_dir = os.path.join(work, dialect)
            subprocess.run([sys.executable, args.gen, "--count", str(n), "--stmts", str(args.stmts), "--dialect",
                            dialect, "--layouts", "flyway,raw", gen_dir], check=True, stdout=subprocess.DEVNULL)
            generated[kind] = gen_dir
            if kind == "postgresql":
                base = open(os.path.join(state, "postgresql.url")).read().strip()
            else:
                base = open(os.path.join(state, "mariadb.url")).read().strip()
            host, port = re.match(r"jdbc:\w+://([^:/]+):(\d+)/", base).groups()
            proxies[kind] = DelayProxy(host, port)

        for rtt in rtts:
            calibration[rtt] = effective_rtt_ms(rtt / 2000)
            for kind in databases:
                proxy, gen_dir = proxies[kind], generated[kind]
                proxy.delay = rtt / 2000
                sql = os.path.join(gen_dir, "flyway", "sql")
                db = Database(kind, state, work)
                times = {key: [] for key, _ in cases}
                counts = {}

                def measure(key, cmd, stdin=None):
                    proxy.reset()
                    times[key].append(run(cmd, stdin=stdin))
                    counts[key] = proxy.figures()

                for _ in range(args.runs):
                    url, client = db.fresh(via_port=proxy.port)
                    jetway = [args.jetway, "-q", f"-url={url}", f"-locations=filesystem:{sql}"]
                    measure("migrate", jetway + ["migrate"])
                    measure("noop", jetway + ["migrate"])
                    url, client = db.fresh(via_port=proxy.port)
                    measure("batch", [args.jetway, "-q", f"-url={url}", f"-locations=filesystem:{sql}", "-batch=true",
                                      "migrate"])
                    url, client = db.fresh(via_port=proxy.port)
                    measure("raw_pertx", client, stdin=os.path.join(gen_dir, "all_pertx.sql"))
                    url, client = db.fresh(via_port=proxy.port)
                    measure("raw_all", client, stdin=os.path.join(gen_dir, "all.sql"))
                baseline = median(times["raw_pertx"])
                for key, label in cases:
                    seconds = median(times[key])
                    row = {"case": label, "database": kind, "rtt_ms": rtt, "median_s": seconds, "raw_client_s": baseline,
                           "ratio": seconds / baseline, "runs_s": times[key]}
                    row.update(counts[key])  # of the last run: round_trips, connections, tls_connections, client_chunks
                    results.append(row)
    finally:
        for proxy in proxies.values():
            proxy.close()
        stop_servers(state, started)
        shutil.rmtree(work, ignore_errors=True)

    print(f"latency: {n} migrations of {args.stmts} statements through a proxy adding RTT/2 each way; "
          f"medians of {args.runs} run(s); ratio to the raw client with a transaction per migration")
    for rtt, measured in calibration.items():
        print(f"RTT {rtt:g} ms: a round trip through the proxy takes {measured:.2f} ms here (echo, median of 50)")
    print(f"{'RTT':>8} {'database':11} {'tool':42} {'seconds':>10} {'ratio':>6} {'round trips (approx)':>21} "
          f"{'connections':>12}")
    for r in results:
        conns, tls = r["connections"], r["tls_connections"]
        conns = f"{conns}" if not tls else f"{conns} TLS" if tls == conns else f"{conns} ({tls} TLS)"
        print(f"{r['rtt_ms']:>5g} ms {r['database']:11} {r['case']:42} {r['median_s']:>8.3f} s {r['ratio']:>6.2f} "
              f"{r['round_trips']:>21,} {conns:>12}")
    with open(args.json, "w") as out:
        json.dump({"count": n, "stmts": args.stmts, "runs": args.runs, "rtt_ms": rtts,
                   "effective_rtt_ms": {f"{k:g}": v for k, v in calibration.items()}, "results": results},
                  out, indent=2, default=str)
    print(f"bench: {len(results)} latency figures, written to {args.json}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--databases", default=None,
                        help="comma-separated: sqlite, postgresql, mysql (default: sqlite; postgresql,mysql with --rtt-ms)")
    parser.add_argument("--count", type=int, default=None, help="migrations (default: 1000; 200 with --rtt-ms)")
    parser.add_argument("--stmts", type=int, default=5)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jetway", default=os.path.join(ROOT, "build", "bin", "jetway"))
    parser.add_argument("--gen", default=os.path.join(ROOT, "tests", "bench", "gen_migrations.py"))
    parser.add_argument("--json", default="bench-results.json")
    parser.add_argument("--big-rows", type=int, default=0, help="rows of the big migration (default: --count x 10,000)")
    parser.add_argument("--rtt-ms", type=rtt_list, default=None, metavar="R[,R...]",
                        help="run only the latency case, through a proxy adding these round-trip times (ms)")
    args = parser.parse_args()
    if args.databases is None:
        args.databases = "postgresql,mysql" if args.rtt_ms else "sqlite"
    if args.count is None:
        args.count = 200 if args.rtt_ms else 1000
    if args.rtt_ms:
        return latency_main(args)

    work = tempfile.mkdtemp(prefix="jetway-bench-")
    state = os.path.join(work, "servers")
    os.makedirs(state)
    databases = [d for d in args.databases.split(",") if d]
    started = []
    results = []

    def record(case, database, seconds, baseline=None, extra=None):
        row = {"case": case, "database": database, "median_s": seconds}
        if baseline:
            row["raw_client_s"] = baseline
            row["ratio"] = seconds / baseline
        if extra:
            row.update(extra)
        results.append(row)

    try:
        # Start-up: no database involved.
        record("jetway --version", "-", median([run([args.jetway, "--version"]) for _ in range(max(args.runs, 5))]))
        example = [args.jetway, "-q", f"-workingDirectory={os.path.join(ROOT, 'packaging', 'example')}",
                   f"-url=jdbc:sqlite:{os.path.join(work, 'example.db')}"]
        run(example + ["migrate"])
        record("info, bundled example up to date", "sqlite", median([run(example + ["info"]) for _ in range(max(args.runs, 5))]))

        for kind in databases:
            start_server(kind, state, started)
            dialect = {"sqlite": "sqlite", "postgresql": "postgres", "mysql": "mysql"}[kind]
            gen_dir = os.path.join(work, dialect)
            subprocess.run([sys.executable, args.gen, "--count", str(args.count), "--stmts", str(args.stmts), "--dialect",
                            dialect, "--layouts", "flyway,raw", gen_dir], check=True, stdout=subprocess.DEVNULL)
            sql = os.path.join(gen_dir, "flyway", "sql")
            db = Database(kind, state, work)

            raw_pertx, raw_all, default, group, noop, validate, info = [], [], [], [], [], [], []
            batch, group_batch = [], []
            for _ in range(args.runs):
                url, client = db.fresh()
                raw_pertx.append(run(client, stdin=os.path.join(gen_dir, "all_pertx.sql")))
                url, client = db.fresh()
                raw_all.append(run(client, stdin=os.path.join(gen_dir, "all.sql")))
                url, client = db.fresh()
                default.append(run([args.jetway, "-q", f"-url={url}", f"-locations=filesystem:{sql}", "migrate"]))
                noop.append(run([args.jetway, "-q", f"-url={url}", f"-locations=filesystem:{sql}", "migrate"]))
                validate.append(run([args.jetway, "-q", f"-url={url}", f"-locations=filesystem:{sql}", "validate"]))
                info.append(run([args.jetway, "-q", f"-url={url}", f"-locations=filesystem:{sql}", "info"]))
                url, client = db.fresh()
                group.append(run([args.jetway, "-q", f"-url={url}", f"-locations=filesystem:{sql}", "-group=true", "migrate"]))
                url, client = db.fresh()
                batch.append(run([args.jetway, "-q", f"-url={url}", f"-locations=filesystem:{sql}", "-batch=true", "migrate"]))
                url, client = db.fresh()
                group_batch.append(run([args.jetway, "-q", f"-url={url}", f"-locations=filesystem:{sql}", "-group=true",
                                        "-batch=true", "migrate"]))
            n = args.count
            record(f"migrate {n} (one transaction each)", kind, median(default), median(raw_pertx))
            record(f"migrate {n} -group=true", kind, median(group), median(raw_all))
            record(f"migrate {n} -batch=true", kind, median(batch), median(raw_pertx))
            record(f"migrate {n} -group=true -batch=true", kind, median(group_batch), median(raw_all))
            record(f"no-op migrate, {n} applied", kind, median(noop))
            record(f"validate, {n} applied", kind, median(validate))
            record(f"info, {n} applied", kind, median(info))
            url, _ = db.fresh()
            rss = peak_rss_kb([args.jetway, "-q", f"-url={url}", f"-locations=filesystem:{sql}", "migrate"])
            record(f"migrate {n}: peak RSS", kind, float("nan"), extra={"peak_rss_kb": rss})

            # Bookkeeping at scale: 10x the migrations applied, then no-op migrate and validate;
            # info over 100x the history rows (inserted by the raw client, no files behind them).
            many = n * 10
            many_dir = os.path.join(work, dialect + "-many")
            subprocess.run([sys.executable, args.gen, "--count", str(many), "--stmts", "1", "--dialect", dialect,
                            "--layouts", "flyway,raw", many_dir], check=True, stdout=subprocess.DEVNULL)
            many_sql = os.path.join(many_dir, "flyway", "sql")
            _, client = db.fresh()
            raw_many = run(client, stdin=os.path.join(many_dir, "all.sql"))
            url, _ = db.fresh()
            applied = run([args.jetway, "-q", f"-url={url}", f"-locations=filesystem:{many_sql}", "-group=true", "migrate"])
            record(f"migrate {many} -group=true (1 statement each)", kind, applied, raw_many)
            jetway_many = [args.jetway, "-q", f"-url={url}", f"-locations=filesystem:{many_sql}"]
            record(f"no-op migrate, {many} applied", kind, median([run(jetway_many + ["migrate"]) for _ in range(args.runs)]))
            record(f"validate, {many} applied", kind, median([run(jetway_many + ["validate"]) for _ in range(args.runs)]))

            rows = n * 100
            url, client = db.fresh()
            empty = os.path.join(work, "empty")
            os.makedirs(empty, exist_ok=True)
            run([args.jetway, "-q", f"-url={url}", f"-locations=filesystem:{empty}", "baseline"])
            bulk = os.path.join(work, f"bulk-{kind}.sql")
            with open(bulk, "w") as out:
                out.write(bulk_history_sql(kind, rows))
            run(client, stdin=bulk)
            info_rows = [args.jetway, "-q", f"-url={url}", f"-locations=filesystem:{empty}", "info"]
            record(f"info, {rows} history rows", kind, median([run(info_rows) for _ in range(args.runs)]))

            # One big migration: --count x 10,000 rows of about 100 bytes (1 GB by default). Once
            # each, Jetway and the raw client: wall time and peak memory.
            big_dir = os.path.join(work, dialect + "-big")
            subprocess.run([sys.executable, args.gen, "--big-rows", str(args.big_rows or n * 10000), "--dialect", dialect,
                            "--layouts", "flyway,raw", big_dir], check=True, stdout=subprocess.DEVNULL)
            size_mb = os.path.getsize(os.path.join(big_dir, "all.sql")) / 2**20
            url, client = db.fresh()
            raw_s, raw_kb = timed_rss(client, stdin=os.path.join(big_dir, "all.sql"))
            big_sql = os.path.join(big_dir, "flyway", "sql")
            url, _ = db.fresh()
            jw_s, jw_kb = timed_rss([args.jetway, "-q", f"-url={url}", f"-locations=filesystem:{big_sql}", "migrate"])
            url, _ = db.fresh()
            batch_s, batch_kb = timed_rss([args.jetway, "-q", f"-url={url}", f"-locations=filesystem:{big_sql}",
                                           "-batch=true", "migrate"])
            shutil.rmtree(big_dir)
            record(f"one {size_mb:.0f} MB migration", kind, jw_s, raw_s)
            record(f"one {size_mb:.0f} MB migration: peak RSS", kind, float("nan"),
                   extra={"peak_rss_kb": jw_kb, "raw_peak_rss_kb": raw_kb})
            record(f"one {size_mb:.0f} MB migration -batch=true", kind, batch_s, raw_s,
                   extra={"peak_rss_kb_batch": batch_kb})
    finally:
        stop_servers(state, started)

    print(f"{'case':45} {'database':11} {'jetway':>10} {'raw client':>11} {'ratio':>7}")
    for r in results:
        seconds = "" if r["median_s"] != r["median_s"] else f"{r['median_s']:.3f} s"
        raw = f"{r['raw_client_s']:.3f} s" if "raw_client_s" in r else ""
        if "peak_rss_kb" in r:
            seconds = f"{r['peak_rss_kb'] / 1024:.1f} MB"
        if "raw_peak_rss_kb" in r:
            raw = f"{r['raw_peak_rss_kb'] / 1024:.1f} MB"
        ratio = f"{r['ratio']:.2f}" if "ratio" in r else ""
        print(f"{r['case']:45} {r['database']:11} {seconds:>10} {raw:>11} {ratio:>7}")
    with open(args.json, "w") as out:
        json.dump({"count": args.count, "stmts": args.stmts, "runs": args.runs, "results": results}, out, indent=2, default=str)
    print(f"bench: {len(results)} figures, written to {args.json}")


if __name__ == "__main__":
    main()
