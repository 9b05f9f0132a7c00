"""Small raw-SQL builders for tests that act as real logins (no service layer involved)."""

from __future__ import annotations

from decimal import Decimal

import psycopg2
import pytest


def setup_master_data(admin) -> dict:
    """A customer, two products, a warehouse with stock, and one approval rule (total over 10,000)."""
    with admin.cursor() as cur:
        cur.execute("INSERT INTO customer (code, name, email) VALUES ('C001', '上海浦江机械有限公司', 'buy@pujiang.cn') RETURNING id")
        customer = cur.fetchone()[0]
        cur.execute("INSERT INTO product_family (code, name) VALUES ('PUMP', 'Pumps') RETURNING id")
        family = cur.fetchone()[0]
        cur.execute("INSERT INTO product (sku, name, family_id, list_price) VALUES "
                    "('P-100', 'Centrifugal pump CP-100', %s, 1200), ('V-20', 'Ball valve DN20', %s, 80) RETURNING id",
                    (family, family))
        pump, valve = [r[0] for r in cur.fetchall()]
        cur.execute("INSERT INTO warehouse (code, name) VALUES ('SH', 'Shanghai') RETURNING id")
        warehouse = cur.fetchone()[0]
        cur.execute("INSERT INTO stock_level (product_id, warehouse_id, on_hand) VALUES (%s, %s, 10), (%s, %s, 500)",
                    (pump, warehouse, valve, warehouse))
        cur.execute("INSERT INTO approval_rule (name, condition, threshold, approver_role, required_approvals) "
                    "VALUES ('Large order', 'order_total_over', 10000, 'op_approver', 1)")
    return {"customer": customer, "pump": pump, "valve": valve, "warehouse": warehouse}


def create_draft(conn, data: dict, lines: list[tuple[str, int, Decimal | int]]) -> int:
    """As the connected login: a draft order with ``(product key, quantity, unit price)`` lines."""
    with conn.cursor() as cur:
        cur.execute("INSERT INTO sales_order (customer_id, channel) VALUES (%s, 'phone') RETURNING id",
                    (data["customer"],))
        order_id = cur.fetchone()[0]
        for number, (product, quantity, price) in enumerate(lines, start=1):
            cur.execute("INSERT INTO sales_order_line (order_id, line_no, product_id, quantity, unit_price, warehouse_id) "
                        "VALUES (%s, %s, %s, %s, %s, %s)",
                        (order_id, number, data[product], quantity, price, data["warehouse"]))
    conn.commit()
    return order_id


def set_status(conn, order_id: int, status: str, note: str | None = None) -> None:
    with conn.cursor() as cur:
        cur.execute("UPDATE sales_order SET status = %s, status_note = %s WHERE id = %s", (status, note, order_id))
    conn.commit()


def decide(conn, order_id: int, decision: str = "approve", comment: str | None = None) -> None:
    """Decide on every pending request of the order that this login's roles allow."""
    with conn.cursor() as cur:
        cur.execute("SELECT id FROM approval_request WHERE order_id = %s AND active AND status = 'pending' "
                    "AND pg_has_role(session_user, approver_role, 'MEMBER') ORDER BY id", (order_id,))
        for (request_id,) in cur.fetchall():
            cur.execute("INSERT INTO approval_decision (request_id, decision, comment) VALUES (%s, %s, %s)",
                        (request_id, decision, comment))
    conn.commit()


def reserve_order(conn, order_id: int) -> None:
    """Reserve every line in full (one conditional UPDATE per line), as the connected login."""
    with conn.cursor() as cur:
        cur.execute("SELECT id, product_id, warehouse_id, quantity - reserved_qty FROM sales_order_line WHERE order_id = %s",
                    (order_id,))
        for line_id, product_id, warehouse_id, missing in cur.fetchall():
            cur.execute("UPDATE stock_level SET reserved = reserved + %s WHERE product_id = %s AND warehouse_id = %s",
                        (missing, product_id, warehouse_id))
            cur.execute("UPDATE sales_order_line SET reserved_qty = quantity WHERE id = %s", (line_id,))
    conn.commit()


def status_of(admin, order_id: int) -> str:
    with admin.cursor() as cur:
        cur.execute("SELECT status FROM sales_order WHERE id = %s", (order_id,))
        return cur.fetchone()[0]


def refused(conn, sql: str, params=(), *, sqlstate: str | None = None, contains: str | None = None):
    """Run ``sql`` as the connection's login and assert the server refuses it; rolls back."""
    with pytest.raises(psycopg2.Error) as info:
        with conn.cursor() as cur:
            cur.execute(sql, params)
    conn.rollback()
    if sqlstate is not None:
        assert info.value.pgcode == sqlstate, f"{info.value.pgcode}: {info.value.pgerror}"
    if contains is not None:
        assert contains in info.value.pgerror, info.value.pgerror
    return info.value
