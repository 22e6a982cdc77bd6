#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the synthetic migrations the scripts in tests/bench/ measure.

    gen_migrations.py --count N [--stmts M] --dialect D [--layouts flyway,raw] OUT_DIR
    gen_migrations.py --big-rows R --dialect D [--layouts flyway,raw] OUT_DIR

D is postgres, mysql or sqlite. The flyway layout is OUT_DIR/flyway/sql/V<n>__<desc>.sql, what
Jetway runs. The raw layout is the same SQL for the database's own client (psql, mysql, sqlite3):
OUT_DIR/all.sql runs every migration in one transaction (the yardstick for -group=true), and
OUT_DIR/all_pertx.sql first creates flyway_schema_history, then runs each migration in its own
transaction together with the history row Flyway would write for it (the yardstick for one
commit per migration). Those rows carry Flyway's checksum of the file, CRC-32 of its lines.

With --count, migration n does one thing to a table, in a cycle of five: create it, index it,
add a column and fill it, update it, and (every fifth) a compound statement: a PL/pgSQL function
in dollar quotes and its trigger, or a trigger with BEGIN ... END. Multi-row INSERTs follow until
the migration has --stmts statements. Strings hold quotes and semicolons, and -- and /* */
comments hold semicolons, so that statement splitting has work to do. In the Flyway files a MySQL
trigger ends with a plain ';' (Flyway's parser, and Jetway's, see BEGIN ... END); the mysql client
gets it between DELIMITER lines.

With --big-rows there is one migration: a CREATE TABLE and R rows of about 100 bytes, 100 rows per
INSERT, written as it is generated, so any R fits in constant memory. Its raw layout is all.sql only.
"""
import argparse
import itertools
import os
import sys
import zlib

ROWS_PER_INSERT = 5       # in the multi-row INSERTs of --count
BIG_ROWS_PER_INSERT = 100

TEXT = {"postgres": "TEXT", "mysql": "VARCHAR(200)", "sqlite": "TEXT"}


class Migration:
    def __init__(self, version, desc):
        self.version, self.desc, self.statements = version, desc, []  # (sql, is_compound)

    def add(self, sql, compound=False):
        self.statements.append((sql, compound))

    @property
    def script(self):
        return f"V{self.version}__{self.desc}.sql"

    def header(self):
        return (f"-- {self.script}; written by gen_migrations.py\n"
                f"/* bench workload: a ';' inside this comment ends no statement */\n")

    def flyway_text(self):
        return self.header() + "\n".join(sql + ";\n" for sql, _ in self.statements)

    def client_text(self, dialect):
        if dialect != "mysql":
            return self.flyway_text()
        parts = [f"DELIMITER //\n{sql} //\nDELIMITER ;\n" if compound else sql + ";\n"
                 for sql, compound in self.statements]
        return self.header() + "\n".join(parts)


def create_table(dialect, t):
    if dialect == "postgres":
        cols = ["id BIGSERIAL PRIMARY KEY", "label VARCHAR(120) NOT NULL", "qty INTEGER NOT NULL DEFAULT 0",
                "price NUMERIC(10,2)", "note TEXT", "created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP"]
        tail = ""
    elif dialect == "mysql":
        cols = ["id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY", "label VARCHAR(120) NOT NULL",
                "qty INT NOT NULL DEFAULT 0", "price DECIMAL(10,2)", "note VARCHAR(200)",
                "created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP"]
        tail = " ENGINE=InnoDB"
    else:
        cols = ["id INTEGER PRIMARY KEY", "label TEXT NOT NULL", "qty INTEGER NOT NULL DEFAULT 0", "price NUMERIC",
                "note TEXT", "created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP"]
        tail = ""
    return f"CREATE TABLE {t} (\n    " + ",\n    ".join(cols) + f"\n){tail}"


def insert_rows(t, version, k):
    rows = []
    for r in range(ROWS_PER_INSERT):
        n = version * 31 + k * 7 + r
        # The last row leaves note NULL, for the trigger of the fifth migration to fill in.
        note = "NULL" if r == ROWS_PER_INSERT - 1 else f"'O''Brien''s order; \"rush\" -- #{r}'"
        rows.append(f"    ('item {version}.{k}.{r}', {n % 50}, {n % 9973}.{n % 100:02d}, {note})")
    return f"INSERT INTO {t} (label, qty, price, note) VALUES\n" + ",\n".join(rows)


def compound(dialect, t, version):
    if dialect == "postgres":
        tag = "$$" if version % 10 else "$fill$"
        return [(f"CREATE OR REPLACE FUNCTION {t}_fill() RETURNS trigger LANGUAGE plpgsql AS {tag}\n"
                 f"BEGIN\n"
                 f"    -- runs before each insert; this comment; has semicolons\n"
                 f"    IF NEW.note IS NULL THEN\n"
                 f"        NEW.note := 'filled by V{version}; it''s the trigger';\n"
                 f"    END IF;\n"
                 f"    NEW.qty := GREATEST(NEW.qty, 0);\n"
                 f"    RETURN NEW;\n"
                 f"END;\n"
                 f"{tag}", True),
                (f"CREATE TRIGGER {t}_fill_trg BEFORE INSERT ON {t}\n"
                 f"    FOR EACH ROW EXECUTE FUNCTION {t}_fill()", False)]
    if dialect == "mysql":
        return [(f"CREATE TRIGGER {t}_fill_trg BEFORE INSERT ON {t}\n"
                 f"FOR EACH ROW\n"
                 f"BEGIN\n"
                 f"    IF NEW.note IS NULL THEN\n"
                 f"        SET NEW.note = 'filled by V{version}; it''s the trigger';\n"
                 f"    END IF;\n"
                 f"    SET NEW.qty = GREATEST(NEW.qty, 0);\n"
                 f"END", True)]
    return [(f"CREATE TRIGGER {t}_fill_trg AFTER INSERT ON {t}\n"
             f"FOR EACH ROW WHEN NEW.note IS NULL\n"
             f"BEGIN\n"
             f"    UPDATE {t} SET note = 'filled by V{version}; it''s the trigger' WHERE id = NEW.id;\n"
             f"    UPDATE {t} SET qty = 0 WHERE id = NEW.id AND qty < 0;\n"
             f"END", True)]


def migration(dialect, version, stmts):
    t = f"item_{(version - 1) // 5 + 1}"
    step = (version - 1) % 5
    if step == 0:
        m = Migration(version, f"create_{t}")
        m.add(create_table(dialect, t))
    elif step == 1:
        m = Migration(version, f"index_{t}")
        m.add(f"CREATE INDEX {t}_label_idx ON {t} (label)")
    elif step == 2:
        m = Migration(version, f"add_column_to_{t}")
        m.add(f"ALTER TABLE {t} ADD COLUMN extra {TEXT[dialect]}")
        m.add(f"UPDATE {t} SET extra = label /* even ids; the odd ones stay NULL */ WHERE id % 2 = 0")
    elif step == 3:
        m = Migration(version, f"update_{t}")
        m.add(f"-- bump every row that has a note; the others keep qty\n"
              f"UPDATE {t} SET qty = qty + 1, note = 'bumped; ''twice''' WHERE note IS NOT NULL")
    else:
        m = Migration(version, f"trigger_on_{t}")
        for sql, is_compound in compound(dialect, t, version):
            m.add(sql, is_compound)
    k = 0
    while len(m.statements) < stmts:
        m.add(insert_rows(t, version, k))
        k += 1
    return m


def checksum(text):
    """Flyway's checksum: CRC-32 over the file's lines without their line ends, as a signed int."""
    crc = zlib.crc32(text.replace("\r", "").replace("\n", "").encode("utf-8"))
    return crc - (1 << 32) if crc >= 1 << 31 else crc


def history_table(dialect):
    if dialect == "postgres":
        return ('CREATE TABLE flyway_schema_history (\n'
                '    installed_rank INT NOT NULL,\n    version VARCHAR(50),\n    description VARCHAR(200) NOT NULL,\n'
                '    type VARCHAR(20) NOT NULL,\n    script VARCHAR(1000) NOT NULL,\n    checksum INTEGER,\n'
                '    installed_by VARCHAR(100) NOT NULL,\n    installed_on TIMESTAMP NOT NULL DEFAULT now(),\n'
                '    execution_time INTEGER NOT NULL,\n    success BOOLEAN NOT NULL\n);\n'
                'ALTER TABLE flyway_schema_history ADD CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank);\n'
                'CREATE INDEX flyway_schema_history_s_idx ON flyway_schema_history (success);\n')
    if dialect == "mysql":
        return ('CREATE TABLE flyway_schema_history (\n'
                '    installed_rank INT NOT NULL,\n    version VARCHAR(50),\n    description VARCHAR(200) NOT NULL,\n'
                '    type VARCHAR(20) NOT NULL,\n    script VARCHAR(1000) NOT NULL,\n    checksum INT,\n'
                '    installed_by VARCHAR(100) NOT NULL,\n'
                '    installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n'
                '    execution_time INT NOT NULL,\n    success BOOL NOT NULL,\n'
                '    CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank)\n);\n'
                'CREATE INDEX flyway_schema_history_s_idx ON flyway_schema_history (success);\n')
    return ('CREATE TABLE flyway_schema_history (\n'
            '    installed_rank INT NOT NULL PRIMARY KEY,\n    version VARCHAR(50),\n'
            '    description VARCHAR(200) NOT NULL,\n    type VARCHAR(20) NOT NULL,\n'
            '    script VARCHAR(1000) NOT NULL,\n    checksum INT,\n    installed_by VARCHAR(100) NOT NULL,\n'
            "    installed_on TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),\n"
            '    execution_time INT NOT NULL,\n    success BOOLEAN NOT NULL\n);\n'
            'CREATE INDEX flyway_schema_history_s_idx ON flyway_schema_history (success);\n')


def history_row(dialect, m, flyway_text):
    ok = "true" if dialect == "postgres" else "1"
    return ("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
            "installed_by, execution_time, success)\n"
            f"VALUES ({m.version}, '{m.version}', '{m.desc.replace('_', ' ')}', 'SQL', '{m.script}', "
            f"{checksum(flyway_text)}, 'bench', 0, {ok});\n")


def transaction(dialect, whole):
    """What opens and closes a transaction in the raw client's file. MySQL commits at each DDL
    statement anyway; for the whole file, autocommit off keeps its INSERTs together in between."""
    if dialect == "mysql":
        return ("SET autocommit = 0;\n", "COMMIT;\n") if whole else ("START TRANSACTION;\n", "COMMIT;\n")
    return "BEGIN;\n", "COMMIT;\n"


def flyway_dir(out):
    """OUT_DIR/flyway/sql, emptied of the migrations an earlier run left there."""
    path = os.path.join(out, "flyway", "sql")
    os.makedirs(path, exist_ok=True)
    for name in os.listdir(path):
        if name.startswith("V") and name.endswith(".sql"):
            os.remove(os.path.join(path, name))
    return path


def write_set(args, layouts):
    d = args.dialect
    sql_dir = flyway_dir(args.out) if "flyway" in layouts else None
    raw = "raw" in layouts
    if raw:
        all_sql = open(os.path.join(args.out, "all.sql"), "w", encoding="utf-8", newline="\n")
        pertx = open(os.path.join(args.out, "all_pertx.sql"), "w", encoding="utf-8", newline="\n")
        begin, commit = transaction(d, whole=True)
        all_sql.write(begin)
        pertx.write(history_table(d))
    statements = 0
    for version in range(1, args.count + 1):
        m = migration(d, version, args.stmts)
        statements += len(m.statements)
        text = m.flyway_text()
        if sql_dir:
            with open(os.path.join(sql_dir, m.script), "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
        if raw:
            body = m.client_text(d)
            all_sql.write("\n" + body)
            begin, commit = transaction(d, whole=False)
            pertx.write("\n" + begin + body + history_row(d, m, text) + commit)
    if raw:
        all_sql.write(transaction(d, whole=True)[1])
        all_sql.close()
        pertx.close()
    print(f"gen_migrations: {args.count} {d} migrations, {statements} statements, in {args.out}")


def big_create(dialect):
    types = {"postgres": ("BIGINT", "VARCHAR(40)", "VARCHAR(80)", "NUMERIC(12,2)", "TIMESTAMP", "TEXT"),
             "mysql": ("BIGINT", "VARCHAR(40)", "VARCHAR(80)", "DECIMAL(12,2)", "DATETIME", "TEXT"),
             "sqlite": ("INTEGER", "TEXT", "TEXT", "NUMERIC", "TEXT", "TEXT")}[dialect]
    names = ("id", "login", "email", "amount", "seen_at", "note")
    cols = [f"{n} {ty}" for n, ty in zip(names, types)]
    cols[0] += " PRIMARY KEY"
    cols[1] += " NOT NULL"
    return ("CREATE TABLE big_load (\n    " + ",\n    ".join(cols) + "\n)"
            + (" ENGINE=InnoDB" if dialect == "mysql" else "") + ";\n")


def big_inserts(rows):
    """The INSERT statements, one string each, made as they are asked for."""
    row = ("(%d, 'user%08d', 'user%08d@mail.test', %d.%02d, '2024-%02d-%02d 10:%02d:00', "
           "'%d; it''s ok')")
    for first in range(1, rows + 1, BIG_ROWS_PER_INSERT):
        last = min(first + BIG_ROWS_PER_INSERT, rows + 1)
        values = ",\n".join(row % (k, k, k, k % 100000, k % 100, k % 12 + 1, k % 28 + 1, k % 60, k)
                            for k in range(first, last))
        yield "INSERT INTO big_load (id, login, email, amount, seen_at, note) VALUES\n" + values + ";\n"


def write_big(args, layouts):
    d = args.dialect
    begin, commit = transaction(d, whole=True)
    outs, raw = [], None
    if "flyway" in layouts:
        outs.append(open(os.path.join(flyway_dir(args.out), "V1__big_load.sql"), "w", encoding="utf-8", newline="\n"))
    if "raw" in layouts:
        raw = open(os.path.join(args.out, "all.sql"), "w", encoding="utf-8", newline="\n")
        raw.write(begin)
        outs.append(raw)
    head = f"-- one big migration: {args.big_rows} rows; {BIG_ROWS_PER_INSERT} rows per INSERT\n" + big_create(d)
    for chunk in itertools.chain([head], big_inserts(args.big_rows)):
        for f in outs:
            f.write(chunk)
    if raw:
        raw.write(commit)
    for f in outs:
        f.close()
    print(f"gen_migrations: one {d} migration of {args.big_rows} rows, in {args.out}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", metavar="OUT_DIR")
    parser.add_argument("--dialect", required=True, choices=("postgres", "mysql", "sqlite"))
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--count", type=int, help="number of migrations")
    size.add_argument("--big-rows", type=int, help="one migration of this many rows instead")
    parser.add_argument("--stmts", type=int, default=5, help="statements per migration (default 5)")
    parser.add_argument("--layouts", default="flyway,raw", help="flyway, raw or both, comma-separated")
    args = parser.parse_args()
    layouts = {name for name in args.layouts.split(",") if name}
    if not layouts or layouts - {"flyway", "raw"}:
        parser.error("--layouts takes flyway, raw or flyway,raw")
    for flag, value in (("--count", args.count), ("--big-rows", args.big_rows), ("--stmts", args.stmts)):
        if value is not None and value < 1:
            parser.error(f"{flag} must be at least 1")
    os.makedirs(args.out, exist_ok=True)
    if args.big_rows:
        write_big(args, layouts)
    else:
        write_set(args, layouts)


if __name__ == "__main__":
    sys.exit(main())
