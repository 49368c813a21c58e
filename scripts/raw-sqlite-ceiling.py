#!/usr/bin/env python3
"""The raw SQLite engine on Daiyun's own tables, indexes and rows: the ceiling of the SQLite
import and export-file figures that `daiyun bench` prints.

    .build/release/daiyun bench --no-flash-sale --no-sync --keep-sqlite /tmp/bench.sqlite
    python3 scripts/raw-sqlite-ceiling.py /tmp/bench.sqlite [--runs 3]

Copies the schema of the order tables and their parents from the kept database into an empty
file with the settings Daiyun uses (8 KiB pages, WAL, foreign keys on, a 64 MiB cache for a bulk
write), then inserts the kept rows in one transaction, one prepared statement per table. That is
the engine with nothing else to do: no file to parse, no lookups, no merging. Uses apsw when it is
installed (it bundles the SQLite version SQLiteNIO bundles), else Python's sqlite3 (the system's).
"""
import argparse
import os
import statistics
import sys
import tempfile
import time

try:
    import apsw
except ImportError:
    apsw = None
import sqlite3

FACTS = ["orders", "order_lines", "order_status_history", "refunds"]
ROLLUPS = ["store_day_sales", "sku_day_sales", "store_day_buyers", "store_month_sales"]
PARENTS = ["stores", "source_records"]


def read(path):
    """The schema (tables first) and rows, in insertion order, of the parents and fact tables."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    names = ", ".join(f"'{t}'" for t in PARENTS + FACTS + ROLLUPS)
    tables = [r[0] for r in db.execute(f"SELECT sql FROM sqlite_master WHERE type = 'table' AND name IN ({names})")]
    indexes = {t: [r[0] for r in db.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = ?", (t,))]
               for t in FACTS + ROLLUPS}
    rows = {t: db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in PARENTS + FACTS}
    # The bench copies the store's rollups to 49 more stores for the overview: the import's are the first store's.
    store = db.execute("SELECT store_id FROM orders LIMIT 1").fetchone()[0]
    for t in ROLLUPS:
        rows[t] = db.execute(f"SELECT * FROM {t} WHERE store_id = ? ORDER BY rowid", (store,)).fetchall()
    db.close()
    return tables, indexes, rows


class Connection:
    """The few calls the measurement makes, on apsw or on Python's sqlite3."""

    def __init__(self, path):
        self.db = apsw.Connection(path) if apsw else sqlite3.connect(path, isolation_level=None)

    def execute(self, text):
        for _ in self.db.execute(text):
            pass

    def insert(self, table, rows):
        self.db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)


def measure(schema, rows, tables, with_indexes=True):
    """Seconds to insert `tables`' rows into an empty copy, from BEGIN to the end of COMMIT."""
    tables_sql, indexes = schema
    folder = tempfile.mkdtemp(prefix="daiyun-raw-")
    path = os.path.join(folder, "raw.sqlite")
    db = Connection(path)
    db.execute("PRAGMA page_size = 8192")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA cache_size = -65536")
    for sql in tables_sql:
        db.execute(sql)
    if with_indexes:
        for table in FACTS + ROLLUPS:
            for sql in indexes[table]:
                db.execute(sql)
    for table in PARENTS:
        db.insert(table, rows[table])
    db.execute("PRAGMA foreign_keys = ON")
    start = time.perf_counter()
    db.execute("BEGIN")
    for table in tables:
        if rows[table]:
            db.insert(table, rows[table])
    db.execute("COMMIT")
    seconds = time.perf_counter() - start
    db.db.close()
    for suffix in ["", "-wal", "-shm"]:
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    os.rmdir(folder)
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database", help="a database kept by `daiyun bench --keep-sqlite`")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not os.path.exists(args.database):
        sys.exit(f"no such file: {args.database}")
    try:
        tables, indexes, rows = read(args.database)
    except sqlite3.DatabaseError as error:
        sys.exit(f"{args.database}: not a Daiyun SQLite database ({error})")
    if not rows["orders"]:
        sys.exit(f"{args.database} holds no orders: keep the database of `daiyun bench --keep-sqlite`")
    driver = f"apsw {apsw.apswversion()}, SQLite {apsw.sqlitelibversion()}" if apsw else f"Python sqlite3, SQLite {sqlite3.sqlite_version}"
    counted = len(rows["orders"]) + len(rows["order_lines"]) + len(rows["refunds"])
    orders = len(rows["orders"])
    print(f"raw SQLite ({driver}); {orders} orders, {len(rows['order_lines'])} lines, {len(rows['refunds'])} refunds, "
          f"{len(rows['order_status_history'])} statuses; best and median of {args.runs} runs")
    cases = [
        ("import (as the bench counts rows)", FACTS, True, counted, "rows"),
        ("import, unique keys only", FACTS, False, counted, "rows"),
        ("import with the rollups' final rows", FACTS + ROLLUPS, True, counted, "rows"),
        ("export-file writes (orders, first status)", ["orders", "order_status_history"], True, orders, "orders"),
    ]
    best = {}
    for name, written, with_indexes, count, unit in cases:
        times = [measure((tables, indexes), rows, written, with_indexes) for _ in range(args.runs)]
        best[name], median = min(times), statistics.median(times)
        print(f"{name:44s} {count:9d} {unit} in {best[name]:5.2f} s = {count / best[name]:9.0f} {unit}/s  (median {count / median:.0f})")
    # The rollup goal is import throughput with rollups at 0.85x the same import without them: the
    # engine's own ratio, writing each rollup row once, is the most any writer can reach.
    rollup_rows = sum(len(rows[t]) for t in ROLLUPS)
    ratio = best["import (as the bench counts rows)"] / best["import with the rollups' final rows"]
    print(f"{'rollups: with / without, raw engine':44s} {rollup_rows:9d} rollup rows: {ratio:.2f}x")


if __name__ == "__main__":
    main()
