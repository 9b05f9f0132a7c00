"""Sales orders: statuses and their legal moves, channels, orders, lines and status history."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    CHAR,
    BigInteger,
    Computed,
    FetchedValue,
    ForeignKey,
    Identity,
    Index,
    Numeric,
    SmallInteger,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base

if TYPE_CHECKING:
    from app.models.partners import Customer
    from app.models.products import Product


class OrderStatus(Base):
    """The order statuses, their display order, customer-facing stage and openness (seeded)."""

    __tablename__ = "order_status"

    code: Mapped[str] = mapped_column(primary_key=True)
    position: Mapped[int]
    customer_stage: Mapped[str]
    is_open: Mapped[bool]


class OrderStatusTransition(Base):
    """A legal order status move and a group role allowed to make it (seeded).

    The guard trigger on ``sales_order`` reads this table; a login may make a move if it is a
    member (directly or inherited) of ``role_name``. Services use the same rows to enable actions.
    """

    __tablename__ = "order_status_transition"
    __table_args__ = {
        "comment": (
            "Legal order status moves and the group role allowed to make each; "
            "the guard trigger on sales_order reads it."
        )
    }

    from_status: Mapped[str] = mapped_column(ForeignKey("order_status.code"), primary_key=True)
    to_status: Mapped[str] = mapped_column(ForeignKey("order_status.code"), primary_key=True)
    role_name: Mapped[str] = mapped_column(primary_key=True)


class OrderStatusLabel(Base):
    """English wording of each status, used in the server's error messages (seeded)."""

    __tablename__ = "order_status_label"

    code: Mapped[str] = mapped_column(ForeignKey("order_status.code"), primary_key=True)
    label: Mapped[str]


class SalesChannel(Base):
    """How orders arrive (phone, fax, email, walk-in, web shop, marketplace import; seeded)."""

    __tablename__ = "sales_channel"

    code: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]
    is_import: Mapped[bool] = mapped_column(server_default=text("false"))


class SalesOrder(Base):
    """A customer's sales order: header, status, hold, shipping address and server bookkeeping.

    Server-maintained (clients never write them; the roles have no privilege and the guard
    trigger overwrites them): ``order_no``, ``total_amount``, ``line_count``, ``version``,
    ``created_by``/``created_at``, ``updated_by``/``updated_at``, ``held_from_status``,
    ``submitted_at``/``approved_at``/``shipped_at``/``closed_at``. ``version`` is bumped on
    every update (optimistic locking); ``total_amount``/``line_count`` follow the lines, so
    refresh the order after changing lines. A new order must start as ``draft``; what the
    customer ordered is frozen once it leaves draft; status moves follow
    :class:`OrderStatusTransition`; every move lands in :class:`OrderStatusHistory`.
    """

    __tablename__ = "sales_order"
    __table_args__ = (
        UniqueConstraint("channel", "external_ref"),
        Index("sales_order_status_idx", "status", "id"),
        Index("sales_order_customer_idx", "customer_id", "id"),
        Index("sales_order_date_idx", "order_date", "id"),
        Index("sales_order_requested_idx", "requested_date", "id"),
        Index("sales_order_created_by_idx", "created_by", "id"),
        Index("sales_order_total_idx", "total_amount", "id"),
        Index(
            "sales_order_no_pattern_idx",
            "order_no",
            postgresql_ops={"order_no": "text_pattern_ops"},
        ),
    )
    __mapper_args__ = {"eager_defaults": True}

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    order_no: Mapped[str] = mapped_column(unique=True, server_default=FetchedValue())
    customer_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("customer.id"))
    status: Mapped[str] = mapped_column(
        ForeignKey("order_status.code"), server_default=text("'draft'")
    )
    status_note: Mapped[str | None] = mapped_column(
        server_default=FetchedValue(),
        server_onupdate=FetchedValue(),
        comment=(
            "Human-readable note of the latest status change; copied into order_status_history."
        ),
    )
    held_from_status: Mapped[str | None] = mapped_column(
        ForeignKey("order_status.code"),
        server_default=FetchedValue(),
        server_onupdate=FetchedValue(),
    )
    hold_kind: Mapped[str | None] = mapped_column(
        server_default=FetchedValue(), server_onupdate=FetchedValue()
    )
    hold_reason: Mapped[str | None] = mapped_column(
        server_default=FetchedValue(), server_onupdate=FetchedValue()
    )
    channel: Mapped[str] = mapped_column(
        ForeignKey("sales_channel.code"), server_default=text("'phone'")
    )
    external_ref: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    order_type: Mapped[str] = mapped_column(server_default=text("'standard'"))
    priority: Mapped[int] = mapped_column(SmallInteger, server_default=text("3"))
    order_date: Mapped[date] = mapped_column(server_default=text("CURRENT_DATE"))
    requested_date: Mapped[date | None] = mapped_column(server_default=FetchedValue())
    promised_date: Mapped[date | None] = mapped_column(server_default=FetchedValue())
    currency: Mapped[str] = mapped_column(CHAR(3), server_default=text("'CNY'"))
    customer_reference: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    ship_to_name: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    ship_to_address1: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    ship_to_address2: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    ship_to_city: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    ship_to_region: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    ship_to_postal_code: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    ship_to_country: Mapped[str | None] = mapped_column(CHAR(2), server_default=FetchedValue())
    notes: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    warehouse_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("warehouse.id"), server_default=FetchedValue()
    )
    total_amount: Mapped[Decimal] = mapped_column(
        Numeric(14, 2),
        server_default=FetchedValue(),
        comment="Sum of line totals before tax, kept by the server.",
    )
    line_count: Mapped[int] = mapped_column(server_default=FetchedValue())
    version: Mapped[int] = mapped_column(
        server_default=FetchedValue(),
        server_onupdate=FetchedValue(),
        comment="Optimistic lock: bumped by the server on every change of the order or its lines.",
    )
    created_by: Mapped[str] = mapped_column(server_default=FetchedValue())
    created_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    updated_by: Mapped[str] = mapped_column(
        server_default=FetchedValue(), server_onupdate=FetchedValue()
    )
    updated_at: Mapped[datetime] = mapped_column(
        server_default=text("now()"), server_onupdate=FetchedValue()
    )
    submitted_at: Mapped[datetime | None] = mapped_column(
        server_default=FetchedValue(), server_onupdate=FetchedValue()
    )
    approved_at: Mapped[datetime | None] = mapped_column(
        server_default=FetchedValue(), server_onupdate=FetchedValue()
    )
    shipped_at: Mapped[datetime | None] = mapped_column(
        server_default=FetchedValue(), server_onupdate=FetchedValue()
    )
    closed_at: Mapped[datetime | None] = mapped_column(
        server_default=FetchedValue(), server_onupdate=FetchedValue()
    )

    customer: Mapped[Customer] = relationship(lazy="raise")
    lines: Mapped[list[SalesOrderLine]] = relationship(
        back_populates="order",
        order_by="SalesOrderLine.line_no",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise",
    )


class SalesOrderLine(Base):
    """One product line of a sales order, with its reservation and shortage.

    What was ordered (product, quantity, price, discount, tax) changes only while the order is a
    draft; fulfilment columns (``reserved_qty``, ``shortage_qty``, ``warehouse_id``,
    ``production_line_id``) change as the order is worked. ``line_total`` is a generated column
    (quantity × price × (1 − discount), rounded to cents, before tax); ``reserved_qty`` never
    exceeds ``quantity``.
    """

    __tablename__ = "sales_order_line"
    __table_args__ = (
        UniqueConstraint("order_id", "line_no"),
        Index("sales_order_line_product_idx", "product_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    order_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("sales_order.id", ondelete="CASCADE")
    )
    line_no: Mapped[int]
    product_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("product.id"))
    description: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    quantity: Mapped[Decimal] = mapped_column(Numeric(14, 3))
    unit_price: Mapped[Decimal] = mapped_column(Numeric(14, 4))
    discount_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2), server_default=text("0"))
    tax_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2), server_default=FetchedValue())  # product's rate unless given
    line_total: Mapped[Decimal | None] = mapped_column(
        Numeric(14, 2),
        Computed("round(quantity * unit_price * (1 - discount_pct / 100), 2)", persisted=True),
    )
    warehouse_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("warehouse.id"), server_default=FetchedValue()
    )
    reserved_qty: Mapped[Decimal] = mapped_column(Numeric(14, 3), server_default=text("0"))
    shortage_qty: Mapped[Decimal] = mapped_column(Numeric(14, 3), server_default=text("0"))
    production_line_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("production_line.id"), server_default=FetchedValue()
    )

    order: Mapped[SalesOrder] = relationship(back_populates="lines", lazy="raise")
    product: Mapped[Product] = relationship(lazy="raise")


class OrderStatusHistory(Base):
    """Every status change of an order, with the real login and time. Append-only.

    Written by a trigger on ``sales_order`` (the first row has ``from_status`` NULL);
    ``note`` is the order's ``status_note`` at the time. No role may write or change it.
    """

    __tablename__ = "order_status_history"
    __table_args__ = (
        Index("order_status_history_order_idx", "order_id", "id"),
        {
            "comment": (
                "Every order status change with the real login (session_user); "
                "written by trigger, append-only."
            )
        },
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    order_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("sales_order.id")
    )
    from_status: Mapped[str | None] = mapped_column(
        ForeignKey("order_status.code"), server_default=FetchedValue()
    )
    to_status: Mapped[str] = mapped_column(ForeignKey("order_status.code"))
    actor: Mapped[str]
    changed_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    note: Mapped[str | None] = mapped_column(server_default=FetchedValue())
