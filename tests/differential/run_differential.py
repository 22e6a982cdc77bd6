#!/usr/bin/env python3
"""Differential runner: one migration folder through genuine Flyway and through Jetway.

Each tool gets a fresh database of the same kind and the same name on the same server (the
runner drops and creates it before each tool), the same settings and the same optional setup
SQL. Afterwards the runner compares, per command: the outcome (ok / error), the failing
migration, the first line of the error message (paths normalised) and the "Line" of Flyway's
error block; then every column of the schema history table except installed_on and
execution_time; and, unless --no-schema, the schema and a fingerprint of every column of
every other table.

    run_differential.py --database postgresql --folder DIR [--setting key=value ...]
                        [--name N] [--command migrate[,info...]] [--before-sql FILE] [--json]
    run_differential.py --manifest campaign.tsv --corpus-root DIR [--only 3,7] [--markdown F]

Environment:
  FLYWAY_ORACLE  command that runs genuine Flyway; it is called as
                 "$FLYWAY_ORACLE DIALECT FOLDER DBNAME OUT_TSV [harness args]" (the
                 run-flyway script of the Flyway oracle with FLYWAY_JAR set, or a wrapper
                 around it that takes a Flyway version first).
  JETWAY         the jetway binary (default: build/bin/jetway of this checkout).
  PGHOST PGPORT PGUSER PGPASSWORD            PostgreSQL server (default 127.0.0.1:5432 postgres)
  MYSQL_HOST MYSQL_PORT MYSQL_USER MYSQL_PWD MySQL/MariaDB server (default 127.0.0.1:3306 root)

Only the Python 3 standard library and the psql, pg_dump, mysql and mysqldump clients are used.
Exit status: 0 when every comparison is IDENTICAL or BOTH-FAILED-SAME, 1 when any differs,
2 when a run could not be made (usage, setup SQL, a tool that could not start).
"""

import argparse
import difflib
import fnmatch
import hashlib
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

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKOUT = os.path.dirname(os.path.dirname(HERE))
IGNORED_COLUMNS = {"installed_on", "execution_time"}
# Manifest settings that describe the project rather than configure Flyway: the runner passes
# the folder itself as the only location and builds the URL.
NOT_SETTINGS = {"locations", "url", "user", "password", "migrateAtStart", "driver"}
COMMANDS = {"migrate", "info", "validate", "baseline", "repair", "clean", "undo"}


class SetupError(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Settings


def split_settings(text):
    """Splits "a=1;b=2 (a remark; with semicolons)" at the semicolons that start a new key."""
    parts = re.split(r";(?=\s*[A-Za-z][A-Za-z0-9_.\-]*=)", text)
    return [p.strip() for p in parts if p.strip()]


def parse_settings(items):
    """key=value strings -> (ordered list of (key, value), list of ignored notes).

    Accepts Flyway property names with or without the "flyway." prefix. Text in parentheses
    after a value (a remark in a manifest) is dropped; a setting whose value is only a remark,
    and project-level keys (locations, url, ...), are ignored and reported."""
    settings, ignored = [], []
    for item in items:
        if "=" not in item:
            ignored.append(item)
            continue
        key, value = item.split("=", 1)
        key = key.strip()
        if key.startswith("flyway."):
            key = key[len("flyway."):]
        value = re.sub(r"(^|\s+)\(.*\)\s*$", "", value.strip(), flags=re.S)
        if key in NOT_SETTINGS or not re.fullmatch(r"[A-Za-z][A-Za-z0-9_.\-]*", key):
            ignored.append(item)
            continue
        if (value == "" and not key.startswith("placeholders.")) or value.lower() == "see notes":
            ignored.append(item)
            continue
        settings.append((key, value))
    return settings, ignored


def flyway_setting_args(settings):
    args = []
    for key, value in settings:
        if key.startswith("placeholders."):
            args += ["--placeholder", key[len("placeholders."):] + "=" + value]
        else:
            args += ["--conf", "flyway." + key + "=" + value]
    return args


def jetway_setting_args(settings):
    return ["-" + key + "=" + value for key, value in settings]


def setting(settings, key, default=None):
    for k, v in settings:
        if k == key:
            return v
    return default


# ---------------------------------------------------------------------------------------------
# Databases


def run(cmd, env=None, input_text=None, timeout=None, cwd=None):
    """subprocess.run in its own process group, so a timeout ends the JVM a script started too."""
    p = subprocess.Popen(cmd, env=env, cwd=cwd, stdin=subprocess.PIPE if input_text else None,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         errors="replace", start_new_session=True)
    try:
        out, err = p.communicate(input_text, timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        p.communicate()
        raise
    return subprocess.CompletedProcess(cmd, p.returncode, out, err)


class Database:
    """One database kind on one server; knows how to recreate, fill and read a database."""

    def __init__(self, kind, workdir):
        self.kind = kind
        self.workdir = workdir
        if kind == "postgresql":
            self.host = os.environ.get("PGHOST", "127.0.0.1")
            self.port = os.environ.get("PGPORT", "5432")
            self.user = os.environ.get("PGUSER", "postgres")
            self.password = os.environ.get("PGPASSWORD", "")
        elif kind == "mysql":
            self.host = os.environ.get("MYSQL_HOST", "127.0.0.1")
            self.port = os.environ.get("MYSQL_PORT", "3306")
            self.user = os.environ.get("MYSQL_USER", "root")
            self.password = os.environ.get("MYSQL_PWD", "")
        elif kind == "sqlite":
            self.host = self.port = None
            self.user = self.password = ""
        else:
            raise SetupError("unknown database kind " + kind)
        # {scratch} in a setting: a directory emptied before each tool, for files a migration
        # or initSql makes (SQLite databases to ATTACH, say)
        self.scratch = os.path.join(workdir, "scratch")

    # connection strings -----------------------------------------------------------------
    def sqlite_path(self, name):
        return os.path.join(self.workdir, name + ".db")

    def jdbc_url(self, name):
        if self.kind == "postgresql":
            return "jdbc:postgresql://%s:%s/%s" % (self.host, self.port, name)
        if self.kind == "mysql":
            return "jdbc:mariadb://%s:%s/%s" % (self.host, self.port, name)
        return "jdbc:sqlite:" + self.sqlite_path(name)

    # clients ------------------------------------------------------------------------------
    def _pg_env(self):
        env = dict(os.environ, PGPASSWORD=self.password)
        return env

    def _my_env(self):
        return dict(os.environ, MYSQL_PWD=self.password)

    def psql(self, db, sql=None, file=None, check=True, tuples=True):
        cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", self.host, "-p", self.port,
               "-U", self.user, "-d", db]
        if tuples:
            cmd += ["-A", "-t", "-F", "\t", "-P", "null=NULL"]
        cmd += ["-f", file] if file else ["-c", sql]
        r = run(cmd, env=self._pg_env())
        if check and r.returncode != 0:
            raise SetupError("psql failed (%s): %s" % (file or sql[:200], r.stderr.strip()))
        return r

    def mysql(self, db, sql=None, file=None, check=True):
        cmd = ["mysql", "-h", self.host, "-P", self.port, "-u", self.user, "--batch",
               "--default-character-set=utf8mb4"]
        if db:
            cmd.append(db)
        if file:
            with open(file, encoding="utf-8", errors="replace") as f:
                r = run(cmd, env=self._my_env(), input_text=f.read())
        else:
            r = run(cmd + ["-e", sql], env=self._my_env())
        if check and r.returncode != 0:
            raise SetupError("mysql failed (%s): %s" % (file or sql[:200], r.stderr.strip()))
        return r

    # lifecycle ----------------------------------------------------------------------------
    def recreate(self, name, extra_schemas=()):
        shutil.rmtree(self.scratch, ignore_errors=True)
        os.makedirs(self.scratch)
        if self.kind == "postgresql":
            self.psql("postgres", 'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name)
            self.psql("postgres", 'CREATE DATABASE "%s"' % name)
        elif self.kind == "mysql":
            stmts = ["DROP DATABASE IF EXISTS `%s`" % d for d in (name,) + tuple(extra_schemas)]
            stmts.append("CREATE DATABASE `%s` CHARACTER SET utf8mb4" % name)
            self.mysql(None, "; ".join(stmts))
        else:
            p = self.sqlite_path(name)
            for suffix in ("", "-wal", "-shm", "-journal"):
                if os.path.exists(p + suffix):
                    os.remove(p + suffix)

    def drop(self, name):
        if self.kind == "postgresql":
            self.psql("postgres", 'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name, check=False)
        elif self.kind == "mysql":
            self.mysql(None, "DROP DATABASE IF EXISTS `%s`" % name, check=False)
        else:
            p = self.sqlite_path(name)
            if os.path.exists(p):
                os.remove(p)

    def apply(self, name, path):
        if self.kind == "postgresql":
            self.psql(name, file=path, tuples=False)
        elif self.kind == "mysql":
            self.mysql(name, file=path)
        else:
            con = sqlite3.connect(self.sqlite_path(name))
            try:
                with open(path, encoding="utf-8") as f:
                    con.executescript(f.read())
                con.commit()
            except sqlite3.Error as e:
                raise SetupError("sqlite setup %s failed: %s" % (path, e))
            finally:
                con.close()

    # reading ------------------------------------------------------------------------------
    def sqlite_connect(self, name):
        """The database file, with every *.db of the scratch directory attached by its name."""
        con = sqlite3.connect(self.sqlite_path(name))
        if os.path.isdir(self.scratch):
            for f in sorted(os.listdir(self.scratch)):
                if f.endswith(".db"):
                    con.execute("ATTACH DATABASE ? AS \"%s\"" % f[:-3],
                                (os.path.join(self.scratch, f),))
        return con

    def sqlite_schemas(self, con):
        return [r[1] for r in con.execute("PRAGMA database_list") if r[1] != "temp"]

    def find_table(self, name, table, preferred):
        """Schema (or attached database) holding the history table, or None."""
        if self.kind == "postgresql":
            r = self.psql(name, "SELECT table_schema FROM information_schema.tables "
                                "WHERE table_name = '%s' ORDER BY 1" % table.replace("'", "''"))
            found = [l for l in r.stdout.splitlines() if l]
        elif self.kind == "mysql":
            schemas = [name] + [s for s in preferred if s]
            r = self.mysql(None, "SELECT table_schema FROM information_schema.tables WHERE "
                                 "table_name = '%s' AND table_schema IN (%s) ORDER BY 1" % (
                                     table.replace("'", "''"),
                                     ",".join("'%s'" % s.replace("'", "''") for s in schemas)))
            found = [l for l in r.stdout.splitlines()[1:] if l]
        else:
            if not os.path.exists(self.sqlite_path(name)):
                return None
            con = self.sqlite_connect(name)
            try:
                found = [s for s in self.sqlite_schemas(con) if con.execute(
                    'SELECT count(*) FROM "%s".sqlite_master WHERE type=\'table\' AND name=?' % s,
                    (table,)).fetchone()[0]]
            finally:
                con.close()
        for p in preferred:
            if p in found:
                return p
        return found[0] if found else None

    def history(self, name, table, preferred):
        """(schema, columns, rows) of the history table; rows are lists of strings."""
        schema = self.find_table(name, table, preferred)
        if schema is None:
            return None, [], []
        if self.kind == "postgresql":
            q = 'SELECT * FROM "%s"."%s" ORDER BY installed_rank' % (schema, table)
            cmd = ["psql", "-X", "-q", "-h", self.host, "-p", self.port, "-U", self.user,
                   "-d", name, "-A", "-F", "\t", "-P", "null=NULL", "-P", "footer=off", "-c", q]
            r = run(cmd, env=self._pg_env())
            if r.returncode != 0:
                raise SetupError("reading history: " + r.stderr.strip())
            lines = r.stdout.splitlines()
        elif self.kind == "mysql":
            q = "SELECT * FROM `%s`.`%s` ORDER BY installed_rank" % (schema, table)
            lines = self.mysql(None, q).stdout.splitlines()
        else:
            con = self.sqlite_connect(name)
            try:
                cur = con.execute('SELECT * FROM "%s"."%s" ORDER BY installed_rank' % (schema, table))
                cols = [d[0] for d in cur.description]
                rows = [["NULL" if v is None else str(v) for v in row] for row in cur.fetchall()]
            finally:
                con.close()
            return schema, [c.lower() for c in cols], rows
        if not lines:
            return schema, [], []
        cols = [c.lower() for c in lines[0].split("\t")]
        return schema, cols, [l.split("\t") for l in lines[1:]]

    def query(self, name, sql):
        """Rows of one query, as lists of strings (NULL for null)."""
        if self.kind == "postgresql":
            r = self.psql(name, sql, check=False)
            if r.returncode != 0:
                return [["query failed: " + r.stderr.strip()]]
            return [l.split("\t") for l in r.stdout.splitlines()]
        if self.kind == "mysql":
            r = self.mysql(name, sql, check=False)
            if r.returncode != 0:
                return [["query failed: " + r.stderr.strip()]]
            return [l.split("\t") for l in r.stdout.splitlines()[1:]]
        con = self.sqlite_connect(name)
        try:
            return [["NULL" if v is None else str(v) for v in row] for row in con.execute(sql)]
        except sqlite3.Error as e:
            return [["query failed: %s" % e]]
        finally:
            con.close()

    def snapshot(self, name, history_tables):
        """Schema text and per-table data fingerprints, history tables left out of the data."""
        if self.kind == "postgresql":
            r = run(["pg_dump", "-s", "-O", "-h", self.host, "-p", self.port, "-U", self.user,
                     name], env=self._pg_env())
            ddl = [l for l in r.stdout.splitlines()
                   if l and not l.startswith(("\\restrict", "\\unrestrict", "--"))]
            tables = self.psql(name, "SELECT quote_ident(table_schema)||'.'||quote_ident(table_name) "
                                     "FROM information_schema.tables WHERE table_type='BASE TABLE' "
                                     "AND table_schema NOT IN ('pg_catalog','information_schema') "
                                     "ORDER BY 1").stdout.split()
            data = {}
            for t in tables:
                if t.split(".")[-1].strip('"') in history_tables:
                    continue
                sch, _, tab = t.partition(".")
                cols = self.psql(name, "SELECT quote_ident(attname) FROM pg_attribute WHERE "
                                       "attrelid = '%s'::regclass AND attnum > 0 AND NOT "
                                       "attisdropped ORDER BY attnum" % t.replace("'", "''")
                                 ).stdout.split("\n")
                cols = [c for c in cols if c]
                expr = ["md5(coalesce(string_agg(md5(coalesce(x.%s::text, '<null>')), '' ORDER BY "
                        "md5(coalesce(x.%s::text, '<null>'))), ''))" % (c, c) for c in cols]
                r = self.psql(name, "SELECT count(*)%s FROM %s x" % (
                    "".join(", " + e for e in expr), t), check=False)
                if r.returncode != 0:
                    data[t] = {"rows": "unreadable", "cols": {}}
                    continue
                vals = r.stdout.strip().split("\t")
                data[t] = {"rows": vals[0], "cols": dict(zip([c.strip('"') for c in cols], vals[1:]))}
            return ddl, data
        if self.kind == "mysql":
            r = run(["mysqldump", "-h", self.host, "-P", self.port, "-u", self.user, "--no-data",
                     "--skip-comments", "--skip-dump-date", "--routines", "--triggers", "--events",
                     name], env=self._my_env())
            # MariaDB Connector/J 2.x adds IGNORE_SPACE to its session's sql_mode, and routines
            # keep the sql_mode they were created under: that is the JDBC driver, not Flyway
            ddl = [re.sub(r" AUTO_INCREMENT=\d+", "", l) for l in r.stdout.splitlines() if l]
            ddl = [l.replace("'IGNORE_SPACE,", "'") if "sql_mode" in l else l for l in ddl]
            tables = self.mysql(None, "SELECT table_name FROM information_schema.tables WHERE "
                                      "table_schema='%s' AND table_type='BASE TABLE' ORDER BY 1"
                                      % name).stdout.splitlines()[1:]
            data = {}
            tables = [t for t in tables if t not in history_tables]
            for t in tables:
                cols = self.mysql(None, "SELECT column_name FROM information_schema.columns WHERE "
                                        "table_schema='%s' AND table_name='%s' ORDER BY "
                                        "ordinal_position" % (name, t)).stdout.splitlines()[1:]
                expr = ["MD5(IFNULL(GROUP_CONCAT(MD5(IFNULL(`{0}`, '<null>')) ORDER BY "
                        "MD5(IFNULL(`{0}`, '<null>')) SEPARATOR ''), ''))".format(c) for c in cols]
                r = self.mysql(name, "SET SESSION group_concat_max_len = 4294967295; "
                                     "SELECT COUNT(*)%s FROM `%s`" % (
                                         "".join(", " + e for e in expr), t), check=False)
                lines = r.stdout.splitlines()
                if r.returncode != 0 or len(lines) < 2:
                    data[t] = {"rows": "unreadable", "cols": {}}
                    continue
                vals = lines[1].split("\t")
                data[t] = {"rows": vals[0], "cols": dict(zip(cols, vals[1:]))}
            return ddl, data
        path = self.sqlite_path(name)
        if not os.path.exists(path):
            return [], {}
        con = self.sqlite_connect(name)
        try:
            ddl, data = [], {}
            for sch in self.sqlite_schemas(con):
                ddl += ["%s %s.%s %s" % (row[0], sch, row[1], row[2]) for row in con.execute(
                    'SELECT type, name, sql FROM "%s".sqlite_master ORDER BY type, name' % sch)]
                for (t,) in con.execute('SELECT name FROM "%s".sqlite_master WHERE type=\'table\' '
                                        "AND name NOT LIKE 'sqlite_%%' ORDER BY name" % sch).fetchall():
                    if t in history_tables:
                        continue
                    try:
                        cur = con.execute('SELECT * FROM "%s"."%s"' % (sch, t))
                        cols = [d[0] for d in cur.description]
                        rows = cur.fetchall()
                        data[sch + "." + t] = {"rows": str(len(rows)), "cols": {
                            c: hashlib.md5("\n".join(sorted(repr(r[i]) for r in rows)).encode()
                                           ).hexdigest() for i, c in enumerate(cols)}}
                    except sqlite3.Error as e:
                        data[sch + "." + t] = {"rows": "unreadable: %s" % e, "cols": {}}
            return ddl, data
        finally:
            con.close()


# ---------------------------------------------------------------------------------------------
# Running the tools


FAILED_RE = re.compile(r'Migration of schema .*? (?:to version "(?P<v>[^"]*)"|with repeatable '
                       r'migration "(?P<r>[^"]*)") failed')


def failing_migration(log):
    m = None
    for m in FAILED_RE.finditer(log):
        pass
    if not m:
        return None
    if m.group("v") is not None:
        return "V" + m.group("v").split(" - ", 1)[0]
    return "R " + m.group("r")


def error_fields(message):
    fields = {}
    for line in (message or "").splitlines():
        m = re.match(r"^(SQL State|Error Code|Message|Location|Line|Statement)\s*:\s?(.*)$", line)
        if m and m.group(1) not in fields:
            fields[m.group(1)] = m.group(2).strip()
    return fields


def normalise(text, paths):
    for p, tag in paths:
        if p:
            text = text.replace(p.rstrip("/") + "/", tag + "/").replace(p.rstrip("/"), tag)
    return text.strip()


class Step:
    def __init__(self, command):
        self.command = command
        self.ok = False
        self.message = ""          # the whole error message
        self.failing = None        # "V2" / "R name" / None
        self.log = ""
        self.history_schema = None
        self.columns = []
        self.rows = []
        self.crashed = False       # the tool did not get to run the command
        self.label = command

    def first_line(self):
        lines = [l for l in self.message.splitlines() if l.strip()]
        return lines[0].strip() if lines else ""

    def summary(self):
        if self.ok:
            return "ok (%d rows)" % len(self.rows)
        where = " at %s" % self.failing if self.failing else ""
        return "error%s: %s" % (where, self.first_line()[:160])

    def as_dict(self):
        return {"command": self.command, "ok": self.ok, "failing": self.failing,
                "first_line": self.first_line(), "message": self.message,
                "line": error_fields(self.message).get("Line"),
                "history_schema": self.history_schema, "columns": self.columns, "rows": self.rows}


def flyway_oracle_command():
    spec = os.environ.get("FLYWAY_ORACLE", "").strip()
    if not spec:
        raise SetupError("set FLYWAY_ORACLE to the command that runs genuine Flyway "
                         "(run-flyway with FLYWAY_JAR set, or a wrapper taking a version first)")
    return shlex.split(spec)


def tool_cwd(workdir):
    """Both tools start in the same empty directory (${flyway:workingDirectory}, relative paths)."""
    cwd = os.path.join(workdir, "cwd")
    os.makedirs(cwd, exist_ok=True)
    return cwd


def run_flyway(db, name, folder, settings, command, workdir, timeout):
    out_tsv = os.path.join(workdir, "flyway-%s.tsv" % command)
    scratch = name + "_oracle_scratch"
    args = flyway_oracle_command() + [db.kind, folder, scratch, out_tsv, "--command", command,
                                      "--conf", "flyway.url=" + db.jdbc_url(name),
                                      "--conf", "flyway.user=" + (db.user or ""),
                                      "--conf", "flyway.password=" + (db.password or "")]
    args += flyway_setting_args(settings)
    env = dict(os.environ, SQLITE_DIR=workdir)
    if os.path.exists(out_tsv):
        os.remove(out_tsv)
    step = Step(command)
    try:
        r = run(args, env=env, timeout=timeout, cwd=tool_cwd(workdir))
    except subprocess.TimeoutExpired:
        step.message = "timeout after %d s" % timeout
        return step
    finally:
        db.drop(scratch)
    step.log = r.stderr
    outcome = None
    if os.path.exists(out_tsv):
        with open(out_tsv, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("# outcome\t"):
                    outcome = line.rstrip("\n").split("\t", 1)[1]
    if outcome == "ok":
        step.ok = True
    elif outcome is not None:
        full = r.stderr.split("FULL MESSAGE:\n", 1)
        step.message = full[1].rstrip() if len(full) == 2 else outcome.split(": ", 2)[-1]
    else:
        # the harness failed before running the command (a configuration error, say)
        causes = re.findall(r"^(?:Caused by|Exception in thread \"main\"): ?([\w.$]+)(?:: (.*))?$",
                            r.stderr, flags=re.M)
        if causes and causes[-1][1]:
            step.message = causes[-1][1]
        else:
            step.crashed = True
            step.message = "oracle did not run (exit %d): %s" % (r.returncode,
                                                                 r.stderr.strip()[-500:])
    step.failing = failing_migration(r.stderr) if not step.ok else None
    return step


def jetway_binary():
    return os.environ.get("JETWAY") or os.path.join(CHECKOUT, "build", "bin", "jetway")


def run_jetway(db, name, folder, settings, command, workdir, timeout, jetway):
    url = db.jdbc_url(name)
    args = [jetway, "-url=" + url, "-locations=filesystem:" + folder]
    if db.kind != "sqlite":
        args.append("-user=" + db.user)
        if db.password:
            args.append("-password=" + db.password)
    args += jetway_setting_args(settings)
    # validate's JSON document leaves out the "Validate failed: " the message starts with, so
    # validate is read from the text output
    text_mode = command == "validate"
    args += ([] if text_mode else ["-outputType=json"]) + [command]
    cwd = tool_cwd(workdir)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("FLYWAY_") and k != "DATABASE_URL"}
    env["HOME"] = cwd  # no ~/flyway.conf or ~/flyway.toml
    step = Step(command)
    try:
        r = run(args, env=env, timeout=timeout, cwd=cwd)
    except subprocess.TimeoutExpired:
        step.message = "timeout after %d s" % timeout
        return step
    except OSError as e:
        raise SetupError("cannot run jetway %s: %s" % (jetway, e))
    step.log = r.stderr
    doc = None
    if text_mode:
        step.ok = r.returncode == 0
        if not step.ok:
            m = re.search(r"^ERROR: (.*)", r.stderr, flags=re.M | re.S)
            step.message = m.group(1).rstrip() if m else "exit %d" % r.returncode
            step.failing = failing_migration(r.stderr)
        return step
    try:
        doc = json.loads(r.stdout) if r.stdout.strip() else None
    except ValueError:
        doc = None
    err = doc.get("error") if isinstance(doc, dict) else None
    if isinstance(doc, dict) and doc.get("validationSuccessful") is False and not err:
        err = {"message": doc.get("errorDetails", {}).get("errorMessage")
               if isinstance(doc.get("errorDetails"), dict) else None}
        if not err["message"]:
            msgs = [i.get("errorDetails", {}).get("errorMessage", "")
                    for i in doc.get("invalidMigrations", []) if isinstance(i, dict)]
            err["message"] = "\n".join(m for m in msgs if m) or "validation failed"
    if r.returncode == 0 and not err:
        step.ok = True
    else:
        if err and err.get("message"):
            step.message = err["message"]
        else:
            lines = [l[len("ERROR: "):] for l in r.stderr.splitlines() if l.startswith("ERROR: ")]
            step.message = "\n".join(lines) or ("exit %d: %s" % (r.returncode, r.stderr.strip()[-500:]))
            if r.returncode < 0:
                step.crashed = True
                step.message = "jetway killed by signal %d; %s" % (-r.returncode, step.message)
        step.failing = failing_migration(r.stderr)
    return step


# ---------------------------------------------------------------------------------------------
# Comparison


def compare_steps(fw, jw, paths):
    diffs = []
    if fw.ok != jw.ok:
        diffs.append("outcome: flyway %s, jetway %s" % (fw.summary(), jw.summary()))
    elif not fw.ok:
        if fw.failing != jw.failing:
            diffs.append("failing migration: flyway %s, jetway %s" % (fw.failing, jw.failing))
        f1, j1 = normalise(fw.first_line(), paths), normalise(jw.first_line(), paths)
        if f1 != j1:
            diffs.append("message: flyway %r, jetway %r" % (f1[:300], j1[:300]))
        fl, jl = error_fields(fw.message).get("Line"), error_fields(jw.message).get("Line")
        if fl != jl:
            diffs.append("error line: flyway %s, jetway %s" % (fl, jl))
    diffs += compare_history(fw, jw)
    return diffs


DRIVER_FIELDS = ("SQL State", "Message", "Location", "Statement")


def message_notes(fw, jw, paths):
    """Lines of the two error messages that differ past the first line, leaving out the fields
    that carry the JDBC driver's or the client library's own text: reported, not counted."""
    def body(step):
        out, skipping = [], False
        for line in normalise(step.message, paths).splitlines()[1:]:
            m = re.match(r"^(\w[\w ]*?)\s*:", line)
            if m and m.group(1) in DRIVER_FIELDS + ("Line", "Error Code"):
                skipping = m.group(1) in DRIVER_FIELDS
                continue
            if skipping and not re.match(r"^\w[\w ]*?\s*:", line):
                continue
            skipping = False
            out.append(line.rstrip())
        return out
    if fw.ok or jw.ok:
        return []
    a, b = body(fw), body(jw)
    return ["message line: flyway %r, jetway %r" % (x[2:] if x.startswith("-") else None,
                                                     x[2:] if x.startswith("+") else None)
            for x in difflib.ndiff(a, b) if x.startswith(("-", "+"))][:6]


def compare_history(fw, jw):
    diffs = []
    if fw.history_schema != jw.history_schema:
        diffs.append("history table location: flyway %s, jetway %s" % (fw.history_schema,
                                                                       jw.history_schema))
    if fw.columns != jw.columns and fw.columns and jw.columns:
        diffs.append("history columns: flyway %s, jetway %s" % (",".join(fw.columns),
                                                                ",".join(jw.columns)))
    cols = [c for c in fw.columns if c in jw.columns and c not in IGNORED_COLUMNS]
    fi = {c: fw.columns.index(c) for c in cols}
    ji = {c: jw.columns.index(c) for c in cols}
    if len(fw.rows) != len(jw.rows):
        diffs.append("history rows: flyway %d, jetway %d" % (len(fw.rows), len(jw.rows)))
    per_col = {}
    for n in range(min(len(fw.rows), len(jw.rows))):
        for c in cols:
            a, b = fw.rows[n][fi[c]], jw.rows[n][ji[c]]
            if a != b:
                per_col.setdefault(c, []).append("row %d: %r vs %r" % (n + 1, a, b))
    for c, cells in per_col.items():
        more = " (+%d more)" % (len(cells) - 3) if len(cells) > 3 else ""
        diffs.append("history[%s] %s%s" % (c, "; ".join(cells[:3]), more))
    extra = fw.rows[len(jw.rows):] or jw.rows[len(fw.rows):]
    if extra:
        who = "flyway" if len(fw.rows) > len(jw.rows) else "jetway"
        idx = {c: i for i, c in enumerate(fw.columns if who == "flyway" else jw.columns)}
        show = ["%s %s" % (r[idx["version"]] if "version" in idx else "?",
                           r[idx["script"]] if "script" in idx else "?") for r in extra[:5]]
        diffs.append("only %s has rows: %s" % (who, "; ".join(show)))
    return diffs


def compare_snapshots(fw, jw, ignore_data=()):
    diffs = []
    (fddl, fdata), (jddl, jdata) = fw, jw
    skip = {t.lower() for t in ignore_data}

    def ignored(table, column=None):
        bare = table.lower().split(".")[-1].strip('"`')
        names = {table.lower().replace('"', ""), bare}
        if column is not None:
            names = {n + "." + column.lower() for n in names}
        return any(fnmatch.fnmatchcase(n, pat) for n in names for pat in skip)

    def kept(data):
        return {t: {"rows": v["rows"],
                    "cols": {c: h for c, h in v["cols"].items() if not ignored(t, c)}}
                for t, v in data.items() if not ignored(t)}
    fdata, jdata = kept(fdata), kept(jdata)
    if fddl != jddl:
        d = [l for l in difflib.unified_diff(fddl, jddl, "flyway", "jetway", n=0, lineterm="")
             if not l.startswith(("---", "+++", "@@"))]
        diffs.append("schema: %d differing lines, first: %s" % (len(d), " | ".join(d[:4])[:400]))
    if fdata != jdata:
        parts = []
        for t in sorted(set(fdata) | set(jdata)):
            a, b = fdata.get(t), jdata.get(t)
            if a == b:
                continue
            if a is None or b is None:
                parts.append("%s only in %s" % (t, "jetway" if a is None else "flyway"))
            elif a["rows"] != b["rows"]:
                parts.append("%s rows %s vs %s" % (t, a["rows"], b["rows"]))
            else:
                cols = [c for c in a["cols"] if a["cols"].get(c) != b["cols"].get(c)]
                parts.append("%s(%s)" % (t, ",".join(cols)))
        diffs.append("data: %d tables differ: %s" % (len(parts), "; ".join(parts)))
    return diffs


# ---------------------------------------------------------------------------------------------
# One comparison


def sanitize_name(text):
    name = re.sub(r"[^a-z0-9_]", "_", text.lower()).strip("_")
    return ("diff_" + name)[:50] if not name.startswith("diff_") else name[:50]


def expand(settings, db):
    return [(k, v.replace("{scratch}", db.scratch)) for k, v in settings]


def stage(folder, settings, commands, label=""):
    folder = os.path.abspath(folder)
    if not os.path.isdir(folder):
        raise SetupError("no such folder: " + folder)
    return {"folder": folder, "settings": settings, "commands": commands, "label": label}


def run_one(database, stages, name, before_sql, jetway, schema_compare, timeout, workdir=None,
            keep_workdir=False, queries=(), ignore_data=()):
    """Runs the stages (each a folder, its settings and its commands; the last is the one under
    test, earlier ones prepare the database the same way for both tools) through Flyway, then
    through Jetway, on the same fresh database, and compares."""
    own_workdir = workdir is None
    workdir = workdir or tempfile.mkdtemp(prefix="jw-differential-")
    try:
        db = Database(database, workdir)
        main = stages[-1]
        paths = [(st["folder"], "<folder>") for st in stages]
        paths += [(db.scratch, "<scratch>"), (workdir, "<work>"), (db.sqlite_path(name), "<db>")]
        extra_dbs = ()
        for st in stages:
            schemas = [x for x in (setting(st["settings"], "schemas", "") or "").split(",") if x]
            preferred = [x for x in [setting(st["settings"], "defaultSchema")] + schemas if x]
            st["preferred"] = preferred or {"postgresql": ["public"], "mysql": [name],
                                            "sqlite": ["main"]}[database]
            st["table"] = setting(st["settings"], "table", "flyway_schema_history")
            if database == "mysql":
                extra_dbs += tuple(x for x in schemas if x != name)
        result = {"database": database, "folder": main["folder"], "name": name,
                  "settings": ["%s=%s" % kv for kv in main["settings"]],
                  "commands": main["commands"], "before_sql": before_sql,
                  "stages": [st["label"] or st["folder"] for st in stages], "steps": [],
                  "differences": []}
        tools = {}
        for tool in ("flyway", "jetway"):
            db.recreate(name, extra_dbs)
            for f in before_sql:
                db.apply(name, f)
            steps = []
            for st in stages:
                settings = expand(st["settings"], db)
                for command in st["commands"]:
                    if tool == "flyway":
                        x = run_flyway(db, name, st["folder"], settings, command, workdir, timeout)
                    else:
                        x = run_jetway(db, name, st["folder"], settings, command, workdir, timeout,
                                       jetway)
                    x.history_schema, x.columns, x.rows = db.history(name, st["table"],
                                                                     st["preferred"])
                    x.label = ((st["label"] + " ") if st is not main else "") + command
                    steps.append(x)
            tables = {st["table"] for st in stages}
            snap = db.snapshot(name, tables) if schema_compare else None
            tools[tool] = (steps, snap, [db.query(name, q) for q in queries])
        diffs = []
        crashed = False
        many = len(tools["flyway"][0]) > 1
        for fw, jw in zip(tools["flyway"][0], tools["jetway"][0]):
            d = compare_steps(fw, jw, paths)
            crashed = crashed or fw.crashed or jw.crashed
            diffs += [(fw.label + ": " if many else "") + x for x in d]
            notes = message_notes(fw, jw, paths)
            result["notes"] = result.get("notes", []) + [(fw.label + ": " if many else "") + n
                                                         for n in notes]
            result["steps"].append({"step": fw.label, "flyway": fw.as_dict(),
                                    "jetway": jw.as_dict(), "differences": d, "notes": notes})
        if schema_compare:
            diffs += compare_snapshots(tools["flyway"][1], tools["jetway"][1], ignore_data)
        result["queries"] = []
        for q, fq, jq in zip(queries, tools["flyway"][2], tools["jetway"][2]):
            result["queries"].append({"query": q, "flyway": fq, "jetway": jq})
            if fq != jq:
                diffs.append("query %r: flyway %s, jetway %s" % (q[:60], fq, jq))
        last_fw, last_jw = tools["flyway"][0][-1], tools["jetway"][0][-1]
        if crashed:
            verdict = "NOT-RUN" if any(x.crashed for x in tools["flyway"][0]) else "JETWAY-CRASHED"
        elif not diffs:
            verdict = "IDENTICAL" if last_fw.ok else "BOTH-FAILED-SAME"
        elif not last_fw.ok and not last_jw.ok:
            verdict = "DIFFERENT (both failed)"
        else:
            verdict = "DIFFERENT"
        result.update(verdict=verdict, differences=diffs, flyway=last_fw.summary(),
                      jetway=last_jw.summary())
        result["flyway_log_tail"] = last_fw.log[-3000:]
        result["jetway_log_tail"] = last_jw.log[-3000:]
        return result
    finally:
        if own_workdir and not keep_workdir:
            shutil.rmtree(workdir, ignore_errors=True)


def verdict_text(res):
    out = ["%s  %s %s" % (res["verdict"], res["database"], res["folder"]),
           "  flyway: " + res["flyway"], "  jetway: " + res["jetway"]]
    out += ["  - " + d for d in res["differences"]]
    out += ["  note: " + n for n in res.get("notes", [])]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Manifest (batch) mode


def read_manifest(path):
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for l in lines[1:]:
        cells = l.split("\t")
        rows.append({h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header)})
    return rows


def resolve(path, bases):
    if os.path.isabs(path):
        return path
    for b in bases:
        p = os.path.join(b, path)
        if os.path.exists(p):
            return p
    return os.path.join(bases[0], path)


def md_escape(text):
    return text.replace("|", "\\|").replace("\n", " ")


def batch(args):
    rows = read_manifest(args.manifest)
    mdir = os.path.dirname(os.path.abspath(args.manifest))
    bases = [args.corpus_root or mdir, mdir]
    only = set(args.only.split(",")) if args.only else None
    results, table = [], []
    table.append("| id | project | commit | database | migrations | Flyway | Jetway | verdict | differences |")
    table.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    worst = 0
    for row in rows:
        rid = row.get("id", "")
        if only and rid not in only:
            continue
        database = row["database"]
        if only is None and args.database and database not in args.database.split(","):
            continue
        skip = row.get("skip", "").strip()
        base = {"id": rid, "repo": row.get("repo", ""), "commit": row.get("commit", "")[:10],
                "database": database, "migrations": row.get("migrations", "")}
        if skip:
            res = dict(base, verdict="SKIPPED", flyway="-", jetway="-", differences=[skip])
        else:
            by_id = {r.get("id", ""): r for r in rows}
            before = [resolve(p.strip(), bases) for p in row.get("before_sql", "").split(",")
                      if p.strip()]
            name = sanitize_name("diff_%s_%s" % (rid, database))
            print("[%s] %s %s ..." % (rid, row.get("repo", ""), database), file=sys.stderr,
                  flush=True)
            try:
                stages, ignored = [], []
                chain = [x.strip() for x in row.get("after", "").split(",") if x.strip()]
                for sid in chain + [rid]:
                    if sid not in by_id:
                        raise SetupError("row %s: 'after' names no row %s" % (rid, sid))
                    r = by_id[sid]
                    settings, ign = parse_settings(split_settings(r.get("settings", "")))
                    ignored += ign
                    commands = [c for c in (r.get("command", "") or "migrate").split(",") if c]
                    stages.append(stage(resolve(r["local_folder"], bases), settings, commands,
                                        "[%s]" % sid))
                timeout = int(row.get("timeout", "") or args.timeout)
                res = run_one(database, stages, name, before, args.jetway, not args.no_schema,
                              timeout, ignore_data=[t.strip() for t in
                                                         row.get("ignore_data", "").split(",")
                                                         if t.strip()])
                res["ignored_settings"] = ignored
            except SetupError as e:
                res = {"verdict": "SETUP-FAILED", "flyway": "-", "jetway": "-",
                       "differences": [str(e)]}
            res.update(base)
        results.append(res)
        print(verdict_text(dict(res, folder=row.get("local_folder", ""))), file=sys.stderr,
              flush=True)
        if res["verdict"].startswith("DIFFERENT") or res["verdict"] == "JETWAY-CRASHED":
            worst = max(worst, 1)
        table.append("| %s |" % " | ".join(md_escape(x) for x in [
            rid, res["repo"], res["commit"], database, res["migrations"], res["flyway"],
            res["jetway"], res["verdict"], "; ".join(res["differences"])[:400]]))
    counts = {}
    for r in results:
        key = (r["database"], r["verdict"].split(" ")[0])
        counts[key] = counts.get(key, 0) + 1
    summary = ["", "| database | " + " | ".join(sorted({k[1] for k in counts})) + " |"]
    verdicts = sorted({k[1] for k in counts})
    summary.append("| --- |" + " --- |" * len(verdicts))
    for d in sorted({k[0] for k in counts}):
        summary.append("| %s | %s |" % (d, " | ".join(str(counts.get((d, v), 0)) for v in verdicts)))
    text = "\n".join(table + summary) + "\n"
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(text)
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
    print(text)
    return worst


# ---------------------------------------------------------------------------------------------


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog=__doc__.split("\n\n", 1)[1])
    p.add_argument("--database", help="sqlite | postgresql | mysql (in --manifest mode: a "
                                      "comma-separated filter)")
    p.add_argument("--folder", help="the migration folder (the only location of both tools)")
    p.add_argument("--setting", action="append", default=[], metavar="KEY=VALUE",
                   help="a Flyway setting without the flyway. prefix (placeholders.x=y, "
                        "table=..., outOfOrder=true ...); given to both tools")
    p.add_argument("--name", help="database name (default: from the folder name)")
    p.add_argument("--command", default="migrate",
                   help="command, or comma-separated commands run in turn on the same database "
                        "(migrate, info, validate, baseline, repair, clean); default migrate")
    p.add_argument("--before-sql", action="append", default=[], metavar="FILE",
                   help="SQL applied to the fresh database before each tool (psql -f, mysql <, "
                        "or SQLite executescript); repeatable")
    p.add_argument("--jetway", default=jetway_binary(), help="jetway binary (env JETWAY)")
    p.add_argument("--no-schema", action="store_true",
                   help="do not compare the schema and table data afterwards")
    p.add_argument("--timeout", type=int, default=1800, help="seconds per tool and command")
    p.add_argument("--ignore-data", action="append", default=[], metavar="TABLE[.COLUMN]",
                   help="leave a table's or a column's data out of the comparison (random or "
                        "time-based values); shell patterns (*.created_at); repeatable")
    p.add_argument("--query", action="append", default=[], metavar="SQL",
                   help="a query run after each tool; its rows are compared too; repeatable")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--keep-workdir", metavar="DIR",
                   help="keep TSVs and SQLite files in DIR instead of a temporary directory")
    p.add_argument("--manifest", help="batch mode: a TSV with columns id, repo, commit, "
                                      "local_folder, database, migrations, settings and "
                                      "optionally before_sql, command, after (ids of rows "
                                      "run first on the same database), ignore_data, timeout, "
                                      "skip")
    p.add_argument("--corpus-root", help="where the manifest's relative folders live")
    p.add_argument("--only", help="batch mode: comma-separated ids")
    p.add_argument("--markdown", help="batch mode: also write the Markdown table here")
    p.add_argument("--json-out", help="batch mode: write every result as JSON here")
    args = p.parse_args(argv)
    # Each tool runs in its own empty directory, so a relative path given here must be resolved now.
    args.jetway = os.path.abspath(args.jetway)
    try:
        if args.manifest:
            return batch(args)
        if not args.database or not args.folder:
            p.error("--database and --folder are needed (or --manifest)")
        commands = [c for c in args.command.split(",") if c]
        bad = [c for c in commands if c not in COMMANDS]
        if bad:
            p.error("unknown command " + ",".join(bad))
        settings, ignored = parse_settings(args.setting)
        for i in ignored:
            print("note: setting ignored: " + i, file=sys.stderr)
        name = args.name or sanitize_name(os.path.basename(os.path.abspath(args.folder)))
        workdir = None
        if args.keep_workdir:
            workdir = os.path.abspath(args.keep_workdir)
            os.makedirs(workdir, exist_ok=True)
        res = run_one(args.database, [stage(args.folder, settings, commands)], name,
                      [os.path.abspath(f) for f in args.before_sql], args.jetway,
                      not args.no_schema, args.timeout, workdir=workdir, queries=args.query,
                      ignore_data=args.ignore_data)
    except SetupError as e:
        print("SETUP-FAILED: %s" % e, file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(res, indent=1))
    else:
        print(verdict_text(res))
    if res["verdict"] == "NOT-RUN":
        return 2
    return 0 if res["verdict"] in ("IDENTICAL", "BOTH-FAILED-SAME") else 1


if __name__ == "__main__":
    sys.exit(main())
