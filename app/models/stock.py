"""Stock: warehouses, locations, stock levels and the stock ledger."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    CHAR,
    BigInteger,
    FetchedValue,
    ForeignKey,
    Identity,
    Index,
    Numeric,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class Warehouse(Base):
    """A warehouse that holds stock and ships orders."""

    __tablename__ = "warehouse"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    code: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]
    address_line1: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    city: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    postal_code: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    country: Mapped[str] = mapped_column(CHAR(2), server_default=text("'CN'"))
    active: Mapped[bool] = mapped_column(server_default=text("true"))


class Location(Base):
    """A bin or area in a warehouse (storage, receiving, shipping, production).

    Pick lists walk the warehouse in ``pick_sequence`` order.
    """

    __tablename__ = "location"
    __table_args__ = (UniqueConstraint("warehouse_id", "code"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    warehouse_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("warehouse.id", ondelete="CASCADE")
    )
    code: Mapped[str]
    kind: Mapped[str] = mapped_column(server_default=text("'storage'"))
    pick_sequence: Mapped[int] = mapped_column(
        server_default=text("0"),
        comment="Walking order through the warehouse; pick lists sort by it.",
    )


class StockLevel(Base):
    """Quantity on hand and reserved of one product in one warehouse (one row per pair).

    CHECK constraints keep ``0 <= reserved <= on_hand``; a change that would break them fails
    (that is how over-reservation and negative stock are refused, also under concurrency).
    Every change writes a :class:`StockMove` through a trigger. ``updated_at`` is kept by the
    server; ``product_id`` and ``warehouse_id`` cannot change.
    """

    __tablename__ = "stock_level"
    __table_args__ = (
        UniqueConstraint("product_id", "warehouse_id"),
        Index("stock_level_warehouse_idx", "warehouse_id", "product_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    product_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("product.id"))
    warehouse_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("warehouse.id"))
    location_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("location.id"), server_default=FetchedValue()
    )
    on_hand: Mapped[Decimal] = mapped_column(Numeric(14, 3), server_default=text("0"))
    reserved: Mapped[Decimal] = mapped_column(Numeric(14, 3), server_default=text("0"))
    reorder_point: Mapped[Decimal] = mapped_column(Numeric(14, 3), server_default=text("0"))
    reorder_qty: Mapped[Decimal] = mapped_column(Numeric(14, 3), server_default=text("0"))
    updated_at: Mapped[datetime] = mapped_column(
        server_default=text("now()"), server_onupdate=FetchedValue()
    )


class StockMove(Base):
    """The stock ledger: one row per change of a stock level. Append-only, server-written.

    A trigger on ``stock_level`` writes it (no role may insert, update or delete). ``reason``,
    ``reference`` and ``order_id`` come from the transaction settings
    ``orderpilot.stock_reason``, ``orderpilot.stock_reference`` and ``orderpilot.order_id``
    (defaults: 'opening balance' for a new level, 'adjustment' otherwise); ``actor`` is the
    login (session_user).
    """

    __tablename__ = "stock_move"
    __table_args__ = (
        Index("stock_move_product_idx", "product_id", "warehouse_id", "id"),
        {
            "comment": (
                "Stock ledger, written by the server for every change of stock_level; "
                "append-only. Reason and reference come from the transaction settings "
                "orderpilot.stock_reason / orderpilot.stock_reference / orderpilot.order_id."
            )
        },
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    product_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("product.id"))
    warehouse_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("warehouse.id"))
    on_hand_delta: Mapped[Decimal] = mapped_column(Numeric(14, 3))
    reserved_delta: Mapped[Decimal] = mapped_column(Numeric(14, 3))
    reason: Mapped[str]
    order_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("sales_order.id"), server_default=FetchedValue()
    )
    reference: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    actor: Mapped[str] = mapped_column(server_default=FetchedValue())
    moved_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
