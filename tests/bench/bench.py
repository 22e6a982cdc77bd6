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
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
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

    def fresh(self):
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
            return (f"jdbc:postgresql://{host}:{port}/{name}?user=postgres",
                    ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", port, "-U", "postgres", name])
        socket = open(os.path.join(self.state, "mariadb.socket")).read().strip()
        base = open(os.path.join(self.state, "mariadb.url")).read().strip()
        subprocess.run(["mariadb", "--no-defaults", f"--socket={socket}", "-uroot", "-e",
                        f"DROP DATABASE IF EXISTS {name}; CREATE DATABASE {name}"], check=True)
        url = base.replace("/?", f"/{name}?")
        return url, ["mariadb", "--no-defaults", f"--socket={socket}", "-uroot", name]


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


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--databases", default="sqlite")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--stmts", type=int, default=5)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jetway", default=os.path.join(ROOT, "build", "bin", "jetway"))
    parser.add_argument("--gen", default=os.path.join(ROOT, "tests", "bench", "gen_migrations.py"))
    parser.add_argument("--json", default="bench-results.json")
    parser.add_argument("--big-rows", type=int, default=0, help="rows of the big migration (default: --count x 10,000)")
    args = parser.parse_args()

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
            if kind == "postgresql":
                subprocess.run([os.path.join(SUPPORT, "postgresql_server.sh"), "start", state], check=True, stdout=subprocess.DEVNULL)
                started.append("postgresql")
            if kind == "mysql":
                subprocess.run([os.path.join(SUPPORT, "mariadb_server.sh"), "start", state], check=True, stdout=subprocess.DEVNULL)
                started.append("mariadb")
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
        if "postgresql" in started:
            subprocess.run([os.path.join(SUPPORT, "postgresql_server.sh"), "stop", state])
        if "mariadb" in started:
            subprocess.run([os.path.join(SUPPORT, "mariadb_server.sh"), "stop", state])

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
