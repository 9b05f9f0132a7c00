"""The live benchmark's report: latency percentiles, delivery, where the time goes, how busy the machine was."""

from __future__ import annotations

import math
import os
import statistics
from pathlib import Path

from bench.live_latency.fleet import Fleet
from bench.machine import CpuSample
from bench.timing import percentile


def row_stats(label: str, values_ms: list[float], width: int = 44) -> str:
    if not values_ms:
        return f"  {label:<{width}} (no samples)"
    return (f"  {label:<{width}} {percentile(values_ms, .5):8.1f} {percentile(values_ms, .95):8.1f} "
            f"{percentile(values_ms, .99):8.1f} {max(values_ms):8.1f} {statistics.fmean(values_ms):8.1f}  n={len(values_ms)}")


def cpu_line(label: str, spent: CpuSample | None, per: int, per_label: str) -> str:
    """Where the CPU went in one phase: clients (watched processes), server, writer (this process), rest."""
    if spent is None:
        return f"  {label}: (no /proc: CPU not measured)"
    cpus = os.cpu_count() or 1
    wall = spent.wall
    server = "n/a (remote)" if spent.server is None else f"{spent.server / wall:.2f}"
    per_text = ""
    if per:
        per_text = (f"; per {per_label}: clients {1000 * spent.watched / per:.1f} ms"
                    + ("" if spent.server is None else f", server {1000 * spent.server / per:.1f} ms"))
    return (f"  {label}: machine {100 * spent.machine / wall / cpus:.0f} % of {cpus} CPUs over {wall:.1f} s; "
            f"CPUs busy with — clients {spent.watched / wall:.2f}, server {server}, writer {spent.own / wall:.2f}, "
            f"other {spent.other() / wall:.2f}{per_text}")


def scheduling_note(args) -> str:
    try:
        autogroup = Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1"
    except OSError:
        autogroup = False
    if not autogroup:
        return "kernel autogroup scheduling off: CPU shared per thread"
    if args.same_session:
        return ("kernel autogroup on and --same-session: all clients share ONE scheduling group, against one group "
                "per PostgreSQL backend and per other session on the machine")
    return "kernel autogroup on: each client process is its own session (own scheduling group), like the server's backends"


def print_report(args, description: str, fleet: Fleet, stats: dict, loads: dict, timing: dict) -> None:
    clients, processes = args.clients, args.processes
    per_process = math.ceil(clients / processes)
    rss = [r["rss_kb"] for r in fleet.results.values()]
    startups = [r["startup"] for r in fleet.ready.values()]
    print()
    print("=" * 100)
    print("OrderPilot live status: commit → table model updated (dataChanged), beside raw NOTIFY fan-out")
    print("=" * 100)
    print(f"server:   {description}")
    if processes == clients:
        layout = f"{clients} separate processes, one client each"
    else:
        layout = (f"{processes} processes hosting {clients} clients (up to {per_process} per process, each with its own "
                  f"listener thread and connections; models share the process's GUI thread) — NOT one process per desktop")
    print(f"clients:  {clients} ({layout}): QApplication offscreen + ChangeListener + "
          f"LiveFeed(window {args.window_ms} ms) + stock model over {args.rows} rows; "
          f"start-up {statistics.fmean(startups):.1f} s mean, {max(startups):.1f} s max"
          + (f"; RSS {statistics.fmean(rss) / 1024:.0f} MB per process" if rss and rss[0] else ""))
    print(f"sched:    {scheduling_note(args)}")
    print(f"changes:  {args.changes} measured (+{args.warmup} warm-up), one UPDATE per transaction every "
          f"{args.interval_ms:g} ms (achieved {timing['e2e_rate']:.1f}/s); raw NOTIFYs: the same count and pace, "
          f"sent before the changes (achieved {timing['raw_rate']:.1f}/s)")
    print(f"clock:    one machine clock, time.time(): in the writer right after commit (NOTIFY) returns "
          f"[\"from return\"] and right before it is called [\"from call\"]; in each client when the model's "
          f"dataChanged slot runs (the LISTEN thread reads the NOTIFY); {timing['priority']}")
    print()
    print(f"  {'latency, ms (all clients × changes)':<44} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8} {'mean':>8}")
    print(row_stats("end to end: commit → model dataChanged", stats.get("e2e", [])))
    print(row_stats("raw NOTIFY fan-out (psycopg2 LISTEN thread)", stats.get("raw", [])))
    print(row_stats("end to end, slowest client per change", stats["e2e_worst"]))
    print(row_stats("raw fan-out, slowest client per message", stats["raw_worst"]))
    print(row_stats("end to end, fastest client per change", stats["e2e_best"]))
    print(row_stats("spread: slowest − fastest client per change", stats["e2e_spread"]))
    print(row_stats("end to end, from call (incl. commit itself)", stats.get("e2e_called", [])))
    print(row_stats("raw fan-out, from call (incl. NOTIFY itself)", stats.get("raw_called", [])))
    print(row_stats("writer: commit round trip (UPDATE's txn)", stats["writer"]["commit"]))
    print(row_stats("writer: NOTIFY round trip (own txn)", stats["writer"]["notify"]))
    e2e, raw = stats.get("e2e", []), stats.get("raw", [])
    if e2e and raw:
        parts = []
        for label, a_values, b_values in (("from return", e2e, raw),
                                          ("from call", stats.get("e2e_called", []), stats.get("raw_called", []))):
            for q in (.5, .99):
                numerator, denominator = percentile(a_values, q), percentile(b_values, q)
                text = f"{numerator / denominator:.1f}×" if denominator >= 0.05 else "n/a (raw ≈ 0)"
                parts.append(f"p{round(q * 100)} {label} {text}")
        print(f"  ratio end to end / raw fan-out: {', '.join(parts)}")
        early = sum(1 for v in raw if v < 0)
        if early:
            print(f"  ({early} raw samples arrived before the writer's NOTIFY call returned: the listeners are "
                  f"signalled during the commit, before its reply reaches the writer)")
    print()
    lost = stats["missing"] + stats["duplicated"] + stats["seq_missing"] + stats["seq_duplicated"] + stats["foreign"]
    print(f"messages lost: {stats['missing']} (change numbers never shown by a client's model; "
          f"{stats['duplicated']} shown twice; listener seqs missing {stats['seq_missing']}, duplicated "
          f"{stats['seq_duplicated']}, unknown {stats['foreign']}) → "
          + ("every client saw every change exactly once" if lost == 0 else "NOT exactly once"))
    print(f"raw NOTIFY lost: {stats['raw_missing']}, duplicated {stats['raw_duplicated']}; "
          f"listener reconnects {stats['state_changes']}, reloads {stats['reloads']}; clients that did not complete "
          f"in time: e2e {timing['incomplete']}, raw {timing['raw_incomplete']}")
    print()
    print(f"  {'where the time goes, ms':<44} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8} {'mean':>8}")
    stage = stats["stage"]
    if "notify" in stage:
        print(row_stats("commit → listener thread reads NOTIFY", stage["notify"]))
        print(row_stats("parse + seq tracking in listener thread", stage["parse"]))
        print(row_stats("queued signal hop → GUI thread", stage.get("hop", [])))
    if "to_gui" in stage:
        print(row_stats("commit → GUI thread (read by heartbeat etc.)", stage["to_gui"]))
    print(row_stats(f"coalescing window ({args.window_ms} ms timer) → ChangeSet", stage.get("window", [])))
    print(row_stats("re-fetch query (GUI thread, own connection)", stage.get("fetch", [])))
    print(row_stats("re-fetch returned → dataChanged", stage.get("emit", [])))
    sizes = stats["batch_sizes"]
    if sizes:
        print(f"  coalescing: {statistics.fmean(stats['batches_per_client']):.0f} re-fetches per client for "
              f"{args.changes + args.warmup} changes ({statistics.fmean(sizes):.2f} rows per re-fetch)")
    if stats["not_instrumented"]:
        print(f"  ({stats['not_instrumented']} processes without listener-thread timing: several clients per "
              f"process, or the listener's internals changed)")
    print()
    print("machine load:")
    if loads.get("loadavg"):
        print(f"  load average before the run: {loads['loadavg']} (1/5/15 min) on {os.cpu_count()} CPUs")
    if loads.get("idle_before") is not None:
        print(f"  before any client started: machine {100 * loads['idle_before']:.0f} % busy (other work on the machine)")
    if loads.get("idle_clients") is not None:
        print(f"  {clients} clients connected and idle: machine {100 * loads['idle_clients']:.0f} % busy")
    print(cpu_line("raw NOTIFY phase", loads.get("raw"), args.changes + args.warmup, "message"))
    print(cpu_line("end-to-end phase", loads.get("e2e"), args.changes + args.warmup, "change"))
    if loads.get("e2e") is not None:
        spent = loads["e2e"]
        demand = (spent.watched + (spent.server or 0) + spent.own) / spent.wall
        print(f"  CPU demand of the benchmark during the changes: {demand:.2f} of {os.cpu_count()} CPUs "
              f"({100 * demand / (os.cpu_count() or 1):.0f} %); the rest of the machine used {spent.other() / spent.wall:.2f}")
    print()
    if e2e:
        p99 = percentile(e2e, .99)
        print(f"goal: p99 ≤ 50 ms end to end — measured p99 {p99:.1f} ms "
              f"({'within' if p99 <= 50 else 'above'} the goal; printed, not asserted)")
