#!/usr/bin/env python3
"""The raw SQLite engine on Daiyun's own tables, indexes and rows: the ceiling of the SQLite
import, export-file and rollup-rebuild figures that `daiyun bench` prints.

    .build/release/daiyun bench --no-flash-sale --no-sync --keep-sqlite /tmp/bench.sqlite
    python3 scripts/raw-sqlite-ceiling.py /tmp/bench.sqlite [--runs 3]
    python3 scripts/raw-sqlite-ceiling.py /tmp/bench.sqlite --rebuild

With `--rebuild`, on a copy of the file: the rollup rebuild's own statements (remove the store's
rollups, then group its orders, lines and refunds into them, and its months' distinct buyers),
in one transaction, with nothing else to do; `daiyun rollups rebuild` also counts the buyer
windows and new buyers from the buyer days, in Swift.

Copies the schema of the order tables and their parents from the kept database into an empty
file with the settings Daiyun uses (8 KiB pages, WAL, foreign keys on, a 64 MiB cache for a bulk
write), then inserts the kept rows in one transaction, one prepared statement per table. That is
the engine with nothing else to do: no file to parse, no lookups, no merging. Uses apsw when it is
installed (it bundles the SQLite version SQLiteNIO bundles), else Python's sqlite3 (the system's).
"""
import argparse
import os
import shutil
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


REBUILD = [
    "DELETE FROM store_day_sales WHERE store_id = :store",
    "DELETE FROM sku_day_sales WHERE store_id = :store",
    "DELETE FROM store_day_buyers WHERE store_id = :store",
    "DELETE FROM store_month_sales WHERE store_id = :store",
    """INSERT INTO store_day_buyers (store_id, buyer, day, orders, gmv_fen)
       SELECT store_id, buyer_nick, counted_day, COUNT(*), SUM(payment_fen) FROM orders
       WHERE store_id = :store AND counted_day IS NOT NULL GROUP BY store_id, buyer_nick, counted_day""",
    """INSERT INTO store_day_sales (store_id, day, orders, gmv_fen, buyers, new_buyers, refunds, refund_fen, buyers_7d, buyers_30d,
           month_first_buyers, receipts, receipt_fen, receipt_refund_fen)
       SELECT store_id, day, SUM(orders), SUM(gmv_fen), SUM(buyers), 0, SUM(refunds), SUM(refund_fen), 0, 0, 0, SUM(receipts),
           SUM(receipt_fen), SUM(receipt_refund_fen) FROM (
         SELECT store_id, day, orders, gmv_fen, 1 AS buyers, 0 AS refunds, 0 AS refund_fen, 0 AS receipts, 0 AS receipt_fen,
             0 AS receipt_refund_fen FROM store_day_buyers WHERE store_id = :store
         UNION ALL SELECT store_id, completed_day, 0, 0, 0, 1, refund_fee_fen, 0, 0, 0 FROM refunds
           WHERE store_id = :store AND completed_day IS NOT NULL
         UNION ALL SELECT store_id, confirmed_day, 0, 0, 0, 0, 0, 1, payment_fen, 0 FROM orders
           WHERE store_id = :store AND confirmed_day IS NOT NULL
         UNION ALL SELECT r.store_id, o.confirmed_day, 0, 0, 0, 0, 0, 0, 0, r.refund_fee_fen
           FROM refunds r JOIN orders o ON o.store_id = r.store_id AND o.tid = r.tid
           WHERE r.store_id = :store AND r.completed_day IS NOT NULL AND o.confirmed_day IS NOT NULL
       ) GROUP BY store_id, day""",
    """INSERT INTO sku_day_sales (store_id, day, outer_sku_id, quantity, sales_fen, refunds, refund_fen)
       SELECT store_id, day, outer_sku_id, SUM(quantity), SUM(sales_fen), SUM(refunds), SUM(refund_fen) FROM (
         SELECT l.store_id, o.counted_day AS day, l.outer_sku_id, l.quantity, l.payment_fen AS sales_fen, 0 AS refunds,
             0 AS refund_fen
           FROM order_lines l JOIN orders o ON o.store_id = l.store_id AND o.tid = l.tid
           WHERE l.store_id = :store AND o.counted_day IS NOT NULL
         UNION ALL SELECT r.store_id, r.completed_day, l.outer_sku_id, 0, 0, 1, r.refund_fee_fen
           FROM refunds r JOIN order_lines l ON l.store_id = r.store_id AND l.oid = r.oid
           WHERE r.store_id = :store AND r.completed_day IS NOT NULL
       ) GROUP BY store_id, day, outer_sku_id""",
    """INSERT INTO store_month_sales (store_id, month, buyers)
       SELECT store_id, substr(day, 1, 7), COUNT(DISTINCT buyer) FROM store_day_buyers WHERE store_id = :store
       GROUP BY store_id, substr(day, 1, 7)""",
]


def rebuild(path):
    """Seconds for the rebuild's statements on a copy of the database, and the store's lines."""
    folder = tempfile.mkdtemp(prefix="daiyun-raw-")
    copy = os.path.join(folder, "rebuild.sqlite")
    shutil.copyfile(path, copy)
    db = sqlite3.connect(copy, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA cache_size = -65536")
    db.execute("PRAGMA temp_store = MEMORY")
    store = db.execute("SELECT store_id FROM orders GROUP BY store_id ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
    lines = db.execute("SELECT COUNT(*) FROM order_lines WHERE store_id = ?", (store,)).fetchone()[0]
    start = time.perf_counter()
    db.execute("BEGIN")
    for statement in REBUILD:
        db.execute(statement, {"store": store})
    db.execute("COMMIT")
    seconds = time.perf_counter() - start
    db.close()
    shutil.rmtree(folder)
    return seconds, lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database", help="a database kept by `daiyun bench --keep-sqlite`")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true", help="measure the rollup rebuild's statements instead")
    args = parser.parse_args()
    if not os.path.exists(args.database):
        sys.exit(f"no such file: {args.database}")
    if args.rebuild:
        seconds, lines = rebuild(args.database)
        print(f"raw SQLite {sqlite3.sqlite_version}: rollup rebuild statements  {lines:9d} lines in {seconds:6.2f} s = {lines / seconds:9.0f} lines/s")
        return
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
