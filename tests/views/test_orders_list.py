"""The Orders list: keyset windows and filters in SQL, a bounded table model, loading off the UI
thread, live updates in place, persisted layout, and a screenshot."""

from __future__ import annotations

import random
import threading
import time
from collections import namedtuple
from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from sqlalchemy import text

from app.db.engine import make_engine, unit_of_work_factory
from app.live.feed import LiveFeed
from app.services.order_queries import (OrderFilter, SortKey, cursor_of, estimate_count, fetch_rows, fetch_window,
                                        seek_positions)
from app.views.orders.order_table_model import (COL_CUSTOMER, COL_ORDER_NO, COL_PRIORITY, COL_STATUS, COL_TOTAL,
                                                OrderTableModel)
from app.views.orders.orders_page import HEADER_STATE_KEY, OrdersPage
from tests.live.conftest import start_listener  # noqa: F401 - fixture

BASE_DAY = date(2026, 3, 1)
CHANNELS = ("phone", "fax", "email", "walk_in", "web_shop", "marketplace")
EXTRA_MASTER = """
INSERT INTO customer (code, name) VALUES ('C010', 'Hansen & Söhne KG'), ('C011', 'ACME Corp'), ('C012', 'acme corp'),
    ('C013', '100% Pumps Ltd'), ('C014', 'alpha_tools'), ('C015', 'Åkesson AB'), ('C016', 'alphaXtools');
INSERT INTO product (sku, name, family_id, supply, list_price, tax_rate) VALUES
    ('P-200', 'Pump spare kit', 1, 'buy', 35, 13), ('KIT-9', 'Seal kit for P-100', 1, 'buy', 12, 13);
"""


@pytest.fixture
def orders(company):
    """240 orders by two clerks, many ties in every sort column, some without a requested date,
    drafts, cancelled, on hold, pending approval and approved."""
    rng = random.Random(5)
    company.admin.cursor().execute(EXTRA_MASTER)
    customers = [r[0] for r in company.rows("SELECT id FROM customer WHERE NOT blocked ORDER BY id")]
    blocked = company.ids["blocked_customer"]
    products = [r[0] for r in company.rows("SELECT id FROM product WHERE active ORDER BY id")]
    conns = {who: company.logins[who].connect(autocommit=True) for who in ("clerk", "clerk2")}
    made = []
    for n in range(240):
        cur = conns["clerk" if n % 3 else "clerk2"].cursor()
        customer = blocked if n % 17 == 0 else rng.choice(customers)
        day = BASE_DAY + timedelta(days=rng.randrange(20))
        requested = None if rng.random() < 0.3 else day + timedelta(days=rng.choice((7, 14, 30)))
        cur.execute("INSERT INTO sales_order (customer_id, channel, priority, order_date, requested_date) "
                    "VALUES (%s, %s, %s, %s, %s) RETURNING id",
                    (customer, rng.choice(CHANNELS), rng.randint(1, 5), day, requested))
        order_id = cur.fetchone()[0]
        for line in range(1, rng.choice((1, 1, 2, 3)) + 1):
            cur.execute("INSERT INTO sales_order_line (order_id, line_no, product_id, quantity, unit_price) "
                        "VALUES (%s, %s, %s, %s, %s)",
                        (order_id, line, rng.choice(products), rng.choice((1, 2, 5)), rng.choice((10, 100, 2500))))
        if customer != blocked:  # blocked customers' orders cannot be submitted: they stay drafts
            made.append(order_id)
    rng.shuffle(made)
    cur = conns["clerk"].cursor()
    cur.execute("UPDATE sales_order SET status = 'cancelled' WHERE id = ANY(%s)", (made[:25],))
    cur.execute("UPDATE sales_order SET status = 'on_hold', hold_kind = 'manual' WHERE id = ANY(%s)", (made[25:50],))
    cur.execute("UPDATE sales_order SET status = 'pending_approval' WHERE id = ANY(%s)", (made[50:110],))
    cur.execute("UPDATE sales_order SET status = 'approved' WHERE id = ANY(%s) AND NOT EXISTS ("
                "SELECT 1 FROM approval_request r WHERE r.order_id = sales_order.id AND r.active)", (made[50:110],))
    for conn in conns.values():
        conn.close()
    company.admin.cursor().execute("ANALYZE")
    return company


REFERENCE_ORDER = {
    "order_date": "o.order_date {d}, o.id {d}",
    "order_no": "o.order_no {d}",
    "customer": 'lower(c.name) COLLATE "C" {d}, o.id {d}',
    "total": "o.total_amount {d}, o.id {d}",
    "status": "o.status {d}, o.id {d}",
    "requested_date": "o.requested_date {d}, o.id {d}",  # nulls last ascending, first descending
}


def reference_ids(company, sort: SortKey, where: str = "true", params=()) -> list[int]:
    order = REFERENCE_ORDER[sort.field].format(d="DESC" if sort.descending else "ASC")
    return [r[0] for r in company.rows(
        f"SELECT o.id FROM sales_order o JOIN customer c ON c.id = o.customer_id WHERE {where} ORDER BY {order}",
        *params)]


def walk_forward(uow_factory, filter, sort, size):
    rows, cursor = [], None
    while True:
        window = fetch_window(filter, sort, after=cursor, limit=size, uow=uow_factory())
        rows.extend(window)
        if len(window) < size:
            return rows
        cursor = cursor_of(sort, window[-1])


def walk_backward(uow_factory, filter, sort, size):
    collected = rows = fetch_window(filter, sort, limit=size, from_end=True, uow=uow_factory())
    while len(rows) == size:
        rows = fetch_window(filter, sort, before=cursor_of(sort, rows[0]), limit=size, uow=uow_factory())
        collected = rows + collected
    return collected


def test_keyset_windows_stitch_to_the_full_ordered_list(orders):
    uow = orders.uow_factory("clerk")
    cases = [
        (OrderFilter(), "true", ()),
        (OrderFilter(statuses=("draft", "on_hold")), "o.status IN ('draft', 'on_hold')", ()),
        (OrderFilter(mine=True, date_from=BASE_DAY + timedelta(days=3)), "o.created_by = %s AND o.order_date >= %s",
         (orders.logins["clerk"].name, BASE_DAY + timedelta(days=3))),
        (OrderFilter(text="a"), "lower(c.name) LIKE 'a%%'", ()),
        (OrderFilter(text="v-20"), "EXISTS (SELECT 1 FROM sales_order_line l JOIN product p ON p.id = l.product_id "
                                   "WHERE l.order_id = o.id AND p.sku = 'V-20')", ()),
    ]
    for sort in (SortKey(field, descending) for field in REFERENCE_ORDER for descending in (False, True)):
        for filter, where, params in cases:
            expected = reference_ids(orders, sort, where, params)
            assert expected, where
            for size in (7, 50):
                assert [r.id for r in walk_forward(uow, filter, sort, size)] == expected, (sort, where, size)
                assert [r.id for r in walk_backward(uow, filter, sort, size)] == expected, (sort, where, size)


Order = namedtuple("Order", "no status customer channel priority day by skus names")


def all_orders(company) -> dict[int, Order]:
    lines = "FROM sales_order_line l JOIN product p ON p.id = l.product_id WHERE l.order_id = o.id"
    return {r[0]: Order(*r[1:]) for r in company.rows(f"""
        SELECT o.id, o.order_no, o.status, lower(c.name), o.channel, o.priority, o.order_date, o.created_by,
               ARRAY(SELECT lower(p.sku) {lines}), ARRAY(SELECT lower(p.name) {lines})
        FROM sales_order o JOIN customer c ON c.id = o.customer_id""")}


def test_filters_return_exactly_the_matching_orders(orders):
    uow = orders.uow_factory("clerk")
    everything = all_orders(orders)
    clerk = orders.logins["clerk"].name
    no = sorted(o.no for o in everything.values())[37]
    day5, day9 = BASE_DAY + timedelta(days=5), BASE_DAY + timedelta(days=9)
    cases = {
        OrderFilter(statuses=("cancelled",)): lambda o: o.status == "cancelled",
        OrderFilter(statuses=("approved", "on_hold")): lambda o: o.status in ("approved", "on_hold"),
        OrderFilter(channels=("fax", "web_shop")): lambda o: o.channel in ("fax", "web_shop"),
        OrderFilter(priorities=(1, 5)): lambda o: o.priority in (1, 5),
        OrderFilter(mine=True): lambda o: o.by == clerk,
        OrderFilter(date_from=day5, date_to=day9): lambda o: day5 <= o.day <= day9,
        OrderFilter(date_to=day5): lambda o: o.day <= day5,
        OrderFilter(text=no[:-1]): lambda o: o.no.startswith(no[:-1]),
        OrderFilter(text=no.lower()): lambda o: o.no == no,
        OrderFilter(text=no[3:]): lambda o: o.no == no,  # the year and number, without "SO-"
        OrderFilter(text="hansen"): lambda o: o.customer.startswith("hansen"),
        OrderFilter(text="ACME"): lambda o: o.customer.startswith("acme"),
        OrderFilter(text="åkes"): lambda o: o.customer.startswith("åkes"),
        OrderFilter(text="alpha_"): lambda o: o.customer.startswith("alpha_"),  # "_" is no wildcard
        OrderFilter(text="100%"): lambda o: o.customer.startswith("100%"),
        OrderFilter(text="p-1"): lambda o: any(s.startswith("p-1") for s in o.skus),
        OrderFilter(text="kit-9"): lambda o: any(s.startswith("kit-9") for s in o.skus),
        OrderFilter(text="Pump spare"): lambda o: any(n.startswith("pump spare") for n in o.names),
        OrderFilter(text="seal"): lambda o: any(n.startswith("seal") for n in o.names),
        OrderFilter(text="nothing like this"): lambda o: False,
        OrderFilter(text="ac", statuses=("draft",), mine=True):
            lambda o: o.customer.startswith("ac") and o.status == "draft" and o.by == clerk,
    }
    for filter, check in cases.items():
        expected = {order_id for order_id, order in everything.items() if check(order)}
        found = [r.id for r in walk_forward(uow, filter, SortKey(), 40)]
        assert len(found) == len(set(found)) and set(found) == expected, filter
        count = estimate_count(filter, uow=uow())
        assert count.exact and count.rows == len(expected), filter
        assert {r.id for r in fetch_rows(expected | {10**9}, filter=filter, uow=uow())} == expected


def test_seek_positions_spread_through_the_sorted_list(orders):
    uow = orders.uow_factory("clerk")
    sort = SortKey("customer", False)
    expected = reference_ids(orders, sort)
    positions = seek_positions(OrderFilter(), sort, uow=uow(), target=24)
    assert positions.exact and positions.total == len(expected)
    for j, cursor in enumerate(positions.cursors):
        assert expected.index(cursor.id) == round(positions.rank(j))


def test_order_table_model_passes_the_qt_model_tester_and_signals_only_changed_cells(orders, qtmodeltester):
    rows = fetch_window(OrderFilter(), SortKey(), limit=60, uow=orders.uow("clerk"))
    model = OrderTableModel(window_size=20, max_rows=60)
    model.set_rows(rows[:40], total=200, exact=False)  # a virtual list: rows past the block are placeholders
    qtmodeltester.check(model)
    assert model.rowCount() == 200 and model.data(model.index(150, COL_ORDER_NO)) == "Loading…"
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.data(model.index(0, COL_ORDER_NO)) == rows[0].order_no
    assert model.data(model.index(0, COL_STATUS)) in {"Draft", "Approved", "Pending approval", "On hold", "Cancelled"}
    assert model.data(model.index(0, COL_STATUS), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.headerData(COL_CUSTOMER, Qt.Orientation.Horizontal) == "Customer"
    changed = []
    model.dataChanged.connect(lambda a, b, roles: changed.append((a.row(), a.column(), b.row(), b.column())))
    model.upsert_rows([replace(rows[3], priority=rows[3].priority % 5 + 1), rows[4]])  # rows[4] is unchanged
    assert changed == [(3, COL_PRIORITY, 3, COL_PRIORITY)]
    model.remove_ids([rows[0].id])
    assert model.rowCount() == 59 and model.row_at(0).id == rows[1].id


@pytest.fixture
def open_page(qtbot):
    """``open_page(uow_factory, **options)``: a shown OrdersPage with its first window loaded."""
    made = []

    def open_(uow_factory, **options) -> OrdersPage:
        page = OrdersPage(uow_factory, **options)
        qtbot.addWidget(page)
        made.append(page)
        page.resize(1280, 720)
        page.show()
        qtbot.waitExposed(page)
        qtbot.waitUntil(lambda: not page.model.loading, timeout=10_000)
        return page
    yield open_
    for page in made:
        page.shutdown()


def shown_ids(page) -> list[int]:
    return [page.model.row_at(r).id for r in range(page.model.rowCount())]


def test_page_lists_orders_and_filters_them(orders, qtbot, open_page):
    page = open_page(orders.uow_factory("clerk"), window_size=500)
    total = orders.scalar("SELECT count(*) FROM sales_order")
    assert page.model.rowCount() == total and page.count_label.text() == f"{total} orders"
    page.mine_check.setChecked(True)
    qtbot.waitUntil(lambda: not page.model.loading and page.model.rowCount() < total, timeout=10_000)
    assert page.model.rowCount() == orders.scalar("SELECT count(*) FROM sales_order WHERE created_by = %s",
                                                  orders.logins["clerk"].name)
    page.status_filter.set_selected(("cancelled",))
    qtbot.waitUntil(lambda: not page.model.loading and {page.model.row_at(r).status for r in
                                                        range(page.model.rowCount())} == {"cancelled"}, timeout=10_000)
    page.clear_filters()
    qtbot.waitUntil(lambda: not page.model.loading and page.model.rowCount() == total, timeout=10_000)
    qtbot.keyClicks(page.search_edit, "hansen")  # debounced: one reload after typing stops
    qtbot.waitUntil(lambda: not page.model.loading and {page.model.row_at(r).customer_name for r in range(
        page.model.rowCount())} == {"Hansen Pumpen GmbH", "Hansen & Söhne KG"}, timeout=10_000)
    page.table.horizontalHeader().setSortIndicator(COL_TOTAL, Qt.SortOrder.AscendingOrder)  # sorts in SQL
    qtbot.waitUntil(lambda: page.model.sort_key == SortKey("total", False) and not page.model.loading)
    assert shown_ids(page) == reference_ids(orders, SortKey("total", False), "lower(c.name) LIKE 'hansen%%'")
    page.table.horizontalHeader().setSortIndicator(COL_PRIORITY, Qt.SortOrder.AscendingOrder)  # not sortable
    assert page.table.horizontalHeader().sortIndicatorSection() == COL_TOTAL


def test_scrolling_far_loads_a_window_there_and_memory_stays_bounded(orders, qtbot, open_page):
    page = open_page(orders.uow_factory("clerk"), window_size=20, max_rows=100)
    model, table = page.model, page.table
    expected = reference_ids(orders, SortKey())
    assert model.rowCount() == len(expected) and model.cached_row_count == 20
    table.scrollTo(model.index(len(expected) // 2, 0), table.ScrollHint.PositionAtTop)
    assert model.data(model.index(table.rowAt(0), COL_ORDER_NO)) == "Loading…"
    qtbot.waitUntil(lambda: all(model.row_at(table.rowAt(y)) for y in (0, table.viewport().height() - 1)))
    held = [model.row_at(r).id for r in range(*model.cached_range)]
    start = expected.index(held[0])
    assert held == expected[start:start + len(held)]  # a contiguous run of the real order
    table.scrollToBottom()
    qtbot.waitUntil(lambda: model.row_at(model.rowCount() - 1) is not None)
    assert model.row_at(model.rowCount() - 1).id == expected[-1]
    for _ in range(30):  # scroll up: extends the block backwards, never beyond max_rows
        table.verticalScrollBar().setValue(table.verticalScrollBar().value() - 8)
        qtbot.wait(5)
        assert model.cached_row_count <= 100
    table.scrollToTop()
    qtbot.waitUntil(lambda: model.row_at(0) is not None and model.cached_range[0] == 0)
    assert model.row_at(0).id == expected[0] and model.rowCount() == len(expected)


class SlowUnitOfWork:
    """A unit of work whose first statement takes ``seconds`` on the server (a slow query)."""

    def __init__(self, uow, seconds: float, threads: list):
        self._uow, self._seconds, self._threads = uow, seconds, threads
        self.session = None

    def __enter__(self):
        self._uow.__enter__()
        self.session = self._uow.session
        self._threads.append(threading.get_ident())
        self.session.execute(text("SELECT pg_sleep(:s)"), {"s": self._seconds})
        return self

    def __exit__(self, *exc):
        return self._uow.__exit__(*exc)


def test_a_slow_query_runs_off_the_ui_thread_while_the_list_shows_it_is_loading(orders, qtbot, open_page):
    plain, threads, ticks = orders.uow_factory("clerk"), [], []
    timer = QTimer(interval=20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    started = time.monotonic()
    page = OrdersPage(lambda: SlowUnitOfWork(plain(), 1.0, threads))
    qtbot.addWidget(page)
    page.show()
    assert page.model.loading and page.count_label.text() == "Loading…"
    assert time.monotonic() - started < 0.5  # the constructor did not wait for the server
    qtbot.waitUntil(lambda: not page.model.loading, timeout=10_000)
    timer.stop()
    page.shutdown()
    assert time.monotonic() - started >= 1.0
    assert len(ticks) >= 20  # the event loop kept running while the query slept on the server
    assert threads and threading.get_ident() not in set(threads) | page.loader.worker_threads
    assert page.model.rowCount() == orders.scalar("SELECT count(*) FROM sales_order")


def live_page(orders, start_listener, open_page):  # noqa: F811
    listener, _received = start_listener(orders.logins["clerk"].url)
    feed = LiveFeed(listener, parent=listener)  # lives as long as the listener, as in the client
    return open_page(orders.uow_factory("clerk"), live_feed=feed, window_size=500)


def test_a_change_committed_elsewhere_updates_the_row_in_place_keeping_selection_and_scroll(
        orders, qtbot, open_page, start_listener):  # noqa: F811
    page = live_page(orders, start_listener, open_page)
    model, table, bar = page.model, page.table, page.table.verticalScrollBar()
    bar.setValue(20)
    target = next(model.row_at(r) for r in range(25, model.rowCount()) if model.row_at(r).status == "draft")
    table.selectRow(model.row_of_id(target.id))
    top, count = model.row_at(table.rowAt(0)).id, model.rowCount()
    other = orders.logins["clerk2"].connect(autocommit=True)
    other.cursor().execute("UPDATE sales_order SET status = 'cancelled' WHERE id = %s", (target.id,))
    qtbot.waitUntil(lambda: model.row_at(model.row_of_id(target.id)).status == "cancelled", timeout=10_000)
    assert model.data(model.index(model.row_of_id(target.id), COL_STATUS)) == "Cancelled"
    assert model.rowCount() == count and bar.value() == 20 and page.selected_ids() == [target.id]
    other.cursor().execute("INSERT INTO sales_order (customer_id, order_date) VALUES (%s, %s)",
                           (orders.ids["customer"], BASE_DAY + timedelta(days=40)))  # newest: the list's top
    other.close()
    qtbot.waitUntil(lambda: model.rowCount() == count + 1, timeout=10_000)
    assert model.row_at(0).order_date == BASE_DAY + timedelta(days=40)
    assert model.row_at(table.rowAt(0)).id == top and page.selected_ids() == [target.id]  # the view moved along


def test_a_row_that_stops_matching_the_filter_leaves_and_a_new_match_arrives(
        orders, qtbot, open_page, start_listener):  # noqa: F811
    page = live_page(orders, start_listener, open_page)
    page.status_filter.set_selected(("draft",))
    qtbot.waitUntil(lambda: not page.model.loading, timeout=10_000)
    model, count = page.model, page.model.rowCount()
    leaving = model.row_at(3)
    conn = orders.logins["clerk2"].connect(autocommit=True)
    conn.cursor().execute("UPDATE sales_order SET status = 'cancelled' WHERE id = %s", (leaving.id,))
    qtbot.waitUntil(lambda: model.row_of_id(leaving.id) is None, timeout=10_000)
    assert model.rowCount() == count - 1
    conn.cursor().execute("UPDATE sales_order SET status = 'cancelled' WHERE status = 'on_hold'")  # no match
    conn.cursor().execute("INSERT INTO sales_order (customer_id, order_date) VALUES (%s, %s)",
                          (orders.ids["customer"], BASE_DAY + timedelta(days=40)))
    conn.close()
    qtbot.waitUntil(lambda: model.row_at(0).order_date == BASE_DAY + timedelta(days=40), timeout=10_000)
    assert model.rowCount() == count and page.count_label.text() == f"{count} orders"
    assert shown_ids(page) == reference_ids(orders, SortKey(), "o.status = 'draft'")


def test_column_layout_and_sort_are_restored(orders, qtbot, open_page):
    page = open_page(orders.uow_factory("clerk"), window_size=500)
    header = page.table.horizontalHeader()
    header.resizeSection(COL_CUSTOMER, 333)
    header.moveSection(header.visualIndex(COL_TOTAL), 1)
    header.setSortIndicator(COL_CUSTOMER, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: not page.model.loading)
    page.save_layout()
    assert QSettings().value(HEADER_STATE_KEY) is not None
    again = open_page(orders.uow_factory("clerk"), window_size=500)
    header = again.table.horizontalHeader()
    assert header.sectionSize(COL_CUSTOMER) == 333 and header.visualIndex(COL_TOTAL) == 1
    assert again.model.sort_key == SortKey("customer", False)
    assert shown_ids(again) == reference_ids(orders, SortKey("customer", False))


@pytest.mark.slow
def test_orders_page_screenshot_in_english(db_url, qtbot, open_page, screenshot_dir):
    from app.services.demo_data import load_demo_data

    engine = make_engine(db_url)
    load_demo_data(engine, orders=200, seed=3)
    page = open_page(unit_of_work_factory(engine))
    table = page.table
    qtbot.waitUntil(lambda: page.model.row_at(table.rowAt(table.viewport().height() - 1)) is not None)
    table.selectRow(2)
    qtbot.wait(50)
    assert page.count_label.text() == "200 orders"
    assert page.grab().save(str(screenshot_dir / "orders_list_en.png"))
    page.shutdown()
    engine.dispose()
