#!/usr/bin/env python
"""Demo-data load speed: orders/s of ``load_demo_data`` into a fresh, migrated database.

    python bench/bench_demo_data.py [--orders 100000] [--seed 7] [--batch-size 50000] [--workers 2] [--keep]

Without ``OP_BENCH_DATABASE_URL`` a temporary embedded PostgreSQL is started and deleted
afterwards. With it (a superuser URL, e.g. postgresql://postgres@127.0.0.1:5432/postgres) the
benchmark creates a scratch database ``opbench_demo_<tag>`` on that server and drops it afterwards
(``--keep`` keeps it). The demo logins (demo_*) are cluster-wide roles and stay.

Printed: elapsed seconds, orders/s and lines/s of the load (migration excluded), the orders per
status, and what the rules wrote on the way (history, approvals, stock moves, change log) with
the database size. Figures are measured, not judged.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")

from psycopg2 import sql  # noqa: E402

from app.db.engine import make_engine  # noqa: E402
from app.db.migrate import upgrade  # noqa: E402
from app.services.demo_data import load_demo_data  # noqa: E402
from app.services.demo_data.loader import BATCH_SIZE  # noqa: E402
from bench.scratch import start_server  # noqa: E402

COUNTS = (
    ("order lines", "sales_order_line"), ("status history rows", "order_status_history"),
    ("approval requests", "approval_request"), ("approval decisions", "approval_decision"),
    ("stock moves", "stock_move"), ("production orders", "production_order"),
    ("production operations", "production_operation"), ("shipments", "shipment"),
    ("tracking events", "tracking_event"), ("change log rows", "change_log"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    parser.add_argument("--workers", type=int, default=2, choices=(1, 2))
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args(argv)

    server = start_server(os.environ.get("OP_BENCH_DATABASE_URL"), keep=args.keep, prefix="orderpilot-bench-demo-")
    name = f"opbench_demo_{secrets.token_hex(3)}"
    url = server.url(name)
    try:
        server.create_database(name, migrate=False)
        admin = server.connect()
        with admin.cursor() as cur:
            cur.execute("SELECT version()")
            version = cur.fetchone()[0].split(" on ")[0]
        admin.close()
        engine = make_engine(url)
        t0 = time.perf_counter()
        upgrade(engine)
        migrated = time.perf_counter() - t0
        print(f"server: {'embedded (temporary)' if server.embedded else 'OP_BENCH_DATABASE_URL'}, {version}; "
              f"database {name}; migrated in {migrated:.1f} s", flush=True)

        last = [0.0]

        def progress(stage: str, fraction: float) -> None:
            now = time.perf_counter() - t1
            if fraction >= 1.0 or now - last[0] >= 2.0 or "batch" not in stage:
                print(f"  {now:8.1f} s  {fraction:6.1%}  {stage}", file=sys.stderr, flush=True)
                last[0] = now

        t1 = time.perf_counter()
        summary = load_demo_data(engine, orders=args.orders, seed=args.seed, progress=progress,
                                 batch_size=args.batch_size, workers=args.workers)
        elapsed = time.perf_counter() - t1
        engine.dispose()

        print(f"orders:        {summary.orders:,} ({args.workers} worker(s), batches of ≤ {args.batch_size:,})")
        print(f"elapsed:       {elapsed:.1f} s")
        print(f"orders/s:      {summary.orders / elapsed:,.0f}")
        print(f"lines/s:       {summary.lines / elapsed:,.0f}")
        print("by status:     " + ", ".join(f"{k} {v:,}" for k, v in
                                          sorted(summary.by_status.items(), key=lambda kv: -kv[1])))
        check = server.connect(name)
        with check.cursor() as cur:
            for label, table in COUNTS:
                cur.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
                print(f"{label + ':':<22} {cur.fetchone()[0]:,}")
            cur.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            print(f"{'database size:':<22} {cur.fetchone()[0]}")
            cur.execute("SELECT count(*) FROM stock_level WHERE reserved > on_hand OR on_hand < 0")
            print(f"{'stock violations:':<22} {cur.fetchone()[0]}")
        check.close()
    finally:
        if args.keep:
            cluster = f" (embedded cluster in {server.folder})" if server.embedded else ""
            print(f"kept database {name}: {url}{cluster}")
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
