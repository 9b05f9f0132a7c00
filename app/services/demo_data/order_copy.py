"""Bulk entry of draft orders and their lines with COPY, as the sales login who takes them.

COPY names its columns, so the sales role's column privileges apply exactly as they do to an
INSERT; the guard triggers make every row a draft created by ``session_user``, and the
statement triggers write the history rows and the order totals.
"""

from __future__ import annotations

import io
from collections import defaultdict

from app.services.demo_data.plan import PlannedOrder
from app.services.demo_data.session import acting_as

ORDER_COLUMNS = ("customer_id", "channel", "external_ref", "order_type", "priority", "order_date",
                 "requested_date", "currency", "customer_reference", "ship_to_name", "ship_to_address1",
                 "ship_to_address2", "ship_to_city", "ship_to_region", "ship_to_postal_code", "ship_to_country",
                 "notes", "warehouse_id")
LINE_COLUMNS = ("order_id", "line_no", "product_id", "description", "quantity", "unit_price", "discount_pct",
                "tax_rate", "warehouse_id")

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _text(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.translate(_ESCAPES)
    return str(value)


def _order_row(order: PlannedOrder, warehouse_id: int) -> str:
    c = order.customer
    values = (c.id, order.channel, order.external_ref, order.order_type, order.priority, order.order_date,
              order.requested_date, order.currency, order.customer_reference, c.name, c.address1, c.address2,
              c.city, c.region, c.postal_code, c.country, order.notes, warehouse_id)
    return "\t".join(_text(v) for v in values)


def copy_orders(cur, orders: list[PlannedOrder], warehouses: dict[str, int]) -> None:
    """COPY the orders (per sales login) and then their lines; fills in ``order.id``."""
    by_login: dict[str, list[PlannedOrder]] = defaultdict(list)
    for order in orders:
        by_login[order.login].append(order)
    for login, batch in sorted(by_login.items()):
        with acting_as(cur, login):
            cur.execute("SELECT coalesce(max(id), 0) FROM sales_order")
            before = cur.fetchone()[0]
            buffer = io.StringIO("\n".join(_order_row(o, warehouses[o.warehouse]) for o in batch) + "\n")
            cur.copy_expert(f"COPY sales_order ({', '.join(ORDER_COLUMNS)}) FROM STDIN", buffer)
            # Identity values follow the COPY's row order; xmin keeps other sessions' rows out.
            cur.execute("SELECT id FROM sales_order WHERE id > %s AND xmin = pg_current_xact_id()::xid "
                        "AND created_by = session_user ORDER BY id", (before,))
            ids = [r[0] for r in cur.fetchall()]
            if len(ids) != len(batch):
                raise RuntimeError(f"COPY created {len(ids)} orders for {login}, expected {len(batch)}")
            for order, order_id in zip(batch, ids):
                order.id = order_id
            out = io.StringIO()
            for order in batch:
                wid = warehouses[order.warehouse]
                for n, ln in enumerate(order.lines, start=1):
                    out.write(f"{order.id}\t{n}\t{ln.product_id}\t{_text(ln.description)}\t{ln.quantity}\t"
                              f"{ln.unit_price:.2f}\t{ln.discount}\t{ln.tax_rate}\t{wid}\n")
            out.seek(0)
            cur.copy_expert(f"COPY sales_order_line ({', '.join(LINE_COLUMNS)}) FROM STDIN", out)
