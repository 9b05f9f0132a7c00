"""Production demand from approved orders, and the choice of production line.

Short make-to-order lines become planned production orders with operations from the product's
routing. The line comes from the assignment rules (data, edited by an admin): the first active
rule by position whose product family, order type and priority match; without a match, the
first active line able to make the family.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.services.errors import translated_errors
from app.services.stock import LineReservation

_RULE_LINE = text("""
    SELECT r.line_id FROM line_assignment_rule r JOIN production_line pl ON pl.id = r.line_id AND pl.active
    WHERE r.active
      AND (r.family_id IS NULL OR r.family_id = :family)
      AND (r.order_type IS NULL OR r.order_type = :order_type)
      AND (r.min_priority IS NULL OR :priority <= r.min_priority)
    ORDER BY r.position, r.id LIMIT 1
""")

_CAPABLE_LINE = text("""
    SELECT pl.id FROM production_line pl JOIN line_capability c ON c.line_id = pl.id
    WHERE pl.active AND c.family_id = :family ORDER BY pl.code LIMIT 1
""")


class OrderTerms(Protocol):
    """What production needs to know of a sales order."""

    order_type: str
    priority: int
    requested_date: date | None


@dataclass(frozen=True)
class ProductionDemand:
    production_order_id: int
    production_no: str
    sales_order_id: int
    sales_order_line_id: int
    product_id: int
    quantity: Decimal
    production_line_id: int | None


def assign_line(session: Session, family_id: int | None, order_type: str, priority: int) -> int | None:
    line_id = session.scalar(_RULE_LINE, {"family": family_id, "order_type": order_type, "priority": priority})
    if line_id is None and family_id is not None:
        line_id = session.scalar(_CAPABLE_LINE, {"family": family_id})
    return line_id


def create_production_demand(session: Session, reservations: list[LineReservation],
                             orders: dict[int, OrderTerms]) -> list[ProductionDemand]:
    """A planned production order (with routed operations) for each short make-to-order line."""
    demands = []
    families: dict[int, int | None] = {}
    for line in reservations:
        if line.short <= 0 or line.supply != "make_to_order":
            continue
        terms = orders[line.order_id]
        if line.product_id not in families:
            families[line.product_id] = session.scalar(
                text("SELECT family_id FROM product WHERE id = :p"), {"p": line.product_id})
        line_id = assign_line(session, families[line.product_id], terms.order_type, terms.priority)
        with translated_errors():
            production_order_id, production_no = session.execute(text(
                "INSERT INTO production_order (sales_order_id, sales_order_line_id, product_id, quantity, "
                "production_line_id, priority, due_date) VALUES (:order, :line, :product, :qty, :pl, :priority, :due) "
                "RETURNING id, production_no"),
                {"order": line.order_id, "line": line.line_id, "product": line.product_id, "qty": line.short,
                 "pl": line_id, "priority": terms.priority, "due": terms.requested_date}).one()
            session.execute(text(
                "INSERT INTO production_operation (production_order_id, seq, name, production_line_id, "
                "setup_minutes, run_minutes) "
                "SELECT :po, ro.seq, ro.name, :pl, ro.setup_minutes, round(ro.run_minutes_per_unit * :qty, 2) "
                "FROM routing r JOIN routing_operation ro ON ro.routing_id = r.id "
                "WHERE r.product_id = :product AND r.active ORDER BY ro.seq"),
                {"po": production_order_id, "pl": line_id, "qty": line.short, "product": line.product_id})
            session.execute(text("UPDATE sales_order_line SET production_line_id = :pl WHERE id = :id"),
                            {"pl": line_id, "id": line.line_id})
        demands.append(ProductionDemand(production_order_id, production_no, line.order_id, line.line_id,
                                        line.product_id, line.short, line_id))
    return demands


def cancel_production_demand(session: Session, order_id: int) -> int:
    """Cancel the order's production that has not started; returns how many were cancelled."""
    with translated_errors():
        return session.execute(text(
            "UPDATE production_order SET status = 'cancelled' "
            "WHERE sales_order_id = :order AND status IN ('planned', 'released')"), {"order": order_id}).rowcount
