"""The planning problem and the schedule, as plain data (no database, no Qt).

All moments are naive ``datetime`` values on the plant's wall clock: shifts, days off, material
dates and due moments are read in the same local time, and the store converts to and from
``timestamptz``. Work is measured in whole seconds: an operation on a line needs
``work_seconds(setup, run, efficiency)`` = setup + run ÷ (efficiency / 100) minutes, rounded up
to the second.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

#: Dispatch weight of a priority (1 = most urgent). A late hour of a priority-1 order costs as
#: much as three late hours of a priority-5 one.
PRIORITY_WEIGHTS = {1: 3.0, 2: 2.5, 3: 2.0, 4: 1.5, 5: 1.0}

#: Operation statuses the scheduler may move; ``in_progress`` stays where it is, ``done`` is history.
MOVABLE = frozenset({"pending", "scheduled"})


def work_seconds(setup_minutes, run_minutes, efficiency_pct=100) -> int:
    """Working seconds an operation takes on a line: setup + run ÷ efficiency, rounded up.

    (Rounded to the microsecond first, so that 1.1 minutes is 66 seconds, not 67.)
    """
    return math.ceil(round(float(setup_minutes) * 60 + float(run_minutes) * 6000 / float(efficiency_pct), 6))


@dataclass(frozen=True)
class Shift:
    """A weekly working window: ISO weekday (1 = Monday) and start/end on that day."""

    weekday: int
    starts_at: time
    ends_at: time


@dataclass(frozen=True)
class Line:
    """A production line with its calendar and the product families it can make."""

    id: int
    code: str
    families: frozenset[int | None]
    shifts: tuple[Shift, ...]
    days_off: frozenset[date] = frozenset()
    efficiency_pct: Decimal | float = 100


@dataclass(frozen=True)
class Rule:
    """An assignment rule: the first matching one by ``position`` names the preferred line.

    ``None`` conditions match anything; ``min_priority`` matches priorities ≤ it (1 = most urgent).
    """

    line_id: int
    position: int = 100
    family_id: int | None = None
    order_type: str | None = None
    min_priority: int | None = None
    id: int = 0


@dataclass(frozen=True)
class Operation:
    """One routing step of an order; ``line_id``/``start``/``end`` are its current plan, if any.

    ``status``: ``pending``/``scheduled`` are movable, ``in_progress`` is fixed where it is (its
    end is computed from its start when unknown), ``done`` only holds back the next step until
    ``end``.
    """

    id: int
    order_id: int
    seq: int
    setup_minutes: Decimal | float = 0
    run_minutes: Decimal | float = 0
    name: str = ""
    status: str = "pending"
    line_id: int | None = None
    start: datetime | None = None
    end: datetime | None = None
    version: int = 1


@dataclass(frozen=True)
class Order:
    """A production order: operations in ``seq`` order, urgency, promise and material date.

    ``due`` is the promised moment (the end of the promised day); ``material_ready`` is the
    earliest moment work may start.
    """

    id: int
    number: str
    operations: tuple[Operation, ...]
    family_id: int | None = None
    priority: int = 3
    due: datetime | None = None
    order_type: str = "standard"
    material_ready: datetime | None = None
    sales_order_id: int | None = None


@dataclass(frozen=True)
class Problem:
    """Everything the scheduler needs; ``start`` is now (nothing is planned before it)."""

    start: datetime
    lines: tuple[Line, ...]
    orders: tuple[Order, ...]
    rules: tuple[Rule, ...] = ()
    family_names: dict[int, str] = field(default_factory=dict)

    def family_name(self, family_id: int | None) -> str:
        name = self.family_names.get(family_id) or (f"family {family_id}" if family_id else "this product")
        return name[:1].lower() + name[1:]


@dataclass(frozen=True)
class Placement:
    """Where and when an operation runs; ``start``..``end`` may span breaks and days off."""

    operation_id: int
    order_id: int
    line_id: int
    start: datetime
    end: datetime


@dataclass(frozen=True)
class OrderOutcome:
    """An order's expected completion against its promise (lateness < 0 means early)."""

    order_id: int
    number: str
    due: datetime | None
    completion: datetime | None
    lateness: timedelta | None
    tardiness: timedelta
    priority: int = 3

    @property
    def late(self) -> bool:
        return self.tardiness > timedelta(0)


@dataclass(frozen=True)
class Schedule:
    """Placements per operation, outcomes per order, and what could not be placed (with why)."""

    problem: Problem
    placements: dict[int, Placement]
    outcomes: dict[int, OrderOutcome]
    unscheduled: dict[int, str] = field(default_factory=dict)
    rule: str = "wmdd"
    _plant: object = field(default=None, repr=False, compare=False)  # (Plant, Board) it was built on

    @property
    def total_tardiness(self) -> timedelta:
        return sum((o.tardiness for o in self.outcomes.values()), timedelta(0))

    @property
    def weighted_tardiness_hours(self) -> float:
        return sum(PRIORITY_WEIGHTS.get(o.priority, 1.0) * o.tardiness.total_seconds() / 3600
                   for o in self.outcomes.values())

    @property
    def late_orders(self) -> list[OrderOutcome]:
        return [o for o in self.outcomes.values() if o.late]

    def on_line(self, line_id: int) -> list[Placement]:
        return sorted((p for p in self.placements.values() if p.line_id == line_id),
                      key=lambda p: (p.start, p.end, p.operation_id))


@dataclass(frozen=True)
class MoveResult:
    """The verdict on a manual move: ``ok``, or ``reason`` (one sentence) and ``rule`` broken.

    ``adjusted_start``/``adjusted_end`` is the slot the operation gets (the start snapped to the
    shift start when dropped in a break). ``shifted`` lists the later operations pushed right
    to make room; ``versions`` their new row versions once saved.
    """

    ok: bool
    reason: str | None = None
    adjusted_start: datetime | None = None
    adjusted_end: datetime | None = None
    rule: str | None = None
    shifted: tuple[Placement, ...] = ()
    versions: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class LineOverload:
    """A line asked for more work in a week than its shifts give (work due by then, cumulated)."""

    line_id: int
    week_start: date
    demand_hours: float
    capacity_hours: float
    backlog_hours: float
