"""Lookups for typing ahead in the order form: customers by name or code, products by SKU or name.

Each search is one bounded query (``LIMIT``): prefix matches on the indexed lower-case name
come first, then codes/SKUs, then names containing the text (Chinese names are often searched
by a word in the middle). The form runs them on a worker thread as the user types.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import text

from app.services.orders import ShipTo, prices_for

DEFAULT_LIMIT = 20


@dataclass(frozen=True)
class CustomerChoice:
    id: int
    code: str
    name: str
    city: str | None
    currency: str
    blocked: bool
    blocked_reason: str | None
    ship_to: ShipTo


@dataclass(frozen=True)
class ProductChoice:
    id: int
    sku: str
    name: str
    uom: str
    tax_rate: Decimal
    list_price: Decimal


def like_pattern(value: str) -> str:
    """``value`` with LIKE's wildcards escaped (a search for "100%" means the text 100%)."""
    return value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_CUSTOMER_COLUMNS = """
    c.id, c.code, c.name, c.city, c.currency, c.blocked, c.blocked_reason, c.address_line1, c.address_line2,
    c.region, c.postal_code, c.country"""

_FIND_CUSTOMERS = text(f"""
    SELECT * FROM (
        SELECT {_CUSTOMER_COLUMNS},
               CASE WHEN lower(c.name) LIKE :prefix THEN 0 WHEN lower(c.code) LIKE :prefix THEN 1 ELSE 2 END AS rank
        FROM customer c
        WHERE lower(c.name) LIKE :prefix OR lower(c.code) LIKE :prefix OR lower(c.name) LIKE :infix) m
    ORDER BY rank, CASE WHEN rank = 1 THEN lower(code) ELSE lower(name) END, id
    LIMIT :limit
""")

_FIND_PRODUCTS = text("""
    SELECT p.id, p.sku, p.name, p.uom, p.tax_rate, p.list_price,
           CASE WHEN lower(p.sku) LIKE :prefix THEN 0 WHEN lower(p.name) LIKE :prefix THEN 1 ELSE 2 END AS rank
    FROM product p
    WHERE p.active
      AND (lower(p.sku) LIKE :prefix OR lower(p.name) LIKE :prefix OR lower(p.name) LIKE :infix)
    ORDER BY rank, p.sku, p.id
    LIMIT :limit
""")


def find_customers(search: str, *, uow, limit: int = DEFAULT_LIMIT) -> list[CustomerChoice]:
    """Customers whose name or code starts with ``search`` (then names containing it), best first."""
    pattern = like_pattern(search.strip())
    if not pattern:
        return []
    with uow:
        rows = uow.session.execute(_FIND_CUSTOMERS, {"prefix": pattern + "%", "infix": "%" + pattern + "%",
                                                     "limit": limit}).all()
    return [_customer(row) for row in rows]


def get_customer(customer_id: int, *, uow) -> CustomerChoice | None:
    with uow:
        row = uow.session.execute(text(f"SELECT {_CUSTOMER_COLUMNS} FROM customer c WHERE c.id = :id"),
                                  {"id": customer_id}).first()
    return None if row is None else _customer(row)


def find_products(search: str, *, uow, limit: int = DEFAULT_LIMIT) -> list[ProductChoice]:
    """Sellable products whose SKU or name starts with ``search`` (then names containing it)."""
    pattern = like_pattern(search.strip())
    if not pattern:
        return []
    with uow:
        rows = uow.session.execute(_FIND_PRODUCTS, {"prefix": pattern + "%", "infix": "%" + pattern + "%",
                                                    "limit": limit}).all()
    return [ProductChoice(row.id, row.sku, row.name, row.uom, row.tax_rate, row.list_price) for row in rows]


def customer_prices(customer_id: int, product_ids: set[int], *, uow, on: date | None = None) -> dict[int, Decimal]:
    """The price each product would get on an order of this customer (agreed price, else list price)."""
    with uow:
        return prices_for(uow.session, customer_id, set(product_ids), on)


def _customer(row) -> CustomerChoice:
    return CustomerChoice(
        id=row.id, code=row.code, name=row.name, city=row.city, currency=row.currency, blocked=row.blocked,
        blocked_reason=row.blocked_reason,
        ship_to=ShipTo(name=row.name, address1=row.address_line1, address2=row.address_line2, city=row.city,
                       region=row.region, postal_code=row.postal_code, country=row.country))
