#!/usr/bin/env python
"""Scheduler speed and quality: 10,000 operations over 12 lines, against earliest-due-date.

    python bench/bench_scheduler.py [--operations 10000] [--lines 12] [--load 1.0] [--seed 1] [--repeat 3]

A synthetic plant (no database): 12 lines with one or two shifts on weekdays (some on
Saturdays), holidays, efficiencies 80–120 %, each able to make 3 of 6 product families, two
assignment rules; orders of 1–5 routed steps (setup 0–60 min, run 30–240 min), priorities 1–5,
promises spread over the weeks the work needs at ``--load`` (1.0 = the lines' capacity,
with the weekly demand varying ±35 % so that some weeks are overloaded), a third waiting for
material. The same problem is scheduled with the default rule (``wmdd``) and with plain
earliest-due-date (``edd``) in the same run; then one order is rescheduled incrementally
(made urgent with a promise in two days, so it overtakes and the plan ripples), one operation
is dragged (``check_move`` + ``move_operation``), and the results are checked for overlaps.

Printed: the time of a full schedule (best of ``--repeat``; goal ≤ 2 s), total and
priority-weighted tardiness and late orders for both rules with their ratio, the time of the
incremental reschedule (and how many other operations it moved), the time of a move check and
of a move, and the machine's load average (other work on the machine slows every figure).
Figures are measured, not judged: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time as clock
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.services.scheduling import (  # noqa: E402
    Line,
    Operation,
    Order,
    Problem,
    Rule,
    Shift,
    check_move,
    move_operation,
    reschedule_order,
    schedule,
    work_seconds,
)
from bench.machine import load_average  # noqa: E402

START = datetime(2026, 3, 2, 7, 0)
FAMILIES = 6


def plant(n_lines: int, rnd: random.Random) -> tuple[Line, ...]:
    holidays = {date(2026, 4, 6), date(2026, 5, 1), date(2026, 5, 4), date(2026, 6, 19), date(2026, 10, 1),
                date(2026, 10, 2), date(2026, 10, 5)}
    lines = []
    for i in range(n_lines):
        days = range(1, 7) if i % 4 == 0 else range(1, 6)
        windows = [(6, 14), (14, 22)] if i % 3 else [(8, 12), (13, 17)]
        shifts = tuple(Shift(d, time(s), time(e)) for d in days for s, e in windows)
        families = frozenset({i % FAMILIES, (i + 1) % FAMILIES, (i + 3) % FAMILIES})
        lines.append(Line(i + 1, f"L{i + 1}", families, shifts, frozenset(holidays), rnd.choice([80, 100, 100, 120])))
    return tuple(lines)


def weekly_hours(lines: tuple[Line, ...]) -> float:
    return sum((datetime.combine(START.date(), s.ends_at) - datetime.combine(START.date(), s.starts_at)).seconds
               for line in lines for s in line.shifts) / 3600


def problem(n_ops: int, n_lines: int, load: float, seed: int) -> Problem:
    rnd = random.Random(seed)
    lines = plant(n_lines, rnd)
    sizes = []
    while sum(sizes) < n_ops:
        sizes.append(min(rnd.choice([1, 2, 3, 3, 4, 5]), n_ops - sum(sizes)))
    steps = [[(rnd.choice([0, 15, 30, 60]), round(rnd.uniform(30, 240), 2)) for _ in range(k)] for k in sizes]
    work_hours = sum(work_seconds(s, r) for order in steps for s, r in order) / 3600
    weeks = max(1, round(work_hours / weekly_hours(lines) / load))
    intensity = [rnd.uniform(0.65, 1.35) for _ in range(weeks)]
    orders, op_id = [], 1
    for order_id, order_steps in enumerate(steps, start=1):
        week = rnd.choices(range(weeks), weights=intensity)[0]
        promised = START.date() + timedelta(days=7 * week + rnd.randrange(7) + 3)
        due = datetime.combine(promised + timedelta(days=1), time())
        material = START + (due - START) * rnd.uniform(0, 0.5) if rnd.random() < 0.3 else None
        ops = []
        for seq, (setup, run) in enumerate(order_steps, start=1):
            ops.append(Operation(op_id, order_id, seq * 10, setup, run, f"Step {seq}"))
            op_id += 1
        orders.append(Order(order_id, f"MO-2026-{order_id:07d}", tuple(ops), rnd.randrange(FAMILIES),
                            rnd.choice([1, 2, 3, 3, 3, 4, 5]), due, rnd.choice(["standard", "standard", "rush"]),
                            material))
    rules = (Rule(line_id=3, family_id=2, min_priority=1, position=10),
             Rule(line_id=5, family_id=4, order_type="rush", min_priority=2, position=20))
    return Problem(START, lines, tuple(orders), rules, {f: f"Family {f}" for f in range(FAMILIES)})


def timed(function, repeat: int):
    best, result = None, None
    for _ in range(repeat):
        began = clock.perf_counter()
        result = function()
        elapsed = clock.perf_counter() - began
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def overlaps(result) -> int:
    count = 0
    by_line: dict[int, list] = {}
    for p in result.placements.values():
        by_line.setdefault(p.line_id, []).append(p)
    for placements in by_line.values():
        placements.sort(key=lambda p: (p.start, p.end))
        count += sum(1 for a, b in zip(placements, placements[1:]) if b.start < a.end)
    return count


def hours(delta: timedelta) -> float:
    return delta.total_seconds() / 3600


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--operations", type=int, default=10_000)
    parser.add_argument("--lines", type=int, default=12)
    parser.add_argument("--load", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    built = clock.perf_counter()
    p = problem(args.operations, args.lines, args.load, args.seed)
    built = clock.perf_counter() - built
    n_ops = sum(len(o.operations) for o in p.orders)
    print(f"Scheduler benchmark: {n_ops:,} operations in {len(p.orders):,} orders over {len(p.lines)} lines, "
          f"load {args.load:.2f}, seed {args.seed} (problem built in {built:.2f} s)")
    print(f"machine: {os.cpu_count()} CPUs, load average {load_average(1, periods=1)} "
          f"(other work on the machine slows every figure)\n")

    results = {}
    print(f"{'rule':<22}{'schedule s':>11}{'total tardiness h':>19}{'weighted h':>12}{'late orders':>13}"
          f"{'unplaced':>10}{'overlaps':>10}")
    for rule in ("wmdd", "edd"):
        seconds, result = timed(lambda: schedule(p, rule=rule), args.repeat)
        results[rule] = result
        label = "wmdd (default)" if rule == "wmdd" else "edd (baseline)"
        print(f"{label:<22}{seconds:>11.2f}{hours(result.total_tardiness):>19,.0f}"
              f"{result.weighted_tardiness_hours:>12,.0f}{len(result.late_orders):>13,}"
              f"{len(result.unscheduled):>10}{overlaps(result):>10}")
    ours, edd = results["wmdd"], results["edd"]
    ratio = hours(ours.total_tardiness) / hours(edd.total_tardiness) if edd.total_tardiness else float("nan")
    weighted = (ours.weighted_tardiness_hours / edd.weighted_tardiness_hours
                if edd.weighted_tardiness_hours else float("nan"))
    print(f"{'wmdd ÷ edd':<22}{'':>11}{ratio:>19.2f}{weighted:>12.2f}"
          f"{len(ours.late_orders) / max(1, len(edd.late_orders)):>13.2f}\n")

    rnd = random.Random(args.seed + 1)
    sample = rnd.sample(list(p.orders), 5)
    cases = [
        ("unchanged order", lambda o: o, True),
        ("one order made urgent (priority 1, promise in 2 days)",
         lambda o: replace(o, priority=1, due=START + timedelta(days=2)), True),
        ("one order's run times +20 %", lambda o: replace(o, operations=tuple(
            replace(op, run_minutes=float(op.run_minutes) * 1.2) for op in o.operations)), True),
        ("a new order, into free gaps only (overtake=False)", lambda o: replace(o, id=10**6, operations=tuple(
            replace(op, id=10**6 + i, order_id=10**6) for i, op in enumerate(o.operations))), False),
    ]
    print("incremental reschedule_order, 5 orders each (times: median / max; moved = other orders' operations)")
    for label, change, overtake in cases:
        times, moved, shift = [], [], []
        for order in sample:
            changed = change(order)
            seconds, after = timed(lambda: reschedule_order(ours, changed, overtake=overtake), 1)
            times.append(seconds)
            diffs = [(v.start - ours.placements[k].start) for k, v in after.placements.items()
                     if v.order_id not in (order.id, changed.id) and ours.placements.get(k) != v]
            moved.append(len(diffs))
            shift.extend(hours(d) for d in diffs)
        print(f"  {label:<56}{statistics.median(times) * 1000:>6.0f} / {max(times) * 1000:>4.0f} ms   "
              f"moved {statistics.median(moved):>5.0f} / {max(moved):>5}   "
              f"mean shift {statistics.mean(shift) if shift else 0:>5.1f} h   overlaps after {overlaps(after)}")
    print()

    line = ours.on_line(1)
    last = line[-1]
    target = datetime.combine(last.end.date() + timedelta(days=7), time(15))
    seconds, verdict = timed(lambda: check_move(ours, last.operation_id, last.line_id, target), args.repeat)
    print(f"check_move (drop after the end of L1's plan): {seconds * 1000:.1f} ms, ok={verdict.ok} "
          f"{verdict.reason or ''}")
    middle = line[len(line) // 2]
    seconds, (verdict, after) = timed(lambda: move_operation(ours, middle.operation_id, middle.line_id,
                                                             line[-1].end + timedelta(days=1)), 1)
    print(f"move_operation (a mid-plan step of L1 moved after the end): {seconds * 1000:.1f} ms, ok={verdict.ok}, "
          f"shifted {len(verdict.shifted)} later operation(s); {verdict.reason or ''}")


if __name__ == "__main__":
    main()
