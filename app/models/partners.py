"""Business partners: customers and their prices, carriers, suppliers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CHAR,
    BigInteger,
    FetchedValue,
    ForeignKey,
    Identity,
    Index,
    Numeric,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class Customer(Base):
    """A customer: address, language, currency, payment terms and credit.

    ``credit_limit`` (NULL = no limit), ``blocked`` and ``blocked_reason`` are credit decisions
    for ``op_manager``; ``op_sales`` creates customers and edits their contact data. A blocked
    customer's orders cannot be submitted. ``created_at``/``updated_at`` are kept by the server.
    """

    __tablename__ = "customer"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    code: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]
    contact_name: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    email: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    phone: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    address_line1: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    address_line2: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    city: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    region: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    postal_code: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    country: Mapped[str] = mapped_column(CHAR(2), server_default=text("'CN'"))
    language: Mapped[str] = mapped_column(server_default=text("'zh_CN'"))
    currency: Mapped[str] = mapped_column(CHAR(3), server_default=text("'CNY'"))
    credit_limit: Mapped[Decimal | None] = mapped_column(
        Numeric(14, 2),
        server_default=FetchedValue(),
        comment="Open order value allowed before approval or credit hold; NULL means no limit.",
    )
    payment_terms_days: Mapped[int] = mapped_column(server_default=text("30"))
    blocked: Mapped[bool] = mapped_column(server_default=text("false"))
    blocked_reason: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    created_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    updated_at: Mapped[datetime] = mapped_column(
        server_default=text("now()"), server_onupdate=FetchedValue()
    )


Index("customer_email_idx", func.lower(Customer.email))
Index(
    "customer_name_idx",
    func.lower(Customer.name).label("lower_name"),
    postgresql_ops={"lower_name": "text_pattern_ops"},
)


class CustomerPrice(Base):
    """A customer-specific unit price for a product, valid from a date (until ``valid_to``).

    Written by ``op_manager`` and ``op_admin``.
    """

    __tablename__ = "customer_price"

    customer_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True
    )
    product_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("product.id", ondelete="CASCADE"), primary_key=True
    )
    valid_from: Mapped[date] = mapped_column(
        primary_key=True, server_default=text("CURRENT_DATE")
    )
    valid_to: Mapped[date | None] = mapped_column(server_default=FetchedValue())
    unit_price: Mapped[Decimal] = mapped_column(Numeric(14, 4))


class Carrier(Base):
    """A parcel or freight carrier with its service codes.

    ``tracking_url`` is a template in which ``{tracking_no}`` is replaced by the number.
    """

    __tablename__ = "carrier"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    code: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]
    services: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'"))
    tracking_url: Mapped[str | None] = mapped_column(
        server_default=FetchedValue(),
        comment="URL template; {tracking_no} is replaced by the tracking number.",
    )
    active: Mapped[bool] = mapped_column(server_default=text("true"))


class Supplier(Base):
    """A supplier of bought products and components, with its usual lead time."""

    __tablename__ = "supplier"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    code: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]
    contact_name: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    email: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    phone: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    address_line1: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    city: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    postal_code: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    country: Mapped[str] = mapped_column(CHAR(2), server_default=text("'CN'"))
    lead_time_days: Mapped[int] = mapped_column(server_default=text("14"))
    active: Mapped[bool] = mapped_column(server_default=text("true"))
