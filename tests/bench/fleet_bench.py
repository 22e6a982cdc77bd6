#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""A fleet in one run against a shell loop of single runs (issue 21, point 6).

    python3 tests/bench/fleet_bench.py                                 # every case, full size
    python3 tests/bench/fleet_bench.py --loop-sample 100               # the loop on 100 targets, extrapolated
    python3 tests/bench/fleet_bench.py --cases sqlite-files --targets 20 --json /tmp/fleet.json   # smoke run
    python3 tests/bench/fleet_bench.py --cases pg-schemas --parallel 8 --fleet-sources file,pattern

The cases, and how many targets each has unless --targets N says otherwise:

    pg-schemas       1,000 schemas tenant_0001 .. of one PostgreSQL database
    pg-databases       200 PostgreSQL databases fleetdb_0001 ..
    mysql-databases    200 MariaDB databases fleetdb_0001 ..
    sqlite-files     1,000 SQLite files t0001.db ..

Every target takes the same --migrations (20) small migrations, written once by
gen_migrations.py (a CREATE TABLE, a CREATE INDEX, an ALTER TABLE and UPDATE, an UPDATE, a
trigger, in a cycle, each followed by --stmts - 1 multi-row INSERTs). Each case measures, from an
empty state each time (the schemas, databases or files dropped and made again in between, then a
CHECKPOINT or FLUSH TABLES, a sync and --settle seconds for the servers' background work):

    fleet migrate    one `jetway migrate -targets=FILE` over every target
    fleet no-op      the same command again, everything applied
    loop migrate     one `bash -c 'for t in ...; do jetway migrate -url=... ; done'`, as a user writes it
    loop no-op       the same loop again

With --fleet-sources file,pattern the fleet also runs with the targets listed from the catalog:
-targetSchemas=tenant_% (pg-schemas, the schemas made beforehand) and -targetDatabases=fleetdb_%.
With --loop-sample K the loop runs on the first K targets only and its times are multiplied by
N/K; those rows say "extrapolated". Its peak memory is not extrapolated: one run at a time.

For each run: wall seconds, milliseconds per target, peak memory (the largest maximum resident set
size of the process and of everything it waited for, as GNU time reports it: for the fleet the one
process, for the loop the largest single jetway run), CPU seconds of the client processes (user + system; the
servers' CPU is not counted), and with PostgreSQL and MariaDB the most client connections the
server had open at once (sampled every --watch-interval seconds; 0 turns sampling off). After each
migrate the history of a sample of targets is counted (successful versioned rows, expected
--migrations) and every target is checked as cheaply as the kind allows; both are printed, so a
broken run shows. Servers are started on loopback with the test suite's scripts, as bench.py does.
Jetway runs from a copy of --jetway and its ../jars (--no-copy: in place), so a rebuild during a
long run cannot swap it. Every run's output is in the work directory's logs/ (--keep keeps it).
Prints a table and writes it as JSON (--json, default fleet-bench-results.json), with the load
average before and after: other work on the machine moves every figure. It prints figures; it
asserts nothing.
"""
import argparse
import glob
import json
import os
import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ left in the source tree
import bench  # noqa: E402  start_server / stop_servers: the test suite's server scripts

CASES = {  # name: (server kind for bench.start_server, gen_migrations dialect, default number of targets)
    "pg-schemas": ("postgresql", "postgres", 1000),
    "pg-databases": ("postgresql", "postgres", 200),
    "mysql-databases": ("mysql", "mysql", 200),
    "sqlite-files": ("sqlite", "sqlite", 1000),
}
SCHEMA_DB = "fleet_schemas"  # the PostgreSQL database that holds the pg-schemas targets
PG_ENV = dict(os.environ, PGOPTIONS="-c client_min_messages=warning")


def find_psql():
    """The server's own psql: Debian's /usr/bin/psql is a Perl wrapper that costs a Perl start-up per
    call, which the connection sampling would add to a busy machine."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"), key=lambda p: int(p.split("/")[4]))
    return found[-1] if found else "psql"


def default_jetway():
    for build in ("build-dev", "build"):
        path = os.path.join(ROOT, build, "bin", "jetway")
        if os.path.exists(path):
            return path
    return os.path.join(ROOT, "build", "bin", "jetway")


PSQL = find_psql()


class Servers:
    """Where the loopback servers listen, and their clients for set-up and checks."""

    def __init__(self, state):
        self.state = state
        self.pg_proxy = None

    def pg(self):
        base = open(os.path.join(self.state, "postgresql.url")).read().strip()
        return re.match(r"jdbc:postgresql://([^:/]+):(\d+)/", base).groups()

    def psql(self, db, sql, capture=False):
        host, port = self.pg()
        done = subprocess.run([PSQL, "-q", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", port,
                               "-U", "postgres", "-d", db, "-f", "-"],
                              input=sql.encode(), env=PG_ENV, capture_output=True)
        if done.returncode != 0:
            raise RuntimeError(f"psql on {db} failed: {done.stderr.decode(errors='replace')[-2000:]}")
        return done.stdout.decode() if capture else None

    def pg_url(self, db):
        host, port = self.pg()
        if self.pg_proxy is not None:  # --rtt-ms: Jetway reaches the server through the delay
            host, port = "127.0.0.1", self.pg_proxy.port
        return f"jdbc:postgresql://{host}:{port}/{db}?user=postgres"

    def maria_base(self):
        return open(os.path.join(self.state, "mariadb.url")).read().strip()

    def maria_credentials(self):
        base = self.maria_base()
        return (re.search(r"[?&]user=([^&]*)", base).group(1), re.search(r"[?&]password=([^&]*)", base).group(1))

    def maria_url(self, db):
        return self.maria_base().replace("/?", f"/{db}?")

    def mariadb(self, sql, capture=False):
        sock = open(os.path.join(self.state, "mariadb.socket")).read().strip()
        done = subprocess.run(["mariadb", "--no-defaults", f"--socket={sock}", "-uroot", "-N", "-B"],
                              input=sql.encode(), capture_output=True)
        if done.returncode != 0:
            raise RuntimeError(f"mariadb failed: {done.stderr.decode(errors='replace')[-2000:]}")
        return done.stdout.decode() if capture else None


class Case:
    """One kind of fleet: its targets, how to empty them, the loop a user writes, and the checks."""

    def __init__(self, name, count, servers, work, sql_dir):
        self.name, self.count, self.servers, self.work, self.sql_dir = name, count, servers, work, sql_dir
        self.kind = CASES[name][0]
        width = max(4, len(str(count)))
        if name == "pg-schemas":
            self.names = [f"tenant_{i:0{width}d}" for i in range(1, count + 1)]
        elif name == "sqlite-files":
            self.names = [f"t{i:0{width}d}" for i in range(1, count + 1)]
            self.dir = os.path.join(work, "sqlite-targets")
        else:
            self.names = [f"fleetdb_{i:0{width}d}" for i in range(1, count + 1)]

    # -- targets -------------------------------------------------------------------------------
    def target_line(self, name):
        """A line of the -targets file: URL [schemas=...]."""
        if self.name == "pg-schemas":
            return f"{self.servers.pg_url(SCHEMA_DB)} schemas={name}"
        if self.name == "pg-databases":
            return self.servers.pg_url(name)
        if self.name == "mysql-databases":
            return self.servers.maria_url(name)
        return f"jdbc:sqlite:{os.path.join(self.dir, name + '.db')}"

    def write_targets_file(self):
        path = os.path.join(self.work, f"targets-{self.name}.txt")
        with open(path, "w") as out:
            out.write(f"# {self.name}: {self.count} targets, written by fleet_bench.py\n")
            for name in self.names:
                out.write(self.target_line(name) + "\n")
        return path

    def connection_settings(self):
        """The catalog URL and credentials the fleet gets besides the targets file (SQLite: none)."""
        if self.kind == "postgresql":
            db = SCHEMA_DB if self.name == "pg-schemas" else "postgres"
            return [f"-url={self.servers.pg_url(db)}", "-user=postgres"]
        if self.kind == "mysql":
            user, password = self.servers.maria_credentials()
            return [f"-url={self.servers.maria_base()}", f"-user={user}", f"-password={password}"]
        return []

    def pattern_source(self):
        """The fleet's flags listing the targets from the catalog, or None where there is none."""
        if self.name == "pg-schemas":
            return ["-targetSchemas=tenant_%"]
        if self.name in ("pg-databases", "mysql-databases"):
            return ["-targetDatabases=fleetdb_%"]
        return None

    def pattern_catalog(self):
        """The -url the catalog sources list from. MariaDB's must name a database: with none the
        fleet stops with "Unable to determine schema for the schema history table"."""
        if self.name == "mysql-databases":
            return [f"-url={self.servers.maria_url('mysql')}"]
        return []

    # -- state -------------------------------------------------------------------------------
    def reset(self, names, precreate_schemas=False):
        """Drops every target of this case and makes `names` again, empty: databases exist (Jetway
        does not create databases), schemas only with precreate_schemas, SQLite files not at all."""
        if self.name == "pg-schemas":
            self.servers.psql("postgres", f"DROP DATABASE IF EXISTS {SCHEMA_DB} WITH (FORCE);\n"
                                          f"CREATE DATABASE {SCHEMA_DB};\n")
            if precreate_schemas:
                self.servers.psql(SCHEMA_DB, "".join(f"CREATE SCHEMA {n};\n" for n in names))
        elif self.name == "pg-databases":
            self.servers.psql("postgres", "".join(f"DROP DATABASE IF EXISTS {n} WITH (FORCE);\n" for n in self.names)
                              + "".join(f"CREATE DATABASE {n};\n" for n in names))
        elif self.name == "mysql-databases":
            self.servers.mariadb("".join(f"DROP DATABASE IF EXISTS {n};\n" for n in self.names)
                                 + "".join(f"CREATE DATABASE {n};\n" for n in names))
        else:
            shutil.rmtree(self.dir, ignore_errors=True)
            os.makedirs(self.dir)
        # What the drops left to write goes to disk now, not during the next measurement.
        if self.kind == "postgresql":
            self.servers.psql("postgres", "CHECKPOINT;\n")
        elif self.kind == "mysql":
            self.servers.mariadb("FLUSH TABLES;\n")
        os.sync()

    def drop_all(self):
        if self.name == "pg-schemas":
            self.servers.psql("postgres", f"DROP DATABASE IF EXISTS {SCHEMA_DB} WITH (FORCE);\n")
        elif self.name == "pg-databases":
            self.servers.psql("postgres", "".join(f"DROP DATABASE IF EXISTS {n} WITH (FORCE);\n" for n in self.names))
        elif self.name == "mysql-databases":
            self.servers.mariadb("".join(f"DROP DATABASE IF EXISTS {n};\n" for n in self.names))
        else:
            shutil.rmtree(self.dir, ignore_errors=True)

    # -- the loop ----------------------------------------------------------------------------
    def loop_script(self, jetway, names_file):
        """The sequential loop, as one bash script: a jetway run per target."""
        q = shlex.quote
        if self.name == "pg-schemas":
            target = f"-url={q(self.servers.pg_url(SCHEMA_DB))} -schemas=\"$t\""
        elif self.name == "pg-databases":
            prefix, suffix = self.servers.pg_url("@@").split("@@")
            target = f"-url={q(prefix)}\"$t\"{q(suffix)}"
        elif self.name == "mysql-databases":
            prefix, suffix = self.servers.maria_url("@@").split("@@")
            target = f"-url={q(prefix)}\"$t\"{q(suffix)}"
        else:
            target = f"-url=jdbc:sqlite:{q(self.dir)}/\"$t\".db"
        return (f"for t in $(cat {q(names_file)}); do\n"
                f"  {q(jetway)} migrate {target} -locations=filesystem:{q(self.sql_dir)} ||"
                f" {{ echo \"jetway failed on $t\" >&2; exit 1; }}\n"
                f"done\n")

    # -- checks ------------------------------------------------------------------------------
    def history_counts(self, names):
        """{target: successful versioned rows in its flyway_schema_history, None when it has none}."""
        ok = "success AND version IS NOT NULL"
        counts = {}
        # PostgreSQL: a count per schema in one query, query_to_xml running the count in each;
        # -1 where there is no history table.
        if self.name == "pg-schemas":
            out = self.servers.psql(SCHEMA_DB, (
                "SELECT nspname,\n"
                "  CASE WHEN to_regclass(format('%I.flyway_schema_history', nspname)) IS NULL THEN -1 ELSE\n"
                "  (xpath('/row/c/text()', query_to_xml(format("
                f"'SELECT count(*) AS c FROM %I.flyway_schema_history WHERE {ok}', nspname),"
                " false, true, '')))[1]::text::int END\n"
                "FROM pg_namespace WHERE nspname LIKE 'tenant\\_%';\n"), capture=True)
            found = dict(line.split("|") for line in out.split())
            for n in names:
                c = int(found.get(n, -1))
                counts[n] = None if c < 0 else c
        elif self.name == "pg-databases":
            existing = set(self.servers.psql("postgres", "SELECT datname FROM pg_database;\n", capture=True).split())
            for n in names:
                if n not in existing:
                    counts[n] = None
                    continue
                out = self.servers.psql(n, "SELECT CASE WHEN to_regclass('public.flyway_schema_history') IS NULL\n"
                                           "  THEN -1 ELSE (xpath('/row/c/text()', query_to_xml("
                                           f"'SELECT count(*) AS c FROM public.flyway_schema_history WHERE {ok}',"
                                           " false, true, '')))[1]::text::int END;\n", capture=True)
                c = int(out.strip())
                counts[n] = None if c < 0 else c
        elif self.name == "mysql-databases":
            have = set(self.servers.mariadb(
                "SELECT table_schema FROM information_schema.TABLES WHERE table_name = 'flyway_schema_history'"
                " AND table_schema LIKE 'fleetdb\\_%';\n", capture=True).split())
            present = [n for n in names if n in have]
            counts = {n: None for n in names}
            for i in range(0, len(present), 100):
                chunk = present[i:i + 100]
                sql = "\nUNION ALL ".join(f"SELECT '{n}', COUNT(*) FROM {n}.flyway_schema_history WHERE {ok}"
                                          for n in chunk)
                for line in self.servers.mariadb(sql + ";\n", capture=True).splitlines():
                    n, c = line.split("\t")
                    counts[n] = int(c)
        else:
            for n in names:
                path = os.path.join(self.dir, n + ".db")
                if not os.path.exists(path):
                    counts[n] = None
                    continue
                with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
                    try:
                        counts[n] = db.execute(f"SELECT COUNT(*) FROM flyway_schema_history WHERE {ok}").fetchone()[0]
                    except sqlite3.OperationalError:
                        counts[n] = None
                db.close()
        return counts

    def connections_query(self):
        """A query for the server's open client connections of Jetway's user (not counting itself)."""
        if self.kind == "postgresql":
            return ("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                    " AND pid <> pg_backend_pid() AND usename = 'postgres';\n")
        if self.kind == "mysql":
            user, _ = self.servers.maria_credentials()
            return f"SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = '{user}';\n"
        return None

    def connections_now(self):
        sql = self.connections_query()
        if self.kind == "postgresql":
            return int(self.servers.psql("postgres", sql, capture=True).strip())
        return int(self.servers.mariadb(sql, capture=True).strip())


class Watcher:
    """Samples the server's client connections while a run goes on; keeps the most seen."""

    def __init__(self, case, interval):
        self.case, self.interval, self.peak, self.samples = case, interval, None, 0
        self.stop = threading.Event()
        self.thread = None
        if interval > 0 and case.connections_query():
            self.thread = threading.Thread(target=self._run, daemon=True)
            self.thread.start()

    def _run(self):
        while not self.stop.wait(self.interval):
            try:
                n = self.case.connections_now()
            except (RuntimeError, ValueError):
                continue
            self.samples += 1
            self.peak = n if self.peak is None else max(self.peak, n)

    def finish(self):
        self.stop.set()
        if self.thread:
            self.thread.join()
        return self.peak


def measure(cmd, log_prefix, timeout, cwd):
    """Runs cmd under GNU time (in its own process group), stdout and stderr to log files. Returns
    wall seconds, the exit code, peak RSS in KB (the largest of the process and every descendant it
    waited for), CPU seconds (user + system of the same processes), and the tail of stderr.

    GNU time forks the command from a small process. Started straight from Python, the child would
    carry Python's own peak RSS across exec (Linux keeps the larger of the two), and wait4 would
    report that instead of the command's."""
    out_path, err_path, usage_path = log_prefix + ".out", log_prefix + ".err", log_prefix + ".usage"
    with open(out_path, "wb") as out, open(err_path, "wb") as err, open(os.devnull, "rb") as null:
        start = time.perf_counter()
        proc = subprocess.Popen(["/usr/bin/time", "-o", usage_path, "-f", "%M %U %S"] + cmd, stdin=null, stdout=out,
                                stderr=err, cwd=cwd, start_new_session=True)

        def kill():
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        proc.wait()
        elapsed = time.perf_counter() - start
        timer.cancel()
    with open(err_path, "rb") as err:
        tail = err.read()[-1500:].decode(errors="replace")
    try:
        # The last line: GNU time writes "Command exited with non-zero status N" before it.
        kb, user, system = open(usage_path).read().split("\n")[-2].split()
        peak, cpu = int(kb), float(user) + float(system)
    except (OSError, ValueError, IndexError):
        peak, cpu = 0, float("nan")
    return {"wall_s": elapsed, "exit_code": proc.returncode, "peak_rss_kb": peak, "cpu_s": cpu,
            "stderr_tail": tail.strip(), "stdout_log": out_path}


def fleet_summary(path, output_type):
    """What the fleet said about its targets: {targets, succeeded, failed, not_run, reported_s}, read
    from the JSON document (-outputType=json) or from the text's last line "N targets: S succeeded,
    F failed, R not run, in T s". {} when it said nothing readable."""
    try:
        text = open(path, errors="replace").read()
    except OSError:
        return {}
    if output_type == "json":
        try:
            doc = json.loads(text)
        except ValueError:
            return {}
        if not isinstance(doc, dict) or "targetCount" not in doc:
            return {"error": json.dumps(doc.get("error") if isinstance(doc, dict) else doc)[:300]}
        found = {"targets": doc.get("targetCount"), "succeeded": doc.get("succeeded"), "failed": doc.get("failed"),
                 "not_run": doc.get("notRun"), "reported_s": (doc.get("executionTime") or 0) / 1000}
        errors = [t for t in doc.get("targets", []) if t.get("status") != "succeeded"]
        if errors:
            found["first_failure"] = json.dumps(errors[0])[:500]
        return found
    last = None
    summary = re.compile(r"^(\d+) targets?: (\d+) succeeded, (\d+) failed, (\d+) not run, in ([\d.]+) s", re.M)
    for last in summary.finditer(text):
        pass
    if not last:
        return {}
    n, ok, failed, not_run, secs = last.groups()
    return {"targets": int(n), "succeeded": int(ok), "failed": int(failed), "not_run": int(not_run),
            "reported_s": float(secs)}


def fmt_mb(kb):
    return f"{kb / 1024:.1f}" if kb else "-"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", default=",".join(CASES), metavar="CASES",
                        help="comma-separated, of: " + ", ".join(CASES))
    parser.add_argument("--targets", type=int, metavar="N", default=None,
                        help="targets per case (default: 1,000 schemas or files, 200 databases)")
    parser.add_argument("--migrations", type=int, metavar="N", default=20, help="migrations per target (default 20)")
    parser.add_argument("--stmts", type=int, metavar="N", default=2, help="statements per migration (default 2)")
    parser.add_argument("--parallel", type=int, metavar="N", default=None, help="passed to the fleet as -parallel=N")
    parser.add_argument("--max-connections-per-server", type=int, metavar="N", default=None,
                        help="passed to the fleet as -maxConnectionsPerServer=N")
    parser.add_argument("--fleet-sources", default="file", metavar="SOURCES",
                        help="file (-targets=FILE), pattern (-targetSchemas / -targetDatabases), or file,pattern")
    parser.add_argument("--fleet-output", choices=("text", "json"), default="text",
                        help="the fleet's output: text (default, a line per target and a table) or json"
                             " (-outputType=json, one document with every target's migrations)")
    parser.add_argument("--skip-fleet", action="store_true", help="measure only the loop")
    parser.add_argument("--skip-loop", action="store_true", help="measure only the fleet")
    parser.add_argument("--loop-first", action="store_true",
                        help="measure the loop before the fleet (default: after), to see whether the order moves a figure")
    parser.add_argument("--loop-sample", type=int, default=None, metavar="K",
                        help="run the loop on K targets only and extrapolate its times to all of them")
    parser.add_argument("--verify-sample", type=int, metavar="N", default=3,
                        help="targets whose history is printed (default 3)")
    parser.add_argument("--rtt-ms", type=float, default=0, metavar="MS",
                        help="PostgreSQL cases: Jetway connects through bench.py's DelayProxy, which adds this "
                             "round-trip time (set-up and checks go direct)")
    parser.add_argument("--watch-interval", type=float, metavar="S", default=0.5,
                        help="seconds between samples of the server's connections (0: off)")
    parser.add_argument("--settle", type=float, default=5, metavar="S",
                        help="seconds to wait after emptying the targets, for the servers' background work (default 5)")
    parser.add_argument("--timeout", type=float, metavar="S", default=7200,
                        help="seconds before a run is killed (default 7200)")
    parser.add_argument("--jetway", default=default_jetway())
    parser.add_argument("--gen", default=os.path.join(HERE, "gen_migrations.py"))
    parser.add_argument("--json", default="fleet-bench-results.json")
    parser.add_argument("--no-copy", action="store_true",
                        help="run --jetway where it is (default: a copy of it and its ../jars, safe from rebuilds)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs, targets files)")
    args = parser.parse_args()

    cases = [c for c in args.cases.split(",") if c]
    unknown = [c for c in cases if c not in CASES]
    if unknown or not cases:
        parser.error(f"--cases takes some of {', '.join(CASES)}; not {', '.join(unknown) or 'nothing'}")
    sources = [s for s in args.fleet_sources.split(",") if s]
    if not sources or set(sources) - {"file", "pattern"}:
        parser.error("--fleet-sources takes file, pattern or file,pattern")
    for flag, value in (("--targets", args.targets), ("--migrations", args.migrations), ("--stmts", args.stmts),
                        ("--parallel", args.parallel), ("--loop-sample", args.loop_sample),
                        ("--max-connections-per-server", args.max_connections_per_server)):
        if value is not None and value < 1:
            parser.error(f"{flag} must be at least 1")
    jetway = os.path.abspath(args.jetway)
    if not os.access(jetway, os.X_OK):
        sys.exit(f"fleet_bench: no jetway at {jetway} (--jetway)")

    work = tempfile.mkdtemp(prefix="jetway-fleet-bench-")
    state = os.path.join(work, "servers")
    runs_dir = os.path.join(work, "cwd")  # an empty working directory: no conf file is picked up
    logs = os.path.join(work, "logs")
    for d in (state, runs_dir, logs):
        os.makedirs(d)
    if not args.no_copy:
        # A copy of the binary and its plugins: a rebuild during a long run would otherwise swap
        # them under it (the binary being linked fails to start, or meets plugins of another API).
        copy = os.path.join(work, "jetway")
        os.makedirs(os.path.join(copy, "bin"))
        shutil.copy2(jetway, os.path.join(copy, "bin", "jetway"))
        jars = os.path.join(os.path.dirname(os.path.dirname(jetway)), "jars")
        if os.path.isdir(jars):
            shutil.copytree(jars, os.path.join(copy, "jars"))
        jetway = os.path.join(copy, "bin", "jetway")
    servers = Servers(state)
    started, results, checks, limits = [], [], [], {}
    kinds_needed = {CASES[c][0] for c in cases}
    load_before = os.getloadavg()  # a busy machine (a build) slows every figure

    def note(text):
        print(f"fleet_bench: {text}", flush=True)

    try:
        for kind in ("postgresql", "mysql"):
            if kind in kinds_needed:
                note(f"starting {kind} on loopback")
                bench.start_server(kind, state, started)
        if "postgresql" in kinds_needed and args.rtt_ms > 0:
            host, port = servers.pg()
            servers.pg_proxy = bench.DelayProxy(host, port)
            servers.pg_proxy.delay = args.rtt_ms / 2000
            note(f"PostgreSQL through a proxy adding {args.rtt_ms:g} ms per round trip")
        if "postgresql" in kinds_needed:
            # tests/support/postgresql_server.sh starts it with -c max_connections=200.
            got = servers.psql("postgres", "SHOW max_connections;\nSHOW superuser_reserved_connections;\n",
                               capture=True).split()
            limits["postgresql"] = {"max_connections": int(got[0]), "superuser_reserved_connections": int(got[1])}
        if "mysql" in kinds_needed:
            got = servers.mariadb("SELECT @@max_connections;\n", capture=True)
            limits["mariadb"] = {"max_connections": int(got.strip())}
        for server, lim in limits.items():
            usable = lim["max_connections"] - lim.get("superuser_reserved_connections", 0)
            text = f"{server} max_connections={lim['max_connections']}"
            if "superuser_reserved_connections" in lim:
                text += (f" ({lim['superuser_reserved_connections']} reserved for superusers; Jetway connects as"
                         f" postgres, a superuser, which may use them)")
            text += (": the fleet's connections to it (at most -maxConnectionsPerServer, default 8, and -parallel)"
                     " must stay below that, with room for the checks and the connection sampling")
            note(text)
            per_server = min(v for v in (args.parallel, args.max_connections_per_server or 8) if v)
            if per_server + 5 >= usable:
                note(f"WARNING: up to {per_server} fleet connections to {server}, which takes {usable}")

        gen_dirs = {}
        for case_name in cases:
            dialect = CASES[case_name][1]
            if dialect not in gen_dirs:
                out = os.path.join(work, "migrations-" + dialect)
                subprocess.run([sys.executable, args.gen, "--count", str(args.migrations), "--stmts", str(args.stmts),
                                "--dialect", dialect, "--layouts", "flyway", out],
                               check=True, stdout=subprocess.DEVNULL)
                gen_dirs[dialect] = os.path.join(out, "flyway", "sql")

        for case_name in cases:
            count = args.targets or CASES[case_name][2]
            sql_dir = gen_dirs[CASES[case_name][1]]
            case = Case(case_name, count, servers, work, sql_dir)
            locations = f"-locations=filesystem:{sql_dir}"

            def record(runner, step, m, targets, extra=None, scale=1.0):
                row = {"case": case_name, "targets": count, "runner": runner, "step": step,
                       "measured_targets": targets, "extrapolated": scale != 1.0,
                       "wall_s": m["wall_s"] * scale, "measured_wall_s": m["wall_s"],
                       "ms_per_target": m["wall_s"] / targets * 1000, "peak_rss_kb": m["peak_rss_kb"],
                       "cpu_s": m["cpu_s"] * scale, "exit_code": m["exit_code"]}
                if extra:
                    row.update(extra)
                if m["exit_code"] != 0:
                    row["stderr_tail"] = m["stderr_tail"]
                    note(f"{case_name} {runner} {step}: exit code {m['exit_code']}: {m['stderr_tail'][-600:]}")
                results.append(row)
                label = f" (extrapolated x{scale:.1f})" if scale != 1.0 else ""
                note(f"{case_name} {runner} {step}: {m['wall_s']:.2f} s for {targets} targets{label},"
                     f" peak RSS {fmt_mb(m['peak_rss_kb'])} MB, exit {m['exit_code']}")
                return row

            def check(runner, names):
                counts = case.history_counts(names)
                want = args.migrations
                complete = sum(1 for c in counts.values() if c == want)
                k = max(1, min(args.verify_sample, len(names)))
                picks = [names[i] for i in sorted({0, len(names) // 2, len(names) - 1})] if k >= 3 else []
                picks = (picks + [n for n in names if n not in picks])[:k]
                sample = {n: counts[n] for n in picks}
                entry = {"case": case_name, "runner": runner, "checked_targets": len(names),
                         "complete_targets": complete, "expected_rows": want, "sample": sample}
                checks.append(entry)
                shown = ", ".join(f"{n}={'none' if c is None else c}" for n, c in sample.items())
                flag = "" if complete == len(names) else "  <-- INCOMPLETE"
                note(f"{case_name} {runner}: history rows (successful, versioned) in sample: {shown};"
                     f" {complete}/{len(names)} targets have {want}{flag}")

            note(f"{case_name}: {count} targets, {args.migrations} migrations each")

            def run_fleet():
                targets_file = case.write_targets_file()
                base = [jetway, "migrate"] + case.connection_settings() + [locations]
                if args.parallel:
                    base.append(f"-parallel={args.parallel}")
                if args.max_connections_per_server:
                    base.append(f"-maxConnectionsPerServer={args.max_connections_per_server}")
                if args.fleet_output == "json":
                    base.append("-outputType=json")
                for source in sources:
                    if source == "file":
                        cmd, runner, precreate = base + [f"-targets={targets_file}"], "fleet", False
                    else:
                        flags = case.pattern_source()
                        if not flags:
                            continue
                        catalog = case.pattern_catalog()
                        cmd = [c for c in base if not (catalog and c.startswith("-url="))] + catalog + flags
                        runner, precreate = "fleet " + flags[0].split("=")[0].lstrip("-"), True
                    case.reset(case.names, precreate_schemas=precreate)
                    time.sleep(args.settle)
                    for step in ("migrate", "no-op"):
                        watcher = Watcher(case, args.watch_interval)
                        m = measure(cmd, os.path.join(logs, f"{case_name}-{runner.replace(' ', '-')}-{step}"),
                                    args.timeout, runs_dir)
                        extra = {"command": " ".join(shlex.quote(c) for c in cmd),
                                 "peak_server_connections": watcher.finish()}
                        extra["fleet_summary"] = fleet_summary(m["stdout_log"], args.fleet_output)
                        record(runner, step, m, count, extra)
                        if step == "migrate":
                            check(runner, case.names)

            def run_loop():
                k = min(args.loop_sample or count, count)
                names = case.names[:k]
                names_file = os.path.join(work, f"loop-{case_name}.txt")
                with open(names_file, "w") as out:
                    out.write("\n".join(names) + "\n")
                script = case.loop_script(jetway, names_file)
                case.reset(names)
                time.sleep(args.settle)
                for step in ("migrate", "no-op"):
                    watcher = Watcher(case, args.watch_interval)
                    m = measure(["bash", "-c", script], os.path.join(logs, f"{case_name}-loop-{step}"), args.timeout,
                                runs_dir)
                    record("loop", step, m, k, {"command": script, "peak_server_connections": watcher.finish()},
                           scale=count / k)
                    if step == "migrate":
                        check("loop", names)

            parts = [(run_fleet, args.skip_fleet), (run_loop, args.skip_loop)]
            for run_part, skip in (parts[::-1] if args.loop_first else parts):
                if not skip:
                    run_part()
            case.drop_all()
    finally:
        bench.stop_servers(state, started)
        if args.keep:
            note(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    # The table, then loop / fleet per case and step.
    print()
    print(f"{args.migrations} migrations of {args.stmts} statements per target; jetway {args.jetway};"
          f" {os.cpu_count()} CPUs, load average {load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after")
    print(f"{'case':16} {'targets':>7} {'runner':30} {'step':8} {'wall s':>9} {'ms/target':>10} {'peak RSS MB':>12}"
          f" {'CPU s':>8} {'server conns':>12}  status")
    for r in results:
        runner = r["runner"]
        if r["extrapolated"]:
            runner += f" ({r['measured_targets']} of {r['targets']}, extrapolated)"
        conns = "-" if r.get("peak_server_connections") is None else str(r["peak_server_connections"])
        status = "ok" if r["exit_code"] == 0 else f"FAILED ({r['exit_code']})"
        fs = r.get("fleet_summary")
        if fs and "succeeded" in fs:
            status += f"; fleet says {fs['succeeded']}/{fs['targets']} succeeded"
            if fs["failed"] or fs["not_run"]:
                status += f", {fs['failed']} failed, {fs['not_run']} not run"
        elif fs is not None:
            status += "; no fleet summary found"
        print(f"{r['case']:16} {r['targets']:>7} {runner:30} {r['step']:8} {r['wall_s']:>9.2f}"
              f" {r['ms_per_target']:>10.2f} {fmt_mb(r['peak_rss_kb']):>12} {r['cpu_s']:>8.2f} {conns:>12}  {status}")
    ratios = []
    for case_name in cases:
        for step in ("migrate", "no-op"):
            def row(runner):
                key = (case_name, runner, step)
                return next((r for r in results if (r["case"], r["runner"], r["step"]) == key), None)

            loop, fleet = row("loop"), row("fleet")
            if loop and fleet and fleet["wall_s"] > 0 and loop["exit_code"] == 0 and fleet["exit_code"] == 0:
                ratios.append({"case": case_name, "step": step, "loop_over_fleet": loop["wall_s"] / fleet["wall_s"],
                               "loop_extrapolated": loop["extrapolated"]})
    if ratios:
        print()
        for r in ratios:
            print(f"{r['case']:16} {r['step']:8} the loop takes {r['loop_over_fleet']:.1f}x the fleet's wall time"
                  + (" (loop extrapolated)" if r["loop_extrapolated"] else ""))
    print()
    for c in checks:
        print(f"history check {c['case']:16} {c['runner']:30} {c['complete_targets']}/{c['checked_targets']} targets"
              f" with {c['expected_rows']} rows; sample: " + ", ".join(f"{n}={v}" for n, v in c["sample"].items()))
    with open(args.json, "w") as out:
        json.dump({"migrations": args.migrations, "stmts": args.stmts, "parallel": args.parallel, "rtt_ms": args.rtt_ms,
                   "max_connections_per_server": args.max_connections_per_server, "loop_sample": args.loop_sample,
                   "jetway": os.path.abspath(args.jetway), "cpus": os.cpu_count(),
                   "load_average_before": load_before, "load_average_after": os.getloadavg(),
                   "server_limits": limits, "results": results,
                   "ratios": ratios, "history_checks": checks}, out, indent=2, default=str)
    print(f"fleet_bench: {len(results)} figures, written to {args.json}")


if __name__ == "__main__":
    main()
