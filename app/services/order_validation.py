"""Checks on order input, one message per field, before anything is written.

The database guards hold the same line (quantities, prices, discounts, blocked customers);
these checks exist to name the field and say why in words a clerk understands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Customer, Product, SalesChannel
from app.services.errors import ValidationFailed

ORDER_TYPES = ("standard", "rush", "sample", "replacement", "stock")


@dataclass(frozen=True)
class FieldError:
    field: str      # "customer", "requested_date", "lines[2].quantity", ...
    message: str


class InvalidOrder(ValidationFailed):
    """Several fields are wrong; ``errors`` lists them all so the form can mark each one."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        first = errors[0]
        more = f" ({len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
        super().__init__(first.message + more, field=first.field)


def validate_order(session: Session, order, *, today: date | None = None) -> dict[int, Product]:
    """Raise :class:`InvalidOrder` listing every problem; return the order's products by id."""
    today = today or date.today()
    errors: list[FieldError] = []

    customer = session.get(Customer, order.customer_id) if order.customer_id is not None else None
    if customer is None:
        errors.append(FieldError("customer", "Choose a customer for the order."))
    elif customer.blocked:
        reason = f" ({customer.blocked_reason})" if customer.blocked_reason else ""
        errors.append(FieldError("customer", f"Customer {customer.name} is blocked{reason}; orders cannot be taken."))

    if session.get(SalesChannel, order.channel) is None:
        errors.append(FieldError("channel", f"'{order.channel}' is not a known sales channel."))
    if order.order_type not in ORDER_TYPES:
        errors.append(FieldError("order_type", f"'{order.order_type}' is not an order type."))
    if not 1 <= order.priority <= 5:
        errors.append(FieldError("priority", "Priority must be between 1 (most urgent) and 5."))
    if order.requested_date is not None and order.requested_date < today:
        errors.append(FieldError("requested_date",
                                 f"The requested date {order.requested_date:%Y-%m-%d} is in the past."))

    ids = {line.product_id for line in order.lines if line.product_id is not None}
    products = {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(ids)))} if ids else {}
    if not order.lines:
        errors.append(FieldError("lines", "Add at least one line to the order."))
    for number, line in enumerate(order.lines, start=1):
        errors.extend(_line_errors(number, line, products))

    if errors:
        raise InvalidOrder(errors)
    return products


def _line_errors(number: int, line, products: dict[int, Product]) -> list[FieldError]:
    where = f"lines[{number}]"
    errors = []
    product = products.get(line.product_id)
    if product is None:
        errors.append(FieldError(f"{where}.product", f"Line {number}: the product does not exist."))
    elif not product.active:
        errors.append(FieldError(f"{where}.product",
                                 f"Line {number}: product {product.sku} is no longer sold (inactive)."))
    if line.quantity is None or line.quantity <= 0:
        errors.append(FieldError(f"{where}.quantity", f"Line {number}: the quantity must be more than zero."))
    elif line.quantity >= Decimal("100000000000"):
        errors.append(FieldError(f"{where}.quantity", f"Line {number}: the quantity is too large."))
    if line.unit_price is not None and line.unit_price < 0:
        errors.append(FieldError(f"{where}.unit_price", f"Line {number}: the price cannot be negative."))
    elif line.unit_price is not None and line.unit_price >= Decimal("10000000000"):
        errors.append(FieldError(f"{where}.unit_price", f"Line {number}: the price is too large."))
    if line.discount_pct is None or not Decimal(0) <= line.discount_pct <= Decimal(100):
        errors.append(FieldError(f"{where}.discount_pct",
                                 f"Line {number}: the discount must be between 0 and 100 %."))
    return errors
