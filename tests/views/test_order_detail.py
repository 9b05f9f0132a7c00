"""The order detail page: the timeline shows who did what when, approvals with comments, lines with
reservations and shortages, production progress; it follows changes live; actions per role."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from app.live.feed import LiveFeed
from app.services.approvals import approve_order
from app.services.lifecycle import submit_order
from app.services.order_timeline import load_timeline
from app.services.orders import create_order
from app.services.session_info import SessionInfo
from app.views.orders.detail_table_model import DetailTableModel
from app.views.orders.order_detail import OrderDetailPage
from app.views.orders.order_detail_columns import (ProductionRow, approval_columns, line_columns, production_columns,
                                                   shipment_columns)
from tests.live.conftest import start_listener  # noqa: F401 - fixture

NAMES = {"clerk": "Zhang Wei", "clerk2": "Li Na"}
ROLES = {"clerk": ("op_sales",), "clerk2": ("op_sales",), "warehouse": ("op_warehouse",),
         "planner": ("op_planner",), "manager": ("op_manager",), "approver1": ("op_approver",)}


@pytest.fixture
def open_detail(company, qtbot):
    pages = []

    def open_(order_id: int, who: str = "clerk", live_feed=None) -> OrderDetailPage:
        session = SessionInfo(login=company.logins[who].name, display_name=NAMES.get(who, who.title()),
                              roles=ROLES[who])
        page = OrderDetailPage(company.uow_factory(who), session, live_feed)
        qtbot.addWidget(page)
        page.resize(1280, 820)
        page.show()
        pages.append(page)
        with qtbot.waitSignal(page.loaded, timeout=10_000):
            page.show_order(order_id)
        return page

    yield open_
    for page in pages:
        page.shutdown()


def approved_into_production(company):
    """Pump from stock and a cabinet to make: 10,800 needs approval; approved, it goes into production."""
    order = create_order(company.order(("pump", 4, None), ("cabinet", 2, None)), uow=company.uow("clerk"))
    submit_order(order.id, uow=company.uow("clerk"))
    approve_order(order.id, "Key account, agreed by phone", uow=company.uow("approver1"))
    return order


def cells(model) -> list[list[str]]:
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_the_timeline_shows_every_step_with_who_and_when(company, qtbot, open_detail):
    order = approved_into_production(company)
    page = open_detail(order.id, "clerk2")
    history = company.rows("SELECT changed_at FROM order_status_history WHERE order_id = %s ORDER BY id", order.id)
    when = [f"{moment.astimezone():%Y-%m-%d %H:%M}" for (moment,) in history]
    assert page.timeline_view.texts()[:4] == [
        ("Draft", f"Zhang Wei  ·  {when[0]}", ""),
        ("Pending approval", f"Zhang Wei  ·  {when[1]}", "Submitted for approval"),
        ("Approved", f"Approver1  ·  {when[2]}", "Key account, agreed by phone"),
        ("In production", f"Approver1  ·  {when[3]}", page.timeline.steps[3].note),
    ]
    assert [text[0] for text in page.timeline_view.texts()[4:]] == ["Ready to ship", "Shipped", "Delivered", "Closed"]
    assert page.number_label.text() == order.order_no and page.status_badge.text() == "In production"
    assert page.stage_label.text() == "Customer sees: Processing"
    assert "Taken by Zhang Wei" in page.facts_label.text() and "Total 10,800.00 CNY" in page.facts_label.text()

    [approval] = cells(page.approvals_model)
    assert approval[0] == "Orders over 10,000" and approval[2:4] == ["1 / 1", "Approved"]
    assert approval[4].startswith("Approver1 approved ") and approval[4].endswith(": “Key account, agreed by phone”")
    lines = cells(page.lines_model)
    assert [row[1] for row in lines] == ["P-100 — Centrifugal pump CP-100", "CAB-1 — Control cabinet 控制柜 CC-1"]
    assert [(row[3], row[4], row[8]) for row in lines] == [("4", "", "Reserved"), ("0", "2", "Short 2")]
    assert [(row[1], row[2], row[5], row[6]) for row in cells(page.production_model)] == [
        ("10 Wiring", "Cabinet line", "0 / 2", "Pending"), ("20 Testing", "Cabinet line", "0 / 2", "Pending")]
    assert page.sections["shipments"].empty_note.isVisible() and not page.shipments_table.isVisible()


def test_production_progress_and_alerts_arrive_live(company, qtbot, open_detail, start_listener):  # noqa: F811
    order = approved_into_production(company)
    listener, _received = start_listener(company.logins["clerk"].url)
    feed = LiveFeed(listener, parent=listener)
    page = open_detail(order.id, "clerk", live_feed=feed)
    planner = company.logins["planner"].connect(autocommit=True)
    with planner.cursor() as cur:
        cur.execute("UPDATE production_operation SET status = 'in_progress', actual_start = now(), quantity_done = 1 "
                    "WHERE seq = 10 AND production_order_id IN (SELECT id FROM production_order "
                    "WHERE sales_order_id = %s)", (order.id,))
    qtbot.waitUntil(lambda: cells(page.production_model)[0][5] == "1 / 2", timeout=10_000)
    assert cells(page.production_model)[0][6] == "In progress" and cells(page.production_model)[0][4] != ""
    with planner.cursor() as cur:
        cur.execute("INSERT INTO deviation_alert (kind, sales_order_id, message) VALUES "
                    "('behind_plan', %s, 'Wiring is a day behind plan')", (order.id,))
    qtbot.waitUntil(page.alert_box.isVisible, timeout=10_000)
    assert "Behind plan: Wiring is a day behind plan" in page.alert_label.text()
    store = company.logins["warehouse"].connect()   # cabinets built and put in stock for the order
    with store.cursor() as cur:
        cur.execute("UPDATE stock_level SET on_hand = on_hand + 2, reserved = reserved + 2 WHERE product_id = %s",
                    (company.ids["cabinet"],))
        cur.execute("UPDATE sales_order_line SET reserved_qty = 2, shortage_qty = 0 WHERE order_id = %s "
                    "AND product_id = %s", (order.id, company.ids["cabinet"]))
        cur.execute("UPDATE sales_order SET status = 'ready_to_ship', status_note = 'Cabinets built' WHERE id = %s",
                    (order.id,))
    store.commit()
    store.close()
    qtbot.waitUntil(lambda: page.status_badge.text() == "Ready to ship", timeout=10_000)
    assert page.timeline_view.texts()[4][0:3:2] == ("Ready to ship", "Cabinets built")
    assert page.timeline_view.texts()[4][1].startswith("Warehouse  ·  ")
    assert [row[8] for row in cells(page.lines_model)] == ["Reserved", "Reserved"]
    planner.close()


def test_actions_are_offered_as_the_role_and_status_allow_and_the_server_carries_them_out(
        company, qtbot, open_detail, monkeypatch):
    order = create_order(company.order(("pump", 9, None)), uow=company.uow("clerk"))
    page = open_detail(order.id, "clerk")
    assert page.edit_button.isEnabled() and page.submit_button.isEnabled() and page.cancel_button.isEnabled()
    assert not page.print_button.isEnabled()
    edits = []
    page.edit_requested.connect(edits.append)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert edits == [order.id]

    watcher = open_detail(order.id, "warehouse")
    assert not any(button.isEnabled() for button in (watcher.edit_button, watcher.submit_button,
                                                     watcher.hold_button, watcher.cancel_button))

    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.mouseClick(page.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status_badge.text() == "Pending approval", timeout=10_000)
    assert not page.edit_button.isEnabled() and not page.submit_button.isVisible() and page.hold_button.isEnabled()

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Customer asked to wait", True))
    qtbot.mouseClick(page.hold_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status_badge.text() == "On hold", timeout=10_000)
    assert page.hold_box.isVisible() and page.hold_label.text() == "On hold: Customer asked to wait"
    assert page.release_button.isVisible() and page.release_button.isEnabled()
    qtbot.mouseClick(page.release_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status_badge.text() == "Pending approval", timeout=10_000)

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Customer ordered twice", True))
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status_badge.text() == "Cancelled", timeout=10_000)
    assert company.scalar("SELECT status FROM sales_order WHERE id = %s", order.id) == "cancelled"
    assert page.timeline_view.texts()[-1][0::2] == ("Cancelled", "Customer ordered twice")
    assert not any(b.isEnabled() for b in (page.edit_button, page.hold_button, page.cancel_button))


def test_detail_table_models_pass_the_qt_model_tester(company, qtmodeltester):
    order = approved_into_production(company)
    timeline = load_timeline(order.id, uow=company.uow("clerk"))
    for columns, rows, key in (
            (approval_columns(), timeline.approvals, None), (line_columns(), timeline.lines, None),
            (production_columns(), [ProductionRow.of_operation(op) for op in timeline.operations], "key"),
            (shipment_columns(), timeline.shipments, None)):
        model = DetailTableModel(columns, key=(lambda r: r.key) if key else (lambda r: r.id))
        model.set_rows(rows)
        qtmodeltester.check(model)
        model.set_rows(rows)       # the same rows again: updated in place
        qtmodeltester.check(model)
    assert Decimal(timeline.lines[1].shortage_qty) == 2


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_order_detail_screenshot_of_an_order_that_went_through_several_steps(
        company, qtbot, qapp, open_detail, screenshot_dir, language):
    from app import i18n

    i18n.install_translators(qapp, language)
    order = approved_into_production(company)
    planner = company.logins["planner"].connect(autocommit=True)
    with planner.cursor() as cur:
        cur.execute("UPDATE production_operation SET planned_start = now() - interval '5 hours', "
                    "planned_end = now() - interval '2 hours', actual_start = now() - interval '5 hours', "
                    "status = 'in_progress' WHERE seq = 10")
        cur.execute("UPDATE production_operation SET status = 'done', actual_end = now() - interval '90 minutes', "
                    "quantity_done = 2 WHERE seq = 10")
        cur.execute("UPDATE production_operation SET status = 'in_progress', planned_start = now() - interval '1 hour',"
                    " planned_end = now() + interval '2 hours', actual_start = now() - interval '40 minutes', "
                    "quantity_done = 1 WHERE seq = 20")
        cur.execute("INSERT INTO deviation_alert (kind, sales_order_id, message) VALUES "
                    "('behind_plan', %s, 'Testing started 30 minutes late')", (order.id,))
    planner.close()
    page = open_detail(order.id, "clerk2")
    qtbot.wait(50)
    assert page.alert_box.isVisible()
    assert page.grab().save(str(screenshot_dir / f"order_detail_{language}.png"))
