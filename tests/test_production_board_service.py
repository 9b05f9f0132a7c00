"""The production board's service, as a planner sees it: what the board shows, and what a drop does."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from app.services.approvals import approve_order
from app.services.lifecycle import submit_order
from app.services.orders import create_order
from app.services.production_board import load_alerts, load_bars, load_board, move_bar
from app.services.scheduling import store

EVERY_DAY_8_TO_16 = """
    INSERT INTO line_shift (line_id, weekday, starts_at, ends_at)
    SELECT l.id, d, '08:00', '16:00' FROM production_line l CROSS JOIN generate_series(1, 7) d
    RETURNING id
"""


@pytest.fixture
def plant(company):
    """Lines L1 (pumps) and L2 (cabinets) working every day from 08:00 to 16:00."""
    company.rows(EVERY_DAY_8_TO_16)
    company.ids["L1"] = company.scalar("SELECT id FROM production_line WHERE code = 'L1'")
    company.ids["L2"] = company.scalar("SELECT id FROM production_line WHERE code = 'L2'")
    return company


def cabinets(company, quantity=2) -> int:
    """A clerk's order for cabinets, submitted and approved: its production order id."""
    order = create_order(company.order(("cabinet", quantity, None)), uow=company.uow("clerk"))
    if submit_order(order.id, uow=company.uow("clerk")).order.status == "pending_approval":
        approve_order(order.id, uow=company.uow("approver1"))
    return company.scalar("SELECT id FROM production_order WHERE sales_order_id = %s", order.id)


def slots(company, production_order_id):
    """(id, seq, line code, local start, local end, version) of the order's operations."""
    return company.rows(
        "SELECT op.id, op.seq, pl.code, op.planned_start AT TIME ZONE current_setting('TimeZone'), "
        "op.planned_end AT TIME ZONE current_setting('TimeZone'), op.version FROM production_operation op "
        "LEFT JOIN production_line pl ON pl.id = op.production_line_id "
        "WHERE op.production_order_id = %s ORDER BY op.seq", production_order_id)


def window_around(company, days_before=7, days_after=60):
    today = company.scalar("SELECT (now() AT TIME ZONE current_setting('TimeZone'))::date")
    return (datetime.combine(today - timedelta(days=days_before), time()),
            datetime.combine(today + timedelta(days=days_after), time()))


def test_the_board_shows_the_lines_with_their_calendars_and_the_planned_operations(plant):
    mo = cabinets(plant, quantity=3)
    store.schedule_all(uow=plant.uow("planner"))
    wiring, testing = slots(plant, mo)
    board = load_board(*window_around(plant), uow=plant.uow("planner"))

    assert [(line.code, line.name) for line in board.lines] == [("L1", "Assembly line 1"), ("L2", "Cabinet line")]
    l2 = board.lines[1]
    assert l2.family_ids == {plant.scalar("SELECT id FROM product_family WHERE code = 'CAB'")}
    assert {(s.weekday, s.starts_at, s.ends_at) for s in l2.shifts} == {(d, time(8), time(16)) for d in range(1, 8)}
    bars = {bar.id: bar for bar in board.bars}
    assert set(bars) == {wiring[0], testing[0]}
    bar = bars[testing[0]]
    assert (bar.production_no, bar.seq, bar.name, bar.line_id, bar.start, bar.end, bar.version) == (
        plant.scalar("SELECT production_no FROM production_order WHERE id = %s", mo), 20, "Testing",
        plant.ids["L2"], testing[3], testing[4], testing[5])
    assert (bar.sku, bar.quantity, bar.progress, bar.status, bar.movable, bar.late) == (
        "CAB-1", 3, 0.0, "scheduled", True, False)
    assert bar.sales_order_no.startswith("SO") and bar.customer == "上海浦江机械有限公司"
    assert board.window_start <= board.now <= board.window_end

    later = load_board(testing[4] + timedelta(days=1), testing[4] + timedelta(days=8), uow=plant.uow("planner"))
    assert later.bars == () and len(later.lines) == 2, "a window after the work holds no bars"


def test_an_order_expected_after_its_promise_shows_late_bars_and_its_alert(plant):
    mo = cabinets(plant)
    plant.rows("UPDATE sales_order SET promised_date = current_date - 1 "
               "WHERE id = (SELECT sales_order_id FROM production_order WHERE id = %s) RETURNING id", mo)
    store.schedule_all(uow=plant.uow("planner"))
    board = load_board(*window_around(plant), uow=plant.uow("planner"))
    assert {bar.late for bar in board.bars} == {True}
    assert [(a.kind, a.production_order_id) for a in board.alerts] == [("late_against_promise", mo)]
    assert "after the promised date" in board.alerts[0].message
    assert load_alerts(uow=plant.uow("clerk")) == board.alerts, "everyone may read the alerts"


def test_a_drop_is_saved_and_the_moved_bars_come_back(plant):
    mo = cabinets(plant)
    store.schedule_all(uow=plant.uow("planner"))
    wiring, testing = slots(plant, mo)
    target = datetime.combine(testing[4].date() + timedelta(days=2), time(9))
    outcome = move_bar(wiring[0], wiring[5], plant.ids["L2"], target, uow=plant.uow("planner"),
                       reread_uow=plant.uow("planner"))
    assert outcome.ok and outcome.reason is None
    moved = {bar.id: bar for bar in outcome.bars}
    assert set(moved) == {wiring[0], testing[0]}, "testing is pushed after wiring"
    assert moved[wiring[0]].start == target and moved[testing[0]].start == moved[wiring[0]].end
    wiring2, testing2 = slots(plant, mo)
    assert (wiring2[3], testing2[3]) == (target, moved[wiring[0]].end)
    assert moved[wiring[0]].version == wiring2[5] > wiring[5]


@pytest.mark.parametrize("case, rule, reason", [
    ("incapable line", "capability", "Line L1 cannot make control cabinets."),
    ("before the previous operation", "sequence", "Operation 20 of {mo} cannot start before operation 10 ends at"),
    ("over another order", "overlap", "Operation 20 of {mo} would overlap {other} on L2"),
    ("stale version", "StaleOrder", "Operation 20 of {mo} was changed by someone else meanwhile"),
])
def test_a_refused_drop_says_why_and_saves_nothing(plant, case, rule, reason):
    mo, other = cabinets(plant), cabinets(plant)
    store.schedule_all(uow=plant.uow("planner"))
    before = slots(plant, mo) + slots(plant, other)
    wiring, testing = before[0], before[1]
    line, start, version = plant.ids["L2"], testing[3], testing[5]
    if case == "incapable line":
        line = plant.ids["L1"]
    elif case == "before the previous operation":
        start = wiring[3]
    elif case == "over another order":
        start = before[2][3] if before[2][3] > wiring[4] else before[3][3]
    else:
        version -= 1
    numbers = dict(plant.rows("SELECT id, production_no FROM production_order"))
    outcome = move_bar(testing[0], version, line, start, uow=plant.uow("planner"), reread_uow=plant.uow("planner"))
    assert not outcome.ok and outcome.rule == rule and outcome.bars == ()
    assert outcome.reason.startswith(reason.format(mo=numbers[mo], other=numbers[other]))
    assert slots(plant, mo) + slots(plant, other) == before


def test_only_planners_may_move_bars(plant):
    mo = cabinets(plant)
    store.schedule_all(uow=plant.uow("planner"))
    wiring, testing = slots(plant, mo)
    target = datetime.combine(testing[4].date() + timedelta(days=2), time(9))
    outcome = move_bar(testing[0], testing[5], plant.ids["L2"], target, uow=plant.uow("clerk"))
    assert not outcome.ok and outcome.rule == "NotAllowed" and outcome.reason
    assert slots(plant, mo)[1] == testing


def test_changed_bars_are_read_again_and_vanished_ones_reported(plant):
    mo = cabinets(plant)
    store.schedule_all(uow=plant.uow("planner"))
    wiring, testing = slots(plant, mo)
    plant.rows("UPDATE production_operation SET planned_start = NULL, planned_end = NULL, status = 'pending' "
               "WHERE id = %s RETURNING id", testing[0])
    changed = load_bars({wiring[0], testing[0], 999_999}, uow=plant.uow("planner"))
    assert [bar.id for bar in changed.bars] == [wiring[0]]
    assert changed.gone == {testing[0], 999_999}


def test_a_drop_into_a_shift_ending_at_midnight_is_accepted(plant):
    plant.rows("UPDATE line_shift SET ends_at = '24:00' WHERE line_id = %s RETURNING id", plant.ids["L2"])
    mo = cabinets(plant)
    store.schedule_all(uow=plant.uow("planner"))
    wiring, testing = slots(plant, mo)
    evening = datetime.combine(testing[4].date() + timedelta(days=2), time(20))
    outcome = move_bar(testing[0], testing[5], plant.ids["L2"], evening, uow=plant.uow("planner"),
                       reread_uow=plant.uow("planner"))
    assert outcome.ok, outcome.reason
    assert outcome.bars[0].start == evening
