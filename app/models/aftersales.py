"""After-sales: return authorisations (RMA) and customer feedback."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    FetchedValue,
    ForeignKey,
    Identity,
    Index,
    Numeric,
    SmallInteger,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base


class Rma(Base):
    """A return authorisation: a return document linked to its sales order.

    Status: requested → authorised → received → inspected → refunded / replaced / rejected →
    closed. ``op_service`` creates it (order, customer, reason) and updates status and
    resolution. Server-maintained: ``rma_no`` (RMA-YYYY-nnnnnnn), ``created_by``,
    ``created_at``, ``updated_at``.
    """

    __tablename__ = "rma"
    __table_args__ = (
        Index("rma_order_idx", "order_id"),
        {"comment": "Return authorisation (RMA): a return document linked to its sales order."},
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    rma_no: Mapped[str] = mapped_column(unique=True, server_default=FetchedValue())
    order_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("sales_order.id"))
    customer_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("customer.id"))
    status: Mapped[str] = mapped_column(server_default=text("'requested'"))
    reason: Mapped[str]
    resolution: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    created_by: Mapped[str] = mapped_column(server_default=FetchedValue())
    created_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    updated_at: Mapped[datetime] = mapped_column(
        server_default=text("now()"), server_onupdate=FetchedValue()
    )

    lines: Mapped[list[RmaLine]] = relationship(
        back_populates="rma",
        order_by="RmaLine.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise",
    )


class RmaLine(Base):
    """A returned product and quantity, with a reason code and the condition found."""

    __tablename__ = "rma_line"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    rma_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("rma.id", ondelete="CASCADE"))
    order_line_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("sales_order_line.id"), server_default=FetchedValue()
    )
    product_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("product.id"))
    quantity: Mapped[Decimal] = mapped_column(Numeric(14, 3))
    reason_code: Mapped[str] = mapped_column(server_default=text("'other'"))
    condition: Mapped[str | None] = mapped_column(server_default=FetchedValue())

    rma: Mapped[Rma] = relationship(back_populates="lines", lazy="raise")


class CustomerFeedback(Base):
    """A complaint, praise, question or suggestion from a customer, optionally about an order.

    Status: open → in_progress → resolved → closed. Recorded by ``op_sales`` or ``op_service``;
    assigned and resolved by ``op_service``. ``created_by`` is set by the server.
    """

    __tablename__ = "customer_feedback"
    __table_args__ = (Index("customer_feedback_order_idx", "order_id"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    customer_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("customer.id"))
    order_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("sales_order.id"), server_default=FetchedValue()
    )
    kind: Mapped[str]
    rating: Mapped[int | None] = mapped_column(SmallInteger, server_default=FetchedValue())
    subject: Mapped[str]
    body: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    status: Mapped[str] = mapped_column(server_default=text("'open'"))
    assigned_to: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    created_by: Mapped[str] = mapped_column(server_default=FetchedValue())
    created_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    resolved_at: Mapped[datetime | None] = mapped_column(server_default=FetchedValue())
