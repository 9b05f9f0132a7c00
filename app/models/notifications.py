"""In-app notifications between logins."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, FetchedValue, ForeignKey, Identity, Index, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class Notification(Base):
    """An in-app message to one login (``recipient``), optionally about an order.

    Row-level security: a login sees and marks read (``read_at``) only its own rows; anyone may
    send to anyone. ``created_by`` (the sender) and ``created_at`` are set by the server.

    Sending to *another* login must not use ``RETURNING`` — PostgreSQL checks the new row
    against the SELECT policy and refuses it — so the ORM's ``session.add`` (which returns the
    new id) only works for notes to oneself; use a Core ``insert(Notification).values(...)``.
    """

    __tablename__ = "notification"
    __table_args__ = (
        Index(
            "notification_unread_idx",
            "recipient",
            "id",
            postgresql_where=text("read_at IS NULL"),
        ),
        {
            "comment": (
                "In-app notifications; each login sees its own rows and those it sent, "
                "and marks only its own (row-level security)."
            )
        },
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    recipient: Mapped[str]
    kind: Mapped[str]
    title: Mapped[str]
    body: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    order_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("sales_order.id", ondelete="CASCADE"), server_default=FetchedValue()
    )
    created_by: Mapped[str] = mapped_column(server_default=FetchedValue())
    created_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    read_at: Mapped[datetime | None] = mapped_column(server_default=FetchedValue())
