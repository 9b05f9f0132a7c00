"""Stock reservations: lock first, reserve what is there, record what is short.

Reservation locks the stock rows of every product on the order in id order (so two orders never
deadlock), then reserves per line from the locked figures: a row lock, never read-then-write.
The CHECK constraints on ``stock_level`` stay the last word. Every change is written to the
``stock_move`` ledger by the server, with the reason and order set here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.services.errors import translated_errors
from app.services.notifications import notify_role


@dataclass(frozen=True)
class LineReservation:
    line_id: int
    line_no: int
    product_id: int
    sku: str
    supply: str
    warehouse_id: int | None
    reserved: Decimal   # reserved by this call
    short: Decimal      # still missing after this call


_OPEN_LINES = text("""
    SELECT l.id, l.line_no, l.product_id, p.sku, p.supply, l.quantity - l.reserved_qty AS need,
           coalesce(l.warehouse_id, o.warehouse_id) AS warehouse_id
    FROM sales_order_line l JOIN sales_order o ON o.id = l.order_id JOIN product p ON p.id = l.product_id
    WHERE l.order_id = :order_id AND l.quantity > l.reserved_qty
    ORDER BY l.line_no
""")

_LOCK_STOCK = text("""
    SELECT id, product_id, warehouse_id, on_hand, reserved, reorder_point
    FROM stock_level WHERE product_id = ANY(:products)
    ORDER BY id
    FOR UPDATE
""")


def _ledger_context(session: Session, reason: str, order_id: int, reference: str | None) -> None:
    session.execute(text(
        "SELECT set_config('orderpilot.stock_reason', :reason, true), "
        "set_config('orderpilot.order_id', :order_id, true), "
        "set_config('orderpilot.stock_reference', :reference, true)"),
        {"reason": reason, "order_id": str(order_id), "reference": reference or ""})


def reserve_order(session: Session, order_id: int, order_no: str) -> list[LineReservation]:
    """Reserve every open line of the order from stock; returns what each line got."""
    lines = session.execute(_OPEN_LINES, {"order_id": order_id}).all()
    if not lines:
        return []
    _ledger_context(session, "reservation", order_id, order_no)
    with translated_errors():
        stock = {row.id: row._asdict() for row in session.execute(
            _LOCK_STOCK, {"products": sorted({line.product_id for line in lines})})}
    results = []
    for line in lines:
        rows = [s for s in stock.values() if s["product_id"] == line.product_id
                and (line.warehouse_id is None or s["warehouse_id"] == line.warehouse_id)]
        row = max(rows, key=lambda s: (s["on_hand"] - s["reserved"], -s["id"]), default=None)
        take = Decimal(0)
        if row is not None:
            take = max(Decimal(0), min(line.need, row["on_hand"] - row["reserved"]))
        if take > 0:
            with translated_errors():
                session.execute(text("UPDATE stock_level SET reserved = reserved + :take WHERE id = :id"),
                                {"take": take, "id": row["id"]})
            _note_low_stock(session, row, take, line.sku)
            row["reserved"] += take
        warehouse_id = row["warehouse_id"] if row is not None else line.warehouse_id
        with translated_errors():
            session.execute(text(
                "UPDATE sales_order_line SET reserved_qty = reserved_qty + :take, shortage_qty = :short, "
                "warehouse_id = :warehouse WHERE id = :id"),
                {"take": take, "short": line.need - take, "warehouse": warehouse_id, "id": line.id})
        results.append(LineReservation(
            line_id=line.id, line_no=line.line_no, product_id=line.product_id, sku=line.sku, supply=line.supply,
            warehouse_id=warehouse_id, reserved=take, short=line.need - take))
    shortages = [r for r in results if r.short > 0 and r.supply != "make_to_order"]
    for r in shortages:
        notify_role(session, "op_warehouse", "stock_short",
                    f"Short stock on {r.sku}: {order_no} line {r.line_no} misses {r.short.normalize():f}",
                    order_id=order_id, direct_only=True)
    return results


def _note_low_stock(session: Session, row: dict, take: Decimal, sku: str) -> None:
    """Tell the warehouse when this reservation takes availability below the reorder point."""
    before = row["on_hand"] - row["reserved"]
    after = before - take
    if row["reorder_point"] > 0 and before >= row["reorder_point"] > after:
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
