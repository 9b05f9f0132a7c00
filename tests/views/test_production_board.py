"""The production board, driven like a planner: drag a bar, see it saved and moved on a colleague's
board; a drop that breaks a rule snaps back with the reason; a clerk only looks; screenshots."""

from __future__ import annotations

import math
from datetime import datetime, time, timedelta

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QToolTip

from app.live.feed import LiveFeed
from app.services.approvals import approve_order
from app.services.lifecycle import submit_order
from app.services.orders import create_order
from app.services.scheduling import store
from app.services.session_info import SessionInfo
from app.views.production.bar_item import BarItem
from app.views.production.board_layout import BAR_HEIGHT
from app.views.production.board_page import ProductionBoardPage
from app.views.production.board_tooltips import bar_tooltip
from tests.live.conftest import start_listener  # noqa: F401 - fixture

ORDERS_FOR_SCREENSHOT = 1500
ROUND_THE_CLOCK = """
    INSERT INTO line_shift (line_id, weekday, starts_at, ends_at)
    SELECT l.id, d, '00:00', '24:00' FROM production_line l CROSS JOIN generate_series(1, 7) d
    RETURNING id
"""


@pytest.fixture
def plant(company, make_login):
    """L1 (pumps) and L2 (cabinets) working round the clock; two cabinet orders planned on L2."""
    company.rows(ROUND_THE_CLOCK)
    company.logins["planner2"] = make_login("planner2", "op_planner", display_name="Wang Fang")
    company.ids["L1"] = company.scalar("SELECT id FROM production_line WHERE code = 'L1'")
    company.ids["L2"] = company.scalar("SELECT id FROM production_line WHERE code = 'L2'")
    company.ids["orders"] = [cabinets(company), cabinets(company)]
    store.schedule_all(uow=company.uow("planner"))
    return company


def cabinets(company, quantity=2) -> int:
    order = create_order(company.order(("cabinet", quantity, None)), uow=company.uow("clerk"))
    if submit_order(order.id, uow=company.uow("clerk")).order.status == "pending_approval":
        approve_order(order.id, uow=company.uow("approver1"))
    return company.scalar("SELECT id FROM production_order WHERE sales_order_id = %s", order.id)


def slots(company):
    """{(order index, seq): (operation id, line code, local start, local end)} of the planned operations."""
    rows = company.rows(
        "SELECT op.production_order_id, op.seq, op.id, pl.code, "
        "op.planned_start AT TIME ZONE current_setting('TimeZone'), "
        "op.planned_end AT TIME ZONE current_setting('TimeZone') FROM production_operation op "
        "JOIN production_line pl ON pl.id = op.production_line_id")
    index = {mo: n for n, mo in enumerate(company.ids["orders"])}
    return {(index[mo], seq): (op, code, start, end) for mo, seq, op, code, start, end in rows}


def open_board(company, who, qtbot, start_listener=None, roles=("op_planner",)):  # noqa: F811
    feed = None
    if start_listener is not None:
        listener, _received = start_listener(company.logins[who].url)
        feed = LiveFeed(listener, parent=listener)
    session = SessionInfo(company.logins[who].name, who.title(), roles)
    page = ProductionBoardPage(company.uow_factory(who), session, live_feed=feed)
    qtbot.addWidget(page)
    page.resize(1300, 420)
    page.show()
    qtbot.waitUntil(lambda: not page._loading and len(page.scene.items_by_id) == 4, timeout=15_000)
    page.zoom_to_days(1)
    return page


def ceil_to(moment: datetime, minutes: int) -> datetime:
    """``moment`` rounded up to the board's drag step (steps count from midnight)."""
    midnight = datetime.combine(moment.date(), time())
    steps = math.ceil((moment - midnight).total_seconds() / 60 / minutes)
    return midnight + timedelta(minutes=steps * minutes)


def drag(qtbot, page, op_id: int, start: datetime, line_code: str) -> BarItem:
    """Press on the bar, move it so that it starts at ``start`` on ``line_code``'s row, release."""
    view, layout = page.view, page.board_layout
    item = page.scene.items_by_id[op_id]
    row = next(r for r, line in enumerate(layout.lines) if line.code == line_code)
    page.show_time(min(item.bar.start, start) - timedelta(hours=1), 0.05)
    grab_scene = QPointF(item.x(), item.y() + BAR_HEIGHT / 2)
    drop_scene = QPointF(layout.x_of(start), layout.bar_top(row) + BAR_HEIGHT / 2)
    press = view.mapFromScene(grab_scene) + QPoint(4, 0)
    release = view.mapFromScene(drop_scene) + QPoint(4, 0)
    viewport = view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, press)
    for n in range(1, 6):
        QTest.mouseMove(viewport, press + (release - press) * (n / 5))
    qtbot.wait(20)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, release)
    return item


def item_at(page, op_id: int, start: datetime, line_code: str) -> bool:
    item = page.scene.items_by_id.get(op_id)
    layout = page.board_layout
    row = next(r for r, line in enumerate(layout.lines) if line.code == line_code)
    return (item is not None and item.bar.start == start and not item.pending
            and item.pos() == QPointF(layout.x_of(start), layout.bar_top(row)))


def test_a_dragged_bar_is_saved_and_moves_on_a_colleagues_board(plant, qtbot, start_listener):  # noqa: F811
    mine = open_board(plant, "planner", qtbot, start_listener)
    theirs = open_board(plant, "planner2", qtbot, start_listener)
    before = slots(plant)
    op_id, _, start, end = before[(1, 20)]  # the last operation on L2
    target = ceil_to(end + timedelta(hours=3), mine.scene.snap_minutes)

    drag(qtbot, mine, op_id, target, "L2")

    qtbot.waitUntil(lambda: slots(plant)[(1, 20)][2] == target, timeout=10_000)
    assert slots(plant)[(1, 20)][1] == "L2" and slots(plant)[(1, 20)][3] == target + (end - start)
    qtbot.waitUntil(lambda: item_at(mine, op_id, target, "L2"), timeout=10_000)
    assert "now runs on L2" in mine.banner.text()
    qtbot.waitUntil(lambda: item_at(theirs, op_id, target, "L2"), timeout=10_000)
    assert theirs.scene.items_by_id[op_id].bar.version == mine.scene.items_by_id[op_id].bar.version
    assert {k: v for k, v in slots(plant).items() if k != (1, 20)} == {
        k: v for k, v in before.items() if k != (1, 20)}, "nothing else moved"
    for page in (mine, theirs):
        page.shutdown()


@pytest.mark.parametrize("case", ["incapable line", "before the previous operation", "over another order"])
def test_a_drop_that_breaks_a_rule_snaps_back_with_the_reason(plant, qtbot, case):
    page = open_board(plant, "planner", qtbot)
    before = slots(plant)
    numbers = dict(plant.rows("SELECT id, production_no FROM production_order"))
    first, second = (numbers[mo] for mo in plant.ids["orders"])
    step = page.scene.snap_minutes
    if case == "incapable line":
        op_id, _, start, _ = before[(1, 20)]
        target, line, reason = ceil_to(start, step), "L1", "Line L1 cannot make control cabinets."
    elif case == "before the previous operation":
        op_id, _, _, _ = before[(1, 20)]
        wiring = before[(1, 10)]
        target, line = ceil_to(wiring[2] + timedelta(minutes=1), step), "L2"
        reason = f"Operation 20 of {second} cannot start before operation 10 ends at {wiring[3]:%H:%M}."
    else:
        op_id, _, _, _ = before[(0, 20)]
        wiring = before[(1, 10)]
        target, line = ceil_to(wiring[2] + timedelta(minutes=1), step), "L2"
        reason = f"Operation 20 of {first} would overlap {second} on L2 from {wiring[2]:%H:%M} to {wiring[3]:%H:%M}."
    planned = page.scene.items_by_id[op_id].pos()

    drag(qtbot, page, op_id, target, line)

    qtbot.waitUntil(lambda: page.banner.text() != "", timeout=10_000)
    assert page.banner.text() == reason and page.banner.kind == "error"
    item = page.scene.items_by_id[op_id]
    qtbot.waitUntil(lambda: item.pos() == planned and not item.pending, timeout=5_000)
    assert slots(plant) == before, "nothing saved"
    page.shutdown()


def test_a_clerk_sees_the_board_read_only_and_cannot_move_a_bar(plant, qtbot):
    page = open_board(plant, "clerk", qtbot, roles=("op_sales",))
    assert not page.toolbar.read_only_label.isHidden()
    before = slots(plant)
    op_id, _, _, end = before[(1, 20)]
    item = page.scene.items_by_id[op_id]
    planned = item.pos()
    drag(qtbot, page, op_id, ceil_to(end + timedelta(hours=3), page.scene.snap_minutes), "L2")
    qtbot.wait(300)
    assert item.pos() == planned and page.banner.text() == ""
    assert slots(plant) == before
    page.shutdown()


def test_zoom_keeps_the_time_under_the_mouse_and_keys_zoom_too(plant, qtbot):
    page = open_board(plant, "planner", qtbot)
    view = page.view
    page.zoom_to_days(2)
    assert page.toolbar.preset_buttons["day"].isChecked() is False
    x = 300
    under = view.mapToScene(x, 10).x()
    view.zoom_by(1.25, x)
    assert abs(view.mapToScene(x, 10).x() - under) * view.px_per_minute < 2
    page.zoom_to_days(7)
    assert page.toolbar.preset_buttons["week"].isChecked()
    wide = view.px_per_minute
    QTest.keyClick(view, Qt.Key.Key_Plus)
    assert view.px_per_minute == pytest.approx(wide * 1.25)
    QTest.keyClick(view, Qt.Key.Key_Minus)
    assert view.px_per_minute == pytest.approx(wide)
    page.shutdown()



def test_the_zoom_is_remembered_for_the_next_board(plant, qtbot):
    page = open_board(plant, "planner", qtbot)
    page.zoom_to_days(7)
    wide = page.view.px_per_minute
    page.shutdown()
    again = ProductionBoardPage(plant.uow_factory("planner"), page.session)
    qtbot.addWidget(again)
    assert again.view.px_per_minute == pytest.approx(wide)
    again.shutdown()


def test_a_bars_menu_opens_its_progress(plant, qtbot):
    page = open_board(plant, "planner", qtbot)
    op_id = slots(plant)[(0, 10)][0]
    menu = page.bar_menu(page.scene.items_by_id[op_id])
    assert [action.text() for action in menu.actions()] == ["Report progress…", "Copy order number"]
    menu.actions()[0].trigger()
    dialog = page.findChild(QDialog, "progressDialog")
    qtbot.waitUntil(lambda: dialog.operation is not None, timeout=10_000)
    assert dialog.operation_id == op_id and dialog.isVisible()
    dialog.reject()
    page.shutdown()


@pytest.mark.slow
def test_production_board_screenshots_with_demo_data(database, qtbot, qapp, screenshot_dir):
    from app import i18n
    from app.db.engine import make_engine, unit_of_work_factory
    from app.services.demo_data import load_demo_data

    admin_engine = make_engine(database.url)
    load_demo_data(admin_engine, orders=ORDERS_FOR_SCREENSHOT, seed=3)
    engine = make_engine(database.server.url(database.name, user="demo_planner"))
    session = SessionInfo(login="demo_planner", display_name="赵磊 (Zhao Lei)", roles=("op_planner",))
    page = ProductionBoardPage(unit_of_work_factory(engine), session)
    qtbot.addWidget(page)
    page.resize(1500, 520)
    page.show()
    qtbot.waitUntil(lambda: not page._loading and bool(page.scene.items_by_id), timeout=30_000)
    planned = {item.bar.id for item in page.scene.items_by_id.values() if item.bar.status != "done"}
    lines = {item.bar.line_id for item in page.scene.items_by_id.values()}
    assert len(planned) >= 200 and len(page.board_layout.lines) == 6 and len(lines) >= 5
    first_work = min(item.bar.start for item in page.scene.items_by_id.values() if item.bar.status != "done")
    for language, suffix in ((i18n.ENGLISH, "en"), (i18n.CHINESE_SIMPLIFIED, "zh")):
        i18n.install_translators(qapp, language)
        qtbot.waitUntil(lambda: page.toolbar.today_button.text() == ("Today" if suffix == "en" else "今天"))
        page.zoom_to_days(7)
        page.go_to_now()
        qtbot.wait(50)
        assert page.grab().save(str(screenshot_dir / f"production_board_{suffix}.png"))
        page.zoom_to_days(1.5)
        page.show_time(first_work - timedelta(hours=2), 0.0)
        qtbot.wait(50)
        assert page.grab().save(str(screenshot_dir / f"production_board_day_{suffix}.png"))
        late = next(item for item in page.scene.items_by_id.values() if item.bar.late and item.alerts)
        page.view.centerOn(late)
        QTest.mouseMove(page.view.viewport(), page.view.mapFromScene(late.sceneBoundingRect().center()))
        tooltip = bar_tooltip(late.bar, late.alerts, page.board_layout, True)
        QToolTip.showText(page.view.viewport().mapToGlobal(QPoint(10, 10)), tooltip, page.view.viewport())
        qtbot.waitUntil(lambda: QToolTip.isVisible())
        tip = next(w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible())
        assert tip.grab().save(str(screenshot_dir / f"production_board_tooltip_{suffix}.png"))
        QToolTip.hideText()
    page.shutdown()
    engine.dispose()
    admin_engine.dispose()
