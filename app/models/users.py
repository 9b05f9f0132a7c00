"""People: the OrderPilot profile of each PostgreSQL login."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import FetchedValue, Numeric, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class AppUser(Base):
    """Profile of a PostgreSQL login role (``login`` is the role name).

    Adds the display name, department, language and approval limit that the database role
    itself cannot hold. ``approval_limit`` NULL means no limit; a login without an active
    profile cannot decide approvals. Written by ``op_admin`` only.
    """

    __tablename__ = "app_user"
    __table_args__ = {
        "comment": "OrderPilot profile of a PostgreSQL login role (login = role name)."
    }

    login: Mapped[str] = mapped_column(primary_key=True)
    display_name: Mapped[str]
    department: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    email: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    approval_limit: Mapped[Decimal | None] = mapped_column(
        Numeric(14, 2),
        server_default=FetchedValue(),
        comment="Largest order total this login may approve; NULL means no limit.",
    )
    language: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    active: Mapped[bool] = mapped_column(server_default=text("true"))
    created_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
