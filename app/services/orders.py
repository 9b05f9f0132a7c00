"""Order entry: create and edit drafts, read an order back as plain data.

Edits use optimistic locking on ``sales_order.version`` (bumped by the server on every change
of the order or its lines): saving over a newer version raises :class:`StaleOrder` naming who
changed it and when, and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session

from app.models import Customer, Product, SalesOrder, SalesOrderLine
from app.services.errors import NotEditable, StaleOrder, ValidationFailed, translated_errors
from app.services.order_validation import validate_order


@dataclass(frozen=True)
class LineInput:
    product_id: int | None
    quantity: Decimal
    unit_price: Decimal | None = None  # None: the customer's price, else the list price
    discount_pct: Decimal = Decimal(0)
    description: str | None = None


@dataclass(frozen=True)
class ShipTo:
    name: str | None = None
    address1: str | None = None
    address2: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class OrderInput:
    customer_id: int | None
    lines: tuple[LineInput, ...]
    channel: str = "phone"
    requested_date: date | None = None
    priority: int = 3
    order_type: str = "standard"
    notes: str | None = None
    customer_reference: str | None = None
    external_ref: str | None = None
    warehouse_id: int | None = None
    ship_to: ShipTo | None = None


@dataclass(frozen=True)
class LineSummary:
    id: int
    line_no: int
    product_id: int
    sku: str
    product_name: str
    quantity: Decimal
    unit_price: Decimal
    discount_pct: Decimal
    tax_rate: Decimal
    line_total: Decimal
    reserved_qty: Decimal
    shortage_qty: Decimal
    warehouse_id: int | None
    production_line_id: int | None


@dataclass(frozen=True)
class OrderSummary:
    id: int
    order_no: str
    status: str
    customer_id: int
    customer_name: str
    channel: str
    order_type: str
    priority: int
    requested_date: date | None
    total_amount: Decimal
    currency: str
    version: int
    created_by: str
    updated_by: str
    updated_at: datetime
    hold_kind: str | None
    hold_reason: str | None
    notes: str | None
    external_ref: str | None
    lines: tuple[LineSummary, ...] = field(default=())


def create_order(order: OrderInput, *, uow) -> OrderSummary:
    """A new draft with server-generated number; prices default from the customer or product."""
    with uow:
        session = uow.session
        products = validate_order(session, order)
        customer = session.get(Customer, order.customer_id)
        row = SalesOrder(customer_id=order.customer_id, currency=customer.currency, **_header_values(order))
        session.add(row)
        _flush(session)
        _write_lines(session, row.id, order, products, existing={})
        _flush(session)
        summary = load_order(session, row.id)
        uow.commit()
    return summary


def update_order(order_id: int, expected_version: int, order: OrderInput, *, uow) -> OrderSummary:
    """Save a draft's header and lines, only if nobody saved a newer version meanwhile."""
    with uow:
        session = uow.session
        products = validate_order(session, order)
        status = _execute(session, update(SalesOrder)
                          .where(SalesOrder.id == order_id, SalesOrder.version == expected_version)
                          .values(customer_id=order.customer_id, **_header_values(order))
                          .returning(SalesOrder.status)
                          .execution_options(synchronize_session=False)).scalar()
        if status is None:
            raise _conflict(session, order_id, expected_version)
        if status != "draft":
            raise NotEditable(f"This order is no longer a draft ({status.replace('_', ' ')}) and cannot be edited.")
        existing = {line.line_no: line for line in session.scalars(
            select(SalesOrderLine).where(SalesOrderLine.order_id == order_id))}
        _write_lines(session, order_id, order, products, existing=existing)
        _flush(session)
        summary = load_order(session, order_id)
        uow.commit()
    return summary


def get_order(order_id: int, *, uow) -> OrderSummary:
    with uow:
        return load_order(uow.session, order_id)


def find_order_id(order_no: str, *, uow) -> int:
    with uow:
        order_id = uow.session.scalar(select(SalesOrder.id).where(SalesOrder.order_no == order_no.strip()))
    if order_id is None:
        raise ValidationFailed(f"There is no order {order_no}.", field="order_no")
    return order_id


_ORDER = text("""
    SELECT o.id, o.order_no, o.status, o.customer_id, c.name AS customer_name, o.channel, o.order_type,
           o.priority, o.requested_date, o.total_amount, o.currency, o.version, o.created_by, o.updated_by,
           o.updated_at, o.hold_kind, o.hold_reason, o.notes, o.external_ref
    FROM sales_order o JOIN customer c ON c.id = o.customer_id WHERE o.id = :id
""")

_LINES = text("""
    SELECT l.id, l.line_no, l.product_id, p.sku, p.name AS product_name, l.quantity, l.unit_price,
           l.discount_pct, l.tax_rate, l.line_total, l.reserved_qty, l.shortage_qty, l.warehouse_id,
           l.production_line_id
    FROM sales_order_line l JOIN product p ON p.id = l.product_id WHERE l.order_id = :id ORDER BY l.line_no
""")

_PRICES = text("""
    SELECT p.id, coalesce((
        SELECT cp.unit_price FROM customer_price cp
        WHERE cp.customer_id = :customer AND cp.product_id = p.id AND cp.valid_from <= :on
          AND (cp.valid_to IS NULL OR cp.valid_to >= :on)
        ORDER BY cp.valid_from DESC LIMIT 1), p.list_price)
    FROM product p WHERE p.id = ANY(:products)
""")


def load_order(session: Session, order_id: int) -> OrderSummary:
    """The order and its lines as plain data (no live ORM objects leave the service)."""
    row = session.execute(_ORDER, {"id": order_id}).first()
    if row is None:
        raise ValidationFailed(f"Order {order_id} does not exist.", field="order")
    lines = tuple(LineSummary(**line._asdict()) for line in session.execute(_LINES, {"id": order_id}))
    return OrderSummary(**row._asdict(), lines=lines)


def prices_for(session: Session, customer_id: int, product_ids: set[int], on: date | None = None) -> dict[int, Decimal]:
    """Each product's price for the customer on ``on`` (today): the agreed price, else the list price."""
    if not product_ids:
        return {}
    return dict(session.execute(_PRICES, {"customer": customer_id, "products": sorted(product_ids),
                                          "on": on or date.today()}).all())


def _header_values(order: OrderInput) -> dict:
    ship = order.ship_to or ShipTo()
    return dict(
        channel=order.channel, requested_date=order.requested_date, priority=order.priority,
        order_type=order.order_type, notes=order.notes, customer_reference=order.customer_reference,
        external_ref=order.external_ref, warehouse_id=order.warehouse_id,
        ship_to_name=ship.name, ship_to_address1=ship.address1, ship_to_address2=ship.address2,
        ship_to_city=ship.city, ship_to_region=ship.region, ship_to_postal_code=ship.postal_code,
        ship_to_country=ship.country)


def _write_lines(session: Session, order_id: int, order: OrderInput, products: dict[int, Product],
                 existing: dict[int, SalesOrderLine]) -> None:
    """Make the order's lines equal ``order.lines`` (numbered 1..n), touching only what differs."""
    prices = prices_for(session, order.customer_id, {line.product_id for line in order.lines if line.unit_price is None})
    wanted = {}
    for number, line in enumerate(order.lines, start=1):
        product = products[line.product_id]
        wanted[number] = dict(
            product_id=product.id, quantity=line.quantity, discount_pct=line.discount_pct,
            description=line.description, tax_rate=product.tax_rate,
            unit_price=line.unit_price if line.unit_price is not None else prices[product.id])
    gone = [line.id for number, line in existing.items() if number not in wanted]
    if gone:
        session.execute(delete(SalesOrderLine).where(SalesOrderLine.id.in_(gone)))
    for number, values in wanted.items():
        current = existing.get(number)
        if current is None:
            session.add(SalesOrderLine(order_id=order_id, line_no=number, **values))
        elif any(getattr(current, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(current, key, value)


def _conflict(session: Session, order_id: int, expected_version: int) -> Exception:
    current = session.execute(
        select(SalesOrder.order_no, SalesOrder.version, SalesOrder.updated_by, SalesOrder.updated_at,
               SalesOrder.status).where(SalesOrder.id == order_id)).first()
    if current is None:
        return ValidationFailed(f"Order {order_id} does not exist.", field="order")
    if current.version == expected_version and current.status != "draft":
        return NotEditable(f"Order {current.order_no} is no longer a draft and cannot be edited.")
    who = session.scalar(text("SELECT coalesce((SELECT display_name FROM app_user WHERE login = :l), :l)"),
                         {"l": current.updated_by})
    return StaleOrder(
        f"Order {current.order_no} was changed by {who} at {current.updated_at.astimezone():%H:%M} "
        f"on {current.updated_at.astimezone():%Y-%m-%d}; reload it to see their change.",
        changed_by=who, changed_at=current.updated_at)


def _flush(session: Session) -> None:
    with translated_errors():
        session.flush()


def _execute(session: Session, statement, params=None):
    with translated_errors():
        return session.execute(statement, params)
