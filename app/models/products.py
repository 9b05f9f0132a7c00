"""Products: families, items, bills of materials and routings."""

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
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base


class ProductFamily(Base):
    """A group of similar products; line capabilities and assignment rules refer to it."""

    __tablename__ = "product_family"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    code: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]


class Product(Base):
    """An item that is sold, made or bought.

    ``kind`` is finished / component / raw; ``supply`` is make_to_order / make_to_stock / buy
    (make-to-order lines become production orders). Prices and costs are per ``uom``;
    ``tax_rate`` is a percentage. ``created_at``/``updated_at`` are kept by the server.
    Written by ``op_admin`` only.
    """

    __tablename__ = "product"
    __table_args__ = (Index("product_family_idx", "family_id"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    sku: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]
    description: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    family_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("product_family.id"), server_default=FetchedValue()
    )
    kind: Mapped[str] = mapped_column(server_default=text("'finished'"))
    supply: Mapped[str] = mapped_column(server_default=text("'make_to_stock'"))
    uom: Mapped[str] = mapped_column(server_default=text("'pcs'"))
    list_price: Mapped[Decimal] = mapped_column(Numeric(14, 4), server_default=text("0"))
    standard_cost: Mapped[Decimal] = mapped_column(Numeric(14, 4), server_default=text("0"))
    tax_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2), server_default=text("13"))
    weight_kg: Mapped[Decimal] = mapped_column(Numeric(10, 3), server_default=text("0"))
    default_supplier_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("supplier.id"), server_default=FetchedValue()
    )
    lead_time_days: Mapped[int] = mapped_column(server_default=text("0"))
    active: Mapped[bool] = mapped_column(server_default=text("true"))
    created_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    updated_at: Mapped[datetime] = mapped_column(
        server_default=text("now()"), server_onupdate=FetchedValue()
    )


Index(
    "product_name_idx",
    func.lower(Product.name).label("lower_name"),
    postgresql_ops={"lower_name": "text_pattern_ops"},
)


class Bom(Base):
    """A versioned bill of materials of a product; at most one version is active."""

    __tablename__ = "bom"
    __table_args__ = (
        UniqueConstraint("product_id", "version"),
        Index("bom_one_active_idx", "product_id", unique=True, postgresql_where=text("active")),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    product_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("product.id", ondelete="CASCADE")
    )
    version: Mapped[int] = mapped_column(server_default=text("1"))
    active: Mapped[bool] = mapped_column(server_default=text("true"))

    lines: Mapped[list[BomLine]] = relationship(
        back_populates="bom",
        order_by="BomLine.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise",
    )


class BomLine(Base):
    """One component of a bill of materials: quantity per unit of the parent, plus scrap %."""

    __tablename__ = "bom_line"
    __table_args__ = (UniqueConstraint("bom_id", "component_id"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    bom_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("bom.id", ondelete="CASCADE"))
    component_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("product.id"))
    quantity: Mapped[Decimal] = mapped_column(Numeric(14, 4))
    scrap_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2), server_default=text("0"))

    bom: Mapped[Bom] = relationship(back_populates="lines", lazy="raise")
    component: Mapped[Product] = relationship(lazy="raise")


class Routing(Base):
    """A versioned sequence of operations to make a product; at most one version is active."""

    __tablename__ = "routing"
    __table_args__ = (
        UniqueConstraint("product_id", "version"),
        Index(
            "routing_one_active_idx", "product_id", unique=True, postgresql_where=text("active")
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    product_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("product.id", ondelete="CASCADE")
    )
    version: Mapped[int] = mapped_column(server_default=text("1"))
    active: Mapped[bool] = mapped_column(server_default=text("true"))

    operations: Mapped[list[RoutingOperation]] = relationship(
        back_populates="routing",
        order_by="RoutingOperation.seq",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise",
    )


class RoutingOperation(Base):
    """One step of a routing: setup minutes plus run minutes per unit, in ``seq`` order."""

    __tablename__ = "routing_operation"
    __table_args__ = (UniqueConstraint("routing_id", "seq"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    routing_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("routing.id", ondelete="CASCADE")
    )
    seq: Mapped[int]
    name: Mapped[str]
    setup_minutes: Mapped[Decimal] = mapped_column(Numeric(10, 2), server_default=text("0"))
    run_minutes_per_unit: Mapped[Decimal] = mapped_column(
        Numeric(10, 4), server_default=text("0")
    )

    routing: Mapped[Routing] = relationship(back_populates="operations", lazy="raise")
