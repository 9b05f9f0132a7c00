"""The scheduler on small hand-made plans whose right answer can be worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from plant_fixture import CABINETS, L1, LINES, MONDAY, VALVES, at, order, problem

from app.services.scheduling import Rule, reschedule_order, schedule
from app.services.scheduling.load import line_overloads


def slot(result, op_id):
    p = result.placements[op_id]
    return p.line_id, p.start, p.end


def test_a_rush_order_goes_first_when_two_orders_wait_for_the_same_line():
    result = schedule(problem(order(1, (0, 120), priority=3, due=at(4, 17)),
                              order(2, (0, 120), priority=1, due=at(4, 17))))
    assert slot(result, 20) == (1, at(0, 8), at(0, 10))
    assert slot(result, 10) == (1, at(0, 10), at(0, 12))

def test_the_earlier_promise_goes_first_when_priorities_are_equal():
    result = schedule(problem(order(1, (0, 120), due=at(4, 17)), order(2, (0, 120), due=at(3, 17))))
    assert result.placements[20].start == at(0, 8)
    assert result.placements[10].start == at(0, 10)


def test_work_pauses_over_the_lunch_break():
    result = schedule(problem(order(1, (0, 300))))
    assert slot(result, 10) == (1, at(0, 8), at(0, 14))


def test_a_line_day_off_is_skipped():
    result = schedule(problem(order(1, (0, 1200), family=CABINETS)))
    assert slot(result, 10) == (2, at(0, 8), at(3, 12))  # Mon 8 h, Tue 8 h, Wednesday off, Thu 4 h


def test_efficiency_scales_the_run_time_but_not_the_setup():
    result = schedule(problem(order(1, (30, 120)), rules=(Rule(line_id=3, family_id=1),)))
    assert slot(result, 10) == (3, at(0, 8), at(0, 9, 30))  # 30 + 120 / 200 %


def test_the_steps_of_an_order_run_one_after_the_other_even_on_different_lines():
    result = schedule(problem(order(1, (0, 60), (0, 60), (0, 60)), rules=()))
    ends = [result.placements[i].end for i in (10, 11, 12)]
    starts = [result.placements[i].start for i in (10, 11, 12)]
    assert starts[1] >= ends[0] and starts[2] >= ends[1]
    assert result.outcomes[1].completion == ends[2]


def test_nothing_starts_before_the_material_is_there():
    result = schedule(problem(order(1, (0, 60), material=at(1, 10, 30))))
    assert slot(result, 10) == (1, at(1, 10, 30), at(1, 11, 30))


def test_an_order_no_line_can_make_is_reported_with_the_reason():
    result = schedule(problem(order(1, (0, 60), (0, 30), family=VALVES)))
    assert result.unscheduled == {10: "No line can make valves.",
                                  11: "It waits for operation 10, which could not be scheduled."}
    assert result.outcomes[1].completion is None


def test_a_line_without_shifts_gets_no_work():
    idle = replace(L1, shifts=())
    result = schedule(problem(order(1, (0, 60)), lines=(idle,) + LINES[1:]))
    assert result.unscheduled == {10: "Line L1 has no shifts."}


def test_expected_completion_is_measured_against_the_promise():
    result = schedule(problem(order(1, (0, 600), due=at(0, 23, 59) + timedelta(minutes=1))))
    outcome = result.outcomes[1]
    assert outcome.completion == at(1, 10) and outcome.lateness == timedelta(hours=10) and outcome.late


def test_the_default_rule_beats_earliest_due_date_when_the_line_cannot_make_every_promise():
    """A long order due first and three short ones due a bit later: EDD starts the long one and
    makes all four late; the weighted modified due date finishes the short ones first."""
    orders = (order(1, (0, 16 * 60), due=at(1, 0)),) + tuple(order(i, (0, 120), due=at(1, 0) + timedelta(hours=2))
                                                            for i in (2, 3, 4))
    ours, edd = schedule(problem(*orders)), schedule(problem(*orders), rule="edd")
    assert edd.placements[10].start == MONDAY
    assert len(ours.late_orders) == 1 and len(edd.late_orders) == 4
    assert ours.total_tardiness < edd.total_tardiness / 2


def test_a_line_asked_for_more_than_its_shifts_give_is_overloaded():
    orders = tuple(order(i, (0, 10 * 60), due=at(4, 17)) for i in range(1, 6))  # 50 h due Friday, 40 h of shifts
    overloads = line_overloads(schedule(problem(*orders)))
    assert [(o.line_id, o.week_start, round(o.demand_hours), round(o.capacity_hours)) for o in overloads][:1] == [
        (1, MONDAY.date(), 50, 40)]


def test_an_urgent_order_added_later_takes_its_place_and_pushes_only_its_line():
    base = schedule(problem(order(1, (0, 120), due=at(4, 17)), order(2, (0, 120), due=at(4, 17)),
                            order(3, (0, 240), family=CABINETS, due=at(4, 17))))
    rush = order(4, (0, 60), priority=1, due=at(0, 12))
    after = reschedule_order(base, rush)
    assert slot(after, 40) == (1, at(0, 8), at(0, 9))
    assert slot(after, 10) == (1, at(0, 9), at(0, 11)) and slot(after, 20) == (1, at(0, 11), at(0, 14))
    assert slot(after, 30) == slot(base, 30)  # the cabinet line is left alone


def test_an_order_added_without_overtaking_only_fills_a_free_gap():
    base = schedule(problem(order(1, (0, 120), due=at(4, 17)), order(2, (0, 120), due=at(4, 17), material=at(0, 11))))
    assert slot(base, 20) == (1, at(0, 11), at(0, 14))
    after = reschedule_order(base, order(3, (0, 60), priority=1, due=at(0, 12)), overtake=False)
    assert slot(after, 30) == (1, at(0, 10), at(0, 11))
    assert all(after.placements[i] == base.placements[i] for i in (10, 20))
