"""Production orders beyond sales orders: stock replenishment, and the buyer's side of shortages.

* ``create_replenishment_orders`` — make-to-stock products whose projected stock (available plus
  open production) is below the reorder point get a production order for the reorder quantity
  (at least enough to reach the reorder point). Open replenishment is counted, so running it
  twice creates nothing twice; an advisory lock keeps two planners from racing.
* ``purchase_suggestions`` — open shortages grouped by product and supplier, with the quantity,
  the date production needs it and the date to order by (needed-by less the supplier's lead time).
* ``order_purchase`` — the buyer ordered: open shortages of the product become ``ordered`` with the
  expected arrival, which the scheduler then waits for; ``order_purchases`` does several at once,
  all or nothing.
* ``cover_shortages`` — stock that has come in is reserved for open shortages (most urgent
  production first); alerts for what is now covered are resolved.

Sales-order production is created with the order (``production_demand``); components for both
come from ``bill_of_materials``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import text

from app.services.bill_of_materials import ProductionToSupply, reserve_open_shortages
from app.services.errors import ValidationFailed, translated_errors
from app.services.production_demand import assign_line, open_production_order, supply_components
from app.services.scheduling.alerts import raise_material_alerts
from app.services.scheduling.store import plant_timezone

#: pg_advisory_xact_lock key of replenishment ('OPRP')
REPLENISHMENT_LOCK = 0x4F505250
#: Replenishment is less urgent than customer orders (1 = most urgent).
REPLENISHMENT_PRIORITY = 4
#: Days until replenishment is due when the product names no lead time.
DEFAULT_LEAD_DAYS = 7


@dataclass(frozen=True)
class ReplenishmentOrder:
    production_order_id: int
    production_no: str
    product_id: int
    sku: str
    quantity: Decimal
    projected: Decimal      # available + open production before this order
    reorder_point: Decimal
    production_line_id: int | None
    due_date: date
    short_components: int   # components it could not reserve


@dataclass(frozen=True)
class PurchaseSuggestion:
    """What the buyer should order: one product from one supplier (or none named yet)."""

    product_id: int
    sku: str
    product_name: str
    uom: str
    supplier_id: int | None
    supplier_code: str | None
    supplier_name: str | None
    quantity: Decimal
    production_orders: tuple[str, ...]
    needed_by: date | None
    order_by: date | None
    lead_time_days: int


_BELOW_REORDER_POINT = text("""
    WITH stock AS (
        SELECT s.product_id, sum(s.on_hand - s.reserved) AS available, sum(s.reorder_point) AS reorder_point,
               sum(s.reorder_qty) AS reorder_qty
        FROM stock_level s GROUP BY s.product_id HAVING sum(s.reorder_point) > 0
    ), open_production AS (
        SELECT po.product_id, sum(po.quantity - po.quantity_done) AS quantity
        FROM production_order po WHERE po.status IN ('planned', 'released', 'in_progress')
        GROUP BY po.product_id
    )
    SELECT p.id, p.sku, p.family_id, p.lead_time_days, st.reorder_point, st.reorder_qty,
           st.available + coalesce(op.quantity, 0) AS projected,
           (SELECT s.warehouse_id FROM stock_level s WHERE s.product_id = p.id
            ORDER BY s.reorder_point DESC, s.id LIMIT 1) AS warehouse_id
    FROM product p JOIN stock st ON st.product_id = p.id
    LEFT JOIN open_production op ON op.product_id = p.id
    WHERE p.supply = 'make_to_stock' AND p.active AND st.available + coalesce(op.quantity, 0) < st.reorder_point
      AND EXISTS (SELECT 1 FROM routing r WHERE r.product_id = p.id AND r.active)
    ORDER BY p.id
""")

_SUGGESTIONS = text("""
    SELECT md.product_id, p.sku, p.name AS product_name, p.uom, md.supplier_id, s.code AS supplier_code,
           s.name AS supplier_name, coalesce(s.lead_time_days, p.lead_time_days, 0) AS lead_time_days,
           sum(md.quantity_short) AS quantity,
           array_agg(DISTINCT po.production_no ORDER BY po.production_no) AS production_orders,
           min(coalesce((SELECT min(op.planned_start) FROM production_operation op
                         WHERE op.production_order_id = po.id) AT TIME ZONE :tz,
                        po.due_date::timestamp))::date AS needed_by
    FROM material_demand md
    JOIN production_order po ON po.id = md.production_order_id AND po.status IN ('planned', 'released', 'in_progress')
    JOIN product p ON p.id = md.product_id
    LEFT JOIN supplier s ON s.id = md.supplier_id
    WHERE md.status = 'open' AND md.quantity_short > 0
    GROUP BY md.product_id, p.sku, p.name, p.uom, md.supplier_id, s.code, s.name, s.lead_time_days, p.lead_time_days
    ORDER BY needed_by NULLS LAST, p.sku, s.code NULLS LAST
""")

_ORDER_PURCHASE = text(
    "UPDATE material_demand SET status = 'ordered', expected_at = :at, "
    "supplier_id = coalesce(CAST(:supplier AS bigint), supplier_id) "
    "WHERE product_id = :product AND status = 'open' AND quantity_short > 0 "
    "AND (CAST(:supplier AS bigint) IS NULL OR supplier_id IS NULL OR supplier_id = :supplier)")


def create_replenishment_orders(*, uow) -> list[ReplenishmentOrder]:
    """Production orders for make-to-stock products projected below their reorder point."""
    with uow:
        session = uow.session
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": REPLENISHMENT_LOCK})
        today = session.scalar(text("SELECT current_date"))
        created, supplies = [], []
        for r in session.execute(_BELOW_REORDER_POINT).all():
            quantity = max(r.reorder_qty, r.reorder_point - r.projected)
            line_id = assign_line(session, r.family_id, "stock", REPLENISHMENT_PRIORITY)
            due = date.fromordinal(today.toordinal() + (r.lead_time_days or DEFAULT_LEAD_DAYS))
            production_order_id, production_no = open_production_order(
                session, r.id, quantity, line_id, REPLENISHMENT_PRIORITY, due)
            supplies.append(ProductionToSupply(production_order_id, production_no, r.id, quantity, r.warehouse_id))
            created.append((production_order_id, production_no, r, quantity, line_id, due))
        needs = supply_components(session, supplies)
        uow.commit()
    short = {}
    for need in needs:
        if need.short > 0:
            short[need.production_order_id] = short.get(need.production_order_id, 0) + 1
    return [ReplenishmentOrder(i, no, r.id, r.sku, quantity, r.projected, r.reorder_point, line_id, due,
                               short.get(i, 0)) for i, no, r, quantity, line_id, due in created]


def purchase_suggestions(*, uow) -> list[PurchaseSuggestion]:
    """Open shortages of open production, per product and supplier, most urgent first."""
    with uow:
        session = uow.session
        rows = session.execute(_SUGGESTIONS, {"tz": plant_timezone(session)}).all()
    return [PurchaseSuggestion(
        r.product_id, r.sku, r.product_name, r.uom, r.supplier_id, r.supplier_code, r.supplier_name, r.quantity,
        tuple(r.production_orders), r.needed_by,
        date.fromordinal(r.needed_by.toordinal() - r.lead_time_days) if r.needed_by else None,
        r.lead_time_days) for r in rows]


def order_purchase(product_id: int, supplier_id: int | None, expected_at: datetime, *, uow) -> int:
    """Mark the open shortages of a product (from this supplier) as ordered, arriving at
    ``expected_at``; returns how many shortages that covers."""
    if expected_at is None:
        raise ValidationFailed("Say when the purchase is expected to arrive.", field="expected_at")
    with uow:
        session = uow.session
        with translated_errors():
            count = session.execute(_ORDER_PURCHASE, {
                "at": expected_at, "supplier": supplier_id, "product": product_id}).rowcount
        if count == 0:
            raise ValidationFailed("There is no open shortage of this product to order.", field="product_id")
        uow.commit()
    return count


def cover_shortages(*, uow, production_order_ids: list[int] | None = None) -> int:
    """Reserve newly arrived stock for open shortages; returns how many shortages got stock."""
    with uow:
        session = uow.session
        covered = reserve_open_shortages(session, production_order_ids)
        with translated_errors():
            raise_material_alerts(session, plant_timezone(session), production_order_ids)
        uow.commit()
    return len(covered)


def order_purchases(purchases: list[tuple[int, int | None]], expected_at: datetime, *, uow) -> int:
    """``order_purchase`` for several (product id, supplier id) at once, all or nothing: when one
    has no open shortage any more (someone ordered it meanwhile), nothing is marked ordered."""
    if expected_at is None:
        raise ValidationFailed("Say when the purchase is expected to arrive.", field="expected_at")
    if not purchases:
        raise ValidationFailed("Choose the shortages to mark as ordered.", field="product_id")
    total = 0
    with uow:
        session = uow.session
        for product_id, supplier_id in purchases:
            with translated_errors():
                count = session.execute(_ORDER_PURCHASE, {
                    "at": expected_at, "supplier": supplier_id, "product": product_id}).rowcount
            if count == 0:
                sku = session.scalar(text("SELECT sku FROM product WHERE id = :id"), {"id": product_id})
                raise ValidationFailed(f"There is no open shortage of {sku} to order any more; "
                                       "refresh the list.", field="product_id")
            total += count
        uow.commit()
    return total
