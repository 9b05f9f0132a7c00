"""What the order form reads to edit an order: the order as :func:`app.services.orders.load_order`
returns it, plus the header fields the form shows that the summary leaves out (ship-to address,
customer reference and code)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from app.services.lookups import ProductChoice
from app.services.orders import OrderSummary, ShipTo, load_order


@dataclass(frozen=True)
class EditableOrder:
    order: OrderSummary
    customer_code: str
    ship_to: ShipTo
    customer_reference: str | None
    warehouse_id: int | None
    products: dict[int, ProductChoice]   # the lines' products, with unit and list price


_EXTRA = text("""
    SELECT c.code, o.ship_to_name, o.ship_to_address1, o.ship_to_address2, o.ship_to_city, o.ship_to_region,
           o.ship_to_postal_code, o.ship_to_country, o.customer_reference, o.warehouse_id
    FROM sales_order o JOIN customer c ON c.id = o.customer_id WHERE o.id = :id
""")

_PRODUCTS = text("""
    SELECT p.id, p.sku, p.name, p.uom, p.tax_rate, p.list_price FROM product p
    WHERE p.id IN (SELECT l.product_id FROM sales_order_line l WHERE l.order_id = :id)
""")


def load_editable_order(order_id: int, *, uow) -> EditableOrder:
    """The order and its form-only fields, read in one transaction (one consistent version)."""
    with uow:
        order = load_order(uow.session, order_id)
        row = uow.session.execute(_EXTRA, {"id": order_id}).one()
        products = {p.id: ProductChoice(p.id, p.sku, p.name, p.uom, p.tax_rate, p.list_price)
                    for p in uow.session.execute(_PRODUCTS, {"id": order_id})}
    return EditableOrder(
        order=order, customer_code=row.code, customer_reference=row.customer_reference,
        warehouse_id=row.warehouse_id, products=products,
        ship_to=ShipTo(name=row.ship_to_name, address1=row.ship_to_address1, address2=row.ship_to_address2,
                       city=row.ship_to_city, region=row.ship_to_region, postal_code=row.ship_to_postal_code,
                       country=row.ship_to_country))
