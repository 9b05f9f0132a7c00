"""Incremental changes to a schedule: one order (re)planned, or one operation moved by hand.

Everything else keeps its slot unless it now conflicts. Conflicts are repaired by a right
shift ("ripple"): the operations that lost their slot are taken in the order of their old start;
each goes to the first slot at or after its old start (and after its predecessor's new end)
that is free of the operations already settled — the changed ones, those in progress, and
those that start earlier — and whatever it lands on is displaced in turn. So an operation
moves only if its old slot overlaps a settled operation or now starts before its predecessor
ends, it only ever moves right, and the cascade stops as soon as nothing overlaps any more.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from app.services.scheduling.calendar import BeyondHorizon
from app.services.scheduling.dispatch import no_line_reason, wmdd_key
from app.services.scheduling.model import MoveResult, Order, Schedule
from app.services.scheduling.moves import previous_end, validate_move
from app.services.scheduling.plant import (
    Board,
    Plant,
    build_schedule,
    fixed_interval,
    history_end,
    is_movable,
    working_state,
)


def _fit(plant: Plant, board: Board, line_id: int, earliest: int, work: int,
         blocks: Callable[[int], bool]) -> tuple[int, int, list[int]]:
    """The first slot at or after ``earliest`` free of blocking operations, and what else it overlaps."""
    calendar = plant.calendars[line_id]
    t = calendar.snap(earliest)
    while True:
        end = calendar.finish(t, work)
        overlapped = board.overlapping(line_id, t, end)
        blocking = [board.where[z][2] for z in overlapped if blocks(z)]
        if not blocking:
            return t, end, overlapped
        t = calendar.snap(max(blocking))


def ripple(plant: Plant, board: Board, anchors: set[int], displaced: dict[int, tuple[int, int, int]],
           unscheduled: dict[int, str]) -> dict[int, tuple[int, int, int]]:
    """Right-shift the ``displaced`` operations (already off the board) and whatever they push.

    ``anchors`` are on the board and stay. Successors of anchors that now start too early are
    displaced too. Returns the old slot of every operation that moved (operations pushed past
    the planning horizon leave the board, with their later steps, into ``unscheduled``).
    """
    settled = set(anchors)
    old: dict[int, tuple[int, int, int]] = {}
    heap: list[tuple[int, int]] = []

    def displace(op_id: int, slot: tuple[int, int, int]) -> None:
        old.setdefault(op_id, slot)
        settled.discard(op_id)
        heapq.heappush(heap, (slot[1], op_id))

    def check_successor(op_id: int, end: int) -> None:
        succ = plant.next.get(op_id)
        if succ is not None and succ not in anchors and succ in board.where and board.where[succ][1] < end \
                and is_movable(plant.ops[succ]):
            slot = board.where[succ]
            board.remove(succ)
            displace(succ, slot)

    for op_id, slot in displaced.items():
        displace(op_id, slot)
    for op_id in anchors:
        if op_id in board.where:
            check_successor(op_id, board.where[op_id][2])
    while heap:
        start0, op_id = heapq.heappop(heap)
        if op_id in board.where:
            continue
        line_id = old[op_id][0]
        op = plant.ops[op_id]
        previous = previous_end(plant, board, op_id)
        need = max(plant.release(op.order_id), previous[1] if previous else plant.start, old[op_id][1])
        key = (old[op_id][1], op_id)

        def blocks(other: int) -> bool:
            return (other in settled or not is_movable(plant.ops[other])
                    or (board.where[other][1], other) < key)

        try:
            start, end, overlapped = _fit(plant, board, line_id, need, plant.work(op_id, line_id), blocks)
        except BeyondHorizon:
            while op_id is not None:
                unscheduled[op_id] = "It was pushed beyond the planning horizon."
                if op_id in board.where:
                    old.setdefault(op_id, board.where[op_id])
                    board.remove(op_id)
                op_id = plant.next.get(op_id)
            continue
        for other in overlapped:
            slot = board.where[other]
            board.remove(other)
            displace(other, slot)
        board.add(op_id, line_id, start, end)
        settled.add(op_id)
        check_successor(op_id, end)
    return {op_id: slot for op_id, slot in old.items() if board.where.get(op_id) != slot}


def reschedule_order(schedule: Schedule, order: Order, *, overtake: bool = True) -> Schedule:
    """Plan ``order`` (new, or changed: operations, priority, promise, material) into ``schedule``.

    Its operations go, in sequence, to the first slot after the predecessor and the material:
    on the line it had if it ends no later there than before, else on the eligible line where
    it ends first. With ``overtake`` an operation may take the slot of a movable operation that
    starts once it may start itself and that the dispatching rule ranks behind it (a larger
    wmdd key at that slot's start: due later, or less urgent once tight) — those then ripple to
    the right; without it, the order only fills
    free gaps and nothing else moves. An unchanged order keeps its slots (a step without work
    may slip to an equally valid earlier instant).
    """
    plant, board = working_state(schedule)
    previous_ops = {op.id for op in plant.chain.get(order.id, ())} | {op.id for op in order.operations}
    was = {op_id: board.where[op_id] for op_id in previous_ops if op_id in board.where}
    for op_id in previous_ops:
        if op_id in board.where:
            board.remove(op_id)
    plant = plant.with_order(order)
    board.plant = plant
    unscheduled = {k: v for k, v in schedule.unscheduled.items() if k not in previous_ops}
    anchors: set[int] = set()
    displaced: dict[int, tuple[int, int, int]] = {}
    placing: list[int] = []

    def blocks(other: int) -> bool:
        at = board.where[other][1]
        if other in anchors or not is_movable(plant.ops[other]) or not overtake or at < placing[1]:
            return True  # (an operation that starts before ours may start is never overtaken)
        return wmdd_key(plant, other, at) <= wmdd_key(plant, placing[0], at)

    held = plant.release(order.id)
    for op in plant.chain[order.id]:
        if held is None:
            if is_movable(op):
                unscheduled[op.id] = "It waits for an earlier operation that could not be scheduled."
            continue
        if op.status == "done":
            end = history_end(plant, op)
            held = max(held, end) if end is not None else held
            continue
        if op.status == "in_progress":
            if (slot := fixed_interval(plant, op)) is not None:
                board.add(op.id, op.line_id, *slot)
                anchors.add(op.id)
                held = max(held, slot[1])
            continue
        choices = []
        placing[:] = [op.id, held]
        for line_id in plant.eligible_lines(order.id):
            if not plant.calendars[line_id].has_capacity:
                continue
            try:
                start, end, overlapped = _fit(plant, board, line_id, held, plant.work(op.id, line_id), blocks)
            except BeyondHorizon:
                continue
            choices.append((end, start, line_id, overlapped))
        if not choices:
            unscheduled[op.id] = no_line_reason(plant, order.id)
            held = None
            continue
        old = was.get(op.id)
        same_line = [c for c in choices if old and c[2] == old[0] and c[0] <= old[2]]
        end, start, line_id, overlapped = same_line[0] if same_line else min(choices, key=lambda c: c[:3])
        for other in overlapped:
            displaced[other] = board.where[other]
            board.remove(other)
        board.add(op.id, line_id, start, end)
        anchors.add(op.id)
        held = end
    moved = ripple(plant, board, anchors, displaced, unscheduled)
    touched = previous_ops | set(moved)
    return build_schedule(plant, board, unscheduled, schedule.rule, previous=schedule, touched=touched)


def move_operation(schedule: Schedule, operation_id: int, new_line_id: int, new_start: datetime
                   ) -> tuple[MoveResult, Schedule]:
    """Apply a manual move if ``check_move`` allows it; later operations ripple right.

    Returns the verdict (with the operations it shifted) and the new schedule (the old one when
    refused).
    """
    plant, board = working_state(schedule)
    result = validate_move(plant, board, operation_id, new_line_id, new_start)
    if not result.ok:
        return result, schedule
    if operation_id in board.where:
        board.remove(operation_id)
    board.add(operation_id, new_line_id, plant.sec(result.adjusted_start), plant.sec(result.adjusted_end))
    unscheduled = {k: v for k, v in schedule.unscheduled.items() if k != operation_id}
    moved = ripple(plant, board, {operation_id}, {}, unscheduled)
    new = build_schedule(plant, board, unscheduled, schedule.rule, previous=schedule,
                         touched=set(moved) | {operation_id})
    still = [op_id for op_id in moved if op_id in board.where]
    shifted = tuple(new.placements[op_id] for op_id in sorted(still, key=lambda i: board.where[i][1]))
    return replace(result, shifted=shifted), new
