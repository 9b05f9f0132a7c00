"""Stock: opening balances, receipts, reservations, releases and consumption — set-based.

Every change is an UPDATE of ``stock_level`` aggregated per product and warehouse, made as the
login whose job it is; the ledger trigger writes one ``stock_move`` per row with the reason set
through ``orderpilot.stock_reason``. Callers wrap these in :func:`acting_as`.
"""

from __future__ import annotations

from psycopg2.extras import execute_values

from app.services.demo_data.session import stock_reason

NOT_MTO = "p.supply <> 'make_to_order'"
MTO = "p.supply = 'make_to_order'"


def ensure_opening_stock(cur, finished, materials: list[int], warehouses: dict[str, int]) -> None:
    """Opening balances and reorder points (as demo_warehouse); existing stock rows stay."""
    cur.execute("SELECT warehouse_id, id FROM location WHERE kind = 'storage' AND warehouse_id = ANY(%s) "
                "ORDER BY warehouse_id, pick_sequence", (list(warehouses.values()),))
    locations: dict[int, list[int]] = {}
    for wid, lid in cur.fetchall():
        locations.setdefault(wid, []).append(lid)
    rows = []
    for n, product in enumerate(finished):
        for wid in warehouses.values():
            slot = locations[wid][n % len(locations[wid])]
            if product.supply == "make_to_order":
                rows.append((product.id, wid, slot, 0, 0, 0))
                continue
            point = 40 if product.price < 1000 else 15 if product.price < 5000 else 6 if product.price < 20000 else 3
            rows.append((product.id, wid, slot, point * 2 + n % 5, point, point * 2))
    factory = warehouses["SZ"]
    cur.execute("SELECT id, standard_cost FROM product WHERE id = ANY(%s) ORDER BY id", (materials,))
    for n, (pid, cost) in enumerate(cur.fetchall()):
        slot = locations[factory][(len(finished) + n) % len(locations[factory])]
        qty = 3000 if cost < 20 else 800 if cost < 100 else 200 if cost < 600 else 40
        rows.append((pid, factory, slot, qty, qty // 2, qty))
    stock_reason(cur, "期初库存 Opening balance (demo data)")
    execute_values(cur, "INSERT INTO stock_level (product_id, warehouse_id, location_id, on_hand, reorder_point, "
                        "reorder_qty) VALUES %s ON CONFLICT (product_id, warehouse_id) DO NOTHING", rows)


def _need(filter_sql: str, amount: str = "l.quantity - l.reserved_qty") -> str:
    return (f"SELECT l.product_id, l.warehouse_id, sum({amount}) AS qty "
            f"FROM sales_order_line l JOIN product p ON p.id = l.product_id "
            f"WHERE l.order_id = ANY(%(ids)s::bigint[]) AND {filter_sql} GROUP BY 1, 2")


def replenish_for(cur, order_ids: list[int], reference: str) -> None:
    """Make-to-stock production receipts in lot sizes so the coming reservations are covered."""
    if not order_ids:
        return
    stock_reason(cur, "生产入库 Production receipt (make to stock)", reference)
    cur.execute(f"""
        UPDATE stock_level s SET on_hand = s.on_hand + lots.qty
        FROM (SELECT s2.id, ceil((n.qty - (s2.on_hand - s2.reserved)) / greatest(s2.reorder_qty, 1))
                            * greatest(s2.reorder_qty, 1) AS qty
              FROM ({_need(NOT_MTO)}) n
              JOIN stock_level s2 ON s2.product_id = n.product_id AND s2.warehouse_id = n.warehouse_id
              WHERE n.qty > s2.on_hand - s2.reserved) lots
        WHERE s.id = lots.id""", {"ids": order_ids})


def reserve(cur, order_ids: list[int], reference: str, *, made_to_order: bool = False) -> None:
    """Reserve the open quantity of the orders' stock lines (or their made-to-order lines)."""
    if not order_ids:
        return
    which = MTO if made_to_order else NOT_MTO
    stock_reason(cur, "订单预留 Reserved for sales orders", reference)
    cur.execute(f"""
        UPDATE stock_level s SET reserved = s.reserved + n.qty
        FROM ({_need(which)}) n
        WHERE s.product_id = n.product_id AND s.warehouse_id = n.warehouse_id AND n.qty > 0""",
                {"ids": order_ids})
    cur.execute(f"""
        UPDATE sales_order_line l SET reserved_qty = l.quantity, shortage_qty = 0
        FROM product p
        WHERE p.id = l.product_id AND {which} AND l.order_id = ANY(%(ids)s::bigint[])
          AND l.reserved_qty < l.quantity""", {"ids": order_ids})


def flag_shortages(cur, order_ids: list[int]) -> None:
    """Made-to-order lines wait for production: their open quantity is the shortage."""
    if order_ids:
        cur.execute(f"""
            UPDATE sales_order_line l SET shortage_qty = l.quantity - l.reserved_qty
            FROM product p
            WHERE p.id = l.product_id AND {MTO} AND l.order_id = ANY(%(ids)s::bigint[])""", {"ids": order_ids})


def release(cur, order_ids: list[int], reference: str) -> None:
    """Give back what the (cancelled) orders had reserved."""
    if not order_ids:
        return
    stock_reason(cur, "取消预留 Reservation released (order cancelled)", reference)
    cur.execute(f"""
        UPDATE stock_level s SET reserved = s.reserved - n.qty
        FROM ({_need("l.reserved_qty > 0", "l.reserved_qty")}) n
        WHERE s.product_id = n.product_id AND s.warehouse_id = n.warehouse_id""", {"ids": order_ids})
    cur.execute("UPDATE sales_order_line SET reserved_qty = 0, shortage_qty = 0 "
                "WHERE order_id = ANY(%(ids)s::bigint[]) AND (reserved_qty > 0 OR shortage_qty > 0)",
                {"ids": order_ids})


def consume(cur, order_ids: list[int], reference: str) -> None:
    """Shipping takes the reserved goods out of stock (as demo_shipping)."""
    if not order_ids:
        return
    stock_reason(cur, "销售出库 Shipped to customer", reference)
    cur.execute(f"""
        UPDATE stock_level s SET on_hand = s.on_hand - n.qty, reserved = s.reserved - n.qty
        FROM ({_need("l.reserved_qty > 0", "l.reserved_qty")}) n
        WHERE s.product_id = n.product_id AND s.warehouse_id = n.warehouse_id""", {"ids": order_ids})
    cur.execute("UPDATE sales_order_line SET reserved_qty = 0 WHERE order_id = ANY(%(ids)s::bigint[]) "
                "AND reserved_qty > 0", {"ids": order_ids})


def receive_production(cur, order_ids: list[int], reference: str) -> None:
    """Finished made-to-order goods come off the line into the order's warehouse."""
    if not order_ids:
        return
    stock_reason(cur, "生产入库 Production receipt (made to order)", reference)
    cur.execute(f"""
        UPDATE stock_level s SET on_hand = s.on_hand + n.qty
        FROM ({_need(MTO)}) n
        WHERE s.product_id = n.product_id AND s.warehouse_id = n.warehouse_id AND n.qty > 0""",
                {"ids": order_ids})


def issue_components(cur, order_ids: list[int], factory_id: int, reference: str) -> None:
    """Buy what is short in lots, then issue the components of the orders' production orders."""
    if not order_ids:
        return
    need = """
        SELECT bl.component_id AS product_id,
               round(sum(bl.quantity * mo.quantity * (1 + bl.scrap_pct / 100)), 3) AS qty
        FROM production_order mo
        JOIN bom b ON b.product_id = mo.product_id AND b.active
        JOIN bom_line bl ON bl.bom_id = b.id
        WHERE mo.sales_order_id = ANY(%(ids)s::bigint[])
        GROUP BY 1"""
    stock_reason(cur, "采购入库 Purchase receipt", reference)
    cur.execute(f"""
        UPDATE stock_level s SET on_hand = s.on_hand
            + ceil((n.qty - (s.on_hand - s.reserved)) / greatest(s.reorder_qty, 1)) * greatest(s.reorder_qty, 1)
        FROM ({need}) n
        WHERE s.product_id = n.product_id AND s.warehouse_id = %(wh)s AND n.qty > s.on_hand - s.reserved""",
                {"ids": order_ids, "wh": factory_id})
    stock_reason(cur, "生产领料 Issued to production", reference)
    cur.execute(f"""
        UPDATE stock_level s SET on_hand = s.on_hand - n.qty
        FROM ({need}) n
        WHERE s.product_id = n.product_id AND s.warehouse_id = %(wh)s""", {"ids": order_ids, "wh": factory_id})
