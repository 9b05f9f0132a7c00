"""A plant with bills of materials for production tests: cabinets need valves and a panel, the
panel (made to order, a phantom assembly) needs copper wire that is short."""

from __future__ import annotations

from app.services.approvals import approve_order
from app.services.lifecycle import submit_order
from app.services.orders import create_order

BOMS = """
    INSERT INTO supplier (code, name, lead_time_days) VALUES ('S-WIRE', 'Wire Co', 10);
    INSERT INTO product (sku, name, kind, supply, default_supplier_id) VALUES
        ('PNL-1', 'Front panel', 'component', 'make_to_order', NULL),
        ('CU-1', 'Copper wire (m)', 'raw', 'buy', (SELECT id FROM supplier WHERE code = 'S-WIRE'));
    INSERT INTO bom (product_id) SELECT id FROM product WHERE sku IN ('CAB-1', 'PNL-1');
    INSERT INTO bom_line (bom_id, component_id, quantity, scrap_pct)
    SELECT b.id, c.id, v.qty, v.scrap
    FROM (VALUES ('CAB-1', 'V-20', 2, 0), ('CAB-1', 'PNL-1', 1, 0), ('PNL-1', 'CU-1', 3, 10)) v(parent, child, qty, scrap)
    JOIN product p ON p.sku = v.parent JOIN bom b ON b.product_id = p.id JOIN product c ON c.sku = v.child;
    INSERT INTO stock_level (product_id, warehouse_id, on_hand) SELECT id, 1, 4 FROM product WHERE sku = 'CU-1';
    INSERT INTO line_shift (line_id, weekday, starts_at, ends_at)
    SELECT l.id, d, '00:00', '23:59' FROM production_line l CROSS JOIN generate_series(1, 7) d;
"""


def with_boms(company):
    with company.admin.cursor() as cur:
        cur.execute(BOMS)
        cur.execute("SELECT sku, id FROM product WHERE sku IN ('PNL-1', 'CU-1') UNION ALL "
                    "SELECT code, id FROM production_line")
        company.ids.update({k if k.startswith("L") else k.lower().replace("-1", ""): v for k, v in cur.fetchall()})
    return company


def cabinet_order(company, quantity=2, **header) -> tuple[int, int]:
    """A clerk's cabinet order, submitted (and approved when it must be): (sales order id, production order id)."""
    order = create_order(company.order(("cabinet", quantity, None), **header), uow=company.uow("clerk"))
    if submit_order(order.id, uow=company.uow("clerk")).order.status == "pending_approval":
        approve_order(order.id, uow=company.uow("approver1"))
    return order.id, company.scalar("SELECT id FROM production_order WHERE sales_order_id = %s", order.id)


def demands(company, production_order_id):
    """{sku: (required, reserved, short, status)} of a production order's material demand."""
    return {sku: tuple(rest) for sku, *rest in company.rows(
        "SELECT p.sku, md.quantity_required, md.quantity_reserved, md.quantity_short, md.status "
        "FROM material_demand md JOIN product p ON p.id = md.product_id WHERE md.production_order_id = %s",
        production_order_id)}
