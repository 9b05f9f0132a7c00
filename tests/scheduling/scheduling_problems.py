"""Random planning problems (hypothesis) and independent checks of a schedule's feasibility.

The checks do not use the scheduler's calendar code: working windows are rebuilt day by day
from the shifts and days off, and every placement is measured against them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hypothesis import strategies as st

from app.services.scheduling import Line, Operation, Order, Problem, Rule, Schedule, Shift, work_seconds

START = datetime(2026, 3, 2, 9, 30)  # a Monday morning
FAMILIES = {1: "Pumps", 2: "Control cabinets", 3: "Valves"}


@st.composite
def shifts(draw):
    found = []
    for weekday in range(1, 8):
        for _ in range(draw(st.sampled_from([0, 1, 1, 2] if weekday <= 5 else [0, 0, 1]))):
            begin = draw(st.integers(0, 22 * 4)) * 15
            length = draw(st.integers(2, 12 * 4)) * 15
            end = min(begin + length, 24 * 60 - 1)
            found.append(Shift(weekday, time(begin // 60, begin % 60), time(end // 60, end % 60)))
    return tuple(found)


@st.composite
def problems(draw, max_lines: int = 3, max_orders: int = 8, max_ops: int = 3, positive_work: bool = False,
             with_rules: bool = True, in_progress: bool = False):
    families = draw(st.sampled_from([[1], [1, 2], [1, 2, 3]]))
    lines = []
    for i in range(draw(st.integers(1, max_lines))):
        days_off = draw(st.sets(st.integers(0, 20), max_size=4))
        lines.append(Line(i + 1, f"L{i + 1}", frozenset(draw(st.sets(st.sampled_from(families), min_size=1))),
                          draw(shifts()), frozenset(START.date() + timedelta(days=d) for d in days_off),
                          draw(st.sampled_from([50, 80, 100, 100, 125, 200]))))
    orders, op_id = [], 1
    for order_id in range(1, draw(st.integers(1, max_orders)) + 1):
        ops = []
        for n in range(draw(st.integers(1, max_ops))):
            setup = draw(st.sampled_from([0, 5, 30, 90]))
            run = draw(st.integers(1 if positive_work and not setup else 0, 60_000)) / 100
            ops.append(Operation(op_id, order_id, (n + 1) * 10, setup, run, f"Step {n + 1}"))
            op_id += 1
        due = draw(st.none() | st.integers(0, 30 * 24).map(lambda h: START + timedelta(hours=h)))
        material = draw(st.none() | st.integers(1, 10 * 24).map(lambda h: START + timedelta(hours=h)))
        orders.append(Order(order_id, f"MO-2026-{order_id:07d}", tuple(ops), draw(st.sampled_from(families)),
                            draw(st.integers(1, 5)), due, draw(st.sampled_from(["standard", "rush"])), material))
    if in_progress and lines[0].shifts:
        first = orders[0]
        busy = first.operations[0]
        busy = Operation(busy.id, first.id, busy.seq, busy.setup_minutes, busy.run_minutes, busy.name,
                         "in_progress", 1, START - timedelta(hours=1), START + timedelta(hours=3))
        ops = (busy,) + first.operations[1:]
        orders[0] = Order(first.id, first.number, ops, next(iter(lines[0].families)), first.priority, first.due)
    rules = ()
    if with_rules:
        rules = tuple(draw(st.lists(st.builds(
            Rule, line_id=st.integers(1, len(lines)), position=st.integers(1, 50),
            family_id=st.none() | st.sampled_from(families), order_type=st.none() | st.just("rush"),
            min_priority=st.none() | st.integers(1, 5)), max_size=2)))
    return Problem(START, tuple(lines), tuple(orders), rules, FAMILIES)


def windows(line: Line, first: date, last: date) -> list[tuple[datetime, datetime]]:
    """The line's working windows day by day, straight from its shifts and days off."""
    found = []
    day = first
    while day <= last:
        if day not in line.days_off:
            for shift in line.shifts:
                if shift.weekday == day.isoweekday():
                    found.append((datetime.combine(day, shift.starts_at), datetime.combine(day, shift.ends_at)))
        day += timedelta(days=1)
    merged: list[list[datetime]] = []
    for s, e in sorted(found):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def working_seconds(spans: list[tuple[datetime, datetime]], start: datetime, end: datetime) -> int:
    return int(sum(max(timedelta(0), min(e, end) - max(s, start)).total_seconds() for s, e in spans))


def overlap(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def assert_feasible(schedule: Schedule) -> None:
    """Capacity, calendars, sequence, material and capability hold for every placement."""
    problem = schedule.problem
    lines = {line.id: line for line in problem.lines}
    orders = {order.id: order for order in problem.orders}
    ops = {op.id: op for order in problem.orders for op in order.operations}
    placements = list(schedule.placements.values())
    last = max([p.end for p in placements] + [problem.start]).date() + timedelta(days=1)
    spans = {line.id: windows(line, problem.start.date() - timedelta(days=1), last) for line in problem.lines}
    for p in placements:
        op, order, line = ops[p.operation_id], orders[p.order_id], lines[p.line_id]
        if op.status == "in_progress":
            continue
        work = work_seconds(op.setup_minutes, op.run_minutes, line.efficiency_pct)
        assert working_seconds(spans[line.id], p.start, p.end) == work, (p, work)
        assert any(s <= p.start < e for s, e in spans[line.id]), f"{p} starts outside the shifts"
        if work:
            assert any(s < p.end <= e for s, e in spans[line.id]), f"{p} ends outside the shifts"
        assert order.family_id in line.families, f"{line.code} cannot make family {order.family_id}"
        assert p.start >= problem.start
        assert order.material_ready is None or p.start >= order.material_ready
    by_line: dict[int, list] = {}
    for p in placements:
        by_line.setdefault(p.line_id, []).append(p)
    for same_line in by_line.values():
        for i, a in enumerate(same_line):
            for b in same_line[i + 1:]:
                assert not overlap(a, b), f"{a} overlaps {b}"
    for order in problem.orders:
        chain = sorted(order.operations, key=lambda op: op.seq)
        for a, b in zip(chain, chain[1:]):
            if a.id in schedule.placements and b.id in schedule.placements:
                assert schedule.placements[a.id].end <= schedule.placements[b.id].start, (a.id, b.id)
            if b.id in schedule.placements:
                assert a.id in schedule.placements or a.status == "done", f"{b.id} placed before {a.id}"
    for op in ops.values():
        if op.status in ("pending", "scheduled"):
            assert (op.id in schedule.placements) != (op.id in schedule.unscheduled), op
