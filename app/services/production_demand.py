"""Production demand from approved orders, and the choice of production line.

Short make-to-order lines become planned production orders with operations from the product's
routing; their components are reserved from stock and shortages recorded as material demand
(``bill_of_materials``), raising a material-short alert for the planners at once. The line comes from the assignment rules (data, edited by an admin): the first active
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

from app.services.bill_of_materials import ComponentNeed, ProductionToSupply, release_components, reserve_components
from app.services.errors import translated_errors
from app.services.scheduling.alerts import raise_material_alerts
from app.services.scheduling.store import plant_timezone
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


def open_production_order(session: Session, product_id: int, quantity: Decimal, line_id: int | None, priority: int,
                          due: date | None, *, sales_order_id: int | None = None,
                          sales_order_line_id: int | None = None) -> tuple[int, str]:
    """A planned production order with its operations from the product's active routing: (id, number)."""
    with translated_errors():
        production_order_id, production_no = session.execute(text(
            "INSERT INTO production_order (sales_order_id, sales_order_line_id, product_id, quantity, "
            "production_line_id, priority, due_date) VALUES (:order, :line, :product, :qty, :pl, :priority, :due) "
            "RETURNING id, production_no"),
            {"order": sales_order_id, "line": sales_order_line_id, "product": product_id, "qty": quantity,
             "pl": line_id, "priority": priority, "due": due}).one()
        session.execute(text(
            "INSERT INTO production_operation (production_order_id, seq, name, production_line_id, "
            "setup_minutes, run_minutes) "
            "SELECT :po, ro.seq, ro.name, :pl, ro.setup_minutes, round(ro.run_minutes_per_unit * :qty, 2) "
            "FROM routing r JOIN routing_operation ro ON ro.routing_id = r.id "
            "WHERE r.product_id = :product AND r.active ORDER BY ro.seq"),
            {"po": production_order_id, "pl": line_id, "qty": quantity, "product": product_id})
    return production_order_id, production_no


def supply_components(session: Session, orders: list[ProductionToSupply]) -> list[ComponentNeed]:
    """Reserve the components of new production orders; shortages raise material alerts at once."""
    needs = reserve_components(session, orders)
    short = sorted({n.production_order_id for n in needs if n.short > 0})
    if short:
        with translated_errors():
            raise_material_alerts(session, plant_timezone(session), short, refresh=False)
    return needs


def create_production_demand(session: Session, reservations: list[LineReservation],
                             orders: dict[int, OrderTerms]) -> list[ProductionDemand]:
    """A planned production order (with routed operations and reserved components) for each short
    make-to-order line."""
    demands = []
    families: dict[int, int | None] = {}
    supplies = []
    for line in reservations:
        if line.short <= 0 or line.supply != "make_to_order":
            continue
        terms = orders[line.order_id]
        if line.product_id not in families:
            families[line.product_id] = session.scalar(
                text("SELECT family_id FROM product WHERE id = :p"), {"p": line.product_id})
        line_id = assign_line(session, families[line.product_id], terms.order_type, terms.priority)
        production_order_id, production_no = open_production_order(
            session, line.product_id, line.short, line_id, terms.priority, terms.requested_date,
            sales_order_id=line.order_id, sales_order_line_id=line.line_id)
        with translated_errors():
            session.execute(text("UPDATE sales_order_line SET production_line_id = :pl WHERE id = :id"),
                            {"pl": line_id, "id": line.line_id})
        supplies.append(ProductionToSupply(production_order_id, production_no, line.product_id, line.short,
                                           line.warehouse_id, line.order_id))
        demands.append(ProductionDemand(production_order_id, production_no, line.order_id, line.line_id,
                                        line.product_id, line.short, line_id))
    supply_components(session, supplies)
    return demands


def cancel_production_demand(session: Session, order_id: int) -> int:
    """Cancel the order's production that has not started (its reserved components go back to
    stock); returns how many were cancelled."""
    with translated_errors():
        cancelled = list(session.execute(text(
            "UPDATE production_order SET status = 'cancelled' "
            "WHERE sales_order_id = :order AND status IN ('planned', 'released') RETURNING id"),
            {"order": order_id}).scalars())
    release_components(session, cancelled)
    return len(cancelled)
