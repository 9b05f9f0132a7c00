"""Views subscribe to a table (or some of its rows) and get bursts merged."""

from app.live.events import ChangeEvent
from app.live.feed import LiveFeed, coalesce
from tests.live.conftest import touch_stock, writer
from tests.support import setup_master_data


def test_a_burst_of_commits_reaches_subscribers_merged_and_filtered(database, start_listener, qtbot):
    setup_master_data(database.admin())
    listener, _ = start_listener(database.url)
    feed = LiveFeed(listener, window_ms=200)
    everything, only_row_2, orders = feed.subscribe("stock_level"), feed.subscribe("stock_level", ids=[2]), \
        feed.subscribe("sales_order")
    got_all, got_2, got_orders = [], [], []
    everything.changed.connect(got_all.append)
    only_row_2.changed.connect(got_2.append)
    orders.changed.connect(got_orders.append)

    conn = writer(database.url, autocommit=False)
    for i in range(20):
        touch_stock(conn, 1 + i % 2)
        conn.commit()
    qtbot.waitUntil(lambda: set().union(*(c.ids for c in got_all)) == {1, 2}, timeout=5000)
    qtbot.wait(300)
    assert len(got_all) < 20  # merged, not one signal per commit
    assert set().union(*(c.ids for c in got_2)) == {2}
    assert got_orders == []


def test_deleting_wins_over_updating_within_a_window():
    events = [ChangeEvent(1, "sales_order_line", 7, "U", 3), ChangeEvent(2, "sales_order_line", 7, "D", 3),
              ChangeEvent(3, "sales_order_line", 8, "I", 3), ChangeEvent(4, "stock_level", 1, "U")]
    lines, stock = coalesce(events)
    assert (lines.ids, lines.deleted, lines.order_ids, lines.last_seq) == ({8}, {7}, {3}, 3)
    assert (stock.table, stock.ids) == ("stock_level", {1})
