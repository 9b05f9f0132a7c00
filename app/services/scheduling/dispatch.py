"""The finite-capacity scheduler: non-delay list scheduling with a dispatching rule.

Lines are simulated in time order. Whenever a line is free (at a working moment, not inside an
operation in progress), it starts the best operation waiting for it: one whose predecessor has
ended and whose material is there, of a family the line can make, and not bound by an
assignment rule to another line. The operation then runs on the line's calendar (across breaks
and days off), and its successor starts waiting when it ends.

"Best" is the dispatching rule:

* ``wmdd`` (default) — a modified due date weighted by priority: the smallest
  ``max(due - now, ρ · remaining / weight)``, where ``remaining`` is the order's work from this
  operation on, ``ρ`` turns working time into calendar time (a week over the line's weekly
  shift hours) and ``weight`` comes from the priority (``PRIORITY_WEIGHTS``). While an order
  can still make its date this is earliest-due-date; once it cannot, the orders closest to
  done, and among them the urgent ones, go first — which is what cuts total tardiness.
  Ties: earlier due, more urgent, less remaining work, lower order id.
* ``edd`` — plain earliest due date of the order (ties: priority, order id), the baseline.

The wmdd key is monotone in priority, due date and remaining work, so a line never passes over
a waiting operation for another that is no more urgent, due no earlier and has no less work
left (with at least one of the three strictly).

Waiting operations are kept in pools (same family, same preferred line). Within a pool the key
depends on the time only through "is it tight yet", so each pool keeps three heaps (calm by due
date, tight by weighted work, calm by the moment it turns tight) and picking is O(log n).
"""

from __future__ import annotations

import heapq
from itertools import count

from app.services.scheduling.calendar import BeyondHorizon
from app.services.scheduling.model import PRIORITY_WEIGHTS, Problem, Schedule
from app.services.scheduling.plant import Board, Plant, build_schedule, fixed_interval, history_end, is_movable

RULES = ("wmdd", "edd")


_TAKEN, _CALM, _TIGHT = 0, 1, 2


class _Pool:
    """Operations waiting for the same lines: a heap of those not yet released, and the released.

    wmdd keeps the released in three heaps: calm ones by due date, tight ones by weighted work,
    and calm ones by the moment they turn tight; edd keeps one heap by due date. Entries are
    ``(due, weighted work, priority, remaining work, order, seq, op)``; taken operations are
    marked and dropped lazily.
    """

    def __init__(self, rule: str, lines: list[int]):
        self.wmdd = rule == "wmdd"
        self.lines = lines
        self.pending: list = []  # (release, tie, entry)
        self.calm: list = []
        self.tight: list = []
        self.turns: list = []
        self.state: dict[int, int] = {}
        self._tie = count()

    def add(self, release: int, entry: tuple) -> None:
        heapq.heappush(self.pending, (release, next(self._tie), entry))

    def next_release(self) -> int | None:
        return self.pending[0][0] if self.pending else None

    def _release(self, now: int) -> None:
        pending = self.pending
        while pending and pending[0][0] <= now:
            entry = heapq.heappop(pending)[2]
            if not self.wmdd:
                heapq.heappush(self.calm, entry)
            elif entry[0] - entry[1] <= now:
                self.state[entry[-1]] = _TIGHT
                heapq.heappush(self.tight, (entry[1], entry))
            else:
                self.state[entry[-1]] = _CALM
                heapq.heappush(self.calm, entry)
                heapq.heappush(self.turns, (entry[0] - entry[1], entry))

    def best(self, now: int):
        """``(key, entry)`` of the best released operation at ``now``, or ``None``."""
        if self.pending and self.pending[0][0] <= now:
            self._release(now)
        calm, tight, state = self.calm, self.tight, self.state
        if not self.wmdd:
            return (calm[0], calm[0]) if calm else None
        turns = self.turns
        while turns and turns[0][0] <= now:
            entry = heapq.heappop(turns)[1]
            if state[entry[-1]] == _CALM:
                state[entry[-1]] = _TIGHT
                heapq.heappush(tight, (entry[1], entry))
        while calm and state[calm[0][-1]] != _CALM:
            heapq.heappop(calm)
        while tight and state[tight[0][1][-1]] != _TIGHT:
            heapq.heappop(tight)
        found = None
        if calm:
            found = ((calm[0][0] - now,) + calm[0], calm[0])
        if tight:
            entry = tight[0][1]
            key = (entry[1],) + entry
            if found is None or key < found[0]:
                found = (key, entry)
        return found

    def take(self, entry: tuple) -> None:
        if self.wmdd:
            self.state[entry[-1]] = _TAKEN
        else:
            heapq.heappop(self.calm)


def wmdd_entry(plant: Plant, op_id: int) -> tuple:
    """``(due, weighted remaining work, priority, remaining work, order, seq, op)`` for wmdd."""
    op = plant.ops[op_id]
    order = plant.orders[op.order_id]
    remaining = plant.remaining(op_id)
    weighted = int(plant.rho * remaining / PRIORITY_WEIGHTS.get(order.priority, 1.0))
    return plant.due(order.id), weighted, order.priority, remaining, order.id, op.seq, op_id


def wmdd_key(plant: Plant, op_id: int, now: int) -> tuple:
    """The wmdd dispatch key of an operation at ``now`` (smaller goes first)."""
    found = wmdd_entry(plant, op_id)
    return (max(found[0] - now, found[1]),) + found


def schedule(problem: Problem, *, rule: str = "wmdd") -> Schedule:
    """Place every movable operation of ``problem`` on a line; see the module docstring."""
    if rule not in RULES:
        raise ValueError(f"Unknown dispatching rule {rule!r}; use one of {', '.join(RULES)}.")
    plant = Plant(problem)
    board = Board(plant)
    unscheduled: dict[int, str] = {}
    pools: dict[tuple, _Pool] = {}
    line_pools: dict[int, list[_Pool]] = {line_id: [] for line_id in plant.lines}

    def pool_of(order_id: int) -> _Pool | None:
        order = plant.orders[order_id]
        key = (order.family_id, plant.preferred[order_id])
        if key not in pools:
            lines = [l for l in plant.eligible_lines(order_id) if plant.calendars[l].has_capacity]
            pools[key] = _Pool(rule, lines)
            for line_id in lines:
                line_pools[line_id].append(pools[key])
        return pools[key] if pools[key].lines else None

    def enqueue(op_id: int, release: int) -> _Pool | None:
        op = plant.ops[op_id]
        order = plant.orders[op.order_id]
        pool = pool_of(op.order_id)
        if pool is None:
            unscheduled[op_id] = no_line_reason(plant, op.order_id)
            return None
        if rule == "wmdd":
            pool.add(release, wmdd_entry(plant, op_id))
        else:
            pool.add(release, (plant.due(order.id), 0, order.priority, 0, order.id, op.seq, op_id))
        return pool

    for order in problem.orders:
        held_until = plant.release(order.id)
        for op in plant.chain[order.id]:
            if op.status == "done":
                end = history_end(plant, op)
                held_until = max(held_until, end) if end is not None else held_until
            elif op.status == "in_progress" and (slot := fixed_interval(plant, op)):
                board.add(op.id, op.line_id, *slot)
                held_until = max(held_until, slot[1])
            elif is_movable(op):
                enqueue(op.id, held_until)
                break

    line_time = {line_id: plant.start for line_id in plant.lines if line_pools[line_id]}
    waiting = {line_id: True for line_id in line_time}
    heap = [(t, i, line_id) for i, (line_id, t) in enumerate(line_time.items())]
    rank = {line_id: i for i, line_id in enumerate(line_time)}
    heapq.heapify(heap)
    asleep: set[int] = set()

    def wake(pool: _Pool, release: int) -> None:
        for line_id in pool.lines:
            if line_id in asleep or (waiting[line_id] and release < line_time[line_id]):
                asleep.discard(line_id)
                line_time[line_id] = release
                heapq.heappush(heap, (release, rank[line_id], line_id))

    while heap:
        now, _, line_id = heapq.heappop(heap)
        if line_id in asleep or line_time[line_id] != now:
            continue
        try:
            free = board.free_from(line_id, now)
        except BeyondHorizon:
            asleep.add(line_id)
            continue
        if free != now:
            line_time[line_id] = free
            heapq.heappush(heap, (free, rank[line_id], line_id))
            continue
        best = best_pool = None
        for pool in line_pools[line_id]:
            found = pool.best(now)
            if found is not None and (best is None or found[0] < best[0]):
                best, best_pool = found, pool
        if best is None:
            releases = [r for p in line_pools[line_id] if (r := p.next_release()) is not None]
            if not releases:
                asleep.add(line_id)
            else:
                line_time[line_id], waiting[line_id] = min(releases), True
                heapq.heappush(heap, (line_time[line_id], rank[line_id], line_id))
            continue
        entry = best[1]
        op_id = entry[-1]
        best_pool.take(entry)
        try:
            start, end = board.first_fit(line_id, now, plant.work(op_id, line_id))
        except BeyondHorizon:
            unscheduled[op_id] = "It does not fit within the planning horizon."
            heapq.heappush(heap, (now, rank[line_id], line_id))
            continue
        board.add(op_id, line_id, start, end)
        line_time[line_id], waiting[line_id] = end, False
        heapq.heappush(heap, (end, rank[line_id], line_id))
        successor = plant.next[op_id]
        if successor is not None and is_movable(plant.ops[successor]):
            release = max(end, plant.release(plant.ops[op_id].order_id))
            pool = enqueue(successor, release)
            if pool is not None:
                wake(pool, release)

    for op in plant.ops.values():
        if is_movable(op) and op.id not in board.where and op.id not in unscheduled:
            unscheduled[op.id] = waiting_reason(plant, op.id, unscheduled)
    return build_schedule(plant, board, unscheduled, rule)


def no_line_reason(plant: Plant, order_id: int) -> str:
    order = plant.orders[order_id]
    family = plant.problem.family_name(order.family_id)
    preferred = plant.preferred[order_id]
    if preferred is not None:
        return f"Line {plant.lines[preferred].code} has no shifts."
    if not plant.capable_lines(order.family_id):
        return f"No line can make {family}."
    return f"No line that can make {family} has shifts."


def waiting_reason(plant: Plant, op_id: int, unscheduled: dict[int, str]) -> str:
    prev = plant.prev[op_id]
    while prev is not None:
        if prev in unscheduled:
            return f"It waits for operation {plant.ops[prev].seq}, which could not be scheduled."
        prev = plant.prev[prev]
    return "It does not fit within the planning horizon."
