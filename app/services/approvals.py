"""Approval decisions: approve or reject an order waiting for this login's decision.

The server decides what needs approval (rules are data in ``approval_rule``) and guards every
decision (never the creator, the approver's role and limit, one decision per approver). This
module gives the friendly path: it checks the same things first to say why in plain words,
records the decisions, and moves the order on when the last required approval is in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.services.errors import ApprovalRefused, IllegalTransition, translated_errors
from app.services.lifecycle import Outcome, approve_and_fulfil, lock_order, move, with_summaries
from app.services.notifications import login_of, notify_logins
from app.services.orders import load_order


@dataclass(frozen=True)
class PendingApproval:
    """One order in a login's approvals inbox, with why it needs approval."""

    order_id: int
    order_no: str
    customer_name: str
    total_amount: Decimal
    currency: str
    created_by: str
    submitted_at: datetime | None
    reasons: tuple[str, ...]
    approvals_missing: int


_DECIDABLE = text("""
    SELECT r.id, r.reason, r.approver_role, r.required_approvals, r.approvals
    FROM approval_request r
    WHERE r.order_id = :order AND r.active AND r.status = 'pending'
      AND pg_has_role(session_user, r.approver_role, 'MEMBER')
      AND NOT EXISTS (SELECT 1 FROM approval_decision d WHERE d.request_id = r.id AND d.approver = session_user)
    ORDER BY r.id
""")


def pending_approvals(*, uow) -> list[PendingApproval]:
    """Orders waiting for a decision this login may give (not its own, not already decided)."""
    with uow:
        rows = uow.session.execute(text("""
            SELECT o.id, o.order_no, c.name, o.total_amount, o.currency, o.created_by, o.submitted_at,
                   array_agg(r.reason ORDER BY r.id) AS reasons,
                   sum(r.required_approvals - r.approvals)::int AS missing
            FROM approval_request r
            JOIN sales_order o ON o.id = r.order_id AND o.status = 'pending_approval'
            JOIN customer c ON c.id = o.customer_id
            WHERE r.active AND r.status = 'pending' AND o.created_by <> session_user
              AND pg_has_role(session_user, r.approver_role, 'MEMBER')
              AND NOT EXISTS (SELECT 1 FROM approval_decision d WHERE d.request_id = r.id AND d.approver = session_user)
            GROUP BY o.id, c.name ORDER BY o.submitted_at, o.id""")).all()
    return [PendingApproval(order_id=r.id, order_no=r.order_no, customer_name=r.name, total_amount=r.total_amount,
                            currency=r.currency, created_by=r.created_by, submitted_at=r.submitted_at,
                            reasons=tuple(r.reasons), approvals_missing=r.missing) for r in rows]


def approve_order(order_id: int, comment: str | None = None, *, uow) -> Outcome:
    """Approve every request of the order this login may decide; the last approval moves it on."""
    with uow:
        session = uow.session
        order = lock_order(session, order_id)
        requests = _decidable_requests(session, order)
        limit = session.scalar(text("SELECT approval_limit FROM app_user WHERE login = session_user"))
        if limit is not None and order.total_amount > limit:
            raise ApprovalRefused(f"Order {order.order_no} totals {order.total_amount:,.2f}, above your approval "
                                  f"limit of {limit:,.2f}; it needs an approver with a higher limit.")
        with translated_errors():
            for request in requests:
                session.execute(text(
                    "INSERT INTO approval_decision (request_id, decision, comment) VALUES (:r, 'approve', :c)"),
                    {"r": request.id, "c": comment})
        waiting = session.execute(text(
            "SELECT reason, required_approvals - approvals AS missing FROM approval_request "
            "WHERE order_id = :id AND active AND status <> 'approved' ORDER BY id"), {"id": order.id}).all()
        if waiting:
            outcome = Outcome(load_order(session, order.id), waiting_for=tuple(
                f"{reason} ({missing} more approval{'s' if missing > 1 else ''})" for reason, missing in waiting))
        else:
            outcome = with_summaries(session, approve_and_fulfil(session, [order], comment or "Approved"))[order.id]
        uow.commit()
    return outcome


def reject_order(order_id: int, comment: str, *, uow) -> Outcome:
    """Reject with a reason; the creator is told."""
    if not comment or not comment.strip():
        raise ApprovalRefused("Say why you reject the order; the creator will read it.")
    with uow:
        session = uow.session
        order = lock_order(session, order_id)
        request = _decidable_requests(session, order)[0]
        with translated_errors():
            session.execute(text(
                "INSERT INTO approval_decision (request_id, decision, comment) VALUES (:r, 'reject', :c)"),
                {"r": request.id, "c": comment.strip()})
        move(session, order, "rejected", comment.strip())
        notify_logins(session, [order.created_by], "order_rejected", f"{order.order_no} was rejected: {comment.strip()}",
                      order_id=order.id)
        outcome = Outcome(load_order(session, order.id))
        uow.commit()
    return outcome


def _decidable_requests(session: Session, order) -> list:
    """The open requests this login may decide, or a clear refusal saying why there are none."""
    if order.status != "pending_approval":
        raise IllegalTransition(f"Order {order.order_no} is {order.status.replace('_', ' ')}; "
                                "it is not waiting for approval.")
    if login_of(session) == order.created_by:
        raise ApprovalRefused(f"You cannot approve or reject your own order {order.order_no}.")
    requests = session.execute(_DECIDABLE, {"order": order.id}).all()
    if requests:
        return requests
    open_roles = session.execute(text(
        "SELECT DISTINCT approver_role FROM approval_request WHERE order_id = :id AND active AND status = 'pending'"),
        {"id": order.id}).scalars().all()
    if not open_roles:
        raise IllegalTransition(f"Order {order.order_no} has no approval waiting.")
    decided = session.scalar(text(
        "SELECT count(*) FROM approval_decision d JOIN approval_request r ON r.id = d.request_id "
        "WHERE r.order_id = :id AND r.active AND d.approver = session_user"), {"id": order.id})
    if decided:
        raise ApprovalRefused(f"You have already approved order {order.order_no}; it waits for another approver.")
    raise ApprovalRefused(f"Order {order.order_no} waits for approval by {' or '.join(open_roles)}, "
                          "a role you do not have.")
