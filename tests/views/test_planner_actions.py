"""The planner's commands on the production board, driven like a planner: schedule the open work,
check deviations and follow an alert to its bar, plan replenishment, order what production is
short of; a clerk gets none of them; screenshots EN and ZH."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtWidgets import QToolButton

from app.live.feed import LiveFeed
from app.services.scheduling import store
from app.services.session_info import SessionInfo
from app.views.production.alert_table_model import ALERT_ROLE, COL_KIND, COL_ORDER
from app.views.production.board_page import ProductionBoardPage
from app.views.production.purchase_suggestion_model import COL_PRODUCT, COL_QUANTITY
from app.views.production.purchase_suggestions import PurchaseSuggestionsDialog
from tests.production_support import cabinet_order, demands, with_boms
from tests.live.conftest import start_listener  # noqa: F401 - fixture
from tests.views.test_production_board import ROUND_THE_CLOCK, cabinets

PLANNER = ("op_planner",)


@pytest.fixture
def plant(company):
    """L1 (pumps) and L2 (cabinets) working round the clock; nothing planned yet."""
    company.rows(ROUND_THE_CLOCK)
    company.ids["L2"] = company.scalar("SELECT id FROM production_line WHERE code = 'L2'")
    return company


def board(company, who, qtbot, roles=PLANNER, bars=0) -> ProductionBoardPage:
    page = ProductionBoardPage(company.uow_factory(who), SessionInfo(company.logins[who].name, who.title(), roles))
    qtbot.addWidget(page)
    page.resize(1400, 640)
    page.show()
    qtbot.waitUntil(lambda: not page._loading and len(page.scene.items_by_id) == bars, timeout=15_000)
    return page


def promise(company, production_order_id: int, days: int) -> None:
    company.rows("UPDATE sales_order SET promised_date = current_date + %s WHERE id = "
                 "(SELECT sales_order_id FROM production_order WHERE id = %s) RETURNING id", days, production_order_id)


def planned(company) -> dict[int, tuple]:
    """{operation id: (line code, planned start)} of every operation with a slot."""
    return {op: (code, start) for op, code, start in company.rows(
        "SELECT op.id, pl.code, op.planned_start FROM production_operation op "
        "JOIN production_line pl ON pl.id = op.production_line_id WHERE op.planned_start IS NOT NULL")}


def click(qtbot, page, name: str) -> None:
    qtbot.mouseClick(page.planner_bar.buttons[name], Qt.MouseButton.LeftButton)


def test_schedule_open_work_places_the_waiting_operations_and_the_board_shows_them(plant, qtbot):
    first, second = cabinets(plant), cabinets(plant)
    promise(plant, first, 10)
    promise(plant, second, 12)
    assert plant.scalar("SELECT count(*) FROM production_operation WHERE planned_start IS NULL") == 4
    page = board(plant, "planner", qtbot)

    click(qtbot, page, "scheduleOpenWork")
    assert not page.planner_actions.schedule_action.isEnabled(), "no second run while one is under way"
    assert page.planner_bar.busy_bar.isVisibleTo(page)

    qtbot.waitUntil(lambda: len(page.scene.items_by_id) == 4, timeout=15_000)
    assert page.banner.text() == "Scheduled 4 waiting operations."
    slots = planned(plant)
    assert len(slots) == 4 and {code for code, _ in slots.values()} == {"L2"}
    assert {item.bar.id for item in page.scene.items_by_id.values()} == set(slots)
    assert page.planner_actions.schedule_action.isEnabled() and not page.planner_bar.busy_bar.isVisibleTo(page)
    statuses = plant.rows("SELECT DISTINCT status FROM production_operation WHERE production_order_id IN (%s, %s)",
                          first, second)
    assert statuses == [("scheduled",)]

    later = cabinets(plant)  # a new order fits in after the others: what is planned stays put
    promise(plant, later, 60)
    click(qtbot, page, "scheduleOpenWork")
    qtbot.waitUntil(lambda: len(page.scene.items_by_id) == 6, timeout=15_000)
    assert page.banner.text() == "Scheduled 2 waiting operations."
    assert {op: slot for op, slot in planned(plant).items() if op in slots} == slots

    click(qtbot, page, "scheduleOpenWork")
    qtbot.waitUntil(lambda: page.banner.text().startswith("Nothing was waiting"), timeout=15_000)
    page.shutdown()


def test_check_deviations_raises_an_alert_for_a_late_order_that_the_list_shows_and_leads_to(plant, qtbot):
    order_id, mo = cabinet_order(plant, quantity=2)
    store.schedule_all(uow=plant.uow("planner"))
    plant.rows("UPDATE sales_order SET promised_date = current_date - 2 WHERE id = %s RETURNING id", order_id)
    number = plant.scalar("SELECT production_no FROM production_order WHERE id = %s", mo)
    page = board(plant, "planner", qtbot, bars=2)
    assert page.alert_panel.model.rowCount() == 0 and page.alert_panel.title.text() == "No open alerts"

    click(qtbot, page, "checkDeviations")

    qtbot.waitUntil(lambda: page.alert_panel.model.rowCount() == 1, timeout=15_000)
    assert page.banner.text() == "Deviations checked: 1 new alert."
    assert plant.rows("SELECT kind, production_order_id FROM deviation_alert WHERE resolved_at IS NULL") == [
        ("late_against_promise", mo)]
    model = page.alert_panel.model
    assert model.index(0, COL_KIND).data() == "Late against promise"
    assert model.index(0, COL_ORDER).data().startswith(number)
    assert "after the promised date" in model.alert(0).message
    assert page.toolbar.alerts_button.text() == "⚠ Alerts: 1"

    last = max(page.scene.items_by_id.values(), key=lambda item: item.bar.seq)
    page.show_time(datetime.now() - timedelta(days=5), 0.0)  # look elsewhere first
    assert not page.view.mapToScene(page.view.viewport().rect()).boundingRect().contains(last.sceneBoundingRect())
    page.alert_panel.select_row(0)
    assert last.highlighted and last.marker
    shown = page.view.mapToScene(page.view.viewport().rect()).boundingRect()
    assert shown.intersects(last.sceneBoundingRect()), "the board scrolled to the late order's bar"

    click(qtbot, page, "checkDeviations")  # nothing new: says so, the alert stays
    qtbot.waitUntil(lambda: page.banner.text() == "Deviations checked: no new alerts.", timeout=15_000)
    assert page.alert_panel.model.rowCount() == 1
    page.shutdown()


def test_alert_models_pass_the_model_tester(plant, qtbot, qtmodeltester):
    with_boms(plant)
    cabinet_order(plant, quantity=2)
    store.schedule_all(uow=plant.uow("planner"))
    page = board(plant, "planner", qtbot, bars=2)
    qtbot.waitUntil(lambda: page.alert_panel.model.rowCount() == 1, timeout=10_000)  # the short wire
    assert page.alert_panel.model.index(0, COL_KIND).data() == "Material short"
    qtmodeltester.check(page.alert_panel.model)
    page.shutdown()


def test_plan_replenishment_creates_a_production_order_for_a_pump_below_its_reorder_point(plant, qtbot):
    plant.rows("INSERT INTO routing (product_id) VALUES (%s) RETURNING id", plant.ids["pump"])
    plant.rows("INSERT INTO routing_operation (routing_id, seq, name, setup_minutes, run_minutes_per_unit) "
               "SELECT id, 10, 'Assembly', 20, 30 FROM routing WHERE product_id = %s RETURNING id", plant.ids["pump"])
    plant.rows("UPDATE stock_level SET reorder_point = 3, reorder_qty = 20, reserved = 8 WHERE product_id = %s "
               "RETURNING id", plant.ids["pump"])
    page = board(plant, "planner", qtbot)

    click(qtbot, page, "planReplenishment")

    qtbot.waitUntil(lambda: page.banner.text() != "", timeout=15_000)
    number = plant.scalar("SELECT production_no FROM production_order WHERE product_id = %s", plant.ids["pump"])
    assert page.banner.text() == (f"Created 1 replenishment order ({number}); "
                                  "use Schedule open work to give them slots.")
    assert plant.rows("SELECT quantity, status FROM production_order WHERE product_id = %s", plant.ids["pump"]) == [
        (D("20.000"), "planned")]
    click(qtbot, page, "planReplenishment")
    qtbot.waitUntil(lambda: page.banner.text().startswith("No made-to-stock product"), timeout=15_000)
    page.shutdown()


def test_the_purchase_dialog_marks_the_short_wire_ordered_with_its_arrival_day(plant, qtbot, qtmodeltester):
    with_boms(plant)
    _, mo = cabinet_order(plant, quantity=2)
    page = board(plant, "planner", qtbot)
    page.planner_actions.purchases_action.trigger()
    dialog = page.findChild(PurchaseSuggestionsDialog, "purchaseSuggestionsDialog")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    qtmodeltester.check(dialog.model)
    assert dialog.proxy.index(0, COL_PRODUCT).data() == "CU-1"
    assert dialog.proxy.index(0, COL_QUANTITY).data() == "2.6 pcs"
    assert not dialog.order_button.isEnabled(), "nothing chosen yet"

    dialog.table.selectionModel().select(dialog.proxy.index(0, 0), QItemSelectionModel.SelectionFlag.Select
                                         | QItemSelectionModel.SelectionFlag.Rows)
    assert dialog.arrival_edit.date() == QDate.currentDate().addDays(10), "today plus the supplier's lead time"
    arrival = date.today() + timedelta(days=5)
    dialog.arrival_edit.setDate(QDate(arrival.year, arrival.month, arrival.day))
    with qtbot.waitSignal(dialog.changed, timeout=10_000) as saved:
        qtbot.mouseClick(dialog.order_button, Qt.MouseButton.LeftButton)

    assert saved.args == [f"Marked 1 shortage as ordered, arriving on {arrival:%Y-%m-%d}."]
    assert plant.rows("SELECT status, (expected_at AT TIME ZONE current_setting('TimeZone'))::date "
                      "FROM material_demand WHERE production_order_id = %s AND product_id = %s",
                      mo, plant.ids["cu"]) == [("ordered", arrival)]
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=10_000)
    assert dialog.summary.text().startswith("No open shortages")
    assert page.banner.text() == saved.args[0]
    dialog.reject()
    page.shutdown()


def test_cover_from_stock_reserves_wire_that_came_in(plant, qtbot):
    with_boms(plant)
    _, mo = cabinet_order(plant, quantity=2)
    plant.rows("UPDATE stock_level SET on_hand = on_hand + 10 WHERE product_id = %s RETURNING id", plant.ids["cu"])
    dialog = PurchaseSuggestionsDialog(plant.uow_factory("planner"), SessionInfo("planner", "Planner", PLANNER))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    with qtbot.waitSignal(dialog.changed, timeout=10_000) as saved:
        qtbot.mouseClick(dialog.cover_button, Qt.MouseButton.LeftButton)
    assert saved.args == ["Reserved stock that came in for 1 shortage."]
    assert demands(plant, mo)["CU-1"] == (D("6.600"), D("6.600"), D("0.000"), "covered")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0, timeout=10_000)
    dialog.shutdown()


def test_a_clerk_sees_the_alerts_but_gets_no_planning_commands(plant, qtbot):
    cabinets(plant)
    store.schedule_all(uow=plant.uow("planner"))
    page = board(plant, "clerk", qtbot, roles=("op_sales",), bars=2)
    assert page.planner_actions is None and page.planner_bar is None and page.actions() == []
    assert page.findChildren(QToolButton, "scheduleOpenWorkButton") == []
    assert page.alert_panel.isVisible()
    page.shutdown()


@pytest.mark.slow
def test_planner_screenshots_with_demo_data(database, qtbot, qapp, screenshot_dir):
    from app import i18n
    from app.db.engine import make_engine, unit_of_work_factory
    from app.services.demo_data import load_demo_data
    from app.services.production_deviations import check_deviations
    from app.services.production_orders import purchase_suggestions

    admin_engine = make_engine(database.url)
    load_demo_data(admin_engine, orders=800, seed=3)
    engine = make_engine(database.server.url(database.name, user="demo_planner"))
    uow_factory = unit_of_work_factory(engine)
    check_deviations(uow=uow_factory())
    assert purchase_suggestions(uow=uow_factory()), "the demo plant is short of something to order"
    session = SessionInfo(login="demo_planner", display_name="赵磊 (Zhao Lei)", roles=PLANNER)
    page = ProductionBoardPage(uow_factory, session)
    qtbot.addWidget(page)
    page.resize(1500, 760)
    page.show()
    qtbot.waitUntil(lambda: not page._loading and bool(page.scene.items_by_id), timeout=30_000)
    assert page.alert_panel.model.rowCount() > 0
    for language, suffix in ((i18n.ENGLISH, "en"), (i18n.CHINESE_SIMPLIFIED, "zh")):
        i18n.install_translators(qapp, language)
        qtbot.waitUntil(lambda: page.toolbar.today_button.text() == ("Today" if suffix == "en" else "今天"))
        page.zoom_to_days(3)
        panel = page.alert_panel
        late = next(row for row in range(panel.proxy.rowCount())
                    if panel.proxy.data(panel.proxy.index(row, 0), ALERT_ROLE).kind == "late_against_promise")
        panel.select_row(late)
        actions = page.planner_actions
        actions.message.emit(actions._sentence([actions.tr("Deviations checked: no new alerts")]), "info")
        qtbot.wait(50)
        assert page.grab().save(str(screenshot_dir / f"production_planner_board_{suffix}.png"))
        dialog = page.open_purchases()
        dialog.resize(1060, 480)  # the offscreen screen is 800 px wide: restored geometry is squeezed
        qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=10_000)
        dialog.table.selectRow(0)
        qtbot.wait(50)
        assert dialog.grab().save(str(screenshot_dir / f"production_purchase_suggestions_{suffix}.png"))
        dialog.reject()
    page.shutdown()
    engine.dispose()
    admin_engine.dispose()


def test_the_keyboard_checks_deviations_and_walks_the_alert_list(plant, qtbot):
    order_id, _ = cabinet_order(plant, quantity=2)
    store.schedule_all(uow=plant.uow("planner"))
    plant.rows("UPDATE sales_order SET promised_date = current_date - 2 WHERE id = %s RETURNING id", order_id)
    page = board(plant, "planner", qtbot, bars=2)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: page.alert_panel.model.rowCount() == 1, timeout=15_000)
    table = page.alert_panel.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert any(item.highlighted for item in page.scene.items_by_id.values())
    qtbot.keyClick(page.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert page.alert_panel.isHidden() and not page.toolbar.alerts_button.isChecked()
    page.shutdown()


def test_work_scheduled_by_one_planner_appears_on_a_colleagues_board(plant, qtbot, make_login,
                                                                     start_listener):  # noqa: F811
    plant.logins["planner2"] = make_login("planner2", "op_planner", display_name="Wang Fang")
    cabinets(plant)
    cabinets(plant)
    mine = board(plant, "planner", qtbot)
    listener, _received = start_listener(plant.logins["planner2"].url)
    theirs = ProductionBoardPage(plant.uow_factory("planner2"), SessionInfo("planner2", "Wang Fang", PLANNER),
                                 live_feed=LiveFeed(listener, parent=listener))
    qtbot.addWidget(theirs)
    theirs.resize(1400, 640)
    theirs.show()
    qtbot.waitUntil(lambda: not theirs._loading, timeout=15_000)
    assert not theirs.scene.items_by_id

    click(qtbot, mine, "scheduleOpenWork")

    qtbot.waitUntil(lambda: len(theirs.scene.items_by_id) == 4, timeout=15_000)
    assert {item.bar.id for item in theirs.scene.items_by_id.values()} == set(planned(plant))
    for page in (mine, theirs):
        page.shutdown()


def test_wire_ordered_meanwhile_by_someone_else_is_refused_with_a_sentence_and_keeps_their_date(plant, qtbot):
    from app.services.production_orders import order_purchase

    with_boms(plant)
    _, mo = cabinet_order(plant, quantity=2)
    dialog = PurchaseSuggestionsDialog(plant.uow_factory("planner"), SessionInfo("planner", "Planner", PLANNER))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
    dialog.table.selectRow(0)
    theirs = datetime.now().astimezone().replace(microsecond=0) + timedelta(days=2)
    order_purchase(plant.ids["cu"], None, theirs, uow=plant.uow("manager"))

    qtbot.mouseClick(dialog.order_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(dialog.message_label.isVisible, timeout=10_000)
    assert dialog.message_label.text() == "There is no open shortage of CU-1 to order any more; refresh the list."
    assert plant.rows("SELECT status, expected_at FROM material_demand WHERE production_order_id = %s "
                      "AND product_id = %s", mo, plant.ids["cu"]) == [("ordered", theirs)]
    dialog.shutdown()
