"""Committed changes are announced with NOTIFY and logged in change_log; rolled-back ones are not."""

import json
import select
import time

from tests.support import create_draft, setup_master_data


def _drain(listener, seconds: float) -> list[dict]:
    """Wait up to ``seconds`` for notifications on the listening connection."""
    deadline = time.monotonic() + seconds
    received = []
    while time.monotonic() < deadline:
        if select.select([listener], [], [], max(0.0, deadline - time.monotonic()))[0]:
            listener.poll()
            while listener.notifies:
                received.append(json.loads(listener.notifies.pop(0).payload))
            if received:
                break
    return received


def test_a_committed_change_is_announced_and_a_rolled_back_one_is_not(database, make_login):
    admin = database.admin()
    data = setup_master_data(admin)
    clerk = make_login("feed_clerk", "op_sales")
    listener = make_login("feed_viewer", "op_warehouse").connect(autocommit=True)
    listener.cursor().execute("LISTEN orderpilot_changes")
    writer = clerk.connect()
    order = create_draft(writer, data, [("valve", 1, 80)])
    _drain(listener, 1.0)  # creation notices

    with writer.cursor() as cur:
        cur.execute("UPDATE sales_order SET notes = 'rolled back' WHERE id = %s", (order,))
    assert _drain(listener, 0.3) == []  # nothing before commit
    writer.rollback()
    assert _drain(listener, 0.5) == []

    with writer.cursor() as cur:
        cur.execute("UPDATE sales_order SET notes = 'call before delivery' WHERE id = %s", (order,))
    writer.commit()
    events = _drain(listener, 5.0)
    assert [(e["table"], e["op"], e["ids"]) for e in events] == [("sales_order", "U", [order])]

    with admin.cursor() as cur:
        cur.execute("SELECT table_name, row_id, operation, actor FROM change_log WHERE seq >= %s ORDER BY seq",
                    (events[0]["first_seq"],))
        assert cur.fetchall() == [("sales_order", order, "U", clerk.name)]
    assert events[0]["first_seq"] == events[0]["last_seq"]


def test_a_bulk_change_sends_one_small_notification_and_logs_every_row(database, make_login):
    admin = database.admin()
    data = setup_master_data(admin)
    clerk = make_login("bulk_clerk", "op_sales").connect()
    orders = [create_draft(clerk, data, [("valve", 1, 80)]) for _ in range(120)]
    listener = make_login("bulk_viewer", "op_planner").connect(autocommit=True)
    listener.cursor().execute("LISTEN orderpilot_changes")
    with clerk.cursor() as cur:
        cur.execute("UPDATE sales_order SET priority = 1 WHERE id = ANY(%s)", (orders,))
    clerk.commit()
    events = _drain(listener, 5.0)
    assert len(events) == 1
    assert events[0]["count"] == 120 and "ids" not in events[0]  # too many ids: read change_log instead
    with admin.cursor() as cur:
        cur.execute("SELECT array_agg(row_id ORDER BY row_id) FROM change_log WHERE seq BETWEEN %s AND %s",
                    (events[0]["first_seq"], events[0]["last_seq"]))
        assert cur.fetchone()[0] == sorted(orders)


def test_pruning_removes_old_entries_only_through_the_function(database, make_login):
    admin = database.admin()
    data = setup_master_data(admin)
    clerk = make_login("prune_clerk", "op_sales").connect()
    create_draft(clerk, data, [("valve", 1, 80)])
    with clerk.cursor() as cur:
        cur.execute("SELECT op_prune_change_log(interval '-1 second')")
        assert cur.fetchone()[0] == 0  # a clerk cannot cut the log shorter than a day
    clerk.commit()
    keeper = make_login("prune_admin", "op_admin").connect()
    with keeper.cursor() as cur:
        cur.execute("SELECT op_prune_change_log(interval '-1 second')")
        assert cur.fetchone()[0] > 0
    keeper.commit()
    with admin.cursor() as cur:
        cur.execute("SELECT count(*) FROM change_log")
        assert cur.fetchone()[0] == 0
        cur.execute("SELECT pruned_through > 0, pruned_at IS NOT NULL FROM change_log_pruned")
        assert cur.fetchone() == (True, True)  # readers behind this point know to reload
