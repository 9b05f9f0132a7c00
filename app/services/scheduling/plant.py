"""The problem indexed for scheduling (``Plant``) and the occupancy of the lines (``Board``).

Both work in whole seconds from the epoch (midnight of the plan's first day). ``Plant`` answers
"how long does this operation take on that line", "which lines may run it", "when may it start at
the earliest"; ``Board`` holds each line's operations sorted by start and finds the first slot
where an operation fits between them, inside the line's shifts.
"""

from __future__ import annotations

import copy
from bisect import bisect_left
from dataclasses import replace
from datetime import timedelta

from app.services.scheduling.calendar import DAY, LineCalendar, moment_of, seconds_of
from app.services.scheduling.model import (
    MOVABLE,
    Operation,
    Order,
    OrderOutcome,
    Placement,
    Problem,
    Rule,
    Schedule,
    work_seconds,
)

_NO_DUE = 10**13
_HORIZON_DAYS = 5 * 366


def preferred_line(rules: tuple[Rule, ...], order: Order, capable: set[int]) -> int | None:
    """The line of the first matching rule (by position) that can make the order's family."""
    for rule in sorted(rules, key=lambda r: (r.position, r.id)):
        if ((rule.family_id is None or rule.family_id == order.family_id)
                and (rule.order_type is None or rule.order_type == order.order_type)
                and (rule.min_priority is None or order.priority <= rule.min_priority)
                and rule.line_id in capable):
            return rule.line_id
    return None


class Plant:
    """Lines, calendars, orders and operations of a problem, indexed for the scheduler."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.epoch = problem.start.date()
        self.start = self.sec(problem.start)
        self.lines = {line.id: line for line in problem.lines}
        self.orders = {order.id: order for order in problem.orders}
        latest = max([problem.start] + [o.material_ready for o in problem.orders if o.material_ready]
                     + [o.due for o in problem.orders if o.due])
        horizon = (latest.date() - self.epoch).days + _HORIZON_DAYS
        self.calendars = {line.id: LineCalendar(line, self.epoch, horizon) for line in problem.lines}
        weekly = [sum(e - s for windows in c.pattern.values() for s, e in windows)
                  for c in self.calendars.values() if c.has_capacity]
        #: calendar seconds per working second of an average line (turns work into lead time)
        self.rho = 7 * DAY * len(weekly) / sum(weekly) if weekly else 1.0
        self.capable: dict[int | None, list[int]] = {}
        self.ops: dict[int, Operation] = {}
        self.chain: dict[int, tuple[Operation, ...]] = {}
        self.prev: dict[int, int | None] = {}
        self.next: dict[int, int | None] = {}
        self.nominal: dict[int, int] = {}
        self._remaining: dict[int, int] = {}
        self._work: dict[tuple[int, int], int] = {}
        self.preferred: dict[int, int | None] = {}
        for order in problem.orders:
            self._index_order(order)

    def with_order(self, order: Order) -> Plant:
        """A copy of the plant where ``order`` is added or replaces the order with its id."""
        orders = tuple(o for o in self.problem.orders if o.id != order.id) + (order,)
        other = copy.copy(self)
        other.problem = replace(self.problem, orders=orders)
        other.orders = {**self.orders, order.id: order}
        other.ops, other.prev, other.next = dict(self.ops), dict(self.prev), dict(self.next)
        other.nominal, other._remaining = dict(self.nominal), dict(self._remaining)
        other.chain, other.preferred = dict(self.chain), dict(self.preferred)
        other._work = dict(self._work)
        for op in self.chain.get(order.id, ()):
            for index in (other.ops, other.prev, other.next, other.nominal, other._remaining):
                index.pop(op.id, None)
            for line_id in self.lines:
                other._work.pop((op.id, line_id), None)
        other._index_order(order)
        return other

    def _index_order(self, order: Order) -> None:
        chain = tuple(sorted(order.operations, key=lambda op: (op.seq, op.id)))
        self.chain[order.id] = chain
        left = 0
        for i, op in enumerate(chain):
            self.ops[op.id] = op
            self.prev[op.id] = chain[i - 1].id if i else None
            self.next[op.id] = chain[i + 1].id if i + 1 < len(chain) else None
            self.nominal[op.id] = work_seconds(op.setup_minutes, op.run_minutes)
        for op in reversed(chain):
            left += self.nominal[op.id]
            self._remaining[op.id] = left
        self.preferred[order.id] = preferred_line(self.problem.rules, order, set(self.capable_lines(order.family_id)))

    # -- time --------------------------------------------------------------------------------
    def sec(self, moment) -> int:
        return seconds_of(moment, self.epoch)

    def moment(self, seconds: int):
        return moment_of(seconds, self.epoch)

    # -- lines -------------------------------------------------------------------------------
    def capable_lines(self, family_id: int | None) -> list[int]:
        if family_id not in self.capable:
            self.capable[family_id] = [line.id for line in self.problem.lines
                                       if family_id is None or family_id in line.families]
        return self.capable[family_id]

    def can_make(self, line_id: int, family_id: int | None) -> bool:
        return line_id in self.capable_lines(family_id)

    def eligible_lines(self, order_id: int) -> list[int]:
        """The preferred line when a rule names one, else every line able to make the family."""
        preferred = self.preferred[order_id]
        return [preferred] if preferred is not None else self.capable_lines(self.orders[order_id].family_id)

    def work(self, op_id: int, line_id: int) -> int:
        key = (op_id, line_id)
        if key not in self._work:
            op = self.ops[op_id]
            self._work[key] = work_seconds(op.setup_minutes, op.run_minutes, self.lines[line_id].efficiency_pct)
        return self._work[key]

    # -- orders ------------------------------------------------------------------------------
    def release(self, order_id: int) -> int:
        """Now, or when the order's material is there if later."""
        ready = self.orders[order_id].material_ready
        return max(self.start, self.sec(ready)) if ready else self.start

    def due(self, order_id: int) -> int:
        due = self.orders[order_id].due
        return self.sec(due) if due else _NO_DUE

    def remaining(self, op_id: int) -> int:
        """Nominal work of the order from this operation on (itself included)."""
        return self._remaining[op_id]


class Board:
    """Each line's operations as parallel sorted lists of start, end and operation id."""

    def __init__(self, plant: Plant):
        self.plant = plant
        self.starts: dict[int, list[int]] = {line_id: [] for line_id in plant.lines}
        self.ends: dict[int, list[int]] = {line_id: [] for line_id in plant.lines}
        self.ids: dict[int, list[int]] = {line_id: [] for line_id in plant.lines}
        self.where: dict[int, tuple[int, int, int]] = {}
        self.longest: dict[int, int] = {line_id: 0 for line_id in plant.lines}  # the longest span ever added

    def copy(self) -> Board:
        other = Board.__new__(Board)
        other.plant = self.plant
        other.starts = {k: v[:] for k, v in self.starts.items()}
        other.ends = {k: v[:] for k, v in self.ends.items()}
        other.ids = {k: v[:] for k, v in self.ids.items()}
        other.where = dict(self.where)
        other.longest = dict(self.longest)
        return other

    def add(self, op_id: int, line_id: int, start: int, end: int) -> None:
        starts, ends = self.starts[line_id], self.ends[line_id]
        if not starts or (starts[-1], ends[-1]) <= (start, end):
            i = len(starts)
        else:
            i = bisect_left(starts, start)
            while i < len(starts) and starts[i] == start and ends[i] <= end:
                i += 1
        starts.insert(i, start)
        self.ends[line_id].insert(i, end)
        self.ids[line_id].insert(i, op_id)
        self.where[op_id] = (line_id, start, end)
        if end - start > self.longest[line_id]:
            self.longest[line_id] = end - start

    def remove(self, op_id: int) -> None:
        line_id, start, _ = self.where.pop(op_id)
        starts = self.starts[line_id]
        i = bisect_left(starts, start)
        while self.ids[line_id][i] != op_id:
            i += 1
        del starts[i], self.ends[line_id][i], self.ids[line_id][i]

    def overlapping(self, line_id: int, start: int, end: int, ignore: int | None = None) -> list[int]:
        """Operations on the line that share time with ``[start, end)``, by start."""
        starts, ends, ids = self.starts[line_id], self.ends[line_id], self.ids[line_id]
        reach = start - self.longest[line_id]
        found = []
        i = bisect_left(starts, end)
        while i > 0:
            i -= 1
            if starts[i] < reach:
                break
            if start < ends[i] and ids[i] != ignore:
                found.append(ids[i])
        return found[::-1]

    def free_from(self, line_id: int, t: int) -> int:
        """The first working moment at or after ``t`` not inside an operation on the line."""
        calendar = self.plant.calendars[line_id]
        starts, ends = self.starts[line_id], self.ends[line_id]
        while True:
            t = calendar.snap(t)
            i = bisect_left(starts, t + 1)
            if i and ends[i - 1] > t:
                t = ends[i - 1]
                continue
            return t

    def first_fit(self, line_id: int, earliest: int, work: int) -> tuple[int, int]:
        """The earliest ``(start, end)`` at or after ``earliest`` where ``work`` fits on the line."""
        calendar = self.plant.calendars[line_id]
        starts, ends = self.starts[line_id], self.ends[line_id]
        t = calendar.snap(earliest)
        while True:
            end = calendar.finish(t, work)
            i = bisect_left(starts, end)
            if i and ends[i - 1] > t:
                t = calendar.snap(ends[i - 1])
                continue
            return t, end


def fixed_interval(plant: Plant, op: Operation) -> tuple[int, int] | None:
    """Where an operation in progress stays: its planned slot, or from its start for its work."""
    if op.line_id not in plant.lines:
        return None
    start = plant.sec(op.start) if op.start else plant.start
    if op.end and plant.sec(op.end) > plant.start:
        return start, max(start, plant.sec(op.end))
    calendar = plant.calendars[op.line_id]
    begin = calendar.snap(max(start, plant.start))
    return start, calendar.finish(begin, plant.work(op.id, op.line_id))


def history_end(plant: Plant, op: Operation) -> int | None:
    """When a finished operation ended (it holds back the next step until then)."""
    moment = op.end or op.start
    return plant.sec(moment) if moment else None


def is_movable(op: Operation) -> bool:
    return op.status in MOVABLE


def outcome_of(plant: Plant, order_id: int, where: dict[int, tuple[int, int, int]]) -> OrderOutcome:
    """Expected completion (the end of the last operation) against the promise."""
    order = plant.orders[order_id]
    ends = []
    complete = True
    for op in plant.chain[order_id]:
        if op.id in where:
            ends.append(where[op.id][2])
        elif op.status == "done" and history_end(plant, op) is not None:
            ends.append(history_end(plant, op))
        else:
            complete = False
    completion = plant.moment(max(ends)) if complete and ends else None
    lateness = completion - order.due if completion and order.due else None
    tardiness = max(lateness, timedelta(0)) if lateness is not None else timedelta(0)
    return OrderOutcome(order.id, order.number, order.due, completion, lateness, tardiness, order.priority)


def build_schedule(plant: Plant, board: Board, unscheduled: dict[int, str], rule: str,
                   previous: Schedule | None = None, touched: set[int] | None = None) -> Schedule:
    """The schedule of a board; with ``previous``, only the operations in ``touched`` are rebuilt."""
    where = board.where
    if previous is None:
        placements, outcomes, touched = {}, {}, set(where)
        orders = {order.id for order in plant.problem.orders}
    else:
        placements, outcomes = dict(previous.placements), dict(previous.outcomes)
        orders = {plant.ops[op_id].order_id for op_id in touched if op_id in plant.ops}
        orders |= set(outcomes) - set(plant.orders)
    for op_id in touched:
        if op_id in where:
            line_id, start, end = where[op_id]
            placements[op_id] = Placement(op_id, plant.ops[op_id].order_id, line_id,
                                          plant.moment(start), plant.moment(end))
        else:
            placements.pop(op_id, None)
    for order_id in orders:
        if order_id in plant.orders:
            outcomes[order_id] = outcome_of(plant, order_id, where)
        else:
            outcomes.pop(order_id, None)
    schedule = Schedule(plant.problem, placements, outcomes, dict(unscheduled), rule)
    object.__setattr__(schedule, "_plant", (plant, board))
    return schedule


def working_state(schedule: Schedule, *, private: bool = True) -> tuple[Plant, Board]:
    """The schedule's plant and board (a private copy unless ``private`` is false)."""
    if schedule._plant is not None:
        plant, board = schedule._plant
        return plant, board.copy() if private else board
    plant = Plant(schedule.problem)
    board = Board(plant)
    for p in sorted(schedule.placements.values(), key=lambda p: (p.start, p.end)):
        if p.line_id in plant.lines and p.operation_id in plant.ops:
            board.add(p.operation_id, p.line_id, plant.sec(p.start), plant.sec(p.end))
    return plant, board


def current_schedule(problem: Problem, rule: str = "wmdd") -> Schedule:
    """The plan as it stands: operations where their ``line_id``/``start``/``end`` put them.

    Operations in progress without an end get one from their work; movable ones without a
    complete slot on a known line are listed as unscheduled.
    """
    plant = Plant(problem)
    board = Board(plant)
    unscheduled = {}
    slots = []
    for op in plant.ops.values():
        if op.status == "in_progress" and (slot := fixed_interval(plant, op)) is not None:
            slots.append((slot, op.id, op.line_id))
        elif is_movable(op):
            if op.line_id in plant.lines and op.start and op.end:
                slots.append(((plant.sec(op.start), plant.sec(op.end)), op.id, op.line_id))
            else:
                unscheduled[op.id] = "It has not been scheduled yet."
    for (start, end), op_id, line_id in sorted(slots):
        board.add(op_id, line_id, start, max(start, end))
    return build_schedule(plant, board, unscheduled, rule)
