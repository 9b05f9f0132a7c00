"""Scheduling against the database, as a planner: approved cabinets → schedule → drag → alerts."""

from __future__ import annotations

import threading
from datetime import datetime, time, timedelta

import pytest

from app.services.approvals import approve_order
from app.services.errors import NotAllowed, StaleOrder
from app.services.lifecycle import submit_order
from app.services.orders import create_order
from app.services.scheduling import check_move, store

EVERY_DAY_8_TO_16 = """
    INSERT INTO line_shift (line_id, weekday, starts_at, ends_at)
    SELECT l.id, d, '08:00', '16:00' FROM production_line l CROSS JOIN generate_series(1, 7) d
"""


@pytest.fixture
def plant(company):
    """The company's lines L1 (pumps) and L2 (cabinets) working every day from 08:00 to 16:00."""
    company.rows(EVERY_DAY_8_TO_16 + " RETURNING id")
    company.ids["L1"] = company.scalar("SELECT id FROM production_line WHERE code = 'L1'")
    company.ids["L2"] = company.scalar("SELECT id FROM production_line WHERE code = 'L2'")
    return company


def cabinets(company, quantity=2, **header) -> int:
    """A clerk's order for cabinets, submitted (and approved when over 10,000): its production order id."""
    order = create_order(company.order(("cabinet", quantity, None), **header), uow=company.uow("clerk"))
    if submit_order(order.id, uow=company.uow("clerk")).order.status == "pending_approval":
        approve_order(order.id, uow=company.uow("approver1"))
    assert company.scalar("SELECT status FROM sales_order WHERE id = %s", order.id) == "in_production"
    return company.scalar("SELECT id FROM production_order WHERE sales_order_id = %s", order.id)


def operations(company, production_order_id):
    """(id, seq, line, status, local start, local end, version) of a production order's operations."""
    return company.rows(
        "SELECT op.id, op.seq, pl.code, op.status, op.planned_start AT TIME ZONE current_setting('TimeZone'), "
        "op.planned_end AT TIME ZONE current_setting('TimeZone'), op.version FROM production_operation op "
        "LEFT JOIN production_line pl ON pl.id = op.production_line_id "
        "WHERE op.production_order_id = %s ORDER BY op.seq", production_order_id)


def inside_shift(start: datetime, end: datetime) -> bool:
    return time(8) <= start.time() < time(16) and (time(8) < end.time() <= time(16) or end.time() == time(16))


def test_a_planner_schedules_approved_cabinets_on_the_cabinet_line(plant):
    mo = cabinets(plant)
    saved = store.schedule_all(uow=plant.uow("planner"))
    wiring, testing = operations(plant, mo)
    assert (wiring[1:4], testing[1:4]) == ((10, "L2", "scheduled"), (20, "L2", "scheduled"))
    assert wiring[6] == testing[6] == 2 and saved.versions == {wiring[0]: 2, testing[0]: 2}
    assert wiring[5] <= testing[4], "testing starts after wiring ends"
    assert all(inside_shift(op[4], op[5]) for op in (wiring, testing))
    placed = saved.schedule.placements
    assert (placed[wiring[0]].start, placed[testing[0]].end) == (wiring[4], testing[5])
    completion = plant.scalar("SELECT expected_completion AT TIME ZONE current_setting('TimeZone') "
                              "FROM production_order WHERE id = %s", mo)
    assert completion == testing[5]

    again = store.schedule_all(uow=plant.uow("planner"))
    assert again.changed_operations == 0, "an unchanged plan writes nothing"

    board = store.current_plan(uow=plant.uow("planner"))  # what the Gantt board draws and checks drags on
    assert {i: (p.start, p.end) for i, p in board.placements.items()} == {
        wiring[0]: (wiring[4], wiring[5]), testing[0]: (testing[4], testing[5])}
    assert check_move(board, testing[0], plant.ids["L1"], testing[4]).rule == "capability"


def test_a_line_day_off_in_the_database_is_skipped(plant):
    tomorrow = plant.scalar("SELECT (now() AT TIME ZONE current_setting('TimeZone'))::date + 1")
    plant.rows("INSERT INTO line_day_off (line_id, day, reason) SELECT id, %s, 'maintenance' FROM production_line "
               "RETURNING day", tomorrow)
    mo = cabinets(plant, quantity=8)  # 390 + 130 minutes: more than one day's shift
    store.schedule_all(uow=plant.uow("planner"))
    wiring, testing = operations(plant, mo)
    assert testing[5].date() > tomorrow
    for op in (wiring, testing):
        assert op[4].date() != tomorrow and op[5].date() != tomorrow


def test_a_drag_is_saved_and_a_stale_or_forbidden_drag_is_refused(plant):
    mo = cabinets(plant)
    store.schedule_all(uow=plant.uow("planner"))
    wiring, testing = operations(plant, mo)
    target = datetime.combine(testing[5].date() + timedelta(days=2), time(9))

    moved = store.move_operation(testing[0], testing[6], plant.ids["L2"], target, uow=plant.uow("planner"))
    assert moved.ok and moved.adjusted_start == target and moved.versions == {testing[0]: 3}
    after = operations(plant, mo)[1]
    assert (after[4], after[6]) == (target, 3)
    assert plant.scalar("SELECT expected_completion AT TIME ZONE current_setting('TimeZone') FROM production_order "
                        "WHERE id = %s", mo) == after[5]

    with pytest.raises(StaleOrder, match="Operation 20 of MO-.* was changed by someone else"):
        store.move_operation(testing[0], testing[6], plant.ids["L2"], target + timedelta(days=1),
                             uow=plant.uow("planner"))
    refused = store.move_operation(testing[0], 3, plant.ids["L1"], target, uow=plant.uow("planner"))
    assert not refused.ok and refused.reason == "Line L1 cannot make control cabinets."
    early = store.move_operation(testing[0], 3, plant.ids["L2"], wiring[4], uow=plant.uow("planner"))
    assert early.rule == "sequence" and "cannot start before operation 10 ends" in early.reason
    assert operations(plant, mo)[1] == after


def test_moving_wiring_later_pushes_testing_along(plant):
    mo = cabinets(plant)
    store.schedule_all(uow=plant.uow("planner"))
    wiring, testing = operations(plant, mo)
    target = datetime.combine(testing[5].date() + timedelta(days=3), time(15))  # runs past 16:00 into the next day
    moved = store.move_operation(wiring[0], wiring[6], plant.ids["L2"], target, uow=plant.uow("planner"))
    assert moved.ok and [p.operation_id for p in moved.shifted] == [testing[0]]
    wiring2, testing2 = operations(plant, mo)
    assert wiring2[4] == target and wiring2[5] == target + timedelta(hours=18)  # 1 h today, 1 h from 08:00
    assert testing2[4] == wiring2[5] and moved.versions == {wiring[0]: 3, testing[0]: 3}


def test_a_new_order_is_planned_around_the_existing_plan(plant):
    first = cabinets(plant)
    store.schedule_all(uow=plant.uow("planner"))
    before = operations(plant, first)
    second = cabinets(plant)
    saved = store.reschedule_order(second, uow=plant.uow("planner"))
    assert operations(plant, first) == before, "the first order keeps its slots (and versions)"
    new = operations(plant, second)
    assert all(op[3] == "scheduled" for op in new) and new[0][4] >= before[1][5]
    assert set(saved.versions) == {op[0] for op in new}


def test_an_order_expected_after_its_promise_raises_one_alert_for_the_planners(plant):
    mo = cabinets(plant, quantity=3)
    sales_order = plant.scalar("SELECT sales_order_id FROM production_order WHERE id = %s", mo)
    plant.rows("UPDATE sales_order SET promised_date = current_date - 1 WHERE id = %s RETURNING id", sales_order)
    saved = store.schedule_all(uow=plant.uow("planner"))
    assert [o.order_id for o in saved.late] == [mo] and saved.alerts.late == (mo,)
    alerts = plant.rows("SELECT kind, sales_order_id, message FROM deviation_alert WHERE resolved_at IS NULL")
    assert [(kind, so) for kind, so, _ in alerts] == [("late_against_promise", sales_order)]
    assert "after the promised date" in alerts[0][2]
    told = plant.rows("SELECT recipient FROM notification WHERE kind = 'late_against_promise' AND order_id = %s",
                      sales_order)
    assert {r for (r,) in told} == {plant.logins["planner"].name, plant.logins["manager"].name}

    assert store.schedule_all(uow=plant.uow("planner")).alerts.late == (), "raised once"
    plant.rows("UPDATE sales_order SET promised_date = current_date + 60 WHERE id = %s RETURNING id", sales_order)
    assert store.schedule_all(uow=plant.uow("planner")).alerts.resolved == 1
    assert plant.scalar("SELECT count(*) FROM deviation_alert WHERE resolved_at IS NULL") == 0


def test_a_line_given_more_work_than_its_shifts_raises_an_overload_alert(plant):
    plant.rows("DELETE FROM line_shift WHERE line_id = %s AND weekday <> 1 RETURNING id", plant.ids["L2"])
    plant.rows("UPDATE line_shift SET ends_at = '08:30' WHERE line_id = %s RETURNING id", plant.ids["L2"])
    mo = cabinets(plant, quantity=3)
    plant.rows("UPDATE sales_order SET promised_date = current_date + 3 "
               "WHERE id = (SELECT sales_order_id FROM production_order WHERE id = %s) RETURNING id", mo)
    saved = store.schedule_all(uow=plant.uow("planner"))
    assert saved.alerts.overloaded == (plant.ids["L2"],)
    message = plant.scalar("SELECT message FROM deviation_alert WHERE kind = 'line_overloaded'")
    assert message.startswith("Line L2 is overloaded:")


def test_a_sales_clerk_cannot_write_the_schedule(plant):
    cabinets(plant)
    with pytest.raises(NotAllowed):
        store.schedule_all(uow=plant.uow("clerk"))


def test_two_planners_dropping_into_the_same_slot_cannot_both_win(plant, make_login):
    first, second = cabinets(plant), cabinets(plant)
    store.schedule_all(uow=plant.uow("planner"))
    plant.logins["planner2"] = make_login("planner2", "op_planner")
    a, b = operations(plant, first)[1], operations(plant, second)[1]
    target = datetime.combine(max(a[5], b[5]).date() + timedelta(days=2), time(9))
    barrier, results = threading.Barrier(2), {}

    def drop(who, op):
        uow = plant.uow(who)
        barrier.wait()
        results[who] = store.move_operation(op[0], op[6], plant.ids["L2"], target, uow=uow)

    threads = [threading.Thread(target=drop, args=args) for args in (("planner", a), ("planner2", b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    verdicts = sorted((r.ok, r.rule) for r in results.values())
    assert verdicts == [(False, "overlap"), (True, None)]
    starts = plant.rows("SELECT planned_start FROM production_operation WHERE id IN (%s, %s)", a[0], b[0])
    assert len({s for (s,) in starts}) == 2


def test_operations_no_line_can_make_any_more_are_taken_off_the_plan_with_the_reason(plant):
    mo = cabinets(plant)
    store.schedule_all(uow=plant.uow("planner"))
    plant.rows("DELETE FROM line_capability WHERE line_id = %s RETURNING line_id", plant.ids["L2"])
    saved = store.schedule_all(uow=plant.uow("planner"))
    wiring, testing = operations(plant, mo)
    assert saved.schedule.unscheduled == {wiring[0]: "No line can make control cabinets.",
                                          testing[0]: "It waits for operation 10, which could not be scheduled."}
    assert [(op[3], op[4], op[5], op[6]) for op in (wiring, testing)] == [("pending", None, None, 3)] * 2
