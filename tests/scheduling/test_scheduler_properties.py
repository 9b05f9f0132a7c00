"""Properties of the finite-capacity scheduler over random problems (hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from scheduling_problems import assert_feasible, overlap, problems

from app.services.scheduling import move_operation, reschedule_order, schedule, work_seconds
from app.services.scheduling.plant import Plant

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(problem=problems(), rule=st.sampled_from(["wmdd", "edd"]))
def test_capacity_calendars_sequence_and_material_always_hold(problem, rule):
    """No two operations share a line at once; each works exactly setup + run ÷ efficiency, and
    only inside its line's shifts (never on a day off); an order's steps run in seq order; nothing
    starts before now or before its material; every line can make what it runs."""
    assert_feasible(schedule(problem, rule=rule))


@SETTINGS
@given(problem=problems(in_progress=True))
def test_an_operation_in_progress_stays_put_and_keeps_its_line(problem):
    busy = problem.orders[0].operations[0]
    assume(busy.status == "in_progress")
    result = schedule(problem)
    assert_feasible(result)
    placed = result.placements[busy.id]
    assert (placed.line_id, placed.start, placed.end) == (busy.line_id, busy.start, busy.end)


@SETTINGS
@given(problem=problems())
def test_an_assignment_rule_binds_its_line_and_only_capable_lines_are_used(problem):
    result = schedule(problem)
    plant = Plant(problem)
    for p in result.placements.values():
        preferred = plant.preferred[p.order_id]
        assert p.line_id == (preferred if preferred is not None else p.line_id)
        assert p.line_id in plant.capable_lines(plant.orders[p.order_id].family_id)


@SETTINGS
@given(problem=problems(max_lines=2, max_orders=10, positive_work=True))
def test_a_line_never_passes_over_a_dominating_order_that_is_free_to_start(problem):
    """The exact property: let B be any operation, started at s on line L. Let A be an operation of
    another order that was free to start on L at s — L may run it (L is its rule's line, or no rule
    applies and L can make its family), its material is there and its previous step has ended by s
    — and that started only after s. Then A's order does not dominate B's: it is not at least as
    urgent (priority), due no later (promise; none = never) and with no more work left (this step
    and the later ones, at 100 % efficiency), with one of the three strictly better."""
    result = schedule(problem)
    plant = Plant(problem)
    far = problem.start + timedelta(days=10**5)

    def eligible(op_id, line_id):
        order_id = plant.ops[op_id].order_id
        preferred = plant.preferred[order_id]
        if preferred is not None:
            return line_id == preferred
        return plant.can_make(line_id, plant.orders[order_id].family_id)

    def released(op_id):
        prev = plant.prev[op_id]
        moments = [problem.start, plant.orders[plant.ops[op_id].order_id].material_ready or problem.start]
        if prev is not None:
            moments.append(result.placements[prev].end)
        return max(moments)

    def measure(op_id):
        order = plant.orders[plant.ops[op_id].order_id]
        return order.priority, order.due or far, plant.remaining(op_id)

    for b in result.placements.values():
        for a in result.placements.values():
            if a.order_id == b.order_id or a.start <= b.start or not eligible(a.operation_id, b.line_id):
                continue
            if released(a.operation_id) > b.start:
                continue
            ma, mb = measure(a.operation_id), measure(b.operation_id)
            dominates = all(x <= y for x, y in zip(ma, mb)) and ma != mb
            assert not dominates, f"{b} started while the dominating {a} ({ma} vs {mb}) was free to start"


@SETTINGS
@given(problem=problems(max_orders=8), data=st.data())
def test_rescheduling_one_order_moves_only_what_it_must(problem, data):
    """After replanning one changed order: the result is feasible; no other operation moved left;
    and every other operation that moved had to — in the new plan its old slot overlaps an
    operation on its line, or starts before its previous step now ends."""
    before = schedule(problem)
    order = data.draw(st.sampled_from(problem.orders))
    changed = replace(order, priority=data.draw(st.integers(1, 5)),
                      due=data.draw(st.none() | st.integers(0, 240).map(lambda h: problem.start + timedelta(hours=h))),
                      operations=tuple(replace(op, run_minutes=data.draw(st.integers(0, 60_000)) / 100)
                                       for op in order.operations))
    after = reschedule_order(before, changed, overtake=data.draw(st.booleans()))
    assert_feasible(after)
    assert_moved_only_what_it_must(before, after, changed_order_id=order.id)


def assert_moved_only_what_it_must(before, after, changed_order_id=None, moved_op=None):
    """Other operations never move left or change line, and each one that moved had to: in the
    new plan its old slot overlaps an operation on its line, or starts before its previous step ends."""
    plant = Plant(after.problem)
    for op_id, old in before.placements.items():
        new = after.placements.get(op_id)
        if old.order_id == changed_order_id or op_id == moved_op or new is None or new == old:
            continue
        assert new.line_id == old.line_id and new.start >= old.start, "only right shifts on the same line"
        prev = plant.prev[op_id]
        too_early = prev is not None and prev in after.placements and after.placements[prev].end > old.start
        collides = any(overlap(old, p) for p in after.placements.values()
                       if p.line_id == old.line_id and p.operation_id != op_id)
        assert too_early or collides, f"{op_id} moved from {old} to {new} without a conflict"


@SETTINGS
@given(problem=problems(max_orders=8, positive_work=True), data=st.data())
def test_rescheduling_an_unchanged_order_moves_nothing(problem, data):
    """(A step with no work at all may instead slip to an equally valid earlier instant.)"""
    before = schedule(problem)
    order = data.draw(st.sampled_from(problem.orders))
    after = reschedule_order(before, order)
    assert after.placements == before.placements


@settings(SETTINGS, max_examples=300)
@given(problem=problems(max_orders=8), data=st.data())
def test_a_manual_move_keeps_the_plan_feasible_and_moves_only_what_it_must(problem, data):
    before = schedule(problem)
    assume(before.placements)
    op_id = data.draw(st.sampled_from(sorted(before.placements)))
    line = data.draw(st.sampled_from(problem.lines))
    ends = sorted({p.end for p in before.on_line(line.id)})  # often a free working moment
    start = data.draw(st.integers(0, 4 * 24 * 10).map(lambda n: problem.start + timedelta(minutes=15 * n))
                      | (st.sampled_from(ends) if ends else st.nothing()))
    verdict, after = move_operation(before, op_id, line.id, start)
    if not verdict.ok:
        assert after is before and verdict.reason.endswith(".") and verdict.rule
        return
    assert_feasible(after)
    placed = after.placements[op_id]
    assert (placed.line_id, placed.start, placed.end) == (line.id, verdict.adjusted_start, verdict.adjusted_end)
    assert {p.operation_id for p in verdict.shifted} == {
        i for i, p in after.placements.items() if i != op_id and before.placements[i] != p}
    assert_moved_only_what_it_must(before, after, moved_op=op_id)


@SETTINGS
@given(problem=problems(max_orders=6))
def test_adding_an_order_into_free_gaps_moves_nothing_else(problem):
    *rest, last = problem.orders
    before = schedule(replace(problem, orders=tuple(rest))) if rest else None
    if before is None:
        return
    after = reschedule_order(before, last, overtake=False)
    assert_feasible(after)
    for op_id, old in before.placements.items():
        assert after.placements[op_id] == old


def test_work_seconds_is_setup_plus_run_over_efficiency_rounded_up_to_the_second():
    assert work_seconds(30, 90) == (30 + 90) * 60
    assert work_seconds(0, 1.1) == 66
    assert work_seconds(10, 30, 200) == (10 + 15) * 60
    assert work_seconds(0, 10, 80) == 750
    assert work_seconds(0, 0.01, 300) == 1
