"""A small hand-made plant for scenario tests: three lines, two families, one week in March 2026."""

from __future__ import annotations

from datetime import date, datetime, time

from app.services.scheduling import Line, Operation, Order, Problem, Rule, Shift

MONDAY = datetime(2026, 3, 2, 8, 0)
PUMPS, CABINETS, VALVES = 1, 2, 3
NAMES = {PUMPS: "Pumps", CABINETS: "Control cabinets", VALVES: "Valves"}


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """``day`` 0 = Monday 2 March 2026."""
    return datetime(2026, 3, 2 + day, hour, minute)


def weekdays(*windows: tuple[int, int], days: range = range(1, 6)) -> tuple[Shift, ...]:
    return tuple(Shift(d, time(s), time(e)) for d in days for s, e in windows)


L1 = Line(1, "L1", frozenset({PUMPS}), weekdays((8, 12), (13, 17)))
L2 = Line(2, "L2", frozenset({CABINETS}), weekdays((8, 16)), frozenset({date(2026, 3, 4)}))
L3 = Line(3, "L3", frozenset({PUMPS, CABINETS}), weekdays((6, 14), days=range(1, 7)), efficiency_pct=200)
LINES = (L1, L2, L3)
PUMPS_ON_L1 = Rule(line_id=1, family_id=PUMPS, position=10)
CABINETS_ON_L2 = Rule(line_id=2, family_id=CABINETS, position=20)


def order(order_id: int, *steps: tuple[float, float], family: int = PUMPS, priority: int = 3,
          due: datetime | None = None, material: datetime | None = None, status: tuple[str, ...] = (),
          order_type: str = "standard") -> Order:
    """An order whose steps are ``(setup, run)`` minutes; operation ids are order_id * 10 + n."""
    ops = tuple(Operation(order_id * 10 + n, order_id, (n + 1) * 10, setup, run, f"Step {n + 1}",
                          status[n] if n < len(status) else "pending")
                for n, (setup, run) in enumerate(steps))
    return Order(order_id, f"MO-2026-{order_id:07d}", ops, family, priority, due, order_type, material)


def problem(*orders: Order, rules: tuple[Rule, ...] = (PUMPS_ON_L1, CABINETS_ON_L2), lines=LINES,
            start: datetime = MONDAY) -> Problem:
    return Problem(start, lines, orders, rules, NAMES)
