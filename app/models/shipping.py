"""Shipping: shipments, their packages and lines, and carrier tracking events."""

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
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base


class Shipment(Base):
    """A shipment of (part of) a sales order from a warehouse by a carrier.

    Status: planned → packed → shipped → delivered (or cancelled). Written by ``op_shipping``.
    Server-maintained: ``shipment_no`` (SH-YYYY-nnnnnnn), ``created_by``, ``created_at``,
    ``updated_at``.
    """

    __tablename__ = "shipment"
    __table_args__ = (
        Index("shipment_order_idx", "order_id"),
        Index("shipment_tracking_idx", "tracking_no"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    shipment_no: Mapped[str] = mapped_column(unique=True, server_default=FetchedValue())
    order_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("sales_order.id"))
    warehouse_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("warehouse.id"), server_default=FetchedValue()
    )
    carrier_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("carrier.id"), server_default=FetchedValue()
    )
    service: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    tracking_no: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    status: Mapped[str] = mapped_column(server_default=text("'planned'"))
    weight_kg: Mapped[Decimal] = mapped_column(Numeric(10, 3), server_default=text("0"))
    shipped_at: Mapped[datetime | None] = mapped_column(server_default=FetchedValue())
    delivered_at: Mapped[datetime | None] = mapped_column(server_default=FetchedValue())
    created_by: Mapped[str] = mapped_column(server_default=FetchedValue())
    created_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    updated_at: Mapped[datetime] = mapped_column(
        server_default=text("now()"), server_onupdate=FetchedValue()
    )

    packages: Mapped[list[ShipmentPackage]] = relationship(
        back_populates="shipment",
        order_by="ShipmentPackage.package_no",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise",
    )
    lines: Mapped[list[ShipmentLine]] = relationship(
        back_populates="shipment",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise",
    )


class ShipmentPackage(Base):
    """One parcel of a shipment: number, weight, dimensions and its own tracking number."""

    __tablename__ = "shipment_package"
    __table_args__ = (UniqueConstraint("shipment_id", "package_no"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    shipment_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("shipment.id", ondelete="CASCADE")
    )
    package_no: Mapped[int]
    weight_kg: Mapped[Decimal] = mapped_column(Numeric(10, 3), server_default=text("0"))
    length_cm: Mapped[Decimal | None] = mapped_column(Numeric(8, 1), server_default=FetchedValue())
    width_cm: Mapped[Decimal | None] = mapped_column(Numeric(8, 1), server_default=FetchedValue())
    height_cm: Mapped[Decimal | None] = mapped_column(Numeric(8, 1), server_default=FetchedValue())
    tracking_no: Mapped[str | None] = mapped_column(server_default=FetchedValue())

    shipment: Mapped[Shipment] = relationship(back_populates="packages", lazy="raise")


class ShipmentLine(Base):
    """How much of an order line travels in a shipment (and in which package, if known)."""

    __tablename__ = "shipment_line"

    shipment_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("shipment.id", ondelete="CASCADE"), primary_key=True
    )
    order_line_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("sales_order_line.id", ondelete="CASCADE"), primary_key=True
    )
    package_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("shipment_package.id", ondelete="SET NULL"),
        server_default=FetchedValue(),
    )
    quantity: Mapped[Decimal] = mapped_column(Numeric(14, 3))

    shipment: Mapped[Shipment] = relationship(back_populates="lines", lazy="raise")


class TrackingEvent(Base):
    """A carrier tracking event of a shipment (entered by hand or imported; see ``source``)."""

    __tablename__ = "tracking_event"
    __table_args__ = (Index("tracking_event_shipment_idx", "shipment_id", "occurred_at"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    shipment_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("shipment.id", ondelete="CASCADE")
    )
    occurred_at: Mapped[datetime]
    status: Mapped[str]
    location: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    description: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    source: Mapped[str] = mapped_column(server_default=text("'manual'"))
