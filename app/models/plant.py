"""The plant: production lines, what they can make, when they work, and assignment rules."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    FetchedValue,
    ForeignKey,
    Identity,
    Numeric,
    SmallInteger,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class ProductionLine(Base):
    """A production line (work centre); ``efficiency_pct`` scales its planned run times."""

    __tablename__ = "production_line"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    code: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]
    efficiency_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2), server_default=text("100"))
    active: Mapped[bool] = mapped_column(server_default=text("true"))


class LineCapability(Base):
    """Which product families a production line can make (one row per pair)."""

    __tablename__ = "line_capability"
    __table_args__ = {"comment": "Which product families a production line can make."}

    line_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("production_line.id", ondelete="CASCADE"), primary_key=True
    )
    family_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("product_family.id", ondelete="CASCADE"), primary_key=True
    )


class LineShift(Base):
    """A weekly working window of a line: ISO weekday (1 = Monday) and start/end time.

    Written by ``op_planner`` and ``op_admin``.
    """

    __tablename__ = "line_shift"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    line_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("production_line.id", ondelete="CASCADE")
    )
    weekday: Mapped[int] = mapped_column(
        SmallInteger, comment="ISO weekday: 1 = Monday … 7 = Sunday."
    )
    starts_at: Mapped[time]
    ends_at: Mapped[time]


class LineDayOff(Base):
    """A calendar day on which a line does not work (holiday, maintenance)."""

    __tablename__ = "line_day_off"

    line_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("production_line.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(primary_key=True)
    reason: Mapped[str | None] = mapped_column(server_default=FetchedValue())


class LineAssignmentRule(Base):
    """A rule that picks the production line for an order line.

    The first active rule by ``position`` whose conditions all match wins; NULL conditions
    match anything. ``min_priority`` matches orders whose priority number is at most this value
    (1 = most urgent).
    """

    __tablename__ = "line_assignment_rule"
    __table_args__ = {
        "comment": (
            "First matching active rule (by position) picks the production line; NULL conditions "
            "match anything. min_priority matches orders whose priority number is at most this "
            "value (1 = most urgent)."
        )
    }

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    position: Mapped[int] = mapped_column(server_default=text("100"))
    family_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("product_family.id", ondelete="CASCADE"),
        server_default=FetchedValue(),
    )
    order_type: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    min_priority: Mapped[int | None] = mapped_column(SmallInteger, server_default=FetchedValue())
    line_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("production_line.id", ondelete="CASCADE")
    )
    active: Mapped[bool] = mapped_column(server_default=text("true"))


class PlantSetting(Base):
    """The plant's settings, one row: ``time_zone`` is the wall clock of shifts and days off.

    NULL means the database server's ``TimeZone``; written by ``op_admin`` (validated by trigger).
    """

    __tablename__ = "plant_setting"
    __table_args__ = {"comment": "One row of plant-wide settings (time zone of shifts and days off)."}

    id: Mapped[bool] = mapped_column(primary_key=True, server_default=text("true"))
    time_zone: Mapped[str | None] = mapped_column(
        server_default=FetchedValue(),
        comment="IANA time zone name of the plant, e.g. Asia/Shanghai; NULL: the server's "
        "TimeZone setting.",
    )
    updated_by: Mapped[str] = mapped_column(server_default=FetchedValue(), server_onupdate=FetchedValue())
    updated_at: Mapped[datetime] = mapped_column(server_default=text("now()"), server_onupdate=FetchedValue())
