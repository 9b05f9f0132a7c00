"""The live listener against a real server: commits arrive, rollbacks never do, nothing is lost."""

import pytest

from tests.live.conftest import touch_stock, writer
from tests.support import setup_master_data


@pytest.fixture
def stock_db(database):
    setup_master_data(database.admin())  # stock rows 1 and 2
    return database


@pytest.mark.parametrize("use_select", [False, True], ids=["socket-notifier", "select-thread"])
def test_a_committed_change_arrives_and_a_rolled_back_one_never_does(stock_db, start_listener, qtbot, use_select):
    listener, received = start_listener(stock_db.url, use_select=use_select)
    conn = writer(stock_db.url, autocommit=False)
    rolled_back = touch_stock(conn, 1)
    conn.rollback()
    committed = touch_stock(conn, 2)
    conn.commit()
    qtbot.waitUntil(lambda: committed in received.seqs, timeout=5000)
    qtbot.wait(300)
    assert rolled_back not in received.seqs
    assert [(e.table, e.row_id, e.operation) for e in received.events] == [("stock_level", 2, "U")]


def test_a_lower_number_committing_after_a_higher_one_is_not_lost(stock_db, start_listener, qtbot):
    listener, received = start_listener(stock_db.url)
    slow, fast = writer(stock_db.url, autocommit=False), writer(stock_db.url, autocommit=False)
    early = touch_stock(slow, 1)
    late = touch_stock(fast, 2)
    assert early < late
    fast.commit()
    qtbot.waitUntil(lambda: late in received.seqs, timeout=5000)
    qtbot.wait(500)  # the listener keeps checking the gap while the slow transaction runs
    slow.commit()
    qtbot.waitUntil(lambda: early in received.seqs, timeout=5000)
    assert received.seqs == [late, early]


def test_a_gap_filled_while_the_listener_was_disconnected_is_caught_up(stock_db, start_listener, qtbot):
    listener, received = start_listener(stock_db.url, backoff=(1.0, 1.0))
    slow, fast = writer(stock_db.url, autocommit=False), writer(stock_db.url, autocommit=False)
    early = touch_stock(slow, 1)
    late = touch_stock(fast, 2)
    fast.commit()
    qtbot.waitUntil(lambda: late in received.seqs, timeout=5000)
    with stock_db.admin().cursor() as cur:  # the network drops the listener's connection
        cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'OrderPilot live'")
    qtbot.waitUntil(lambda: listener.state != "connected", timeout=5000)
    slow.commit()  # its NOTIFY goes to nobody
    qtbot.waitUntil(lambda: early in received.seqs, timeout=10_000)
    assert received.seqs == [late, early] and listener.state == "connected"


def test_a_listener_behind_the_pruned_log_asks_for_a_reload(stock_db, start_listener, qtbot):
    conn = writer(stock_db.url, autocommit=False)
    touch_stock(conn, 1)
    with conn.cursor() as cur:
        cur.execute("SELECT op_prune_change_log(interval '-1 second')")
    conn.commit()
    listener, received = start_listener(stock_db.url, watermark=0)
    qtbot.waitUntil(lambda: received.reloads == 1, timeout=5000)
    after = touch_stock(conn, 2)  # and then goes on from where the log is
    conn.commit()
    qtbot.waitUntil(lambda: after in received.seqs, timeout=5000)
