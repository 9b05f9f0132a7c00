"""Approvals: the rules, the requests the server opens on submission, and the decisions."""

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


class ApprovalRule(Base):
    """Data-driven approval policy, maintained by ``op_admin``.

    When an order goes from draft to pending_approval, every active rule whose ``condition``
    holds adds an :class:`ApprovalRequest` for ``approver_role`` needing ``required_approvals``
    distinct approvers. Conditions: ``order_total_over`` / ``line_discount_over`` (use
    ``threshold``), ``customer_over_credit_limit``, ``new_customer_first_order``,
    ``channel_is`` (uses ``channel``).
    """

    __tablename__ = "approval_rule"
    __table_args__ = {
        "comment": (
            "Data-driven approval policy: every active rule whose condition holds at "
            "submission adds an approval_request."
        )
    }

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    name: Mapped[str]
    description: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    condition: Mapped[str]
    threshold: Mapped[Decimal | None] = mapped_column(
        Numeric(14, 2), server_default=FetchedValue()
    )
    channel: Mapped[str | None] = mapped_column(
        ForeignKey("sales_channel.code"), server_default=FetchedValue()
    )
    approver_role: Mapped[str]
    required_approvals: Mapped[int] = mapped_column(server_default=text("1"))
    position: Mapped[int] = mapped_column(server_default=text("100"))
    active: Mapped[bool] = mapped_column(server_default=text("true"))


class ApprovalRequest(Base):
    """An approval an order needs, opened by the server on submission. Server-written.

    The rule's name, approver role and required count are copied in, and ``reason`` says why
    the rule applied. ``approvals``, ``status`` (pending / approved / rejected) and
    ``decided_at`` are updated by the server as decisions arrive; resubmitting the order sets
    ``active`` false on the old requests. No role writes this table directly.
    """

    __tablename__ = "approval_request"
    __table_args__ = (
        Index("approval_request_order_idx", "order_id"),
        Index(
            "approval_request_pending_idx",
            "approver_role",
            postgresql_where=text("status = 'pending' AND active"),
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    order_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("sales_order.id")
    )
    rule_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("approval_rule.id", ondelete="SET NULL"),
        server_default=FetchedValue(),
    )
    rule_name: Mapped[str]
    reason: Mapped[str]
    approver_role: Mapped[str]
    required_approvals: Mapped[int]
    approvals: Mapped[int] = mapped_column(server_default=text("0"))
    status: Mapped[str] = mapped_column(server_default=text("'pending'"))
    active: Mapped[bool] = mapped_column(
        server_default=text("true"),
        comment="False once the order is resubmitted; only active requests count.",
    )
    created_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    decided_at: Mapped[datetime | None] = mapped_column(server_default=FetchedValue())

    decisions: Mapped[list[ApprovalDecision]] = relationship(
        back_populates="request", order_by="ApprovalDecision.id", passive_deletes=True, lazy="raise"
    )


class ApprovalDecision(Base):
    """One approver's approve/reject decision on a request. Append-only.

    ``op_approver`` inserts only ``request_id``, ``decision`` and ``comment``; the server sets
    ``approver`` (the login), ``order_id`` and ``decided_at``, and refuses: deciding one's own
    order, lacking the request's role, exceeding one's approval limit (``app_user``),
    rejecting without a comment, deciding twice, or deciding a request that no longer waits.
    """

    __tablename__ = "approval_decision"
    __table_args__ = (
        UniqueConstraint("request_id", "approver"),
        Index("approval_decision_order_idx", "order_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    request_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("approval_request.id")
    )
    order_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("sales_order.id"), server_default=FetchedValue()
    )
    approver: Mapped[str] = mapped_column(server_default=FetchedValue())
    decision: Mapped[str]
    comment: Mapped[str | None] = mapped_column(server_default=FetchedValue())
    decided_at: Mapped[datetime] = mapped_column(server_default=text("now()"))

    request: Mapped[ApprovalRequest] = relationship(back_populates="decisions", lazy="raise")
