"""The Inventory screen as the warehouse uses it: stock per product and warehouse, reserved and
available after an order's reservation, low stock marked and filtered, the stock ledger, paging,
and rows updating live when stock changes on another desktop."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import QSettings, Qt

from app.live.feed import LiveFeed
from app.services.approvals import approve_order
from app.services.inventory_queries import StockSort, fetch_ledger, fetch_stock_rows
from app.services.lifecycle import submit_order
from app.services.orders import create_order
from app.services.session_info import SessionInfo
from app.views.inventory.inventory_page import STOCK_HEADER_KEY, InventoryPage
from app.views.inventory.ledger_table_model import (COL_BY, COL_ON_HAND, COL_REASON, COL_REFERENCE, COL_RESERVED,
                                                    LedgerTableModel)
from app.views.inventory.stock_table_model import (COL_AVAILABLE, COL_NAME, COL_ON_HAND as STOCK_ON_HAND,
                                                   COL_RESERVED as STOCK_RESERVED, COL_SKU, LOW_BACKGROUND,
                                                   StockTableModel)
from tests.live.conftest import start_listener  # noqa: F401 - fixture

WAIT = 15_000


@pytest.fixture
def open_inventory(qtbot):
    """``open_inventory(company, who="warehouse", live=None, **options)``: a shown, loaded InventoryPage."""
    made = []

    def open_(company, who: str = "warehouse", live_feed=None, **options) -> InventoryPage:
        session = SessionInfo(login=company.logins[who].name, display_name=who.title(), roles=("op_warehouse",))
        page = InventoryPage(company.uow_factory(who), session, live_feed, **options)
        qtbot.addWidget(page)
        made.append(page)
        page.resize(1280, 760)
        page.show()
        qtbot.waitExposed(page)
        qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() > 0, timeout=WAIT)
        return page
    yield open_
    for page in made:
        page.shutdown()


def live_feed_for(company, who, start_listener):  # noqa: F811
    listener, _received = start_listener(company.logins[who].url)
    return LiveFeed(listener, parent=listener)


def shown(page, sku: str):
    for row in range(page.model.rowCount()):
        if page.model.row_at(row).sku == sku:
            return row, page.model.row_at(row)
    return None, None


def cell(model, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


def approved_order_for_pumps(company, quantity: int) -> int:
    """A clerk's order for pumps, approved by approver1: the approval reserves the stock."""
    order = create_order(company.order(("pump", quantity, 1200)), uow=company.uow("clerk"))
    submit_order(order.id, uow=company.uow("clerk"))   # over 10,000 needs approval when quantity > 8
    if company.scalar("SELECT status FROM sales_order WHERE id = %s", order.id) == "pending_approval":
        approve_order(order.id, "ok", uow=company.uow("approver1"))
    return order.id


def test_reserved_and_available_after_a_reservation_then_stock_changes_live_with_the_ledger(
        company, qtbot, open_inventory, start_listener):  # noqa: F811
    page = open_inventory(company, live_feed=live_feed_for(company, "warehouse", start_listener))
    row, pump = shown(page, "P-100")
    assert (pump.on_hand, pump.reserved, pump.available) == (10, 0, 10)
    assert page.count_label.text() == "3 stock items, 0 low"
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.ledger_model.rowCount() == 1, timeout=WAIT)
    assert cell(page.ledger_model, 0, COL_REASON) == "Opening balance"

    order_id = approved_order_for_pumps(company, 6)   # on another desktop: 6 of the 10 pumps reserved at once
    number = company.scalar("SELECT order_no FROM sales_order WHERE id = %s", order_id)
    qtbot.waitUntil(lambda: shown(page, "P-100")[1].reserved == 6, timeout=WAIT)
    row, pump = shown(page, "P-100")
    assert (cell(page.model, row, STOCK_ON_HAND), cell(page.model, row, STOCK_RESERVED),
            cell(page.model, row, COL_AVAILABLE)) == ("10", "6", "4")
    assert page.table.currentIndex().row() == row   # still selected
    qtbot.waitUntil(lambda: page.ledger_model.rowCount() == 2, timeout=WAIT)   # the movement came on top
    assert (cell(page.ledger_model, 0, COL_REASON), cell(page.ledger_model, 0, COL_RESERVED),
            cell(page.ledger_model, 0, COL_ON_HAND), cell(page.ledger_model, 0, COL_REFERENCE),
            cell(page.ledger_model, 0, COL_BY)) == ("Reserved for order", "+6", "", number, "Zhang Wei")
    assert page.ledger_position.text() == "SH: on hand 10, reserved 6, available 4 pcs"

    goods_in = company.logins["warehouse"].connect(autocommit=True)   # a receipt booked elsewhere
    goods_in.cursor().execute("SELECT set_config('orderpilot.stock_reason', 'Purchase receipt', false); "
                              "UPDATE stock_level SET on_hand = on_hand + 25 WHERE product_id = %s",
                              (company.ids["pump"],))
    goods_in.close()
    qtbot.waitUntil(lambda: shown(page, "P-100")[1].on_hand == 35, timeout=WAIT)
    assert cell(page.model, shown(page, "P-100")[0], COL_AVAILABLE) == "29"
    qtbot.waitUntil(lambda: page.ledger_model.rowCount() == 3, timeout=WAIT)
    assert (cell(page.ledger_model, 0, COL_REASON), cell(page.ledger_model, 0, COL_ON_HAND)) == (
        "Purchase receipt", "+25")


def test_low_stock_is_shaded_filtered_and_arrives_live_in_the_low_stock_list(
        company, qtbot, open_inventory, start_listener):  # noqa: F811
    page = open_inventory(company, live_feed=live_feed_for(company, "warehouse", start_listener))
    row, _pump = shown(page, "P-100")
    assert cell(page.model, row, COL_SKU, Qt.ItemDataRole.BackgroundRole) is None
    page.low_check.setChecked(True)
    qtbot.waitUntil(lambda: not page.loading and page.count_label.text() == "0 stock items, 0 low", timeout=WAIT)
    assert page.model.rowCount() == 0

    approved_order_for_pumps(company, 8)   # 10 on hand, 8 reserved: 2 available, reorder point 3
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)   # it became low: it joins the list
    assert page.count_label.text() == "1 stock item, 1 low"
    assert cell(page.model, 0, COL_NAME) == "Centrifugal pump CP-100"
    assert cell(page.model, 0, COL_SKU, Qt.ItemDataRole.BackgroundRole) == LOW_BACKGROUND
    assert cell(page.model, 0, COL_AVAILABLE, Qt.ItemDataRole.ToolTipRole) == \
        "Low stock: available is at or below the reorder point"

    conn = company.logins["warehouse"].connect(autocommit=True)
    conn.cursor().execute("UPDATE stock_level SET on_hand = on_hand + 50 WHERE product_id = %s", (company.ids["pump"],))
    conn.close()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=WAIT)   # restocked: it leaves the low list
    page.low_check.setChecked(False)
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() == 3, timeout=WAIT)


def test_search_and_warehouse_filter_and_server_sorting(company, qtbot, open_inventory):
    admin = company.admin.cursor()
    admin.execute("INSERT INTO warehouse (code, name) VALUES ('SZ', 'Suzhou factory') RETURNING id")
    suzhou = admin.fetchone()[0]
    admin.execute("INSERT INTO stock_level (product_id, warehouse_id, on_hand) VALUES (%s, %s, 4)",
                  (company.ids["pump"], suzhou))
    page = open_inventory(company)
    qtbot.waitUntil(lambda: page.warehouse_combo.count() == 3, timeout=WAIT)
    assert page.warehouse_combo.itemText(2) == "SZ – Suzhou factory"
    page.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)   # Ctrl+F: to the search
    assert page.search_edit.hasFocus()
    qtbot.keyClicks(page.search_edit, "pump")   # a part of the name
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() == 2, timeout=WAIT)
    assert {page.model.row_at(r).warehouse_code for r in range(2)} == {"SH", "SZ"}
    page.warehouse_combo.setCurrentIndex(2)
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() == 1, timeout=WAIT)
    assert page.model.row_at(0).on_hand == 4
    page.search_edit.clear()
    page.warehouse_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() == 4, timeout=WAIT)
    page.table.horizontalHeader().setSortIndicator(COL_AVAILABLE, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not page.loading and page.model.sort_key == StockSort("available", True), timeout=WAIT)
    assert [page.model.row_at(r).available for r in range(4)] == [500, 10, 4, 0]
    page.save_layout()
    assert QSettings().value(STOCK_HEADER_KEY) is not None


def test_a_long_list_and_a_long_ledger_load_page_by_page_as_the_user_scrolls(company, qtbot, open_inventory):
    admin = company.admin.cursor()
    admin.execute("INSERT INTO product (sku, name, family_id, supply) SELECT 'M-' || lpad(n::text, 4, '0'), "
                  "'Material ' || n, 1, 'buy' FROM generate_series(1, 450) n")
    admin.execute("INSERT INTO stock_level (product_id, warehouse_id, on_hand, reorder_point) "
                  "SELECT id, %s, 100, 10 FROM product WHERE sku LIKE 'M-%%'", (company.ids["warehouse"],))
    admin.execute("SELECT set_config('orderpilot.stock_reason', 'cycle count', false)")
    for _ in range(130):
        admin.execute("UPDATE stock_level SET on_hand = on_hand + 1 WHERE product_id = %s", (company.ids["valve"],))
    page = open_inventory(company, page_size=100, ledger_page_size=50)
    assert page.model.rowCount() == 100 and page.count_label.text() == "453 stock items, 0 low"
    for _ in range(10):
        page.table.scrollToBottom()
        qtbot.waitUntil(lambda: not page.runner.busy, timeout=WAIT)
    assert page.model.rowCount() == 453 and page.model.complete
    assert [page.model.row_at(r).sku for r in range(453)] == sorted(page.model.row_at(r).sku for r in range(453))

    page.table.selectRow(shown(page, "V-20")[0])
    qtbot.waitUntil(lambda: page.ledger_model.rowCount() == 50, timeout=WAIT)
    for _ in range(5):
        page.ledger_table.scrollToBottom()
        qtbot.waitUntil(lambda: not page.runner.busy, timeout=WAIT)
    assert page.ledger_model.rowCount() == 131 and page.ledger_model.complete   # 130 counts and the opening
    assert cell(page.ledger_model, 130, COL_REASON) == "Opening balance"
    assert cell(page.ledger_model, 0, COL_REASON) == "cycle count"


def test_stock_and_ledger_models_pass_the_qt_model_tester(company, qtmodeltester):
    rows = fetch_stock_rows([r[0] for r in company.rows("SELECT id FROM stock_level")], uow=company.uow("clerk"))
    model = StockTableModel()
    model.set_rows(sorted(rows, key=lambda r: r.sku), complete=False)
    asked = []
    model.more_requested.connect(lambda: asked.append(True))
    assert model.canFetchMore()
    qtmodeltester.check(model)
    assert asked == [True] and not model.canFetchMore()   # one page asked for, not one per call
    changed = []
    model.dataChanged.connect(lambda a, b, roles: changed.append((a.row(), a.column(), b.column())))
    first = model.row_at(0)
    model.upsert_rows([replace(first, reserved=first.reserved + 1)])
    assert changed == [(0, STOCK_RESERVED, COL_AVAILABLE)]   # reserved and available, nothing else
    qtmodeltester.check(model)

    entries = fetch_ledger(company.ids["pump"], None, uow=company.uow("clerk"))
    ledger = LedgerTableModel()
    ledger.set_entries(entries, complete=True)
    qtmodeltester.check(ledger)
    assert ledger.rowCount() == 1 and cell(ledger, 0, COL_ON_HAND) == "+10"
    assert cell(ledger, 0, COL_ON_HAND, Qt.ItemDataRole.ForegroundRole) is not None
    assert Decimal(10) == entries[0].on_hand_delta


@pytest.mark.slow
def test_inventory_screenshots_in_english_and_chinese(database, qtbot, qapp, screenshot_dir):
    from app import i18n
    from app.db.engine import make_engine, unit_of_work_factory
    from app.services.demo_data import load_demo_data

    admin_engine = make_engine(database.url)
    load_demo_data(admin_engine, orders=300, seed=3)
    engine = make_engine(database.server.url(database.name, user="demo_warehouse"))
    session = SessionInfo(login="demo_warehouse", display_name="孙丽 (Sun Li)", roles=("op_warehouse",))
    page = InventoryPage(unit_of_work_factory(engine), session)
    qtbot.addWidget(page)
    page.resize(1360, 780)
    page.show()
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() > 0, timeout=WAIT)
    busy = max(range(page.model.rowCount()), key=lambda r: (page.model.row_at(r).low, page.model.row_at(r).reserved))
    page.table.selectRow(busy)
    qtbot.waitUntil(lambda: not page.loading and page.ledger_model.rowCount() > 1, timeout=WAIT)
    assert page.grab().save(str(screenshot_dir / "inventory_en.png"))
    i18n.install_translators(qapp, i18n.CHINESE_SIMPLIFIED)
    qtbot.waitUntil(lambda: page.low_check.text() != "Low stock only", timeout=WAIT)
    qtbot.wait(50)
    assert page.grab().save(str(screenshot_dir / "inventory_zh.png"))
    page.shutdown()
    engine.dispose()
    admin_engine.dispose()
