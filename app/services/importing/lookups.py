"""What the checks of one file need from the database, loaded once: a handful of queries per file.

Products by SKU, customers by lower(email) and by code, the customers' agreed prices valid on
the day, and the references the channel has imported before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import text as sql
from sqlalchemy.orm import Session

from app.services.importing.formats import INDEX
from app.services.importing.grouping import Grouped


@dataclass(frozen=True, slots=True)
class KnownProduct:
    id: int
    sku: str
    active: bool
    list_price: Decimal
    tax_rate: Decimal


@dataclass(frozen=True, slots=True)
class KnownCustomer:
    id: int
    code: str
    name: str
    blocked: bool
    blocked_reason: str | None
    currency: str


@dataclass
class Lookups:
    existing_refs: set[str]
    products: dict[str, KnownProduct]
    by_email: dict[str, KnownCustomer]
    by_code: dict[str, KnownCustomer]
    prices: dict[tuple[int, int], Decimal] = field(default_factory=dict)


def load_lookups(session: Session, channel: str, grouped: Grouped, today: date) -> Lookups:
    refs = [ref for ref in grouped.orders if _storable(ref)]
    existing = set(session.execute(sql(
        "SELECT external_ref FROM sales_order WHERE channel = :channel AND external_ref = ANY(:refs)"),
        {"channel": channel, "refs": refs}).scalars()) if refs else set()
    emails, codes, skus = set(), set(), set()
    sku_at, email_at, code_at = INDEX["sku"], INDEX["customer_email"], INDEX["customer_code"]
    for ref, draft in grouped.orders.items():
        if ref in existing:
            continue
        for raw in draft.lines:
            if raw.values[sku_at]:
                skus.add(raw.values[sku_at].strip())
        if draft.header[email_at]:
            emails.add(draft.header[email_at].strip().lower())
        if draft.header[code_at]:
            codes.add(draft.header[code_at].strip())
    products = {row.sku: KnownProduct(row.id, row.sku, row.active, row.list_price, row.tax_rate)
                for row in session.execute(sql(
                    "SELECT id, sku, active, list_price, tax_rate FROM product WHERE sku = ANY(:skus)"),
                    {"skus": sorted(filter(_storable, skus))})}
    by_email: dict[str, KnownCustomer] = {}
    by_code: dict[str, KnownCustomer] = {}
    emails, codes = sorted(filter(_storable, emails)), sorted(filter(_storable, codes))
    if emails or codes:
        for row in session.execute(sql(
                "SELECT id, code, name, blocked, blocked_reason, currency, lower(email) AS email FROM customer "
                "WHERE lower(email) = ANY(:emails) OR code = ANY(:codes) ORDER BY id"),
                {"emails": emails, "codes": codes}):
            customer = KnownCustomer(row.id, row.code, row.name, row.blocked, row.blocked_reason, row.currency)
            if row.email is not None:
                by_email.setdefault(row.email, customer)   # several with one email: the oldest
            by_code[row.code] = customer
    lookups = Lookups(existing, products, by_email, by_code)
    customer_ids = sorted({c.id for c in by_email.values()} | {c.id for c in by_code.values()})
    if customer_ids and products:
        lookups.prices = {(row.customer_id, row.product_id): row.unit_price for row in session.execute(sql("""
            SELECT DISTINCT ON (customer_id, product_id) customer_id, product_id, unit_price
            FROM customer_price
            WHERE customer_id = ANY(:customers) AND product_id = ANY(:products)
              AND valid_from <= :today AND (valid_to IS NULL OR valid_to >= :today)
            ORDER BY customer_id, product_id, valid_from DESC"""),
            {"customers": customer_ids, "products": sorted(p.id for p in products.values()), "today": today})}
    return lookups


def _storable(value: str) -> bool:
    """Text PostgreSQL can take as a parameter (no NUL); anything else matches nothing anyway."""
    return "\x00" not in value
