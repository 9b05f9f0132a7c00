"""Stock reservations: lock first, reserve what is there, record what is short.

Reservation locks the stock rows of every product involved in id order (so two orders never
deadlock), then reserves per line from the locked figures: a row lock, never read-then-write.
One order or a whole import batch goes through the same code.
The CHECK constraints on ``stock_level`` stay the last word. Every change is written to the
``stock_move`` ledger by the server, with the reason and order set here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.services.errors import translated_errors
from app.services.notifications import notify_role, notify_role_each


@dataclass(frozen=True)
class LineReservation:
    line_id: int
    order_id: int
    order_no: str
    line_no: int
    product_id: int
    sku: str
    supply: str
    warehouse_id: int | None
    reserved: Decimal   # reserved by this call
    short: Decimal      # still missing after this call


_OPEN_LINES = text("""
    SELECT l.id, l.order_id, o.order_no, l.line_no, l.product_id, p.sku, p.supply,
           l.quantity - l.reserved_qty AS need, coalesce(l.warehouse_id, o.warehouse_id) AS warehouse_id
    FROM sales_order_line l JOIN sales_order o ON o.id = l.order_id JOIN product p ON p.id = l.product_id
    WHERE l.order_id = ANY(:orders) AND l.quantity > l.reserved_qty
    ORDER BY o.priority, o.id, l.line_no
""")

_LOCK_STOCK = text("""
    SELECT id, product_id, warehouse_id, on_hand, reserved, reorder_point
    FROM stock_level WHERE product_id = ANY(:products)
    ORDER BY id
    FOR UPDATE
""")

_APPLY_STOCK = text("""
    UPDATE stock_level s SET reserved = s.reserved + d.delta
    FROM unnest(CAST(:ids AS bigint[]), CAST(:deltas AS numeric[])) AS d(id, delta) WHERE s.id = d.id
""")

_APPLY_LINES = text("""
    UPDATE sales_order_line l
    SET reserved_qty = l.reserved_qty + d.take, shortage_qty = d.short, warehouse_id = d.warehouse
    FROM unnest(CAST(:ids AS bigint[]), CAST(:takes AS numeric[]), CAST(:shorts AS numeric[]),
                CAST(:warehouses AS bigint[])) AS d(id, take, short, warehouse)
    WHERE l.id = d.id
""")


def _ledger_context(session: Session, reason: str, order_id: int | None, reference: str | None) -> None:
    session.execute(text(
        "SELECT set_config('orderpilot.stock_reason', :reason, true), "
        "set_config('orderpilot.order_id', :order_id, true), "
        "set_config('orderpilot.stock_reference', :reference, true)"),
        {"reason": reason, "order_id": "" if order_id is None else str(order_id), "reference": reference or ""})


def reserve_order(session: Session, order_id: int, order_no: str) -> list[LineReservation]:
    """Reserve every open line of one order from stock; returns what each line got."""
    return reserve_orders(session, [order_id], reference=order_no)


def reserve_orders(session: Session, order_ids: list[int], *, reference: str | None = None) -> list[LineReservation]:
    """Reserve the open lines of many orders, most urgent order first, in two statements.

    The stock rows of every product involved are locked (in id order) before anything is
    computed; the allocation then works on the locked figures, so nothing can change them
    between reading and writing. With one order the ledger names it; a batch names ``reference``.
    """
    lines = session.execute(_OPEN_LINES, {"orders": list(order_ids)}).all()
    if not lines:
        return []
    _ledger_context(session, "reservation", order_ids[0] if len(order_ids) == 1 else None, reference)
    with translated_errors():
        stock = [row._asdict() for row in session.execute(
            _LOCK_STOCK, {"products": sorted({line.product_id for line in lines})})]
    by_product: dict[int, list[dict]] = {}
    for row in stock:
        row["before"] = row["on_hand"] - row["reserved"]
        by_product.setdefault(row["product_id"], []).append(row)

    results, deltas = [], {}
    for line in lines:
        rows = [r for r in by_product.get(line.product_id, ())
                if line.warehouse_id is None or r["warehouse_id"] == line.warehouse_id]
        row = max(rows, key=lambda r: (r["on_hand"] - r["reserved"], -r["id"]), default=None)
        take = max(Decimal(0), min(line.need, row["on_hand"] - row["reserved"])) if row is not None else Decimal(0)
        if take > 0:
            row["reserved"] += take
            deltas[row["id"]] = deltas.get(row["id"], Decimal(0)) + take
        results.append(LineReservation(
            line_id=line.id, order_id=line.order_id, order_no=line.order_no, line_no=line.line_no,
            product_id=line.product_id, sku=line.sku, supply=line.supply,
            warehouse_id=row["warehouse_id"] if row is not None else line.warehouse_id,
            reserved=take, short=line.need - take))

    with translated_errors():
        if deltas:
            session.execute(_APPLY_STOCK, {"ids": list(deltas), "deltas": list(deltas.values())})
        session.execute(_APPLY_LINES, {
            "ids": [r.line_id for r in results], "takes": [r.reserved for r in results],
            "shorts": [r.short for r in results], "warehouses": [r.warehouse_id for r in results]})
    for row in stock:
        _note_low_stock(session, row)
    notify_role_each(session, "op_warehouse", "stock_short", [
        (f"Short stock on {r.sku}: {r.order_no} line {r.line_no} misses {r.short.normalize():f}", r.order_id, None)
        for r in results if r.short > 0 and r.supply != "make_to_order"], direct_only=True)
    return results


def _note_low_stock(session: Session, row: dict) -> None:
    """Tell the warehouse when reservations just took availability below the reorder point."""
    after = row["on_hand"] - row["reserved"]
    if row["reorder_point"] > 0 and row["before"] >= row["reorder_point"] > after:
        sku = session.scalar(text("SELECT sku FROM product WHERE id = :id"), {"id": row["product_id"]})
        notify_role(session, "op_warehouse", "stock_low",
                    f"Low stock: {sku} has {after.normalize():f} available, below the reorder point "
                    f"of {row['reorder_point'].normalize():f}", direct_only=True)


def release_order(session: Session, order_id: int, order_no: str, reason: str = "release") -> Decimal:
    """Give back every reservation of the order (cancellation, rework); returns the quantity released."""
    lines = session.execute(text(
        "SELECT id, product_id, warehouse_id, reserved_qty FROM sales_order_line "
        "WHERE order_id = :order_id AND reserved_qty > 0"), {"order_id": order_id}).all()
    if not lines:
        return Decimal(0)
    _ledger_context(session, reason, order_id, order_no)
    with translated_errors():
        session.execute(_LOCK_STOCK, {"products": sorted({line.product_id for line in lines})}).all()
        for line in lines:
            session.execute(text(
                "UPDATE stock_level SET reserved = reserved - :qty "
                "WHERE product_id = :product AND warehouse_id = :warehouse"),
                {"qty": line.reserved_qty, "product": line.product_id, "warehouse": line.warehouse_id})
        session.execute(text(
            "UPDATE sales_order_line SET reserved_qty = 0, shortage_qty = 0 WHERE order_id = :order_id"),
            {"order_id": order_id})
    return sum((line.reserved_qty for line in lines), Decimal(0))


def stock_position(session: Session, product_id: int) -> list[dict]:
    """On hand, reserved and available per warehouse for one product."""
    return [row._asdict() for row in session.execute(text(
        "SELECT warehouse_id, on_hand, reserved, on_hand - reserved AS available, reorder_point "
        "FROM stock_level WHERE product_id = :p ORDER BY warehouse_id"), {"p": product_id})]
