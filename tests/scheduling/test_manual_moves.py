"""Dragging an operation on the board: every rule refuses with one sentence; allowed moves ripple."""

from __future__ import annotations

from dataclasses import replace

import pytest
from plant_fixture import CABINETS, MONDAY, at, order, problem
from scheduling_problems import assert_feasible

from app.services.scheduling import check_move, move_operation, schedule


@pytest.fixture
def plan():
    """L1: order 1 08–10, order 2 10–11 and 11–12, order 5 15–16 (material), order 4 Tue 10–11;
    L2: order 3 (cabinets) 08–12."""
    result = schedule(problem(order(1, (0, 120), due=at(0, 20)), order(2, (0, 60), (0, 60), due=at(1, 20)),
                              order(3, (0, 240), family=CABINETS), order(4, (0, 60), material=at(1, 10)),
                              order(5, (0, 60), material=at(0, 15))))
    assert [(p.operation_id, p.start.strftime("%a %H:%M")) for p in result.on_line(1)] == [
        (10, "Mon 08:00"), (20, "Mon 10:00"), (21, "Mon 11:00"), (50, "Mon 15:00"), (40, "Tue 10:00")]
    return result


def refusal(plan, op_id, line_id, start):
    result = check_move(plan, op_id, line_id, start)
    assert not result.ok
    return result.rule, result.reason


def test_a_line_that_cannot_make_the_family_refuses_the_operation(plan):
    assert refusal(plan, 30, 1, at(1, 8)) == ("capability", "Line L1 cannot make control cabinets.")


def test_a_slot_that_overlaps_another_operation_is_refused(plan):
    assert refusal(plan, 10, 1, at(0, 10, 30)) == (
        "overlap", "Operation 10 of MO-2026-0000001 would overlap MO-2026-0000002 on L1 from 10:00 to 11:00.")


def test_a_step_cannot_start_before_the_previous_step_of_its_order_ends(plan):
    assert refusal(plan, 21, 1, at(0, 8)) == (
        "sequence", "Operation 20 of MO-2026-0000002 cannot start before operation 10 ends at 11:00.")


def test_nothing_starts_before_its_material_is_there(plan):
    assert refusal(plan, 40, 1, at(1, 8)) == (
        "material", "Material for MO-2026-0000004 is not available before 10:00.")


def test_nothing_is_planned_in_the_past(plan):
    assert refusal(plan, 10, 1, at(0, 7)) == (
        "past", "Operation 10 of MO-2026-0000001 cannot start in the past, before 08:00.")


def test_a_day_off_refuses_the_drop(plan):
    assert refusal(plan, 30, 2, at(2, 9)) == ("calendar", "Line L2 has a day off on Wed 2026-03-04.")


def test_a_day_without_shifts_refuses_the_drop(plan):
    assert refusal(plan, 10, 1, at(5, 9)) == ("calendar", "Line L1 has no shift on Saturday 2026-03-07.")


def test_a_drop_after_the_last_shift_of_the_day_is_refused(plan):
    assert refusal(plan, 40, 1, at(1, 18)) == ("calendar", "Line L1 stops work at 17:00 on Tue 2026-03-03.")


def test_a_drop_in_the_lunch_break_snaps_to_the_next_shift_start(plan):
    result = check_move(plan, 40, 1, at(1, 12, 30))
    assert result.ok and (result.adjusted_start, result.adjusted_end) == (at(1, 13), at(1, 14))


def test_an_operation_in_progress_cannot_be_moved():
    busy = order(1, (0, 60), (0, 60))
    first = replace(busy.operations[0], status="in_progress", line_id=1, start=MONDAY, end=at(0, 9))
    plan = schedule(problem(replace(busy, operations=(first, busy.operations[1]))))
    assert refusal(plan, 10, 1, at(0, 13)) == (
        "status", "Operation 10 of MO-2026-0000001 is already in progress and cannot be moved.")


def test_an_unknown_line_or_operation_is_refused(plan):
    assert refusal(plan, 10, 99, at(1, 8))[0] == "line"
    assert refusal(plan, 999, 1, at(1, 8))[0] == "unknown"


def test_a_move_to_a_free_slot_on_a_faster_capable_line_is_allowed(plan):
    result = check_move(plan, 30, 3, at(1, 6))
    assert result.ok and (result.adjusted_start, result.adjusted_end) == (at(1, 6), at(1, 8))


def test_moving_a_step_later_pushes_its_next_step_and_what_that_lands_on(plan):
    result, after = move_operation(plan, 20, 1, at(0, 14))
    assert result.ok and result.adjusted_start == at(0, 14)
    assert [(p.operation_id, p.start, p.end) for p in result.shifted] == [
        (21, at(0, 15), at(0, 16)), (50, at(0, 16), at(0, 17))]
    assert_feasible(after)
    unchanged = {10, 30, 40}
    assert all(after.placements[i] == plan.placements[i] for i in unchanged)
    assert after.outcomes[2].completion == at(0, 16)


def test_a_refused_move_changes_nothing(plan):
    result, after = move_operation(plan, 30, 1, at(1, 8))
    assert not result.ok and after is plan
