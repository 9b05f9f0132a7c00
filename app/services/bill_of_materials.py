"""Components for production: explode the bill of materials, reserve from stock, record shortages.

The explosion is multi-level: a component that is itself made to order and has an active bill
of materials is not stocked, so its own components are needed instead (a phantom assembly);
bought and make-to-stock components are taken from stock as they are. Each line's scrap
allowance is added. A cycle in the bills (A in B in A) stops at the repeated product.

Reservation follows the stock service: the stock rows of every component involved are locked in
id order before anything is computed, then each need takes what its warehouse (the order's, or
the one with most available) has. Every need becomes a ``material_demand`` row: ``covered`` when
fully reserved, else ``open`` with the shortage, the product's default supplier, and a place on
the buyer's purchase suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.services.errors import translated_errors


@dataclass(frozen=True)
class ProductionToSupply:
    """A production order whose components are to be reserved."""

    production_order_id: int
    production_no: str
    product_id: int
    quantity: Decimal
    warehouse_id: int | None = None
    sales_order_id: int | None = None


@dataclass(frozen=True)
class ComponentNeed:
    """What one production order needs of one component, and what it got."""

    production_order_id: int
    product_id: int
    sku: str
    required: Decimal
    reserved: Decimal
    short: Decimal
    warehouse_id: int | None
    supplier_id: int | None


_EXPLODE = text("""
    WITH RECURSIVE need(production_order_id, product_id, qty, depth, path) AS (
        SELECT v.po, bl.component_id, v.qty * bl.quantity * (1 + bl.scrap_pct / 100), 1,
               ARRAY[v.product, bl.component_id]
        FROM unnest(CAST(:orders AS bigint[]), CAST(:products AS bigint[]), CAST(:quantities AS numeric[]))
             AS v(po, product, qty)
        JOIN bom b ON b.product_id = v.product AND b.active
        JOIN bom_line bl ON bl.bom_id = b.id
      UNION ALL
        SELECT n.production_order_id, bl.component_id, n.qty * bl.quantity * (1 + bl.scrap_pct / 100), n.depth + 1,
               n.path || bl.component_id
        FROM need n
        JOIN product p ON p.id = n.product_id AND p.supply = 'make_to_order'
        JOIN bom b ON b.product_id = n.product_id AND b.active
        JOIN bom_line bl ON bl.bom_id = b.id
        WHERE n.depth < 20 AND NOT bl.component_id = ANY(n.path)
    )
    SELECT n.production_order_id, n.product_id, p.sku, p.default_supplier_id, round(sum(n.qty), 3) AS qty
    FROM need n JOIN product p ON p.id = n.product_id
    WHERE NOT (p.supply = 'make_to_order' AND EXISTS (SELECT 1 FROM bom b WHERE b.product_id = p.id AND b.active))
    GROUP BY n.production_order_id, n.product_id, p.sku, p.default_supplier_id
    ORDER BY n.production_order_id, n.product_id
""")

_LOCK_STOCK = text("""
    SELECT id, product_id, warehouse_id, on_hand - reserved AS available
    FROM stock_level WHERE product_id = ANY(:products) ORDER BY id FOR UPDATE
""")

_RESERVE = text("""
    UPDATE stock_level s SET reserved = s.reserved + d.delta
    FROM unnest(CAST(:ids AS bigint[]), CAST(:deltas AS numeric[])) AS d(id, delta) WHERE s.id = d.id
""")

_RECORD = text("""
    INSERT INTO material_demand (production_order_id, product_id, warehouse_id, quantity_required,
                                 quantity_reserved, quantity_short, supplier_id, status)
    SELECT v.*, CASE WHEN v.short > 0 THEN 'open' ELSE 'covered' END
    FROM unnest(CAST(:orders AS bigint[]), CAST(:products AS bigint[]), CAST(:warehouses AS bigint[]),
                CAST(:required AS numeric[]), CAST(:reserved AS numeric[]), CAST(:short AS numeric[]),
                CAST(:suppliers AS bigint[])) AS v(po, product, warehouse, required, reserved, short, supplier)
""")

_OPEN_SHORTAGES = text("""
    SELECT md.id, md.production_order_id, md.product_id, md.warehouse_id, md.quantity_short, p.sku, md.supplier_id,
           md.quantity_required, md.quantity_reserved
    FROM material_demand md
    JOIN production_order po ON po.id = md.production_order_id AND po.status IN ('planned', 'released', 'in_progress')
    JOIN product p ON p.id = md.product_id
    WHERE md.status IN ('open', 'ordered') AND md.quantity_short > 0
      AND (CAST(:orders AS bigint[]) IS NULL OR md.production_order_id = ANY(CAST(:orders AS bigint[])))
    ORDER BY po.priority, po.due_date NULLS LAST, po.id, md.id
""")

_APPLY_SHORTAGES = text("""
    UPDATE material_demand md
    SET quantity_reserved = md.quantity_reserved + d.take, quantity_short = md.quantity_short - d.take,
        warehouse_id = d.warehouse, status = CASE WHEN md.quantity_short - d.take = 0 THEN 'covered' ELSE md.status END
    FROM unnest(CAST(:ids AS bigint[]), CAST(:takes AS numeric[]), CAST(:warehouses AS bigint[])) AS d(id, take, warehouse)
    WHERE md.id = d.id
""")


def _ledger(session: Session, reason: str, order_id: int | None, reference: str | None) -> None:
    session.execute(text(
        "SELECT set_config('orderpilot.stock_reason', :reason, true), "
        "set_config('orderpilot.order_id', :order_id, true), "
        "set_config('orderpilot.stock_reference', :reference, true)"),
        {"reason": reason, "order_id": "" if order_id is None else str(order_id), "reference": reference or ""})


class _Allocator:
    """Locked stock rows of some products, handing out what is available (most first)."""

    def __init__(self, session: Session, products: set[int]):
        with translated_errors():
            rows = session.execute(_LOCK_STOCK, {"products": sorted(products)}).all()
        self.rows: dict[int, list[dict]] = {}
        for row in rows:
            self.rows.setdefault(row.product_id, []).append(row._asdict())
        self.deltas: dict[int, Decimal] = {}

    def take(self, product_id: int, quantity: Decimal, warehouse_id: int | None) -> tuple[Decimal, int | None]:
        """Reserve up to ``quantity``; returns (taken, warehouse it came from or would come from)."""
        rows = [r for r in self.rows.get(product_id, ()) if warehouse_id is None or r["warehouse_id"] == warehouse_id]
        row = max(rows, key=lambda r: (r["available"], -r["id"]), default=None)
        if row is None:
            return Decimal(0), warehouse_id
        taken = max(Decimal(0), min(quantity, row["available"]))
        if taken > 0:
            row["available"] -= taken
            self.deltas[row["id"]] = self.deltas.get(row["id"], Decimal(0)) + taken
        return taken, row["warehouse_id"]

    def write(self, session: Session) -> None:
        if self.deltas:
            with translated_errors():
                session.execute(_RESERVE, {"ids": list(self.deltas), "deltas": list(self.deltas.values())})


def explode(session: Session, orders: list[ProductionToSupply]) -> list:
    """Rows (production_order_id, product_id, sku, default_supplier_id, qty) of every component needed."""
    if not orders:
        return []
    return session.execute(_EXPLODE, {"orders": [o.production_order_id for o in orders],
                                      "products": [o.product_id for o in orders],
                                      "quantities": [o.quantity for o in orders]}).all()


def reserve_components(session: Session, orders: list[ProductionToSupply]) -> list[ComponentNeed]:
    """Explode, reserve what stock has and record every need (with its shortage) as material demand."""
    needs = explode(session, orders)
    if not needs:
        return []
    by_id = {o.production_order_id: o for o in orders}
    single = orders[0] if len(orders) == 1 else None
    _ledger(session, "component reservation", single.sales_order_id if single else None,
            single.production_no if single else None)
    stock = _Allocator(session, {n.product_id for n in needs})
    results = []
    for n in needs:
        order = by_id[n.production_order_id]
        taken, warehouse = stock.take(n.product_id, n.qty, order.warehouse_id)
        results.append(ComponentNeed(n.production_order_id, n.product_id, n.sku, n.qty, taken, n.qty - taken,
                                     warehouse, n.default_supplier_id))
    stock.write(session)
    with translated_errors():
        session.execute(_RECORD, {
            "orders": [r.production_order_id for r in results], "products": [r.product_id for r in results],
            "warehouses": [r.warehouse_id for r in results], "required": [r.required for r in results],
            "reserved": [r.reserved for r in results], "short": [r.short for r in results],
            "suppliers": [r.supplier_id for r in results]})
    return results


def reserve_open_shortages(session: Session, production_order_ids: list[int] | None = None) -> list[ComponentNeed]:
    """Reserve, from stock that has come in since, what open shortages still miss (most urgent
    production first); returns what each shortage got (only those that got something)."""
    shortages = session.execute(_OPEN_SHORTAGES, {"orders": production_order_ids}).all()
    if not shortages:
        return []
    _ledger(session, "component reservation", None, None)
    stock = _Allocator(session, {s.product_id for s in shortages})
    results, writes = [], []
    for s in shortages:
        taken, warehouse = stock.take(s.product_id, s.quantity_short, s.warehouse_id)
        if taken > 0:
            writes.append((s.id, taken, warehouse))
            results.append(ComponentNeed(s.production_order_id, s.product_id, s.sku, s.quantity_required,
                                         s.quantity_reserved + taken, s.quantity_short - taken, warehouse,
                                         s.supplier_id))
    stock.write(session)
    if writes:
        with translated_errors():
            session.execute(_APPLY_SHORTAGES, {"ids": [w[0] for w in writes], "takes": [w[1] for w in writes],
                                               "warehouses": [w[2] for w in writes]})
    return results


def release_components(session: Session, production_order_ids: list[int]) -> Decimal:
    """Give back the components reserved for production that will not be made (cancelled);
    their demand is cancelled. Returns the quantity released."""
    if not production_order_ids:
        return Decimal(0)
    held = session.execute(text(
        "SELECT product_id, warehouse_id, sum(quantity_reserved) AS qty FROM material_demand "
        "WHERE production_order_id = ANY(CAST(:orders AS bigint[])) AND status <> 'cancelled' "
        "AND quantity_reserved > 0 GROUP BY product_id, warehouse_id"), {"orders": production_order_ids}).all()
    with translated_errors():
        if held:
            _ledger(session, "component release", None, None)
            session.execute(_LOCK_STOCK, {"products": sorted({h.product_id for h in held})}).all()
            session.execute(text(
                "UPDATE stock_level s SET reserved = s.reserved - d.qty "
                "FROM unnest(CAST(:products AS bigint[]), CAST(:warehouses AS bigint[]), CAST(:qtys AS numeric[])) "
                "AS d(product, warehouse, qty) WHERE s.product_id = d.product AND s.warehouse_id = d.warehouse"),
                {"products": [h.product_id for h in held], "warehouses": [h.warehouse_id for h in held],
                 "qtys": [h.qty for h in held]})
        session.execute(text(
            "UPDATE material_demand SET status = 'cancelled', quantity_reserved = 0 "
            "WHERE production_order_id = ANY(CAST(:orders AS bigint[])) AND status <> 'cancelled'"),
            {"orders": production_order_ids})
    return sum((h.qty for h in held), Decimal(0))
