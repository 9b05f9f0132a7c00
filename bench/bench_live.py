#!/usr/bin/env python
"""Live status latency: commit → table model updated in N listening clients, beside raw NOTIFY fan-out.

    python bench/bench_live.py [--clients 50] [--changes 500] [--database-url SUPERUSER_URL]

Every client is a separate OS process (``multiprocessing``, spawn) standing in for one desktop:
a ``QApplication`` (offscreen), the production :class:`~app.live.listener.ChangeListener` (its own
QThread and autocommit LISTEN connection), a :class:`~app.live.feed.LiveFeed` with the production
coalescing window, a subscription to ``stock_level`` and a real ``QAbstractTableModel`` over the
stock rows (loaded with one SELECT at start; on every ChangeSet it re-fetches only the affected
rows with one query on its own connection and emits ``dataChanged`` for them). Each process also
runs a plain psycopg2 LISTEN connection in a thread on a channel of its own: the raw fan-out
baseline.

Once every client reports ready, the writer (this process) first sends ``--changes`` plain
NOTIFYs on the baseline channel, then commits ``--changes`` changes at a steady pace, each a
single ``UPDATE stock_level SET reorder_point = <change number>`` of one row in its own
transaction. The wall clock (``time.time()``, one clock for every process on the machine) is
taken right after the commit (or the NOTIFY statement) returns; clients note the time their
model emitted ``dataChanged`` for the row carrying that number (or the time the NOTIFY was read).
Printed: p50 / p95 / p99 / max of both, their ratio, lost or duplicated changes (every client
must see every change exactly once, checked by change number and by change_log seq), where the
time goes (NOTIFY delivery, the queued signal hop to the GUI thread, the coalescing window, the
re-fetch) and how busy the machine was. Nothing is asserted: the issue's goal is p99 ≤ 50 ms
end to end.

Each client process starts a session of its own (``setsid``): with the kernel's autogroup
scheduling CPU is shared between sessions, every PostgreSQL backend is a session of its own, and
50 clients left in the benchmark's session would share one scheduling slot against each busy
backend and every other session on the machine (``--same-session`` measures that case).
``--processes P`` (< clients) hosts several clients per process (each with its own listener
thread, connections and model, sharing the process's GUI thread); the output says so.

Without ``--database-url`` (or ``OP_BENCH_DATABASE_URL``) a temporary embedded PostgreSQL is
started (max_connections raised to fit 3 connections per client) and deleted afterwards. With
it, a scratch database ``opbench_live_<tag>`` is created and dropped afterwards (``--keep``
keeps it); the server must allow 3 connections per client.
"""

from __future__ import annotations

import argparse
import inspect
import math
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

from app.db.engine import psycopg2_dsn  # noqa: E402
from bench.live_latency.analysis import analyse  # noqa: E402
from bench.live_latency.client import RAW_CHANNEL  # noqa: E402
from bench.live_latency.fleet import Fleet  # noqa: E402
from bench.live_latency.report import print_report  # noqa: E402
from bench.live_latency.writer import commit_changes, raise_writer_priority, send_raw  # noqa: E402
from bench.machine import CpuMeter, load_average  # noqa: E402
from bench.scratch import Server, start_server  # noqa: E402

CONNECTIONS_PER_CLIENT = 3          # live listener, model, raw baseline listener


def default_window_ms() -> int:
    """The production coalescing window (LiveFeed's default), without importing Qt here."""
    from app.live.feed import LiveFeed

    return int(inspect.signature(LiveFeed.__init__).parameters["window_ms"].default)


def ensure_connections(server: Server, needed: int, step) -> int:
    """max_connections fit for ``needed`` more connections (raised and restarted when embedded)."""
    conn = server.connect()
    with conn.cursor() as cur:
        cur.execute("SELECT current_setting('max_connections')::int, current_setting('superuser_reserved_connections')::int, "
                    "(SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')")
        limit, reserved, used = cur.fetchone()
        # Superusers may also use the reserved slots; leave those for the administrator anyway.
        free = limit - reserved - used
        if free >= needed:
            conn.close()
            return limit
        if server.embedded is None:
            conn.close()
            raise SystemExit(f"the server allows {limit} connections ({used} in use, {reserved} reserved); "
                             f"the benchmark needs {needed} more: raise max_connections or use fewer --clients")
        wanted = needed + used + reserved + 20
        step(f"raising max_connections of the embedded server from {limit} to {wanted} (restart)")
        cur.execute(sql.SQL("ALTER SYSTEM SET max_connections = {}").format(sql.Literal(wanted)))
    conn.close()
    server.embedded.halt()
    server.embedded.resume()
    return wanted


def build_database(server: Server, database: str, rows: int, seed: int) -> list[int]:
    """Create, migrate, and load products × warehouses = ``rows`` stock rows; returns their ids."""
    server.create_database(database)
    warehouses = 10 if rows >= 10 else 1
    products = math.ceil(rows / warehouses)
    conn = server.connect(database)
    with conn.cursor() as cur:
        cur.execute("SELECT set_config('orderpilot.stock_reason', 'opening balance', false)")
        cur.execute("INSERT INTO product_family (code, name) VALUES ('PUMP', 'Pumps') RETURNING id")
        family = cur.fetchone()[0]
        cur.execute("INSERT INTO product (sku, name, family_id, list_price) "
                    "SELECT format('P-%%s', lpad(g::text, 4, '0')), format('Centrifugal pump CP-%%s', g), %s, 100 + g "
                    "FROM generate_series(1, %s) g", (family, products))
        cur.execute("INSERT INTO warehouse (code, name) SELECT format('W%%s', lpad(g::text, 2, '0')), "
                    "format('Warehouse %%s', g) FROM generate_series(1, %s) g", (warehouses,))
        cur.execute("""
            INSERT INTO stock_level (product_id, warehouse_id, on_hand, reorder_point)
            SELECT p.id, w.id, (hashtext(p.sku || w.code || %s::text) & 1023) + 1, 0
            FROM product p CROSS JOIN warehouse w ORDER BY p.id, w.id LIMIT %s""", (seed, rows))
        cur.execute("SELECT id FROM stock_level ORDER BY id")
        ids = [r[0] for r in cur.fetchall()]
    conn.close()
    return ids


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50, help="listening clients (default 50)")
    parser.add_argument("--changes", type=int, default=500, help="measured changes and raw NOTIFYs (default 500)")
    parser.add_argument("--processes", type=int, default=None,
                        help="client processes (default: one per client; fewer hosts several clients per process)")
    parser.add_argument("--warmup", type=int, default=20, help="changes before the measured ones (default 20)")
    parser.add_argument("--interval-ms", type=float, default=20, help="pace of the writer (default 20 ms)")
    parser.add_argument("--window-ms", type=int, default=None, help="LiveFeed coalescing window (default: production's)")
    parser.add_argument("--same-session", action="store_true",
                        help="keep the client processes in this session (default: each its own session, so that "
                             "autogroup scheduling treats them as separate desktops)")
    parser.add_argument("--rows", type=int, default=200, help="stock rows in the watched table (default 200)")
    parser.add_argument("--database-url", default=os.environ.get("OP_BENCH_DATABASE_URL"),
                        help="superuser URL of an existing server (default: OP_BENCH_DATABASE_URL, "
                             "else a temporary embedded server)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database (external server)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.clients < 1 or args.changes < 1 or args.rows < 1 or args.warmup < 0 or args.interval_ms < 0:
        parser.error("--clients, --changes and --rows must be ≥ 1; --warmup and --interval-ms ≥ 0")
    args.processes = args.clients if args.processes is None else max(1, min(args.processes, args.clients))
    if args.window_ms is None:
        args.window_ms = default_window_ms()
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tag = secrets.token_hex(3)
    database = f"opbench_live_{tag}"
    step = lambda message: print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)  # noqa: E731
    loads: dict = {"loadavg": load_average(sep=" / ")}
    step("starting a temporary embedded PostgreSQL" if not args.database_url else "using --database-url")
    server = start_server(args.database_url, keep=args.keep, prefix="orderpilot-bench-live-")
    fleet = None
    try:
        ensure_connections(server, args.clients * CONNECTIONS_PER_CLIENT + 4, step)
        step(f"creating, migrating and loading {database} ({args.rows} stock rows)")
        stock_ids = build_database(server, database, args.rows, args.seed)
        dsn = psycopg2_dsn(server.url(database))
        conn = server.connect(database)
        with conn.cursor() as cur:
            cur.execute("SELECT split_part(current_setting('server_version'), ' ', 1), current_setting('max_connections'), "
                        "current_setting('synchronous_commit'), current_setting('fsync')")
            version, max_conn, sync, fsync = cur.fetchone()
        conn.close()
        kind = "embedded (temporary)" if server.embedded is not None else "--database-url"
        description = (f"PostgreSQL {version}, {kind}; max_connections={max_conn}, synchronous_commit={sync}, "
                       f"fsync={fsync}; client processes and server share one machine with {os.cpu_count()} CPUs")
        meter = CpuMeter(server.postmaster_pid())
        loads["idle_before"] = meter.busy_share(1.0)

        total = args.warmup + args.changes
        settings = dict(window_ms=args.window_ms, changes_total=total, raw_total=total,
                        own_session=not args.same_session)
        fleet = Fleet(args.clients, args.processes, dsn, settings)
        step(f"starting {args.clients} clients in {args.processes} processes")
        fleet.start()
        meter.pids = [p.pid for p in fleet.processes]
        if not fleet.wait(lambda: len(fleet.ready) == len(fleet.processes), 300):
            raise SystemExit(f"only {len(fleet.ready)} of {len(fleet.processes)} client processes became ready")
        step("all clients connected; letting them settle")
        time.sleep(1.0)
        loads["idle_clients"] = meter.busy_share(2.0)
        interval = args.interval_ms / 1000
        priority = raise_writer_priority()     # after spawning: the clients must not inherit it

        step(f"raw fan-out: {total} NOTIFYs on {RAW_CHANNEL}")
        before = meter.sample()
        raw_called, raw_returned, raw_elapsed = send_raw(dsn, total, interval)
        fleet.wait(lambda: len(fleet.raw_complete) >= args.clients, 30)
        loads["raw"] = CpuMeter.spent(before, meter.sample())
        raw_incomplete = args.clients - len(fleet.raw_complete)
        time.sleep(0.5)

        step(f"end to end: {total} committed changes of stock_level, one every {args.interval_ms:g} ms")
        before = meter.sample()
        commit_called, commit_returned, seq_of, e2e_elapsed = commit_changes(dsn, stock_ids, total, interval)
        fleet.wait(lambda: len(fleet.complete) >= args.clients, 30)
        loads["e2e"] = CpuMeter.spent(before, meter.sample())
        incomplete = args.clients - len(fleet.complete)

        step("collecting")
        fleet.finish()
        if fleet.errors:
            raise SystemExit("a client failed:\n" + fleet.errors[0])
        stats = analyse(fleet, args.warmup, total, dict(
            commit_called=commit_called, commit_returned=commit_returned, seq_of=seq_of,
            raw_called=raw_called, raw_returned=raw_returned))
        timing = dict(e2e_rate=total / e2e_elapsed, raw_rate=total / raw_elapsed, incomplete=incomplete,
                      raw_incomplete=raw_incomplete, priority=priority)
        print_report(args, description, fleet, stats, loads, timing)
    finally:
        if fleet is not None:
            if not fleet.results:
                fleet.finish(10)
            fleet.close()
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
