#!/usr/bin/env python3
"""Multiplies the order facts of a database kept by `daiyun bench --keep-sqlite`, to measure the
rollup rebuild at millions of lines on this machine's disk:

    .build/release/daiyun bench --no-flash-sale --no-sync --keep-sqlite /tmp/bench.sqlite
    python3 scripts/scale-bench-sqlite.py /tmp/bench.sqlite /tmp/bench-x10.sqlite --times 10
    .build/release/daiyun rollups rebuild --db /tmp/bench-x10.sqlite --store "Bench store"
    python3 scripts/raw-sqlite-ceiling.py /tmp/bench-x10.sqlite --rebuild

Copies the file, then adds `--times` − 1 copies of the bench store's orders, lines and refunds,
each with new ids and its keys (order number, sub-order, refund id, buyer nick) suffixed `#k`: as
many buyers, orders and lines again on the same days, as a store ten times the size would have.
"""
import argparse
import os
import shutil
import sqlite3
import sys
import time

# The columns that key a copied row; the id is made unique from the row's rowid and the copy.
KEYS = {
    "orders": ["tid", "buyer_nick"],
    "order_lines": ["tid", "oid"],
    "refunds": ["tid", "oid", "refund_id"],
}


def copy_rows(db, table, store, k):
    columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
    values = []
    for column in columns:
        if column == "id":
            values.append(f"substr(id, 1, 24) || printf('%012X', rowid * 100 + {k})")
        elif column in KEYS[table]:
            values.append(f"{column} || '#{k}'")
        else:
            values.append(column)
    db.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} FROM {table} "
        f"WHERE store_id = ? AND {KEYS[table][0]} NOT LIKE '%#%' ORDER BY rowid",
        (store,),
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database", help="a database kept by `daiyun bench --keep-sqlite`")
    parser.add_argument("copy", help="the new, larger database")
    parser.add_argument("--times", type=int, default=10)
    args = parser.parse_args()
    if not os.path.exists(args.database):
        sys.exit(f"no such file: {args.database}")
    if os.path.exists(args.copy):
        sys.exit(f"{args.copy} exists: give a new path")
    shutil.copyfile(args.database, args.copy)
    db = sqlite3.connect(args.copy, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA cache_size = -262144")
    store = db.execute("SELECT store_id FROM orders GROUP BY store_id ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
    start = time.perf_counter()
    db.execute("BEGIN")
    for k in range(1, args.times):
        for table in KEYS:
            copy_rows(db, table, store, k)
        print(f"copy {k} of {args.times - 1} written ({time.perf_counter() - start:.0f} s)", flush=True)
    db.execute("COMMIT")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {t: db.execute(f"SELECT COUNT(*) FROM {t} WHERE store_id = ?", (store,)).fetchone()[0] for t in KEYS}
    print(f"{args.copy}: store {store} holds {counts['orders']} orders, {counts['order_lines']} lines, "
          f"{counts['refunds']} refunds ({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
