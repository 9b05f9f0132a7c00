"""Demo data goes through the same rules as real work, and leaves a consistent database.

One load of a few hundred orders per module; every test reads it with plain SQL as the superuser.
"""

from __future__ import annotations

import psycopg2
import pytest

from app.db.engine import make_engine, psycopg2_dsn
from app.services.demo_data import DEMO_LOGINS, load_demo_data
from app.services.demo_data.loader import batch_sizes
from app.services.errors import AdminError

ORDERS = 300
SALES = tuple(u.login for u in DEMO_LOGINS if "op_sales" in u.roles)
ALL_STATUSES = {"draft", "pending_approval", "approved", "in_production", "ready_to_ship", "shipped", "delivered",
                "closed", "rejected", "on_hold", "cancelled"}
OPEN_WITH_STOCK = ("approved", "in_production", "ready_to_ship", "on_hold")


@pytest.fixture
def loaded(db_url):
    engine = make_engine(db_url)
    stages = []
    summary = load_demo_data(engine, orders=ORDERS, seed=11, progress=lambda s, f: stages.append((s, f)))
    engine.dispose()
    conn = psycopg2.connect(psycopg2_dsn(db_url))
    conn.autocommit = True
    try:
        yield summary, conn.cursor(), stages, db_url
    finally:
        conn.close()


def _rows(cur, sql, params=None):
    cur.execute(sql, params)
    return cur.fetchall()


def test_demo_orders_pass_the_database_rules_and_leave_consistent_stock(loaded):
    summary, cur, stages, db_url = loaded

    # Every status, in the summary and in the database.
    assert set(summary.by_status) == ALL_STATUSES
    assert sum(summary.by_status.values()) == ORDERS
    assert {s for (s,) in _rows(cur, "SELECT DISTINCT status FROM sales_order")} == ALL_STATUSES
    assert summary.by_status["closed"] + summary.by_status["delivered"] > ORDERS * 0.4
    fractions = [f for _, f in stages]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert_demo_database_is_consistent(cur)


def assert_demo_database_is_consistent(cur) -> None:
    """The invariants every demo database keeps, whatever its size (also usable on a big load)."""
    # Created by the sales logins, never by the superuser.
    assert {c for (c,) in _rows(cur, "SELECT DISTINCT created_by FROM sales_order")} <= set(SALES)

    # Every order's history is a legal chain NULL → draft → … → current status, each step made by a
    # login holding a role the transition table allows for it.
    bad = _rows(cur, """
        WITH h AS (
            SELECT h.*, o.status AS current, o.created_by,
                   lag(h.to_status) OVER w AS prev_to, row_number() OVER w AS n, count(*) OVER (PARTITION BY h.order_id) AS total
            FROM order_status_history h JOIN sales_order o ON o.id = h.order_id
            WINDOW w AS (PARTITION BY h.order_id ORDER BY h.id))
        SELECT order_id, n, from_status, to_status, actor FROM h
        WHERE (n = 1 AND (from_status IS NOT NULL OR to_status <> 'draft' OR actor <> created_by))
           OR (n > 1 AND from_status IS DISTINCT FROM prev_to)
           OR (n > 1 AND NOT EXISTS (SELECT 1 FROM order_status_transition t
                                     WHERE t.from_status = h.from_status AND t.to_status = h.to_status
                                       AND pg_has_role(h.actor, t.role_name, 'MEMBER')))
           OR (n = total AND to_status <> current)
           OR actor IN (SELECT rolname FROM pg_roles WHERE rolsuper)""")
    assert bad == []
    assert _rows(cur, "SELECT count(*) FROM sales_order o WHERE NOT EXISTS "
                      "(SELECT 1 FROM order_status_history h WHERE h.order_id = o.id)") == [(0,)]

    # Approved (or later) orders: every active request approved by enough distinct approvers, none
    # of them the creator, each holding the request's role and a limit covering the total.
    bad = _rows(cur, """
        WITH passed AS (
            SELECT DISTINCT o.id, o.created_by, o.total_amount
            FROM sales_order o JOIN order_status_history h ON h.order_id = o.id AND h.to_status = 'approved')
        SELECT r.id, r.status, r.required_approvals, count(DISTINCT d.approver) AS approvers,
               bool_or(d.approver = p.created_by) AS own,
               bool_or(NOT pg_has_role(d.approver, r.approver_role, 'MEMBER')) AS wrong_role,
               bool_or(u.approval_limit < p.total_amount) AS over_limit
        FROM passed p
        JOIN approval_request r ON r.order_id = p.id AND r.active
        LEFT JOIN approval_decision d ON d.request_id = r.id AND d.decision = 'approve'
        LEFT JOIN app_user u ON u.login = d.approver
        GROUP BY r.id, r.status, r.required_approvals
        HAVING r.status <> 'approved' OR count(DISTINCT d.approver) < r.required_approvals
            OR bool_or(d.approver = p.created_by) OR bool_or(NOT pg_has_role(d.approver, r.approver_role, 'MEMBER'))
            OR bool_or(u.approval_limit < p.total_amount)""")
    assert bad == []
    assert _rows(cur, "SELECT count(*) FROM approval_decision WHERE decision = 'approve'")[0][0] > 0
    rejected = _rows(cur, """
        SELECT count(*), count(*) FILTER (WHERE EXISTS (
                   SELECT 1 FROM approval_decision d JOIN approval_request r ON r.id = d.request_id
                   WHERE d.order_id = o.id AND d.decision = 'reject' AND r.active AND btrim(d.comment) <> ''
                     AND d.approver <> o.created_by))
        FROM sales_order o WHERE o.status = 'rejected'""")[0]
    assert rejected[0] > 0 and rejected[0] == rejected[1]
    # The server computed several kinds of requests, among them the two-approver rule.
    kinds = {k for (k,) in _rows(cur, "SELECT DISTINCT ar.condition FROM approval_request r "
                                      "JOIN approval_rule ar ON ar.id = r.rule_id")}
    assert {"order_total_over", "line_discount_over", "new_customer_first_order", "channel_is"} <= kinds

    # Stock: reserved within on hand, equal to what open orders' lines hold; no other line holds any.
    assert _rows(cur, "SELECT count(*) FROM stock_level WHERE reserved > on_hand OR on_hand < 0") == [(0,)]
    bad = _rows(cur, """
        SELECT s.product_id, s.warehouse_id, s.reserved, coalesce(l.held, 0)
        FROM stock_level s
        FULL JOIN (SELECT l.product_id, l.warehouse_id, sum(l.reserved_qty) AS held
                   FROM sales_order_line l JOIN sales_order o ON o.id = l.order_id
                   WHERE o.status = ANY(%s) GROUP BY 1, 2) l
               ON l.product_id = s.product_id AND l.warehouse_id = s.warehouse_id
        WHERE s.reserved IS DISTINCT FROM coalesce(l.held, 0)""", (list(OPEN_WITH_STOCK),))
    assert bad == []
    assert _rows(cur, "SELECT count(*) FROM sales_order_line l JOIN sales_order o ON o.id = l.order_id "
                      "WHERE o.status <> ALL(%s) AND l.reserved_qty <> 0", (list(OPEN_WITH_STOCK),)) == [(0,)]
    assert _rows(cur, "SELECT count(*) FROM sales_order_line l JOIN sales_order o ON o.id = l.order_id "
                      "WHERE o.status = 'ready_to_ship' AND l.reserved_qty < l.quantity") == [(0,)]
    assert _rows(cur, "SELECT sum(reserved) > 0 FROM stock_level") == [(True,)]

    # The ledger adds up to the stock levels.
    bad = _rows(cur, """
        SELECT s.product_id, s.warehouse_id FROM stock_level s
        LEFT JOIN (SELECT product_id, warehouse_id, sum(on_hand_delta) AS on_hand, sum(reserved_delta) AS reserved
                   FROM stock_move GROUP BY 1, 2) m USING (product_id, warehouse_id)
        WHERE (s.on_hand, s.reserved) IS DISTINCT FROM (coalesce(m.on_hand, 0), coalesce(m.reserved, 0))""")
    assert bad == []
    assert _rows(cur, "SELECT count(*) FROM stock_move WHERE actor IN (SELECT rolname FROM pg_roles "
                      "WHERE rolsuper)") == [(0,)]

    # Shipped orders have shipments, packages and carrier tracking.
    assert _rows(cur, """
        SELECT count(*) FROM sales_order o WHERE o.status IN ('shipped', 'delivered', 'closed')
        AND NOT EXISTS (SELECT 1 FROM shipment s JOIN shipment_package p ON p.shipment_id = s.id
                        JOIN tracking_event t ON t.shipment_id = s.id WHERE s.order_id = o.id)""") == [(0,)]

    # Chinese and international customers; Chinese orders in the book.
    assert _rows(cur, "SELECT count(*) >= 400 FROM customer") == [(True,)]
    assert _rows(cur, "SELECT count(*) > 100 FROM customer WHERE name ~ '[一-龥]' AND city ~ '[一-龥]'") == [(True,)]
    assert _rows(cur, "SELECT count(DISTINCT country) >= 4 FROM customer") == [(True,)]
    assert _rows(cur, "SELECT count(*) > 0 FROM sales_order o JOIN customer c ON c.id = o.customer_id "
                      "WHERE c.name ~ '[一-龥]'") == [(True,)]
    # Imports carry a reference; the demo logins have bilingual profiles.
    assert _rows(cur, "SELECT count(*) FROM sales_order WHERE channel IN ('web_shop', 'marketplace') "
                      "AND external_ref IS NULL") == [(0,)]
    assert _rows(cur, "SELECT count(*) FROM app_user WHERE login LIKE 'demo\\_%' AND display_name ~ '[一-龥]'")[0][0] >= 10


def test_demo_data_runs_again_and_adds_orders(loaded):
    summary, cur, _, db_url = loaded
    customers = _rows(cur, "SELECT count(*) FROM customer")[0][0]
    products = _rows(cur, "SELECT count(*) FROM product")[0][0]
    engine = make_engine(db_url)
    again = load_demo_data(engine, orders=60, seed=11)
    engine.dispose()
    assert sum(again.by_status.values()) == 60
    assert _rows(cur, "SELECT count(*) FROM sales_order")[0][0] == ORDERS + 60
    assert _rows(cur, "SELECT count(*) FROM customer")[0][0] == customers
    assert _rows(cur, "SELECT count(*) FROM product")[0][0] == products
    assert _rows(cur, "SELECT count(*) FROM stock_level WHERE reserved > on_hand") == [(0,)]


def test_demo_data_needs_a_superuser(database, make_login):
    clerk = make_login("plain_clerk", "op_sales")
    engine = make_engine(clerk.url)
    with pytest.raises(AdminError):
        load_demo_data(engine, orders=5)
    engine.dispose()


def test_batches_are_chronological_waves_of_bounded_size():
    assert batch_sizes(0) == []
    assert batch_sizes(300) == [50] * 6
    assert sum(batch_sizes(1_000_000)) == 1_000_000 and max(batch_sizes(1_000_000)) <= 100_000
    assert batch_sizes(10, 50_000) == [10]
    assert batch_sizes(1_200_000, 50_000) == [50_000] * 24
