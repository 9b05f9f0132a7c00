"""Production: production orders, their operations, material demand and deviation alerts."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
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


class ProductionOrder(Base):
    """An order to make a quantity of a product, usually for a make-to-order sales line.

    Created by the fulfilment roles, then scheduled and progressed by ``op_planner``.
    Server-maintained: ``production_no`` (MO-YYYY-nnnnnnn), ``created_by``, ``created_at``,
    ``updated_at``, ``version`` (bumped on every update), and ``received_qty``/``received_at``
    (written once by ``op_post_production`` when the finished output enters stock).
    """

    __tablename__ = "production_order"
    __table_args__ = (
        Index("production_order_sales_idx", "sales_order_id"),
        Index("production_order_status_idx", "status", "due_date"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    production_no: Mapped[str] = mapped_column(unique=True, server_default=FetchedValue())
    sales_order_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("sales_order.id", ondelete="SET NULL"), server_default=FetchedValue()
    )
    sales_order_line_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("sales_order_line.id", ondelete="SET NULL"),
        server_default=FetchedValue(),
    )
    product_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("product.id"))
    quantity: Mapped[Decimal] = mapped_column(Numeric(14, 3))
    quantity_done: Mapped[Decimal] = mapped_column(Numeric(14, 3), server_default=text("0"))
    status: Mapped[str] = mapped_column(server_default=text("'planned'"))
    production_line_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("production_line.id"), server_default=FetchedValue()
    )
    priority: Mapped[int] = mapped_column(SmallInteger, server_default=text("3"))
    due_date: Mapped[date | None] = mapped_column(server_default=FetchedValue())
    expected_completion: Mapped[datetime | None] = mapped_column(server_default=FetchedValue())
    version: Mapped[int] = mapped_column(server_default=text("1"))
    created_by: Mapped[str] = mapped_column(server_default=FetchedValue())
    created_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    updated_at: Mapped[datetime] = mapped_column(
        server_default=text("now()"), server_onupdate=FetchedValue()
    )
    received_qty: Mapped[Decimal] = mapped_column(Numeric(14, 3), server_default=text("0"))
    received_at: Mapped[datetime | None] = mapped_column(
        server_default=FetchedValue(),
        comment="When the output was received into stock and the reserved components consumed; "
        "NULL until then.",
    )

    operations: Mapped[list[ProductionOperation]] = relationship(
        back_populates="production_order",
        order_by="ProductionOperation.seq",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise",
    )


class ProductionOperation(Base):
    """One routing step of a production order as scheduled on a line (a bar on the Gantt board).

    Planned and actual start/end, quantities done and scrapped, and status (pending /
    scheduled / in_progress / done) are updated by ``op_planner``. A guard trigger keeps reported
    progress plausible and sets the status from the actual times; ``updated_by``/``updated_at``
    (who moved or reported it last) are set by trigger.
    """

    __tablename__ = "production_operation"
    __table_args__ = (
        UniqueConstraint("production_order_id", "seq"),
        Index("production_operation_line_idx", "production_line_id", "planned_start"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    production_order_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("production_order.id", ondelete="CASCADE")
    )
    seq: Mapped[int]
    name: Mapped[str]
    production_line_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("production_line.id"), server_default=FetchedValue()
    )
    setup_minutes: Mapped[Decimal] = mapped_column(Numeric(10, 2), server_default=text("0"))
    run_minutes: Mapped[Decimal] = mapped_column(Numeric(12, 2), server_default=text("0"))
    planned_start: Mapped[datetime | None] = mapped_column(server_default=FetchedValue())
    planned_end: Mapped[datetime | None] = mapped_column(server_default=FetchedValue())
    actual_start: Mapped[datetime | None] = mapped_column(server_default=FetchedValue())
    actual_end: Mapped[datetime | None] = mapped_column(server_default=FetchedValue())
    quantity_done: Mapped[Decimal] = mapped_column(Numeric(14, 3), server_default=text("0"))
    quantity_scrap: Mapped[Decimal] = mapped_column(Numeric(14, 3), server_default=text("0"))
    status: Mapped[str] = mapped_column(server_default=text("'pending'"))
    version: Mapped[int] = mapped_column(server_default=text("1"))
    updated_by: Mapped[str] = mapped_column(
        server_default=FetchedValue(), server_onupdate=FetchedValue()
    )
    updated_at: Mapped[datetime] = mapped_column(
        server_default=text("now()"), server_onupdate=FetchedValue()
    )

    production_order: Mapped[ProductionOrder] = relationship(
        back_populates="operations", lazy="raise"
    )


class MaterialDemand(Base):
    """A component need of a production order; open shortages become purchase suggestions."""

    __tablename__ = "material_demand"
    __table_args__ = (
        Index("material_demand_open_idx", "product_id", postgresql_where=text("status = 'open'")),
        Index("material_demand_production_order_idx", "production_order_id"),
        {
            "comment": (
                "Component needs of production orders; open shortages form the buyer's "
                "purchase suggestions."
            )
        },
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    production_order_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("production_order.id", ondelete="CASCADE"),
        server_default=FetchedValue(),
    )
    product_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("product.id"))
    warehouse_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("warehouse.id"), server_default=FetchedValue()
    )
    quantity_required: Mapped[Decimal] = mapped_column(Numeric(14, 3))
    quantity_reserved: Mapped[Decimal] = mapped_column(Numeric(14, 3), server_default=text("0"))
    quantity_short: Mapped[Decimal] = mapped_column(Numeric(14, 3), server_default=text("0"))
    supplier_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("supplier.id"), server_default=FetchedValue()
    )
    status: Mapped[str] = mapped_column(server_default=text("'open'"))
    created_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    expected_at: Mapped[datetime | None] = mapped_column(
        server_default=FetchedValue(),
        comment="When the missing quantity is expected (set by the buyer when ordering); NULL: the "
        "supplier's lead time after the demand was recorded.",
    )


class DeviationAlert(Base):
    """A raised deviation: behind plan, late against promise, line overloaded, material short.

    Points at whichever of order / production order / operation / line it concerns; open
    while ``resolved_at`` is NULL. Raised and resolved by ``op_planner`` (material shortages also
    by whoever creates the production). ``subject_id`` (generated) is what the alert is about;
    an open alert of a kind exists once per subject.
    """

    __tablename__ = "deviation_alert"
    __table_args__ = (
        Index("deviation_alert_open_idx", "kind", postgresql_where=text("resolved_at IS NULL")),
        Index(
            "deviation_alert_open_once_idx",
            "kind",
            "subject_id",
            unique=True,
            postgresql_where=text("resolved_at IS NULL"),
        ),
        Index("deviation_alert_sales_order_idx", "sales_order_id", "raised_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    kind: Mapped[str]
    sales_order_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("sales_order.id", ondelete="CASCADE"), server_default=FetchedValue()
    )
    production_order_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("production_order.id", ondelete="CASCADE"),
        server_default=FetchedValue(),
    )
    production_operation_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("production_operation.id", ondelete="CASCADE"),
        server_default=FetchedValue(),
    )
    production_line_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("production_line.id", ondelete="CASCADE"),
        server_default=FetchedValue(),
    )
    message: Mapped[str]
    raised_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    resolved_at: Mapped[datetime | None] = mapped_column(server_default=FetchedValue())
    subject_id: Mapped[int | None] = mapped_column(
        BigInteger,
        Computed(
            "CASE kind WHEN 'behind_plan' THEN production_operation_id "
            "WHEN 'line_overloaded' THEN production_line_id ELSE production_order_id END",
            persisted=True,
        ),
        comment="What the alert is about: the operation (behind_plan), the line (line_overloaded), "
        "else the production order.",
    )
