"""The order throughput report: the table of orders/s against pgbench tps, then details per round."""

from __future__ import annotations

import os
import statistics
from collections import Counter

from bench.order_throughput.company import APPROVAL_DISCOUNT_OVER, APPROVAL_TOTAL_OVER, CUSTOMERS, PRODUCTS, WAREHOUSES
from bench.order_throughput.writers import RoundResult
from bench.scratch import Server
from bench.timing import percentile


def server_description(server: Server) -> str:
    conn = server.connect()
    with conn.cursor() as cur:
        cur.execute("SHOW server_version")
        version = cur.fetchone()[0]
        cur.execute("SELECT current_setting('synchronous_commit'), current_setting('fsync'), "
                    "current_setting('shared_buffers')")
        sync, fsync, buffers = cur.fetchone()
    conn.close()
    kind = "embedded (temporary)" if server.embedded is not None else "--database-url"
    return (f"PostgreSQL {version.split()[0]}, {kind}; synchronous_commit={sync}, fsync={fsync}, "
            f"shared_buffers={buffers}; client and server on one machine with {os.cpu_count()} CPUs")


def print_report(results: list[RoundResult], seconds: float, scale: int, description: str,
                 idle_load: float | None) -> None:
    print()
    print("OrderPilot order throughput vs pgbench TPC-B, same server, same run")
    print(f"  server: {description}")
    if idle_load is not None:
        print(f"  machine busy before the run (other processes): {100 * idle_load:.0f} %"
              + ("  ← WARNING: other load on this machine skews every figure below" if idle_load > 0.1 else ""))
    print(f"  {seconds:g} s per measurement; pgbench -i -s {scale}, pgbench -c N -j min(N,2) -M prepared")
    print(f"  master data: {len(CUSTOMERS)} customers, {len(PRODUCTS)} products "
          f"({sum(1 for p in PRODUCTS if p[7] and any(p[7]))} scarce, "
          f"{sum(1 for p in PRODUCTS if p[3] == 'make_to_order')} make-to-order), {len(WAREHOUSES)} warehouses; "
          f"approval by op_approver when total > {APPROVAL_TOTAL_OVER:,} or a discount > {APPROVAL_DISCOUNT_OVER} %")
    print("  writer = thread with its own engines as its own sales login (+ approver logins); one Python process")
    print()
    header = ("writers", "orders/s", "pgbench tps (same clients)", "ratio", "p50 ms", "p95 ms", "oversell")
    rows = []
    for r in results:
        totals = [c.total_ms for c in r.completed]
        ratio = f"{r.orders_per_s / r.pgbench_tps:.3f}" if r.pgbench_tps else "n/a"
        oversold = "none" if not any(r.oversell.values()) else "YES: " + ", ".join(
            f"{k} ×{v}" for k, v in r.oversell.items() if v)
        rows.append((str(r.writers), f"{r.orders_per_s:.1f}",
                     f"{r.pgbench_tps:.0f}" if r.pgbench_tps else f"n/a {r.pgbench_note}"[:40],
                     ratio, f"{percentile(totals, 0.5):.1f}", f"{percentile(totals, 0.95):.1f}", oversold))
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
    print(" | ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("-+-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(v.rjust(w) if i < 6 else v.ljust(w) for i, (v, w) in enumerate(zip(row, widths))))
    print()
    print("Details per writer count")
    for r in results:
        n = len(r.cycles)
        approved = [c for c in r.cycles if c.approve_ms is not None]
        statuses = Counter(c.status for c in r.cycles)
        mean = (lambda xs: statistics.fmean(xs) if xs else float("nan"))
        print(f"  {r.writers} writer(s): {len(r.completed)} orders completed of {n} in {r.elapsed:.1f} s, "
              f"errors {len(r.errors)}; "
              f"needed approval {len(approved)} ({100 * len(approved) / max(n, 1):.0f} %), "
              f"short of stock {sum(c.short for c in r.cycles)}; final status "
              + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
        print(f"      mean ms: create {mean([c.create_ms for c in r.cycles]):.1f}, "
              f"submit {mean([c.submit_ms for c in r.cycles]):.1f}, "
              f"approve {mean([c.approve_ms for c in approved]):.1f} (when needed); "
              f"p99 cycle {percentile([c.total_ms for c in r.cycles], 0.99):.1f} ms; "
              f"SQL statements/order {r.statements / max(n, 1):.1f}, "
              f"transactions/order {(2 * n + len(approved)) / max(n, 1):.2f} "
              f"(+ {r.checkouts / max(n, 1):.2f} pool pre-pings)")
        if r.cpu is not None and n:
            c = r.cpu
            server = f"server {1000 * c.server / n:.1f} ms/order, " if c.server is not None else ""
            print(f"      CPU: client (this Python process) {1000 * c.own / n:.1f} ms/order "
                  f"({100 * c.own / c.wall:.0f} % of one core), {server}"
                  f"other processes {100 * c.other() / c.wall:.0f} % of one core; "
                  f"machine {100 * c.machine / c.wall / (os.cpu_count() or 1):.0f} % busy")
        if r.pgbench_cpu is not None and r.pgbench_tps:
            c, tx = r.pgbench_cpu, r.pgbench_tps * r.pgbench_cpu.wall
            server = f"server {1000 * c.server / tx:.3f} ms/tx, " if c.server is not None else ""
            print(f"      pgbench: latency avg {r.pgbench_latency_ms:.2f} ms, {server}"
                  f"pgbench client {1000 * c.children / tx:.3f} ms/tx, other processes "
                  f"{100 * c.other() / c.wall:.0f} % of one core; machine "
                  f"{100 * c.machine / c.wall / (os.cpu_count() or 1):.0f} % busy")
            if c.server and r.cpu is not None and r.cpu.server and n:
                print(f"      server CPU of one order = {(r.cpu.server / n) / (c.server / tx):.0f} TPC-B transactions")
        for message, count in Counter(r.errors).most_common(5):
            print(f"      error ×{count}: {message}")
        print("      stock check: " + ", ".join(f"{k}: {v}" for k, v in r.oversell.items()))
    print()
    print("Note: one order is not one transaction. It is 2–3 application transactions (create, submit,")
    print("approve when needed) issuing the SQL statements counted above, each firing guard, history,")
    print("change-feed and ledger triggers; one pgbench TPC-B transaction is 5 statements on 4 tables.")
    print("ratio = orders/s ÷ pgbench tps with as many clients as writers (issue goal: ≥ 0.1 with 4 writers).")
