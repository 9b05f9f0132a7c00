"""Validation of a manual move (a drag on the Gantt board): ``check_move``.

The rules, checked in this order; the first one broken refuses the move with one sentence:

1. ``status`` — only pending or scheduled operations move (not in progress, not done);
2. ``line`` — the line exists; ``capability`` — it can make the order's product family;
3. ``past`` — not before now; ``material`` — not before the order's material is there;
4. ``sequence`` — not before the previous operation of the same order ends;
5. ``calendar`` — the line works that day. A start dropped before a shift or in a break snaps
   forward to the next shift start *of the same day* (``adjusted_start``); a start on a day
   off, on a day without shifts or after the day's last shift is refused, because snapping it
   would silently move the work to another day;
6. ``overlap`` — from the (snapped) start, the work (setup + run ÷ efficiency, across breaks and
   days off) must not overlap another operation on the line.

A later operation of the same order that would now start too early is not a reason to refuse:
``move_operation`` shifts it (and whatever it then collides with) to the right.
"""

from __future__ import annotations

from datetime import datetime

from app.services.scheduling.calendar import BeyondHorizon
from app.services.scheduling.model import MoveResult, Schedule
from app.services.scheduling.plant import Board, Plant, history_end, is_movable, working_state


def _when(moment: datetime, day) -> str:
    return f"{moment:%H:%M}" if moment.date() == day else f"{moment:%Y-%m-%d %H:%M}"


def check_move(schedule: Schedule, operation_id: int, new_line_id: int, new_start: datetime) -> MoveResult:
    """May the operation run on ``new_line_id`` from ``new_start``? See the module docstring."""
    plant, board = working_state(schedule, private=False)
    return validate_move(plant, board, operation_id, new_line_id, new_start)


def previous_end(plant: Plant, board: Board, op_id: int) -> tuple[int, int] | None:
    """``(seq, end)`` of the latest-ending earlier operation of the same order, if any."""
    found = None
    prev = plant.prev[op_id]
    while prev is not None:
        op = plant.ops[prev]
        end = board.where[prev][2] if prev in board.where else (
            history_end(plant, op) if op.status == "done" else None)
        if end is not None and (found is None or end > found[1]):
            found = (op.seq, end)
        prev = plant.prev[prev]
    return found


def validate_move(plant: Plant, board: Board, operation_id: int, new_line_id: int,
                  new_start: datetime) -> MoveResult:
    op = plant.ops.get(operation_id)
    if op is None:
        return MoveResult(False, f"Operation {operation_id} is not part of this plan.", rule="unknown")
    order = plant.orders[op.order_id]
    label = f"Operation {op.seq} of {order.number}"
    if not is_movable(op):
        state = "is already in progress" if op.status == "in_progress" else "is done"
        return MoveResult(False, f"{label} {state} and cannot be moved.", rule="status")
    line = plant.lines.get(new_line_id)
    if line is None:
        return MoveResult(False, f"There is no production line {new_line_id} in this plan.", rule="line")
    if not plant.can_make(line.id, order.family_id):
        return MoveResult(False, f"Line {line.code} cannot make {plant.problem.family_name(order.family_id)}.",
                          rule="capability")
    t = plant.sec(new_start)
    day = new_start.date()
    if t < plant.start:
        return MoveResult(False, f"{label} cannot start in the past, before "
                                 f"{_when(plant.problem.start, day)}.", rule="past")
    if order.material_ready and t < plant.sec(order.material_ready):
        return MoveResult(False, f"Material for {order.number} is not available before "
                                 f"{_when(order.material_ready, day)}.", rule="material")
    previous = previous_end(plant, board, op.id)
    if previous and t < previous[1]:
        return MoveResult(False, f"{label} cannot start before operation {previous[0]} ends at "
                                 f"{_when(plant.moment(previous[1]), day)}.", rule="sequence")
    calendar = plant.calendars[line.id]
    windows = calendar.windows_on(day)
    if day in line.days_off:
        return MoveResult(False, f"Line {line.code} has a day off on {day:%a %Y-%m-%d}.", rule="calendar")
    if not windows:
        return MoveResult(False, f"Line {line.code} has no shift on {day:%A %Y-%m-%d}.", rule="calendar")
    start = next((max(t, s) for s, e in windows if t < e), None)
    if start is None:
        last = plant.moment(windows[-1][1])
        return MoveResult(False, f"Line {line.code} stops work at {last:%H:%M} on {day:%a %Y-%m-%d}.",
                          rule="calendar")
    try:
        end = calendar.finish(start, plant.work(op.id, line.id))
    except BeyondHorizon:
        return MoveResult(False, f"{label} would not be done within the planning horizon.", rule="calendar")
    adjusted = (plant.moment(start), plant.moment(end))
    for other_id in board.overlapping(line.id, start, end, ignore=op.id):
        _, other_start, other_end = board.where[other_id]
        other = plant.ops.get(other_id)
        if other is None:
            what = f"operation {other_id}"
        elif other.order_id == op.order_id:
            what = f"its own operation {other.seq}"
        else:
            what = plant.orders[other.order_id].number
        begin, finish = plant.moment(other_start), plant.moment(other_end)
        same_day = begin.date() == finish.date() == day
        span = f"from {begin:%H:%M} to {finish:%H:%M}" if same_day else \
            f"from {begin:%Y-%m-%d %H:%M} to {finish:%Y-%m-%d %H:%M}"
        return MoveResult(False, f"{label} would overlap {what} on {line.code} {span}.", *adjusted, rule="overlap")
    return MoveResult(True, None, *adjusted)
