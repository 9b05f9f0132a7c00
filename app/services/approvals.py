"""Approval decisions: approve or reject an order waiting for this login's decision.

The server decides what needs approval (rules are data in ``approval_rule``) and guards every
decision (never the creator, the approver's role and limit, one decision per approver). This
module gives the friendly path: it checks the same things first to say why in plain words,
records the decisions, and moves the order on when the last required approval is in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.services.errors import ApprovalRefused, IllegalTransition, translated_errors
from app.services.lifecycle import Outcome, approve_and_fulfil, lock_order, move, with_summaries
from app.services.notifications import login_of, notify_logins
from app.services.orders import load_order


class OwnOrderRefused(ApprovalRefused):
    """Nobody decides on an order they created."""

    def __init__(self, message: str, order_no: str):
        super().__init__(message)
        self.order_no = order_no


class OverApprovalLimit(ApprovalRefused):
    """The order's total is above this login's approval limit."""

    def __init__(self, message: str, order_no: str, total: Decimal, limit: Decimal):
        super().__init__(message)
        self.order_no, self.total, self.limit = order_no, total, limit


class AlreadyDecided(ApprovalRefused):
    """This login has already given its decision; the order waits for someone else."""

    def __init__(self, message: str, order_no: str):
        super().__init__(message)
        self.order_no = order_no


class ApproverRoleMissing(ApprovalRefused):
    """The open approvals need a role this login does not have."""

    def __init__(self, message: str, order_no: str, roles: tuple[str, ...]):
        super().__init__(message)
        self.order_no, self.roles = order_no, roles


class RejectionNeedsComment(ApprovalRefused):
    """A rejection must say why."""


class NotWaitingForApproval(IllegalTransition):
    """The order has left pending approval (decided by others, cancelled, on hold...)."""

    def __init__(self, message: str, order_no: str, status: str | None):
        super().__init__(message)
        self.order_no, self.status = order_no, status


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
            raise OverApprovalLimit(f"Order {order.order_no} totals {order.total_amount:,.2f}, above your approval "
                                    f"limit of {limit:,.2f}; it needs an approver with a higher limit.",
                                    order.order_no, order.total_amount, limit)
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
        raise RejectionNeedsComment("Say why you reject the order; the creator will read it.")
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
        raise NotWaitingForApproval(f"Order {order.order_no} is {order.status.replace('_', ' ')}; "
                                    "it is not waiting for approval.", order.order_no, order.status)
    if login_of(session) == order.created_by:
        raise OwnOrderRefused(f"You cannot approve or reject your own order {order.order_no}.", order.order_no)
    requests = session.execute(_DECIDABLE, {"order": order.id}).all()
    if requests:
        return requests
    open_roles = session.execute(text(
        "SELECT DISTINCT approver_role FROM approval_request WHERE order_id = :id AND active AND status = 'pending'"),
        {"id": order.id}).scalars().all()
    if not open_roles:
        raise NotWaitingForApproval(f"Order {order.order_no} has no approval waiting.", order.order_no, None)
    decided = session.scalar(text(
        "SELECT count(*) FROM approval_decision d JOIN approval_request r ON r.id = d.request_id "
        "WHERE r.order_id = :id AND r.active AND d.approver = session_user"), {"id": order.id})
    if decided:
        raise AlreadyDecided(f"You have already approved order {order.order_no}; it waits for another approver.",
                             order.order_no)
    raise ApproverRoleMissing(f"Order {order.order_no} waits for approval by {' or '.join(open_roles)}, "
                              "a role you do not have.", order.order_no, tuple(open_roles))


# -- the approvals inbox: pending orders with the rules that fired and the decisions so far -------

@dataclass(frozen=True)
class ApprovalDecisionNote:
    """A decision already given on one approval request."""

    approver: str
    approver_name: str
    decision: str            # "approve" or "reject"
    comment: str | None
    decided_at: datetime


@dataclass(frozen=True)
class RuleHit:
    """One approval rule that fired for an order: why, who must decide, how far it got."""

    request_id: int
    rule_name: str
    condition: str | None    # approval_rule.condition; None when the rule has since been deleted
    threshold: Decimal | None
    channel: str | None
    reason: str              # the server's sentence, with the figures at submission
    approver_role: str
    required_approvals: int
    approvals: int
    for_me: bool             # this login may (still) decide this request
    decisions: tuple[ApprovalDecisionNote, ...] = ()


@dataclass(frozen=True)
class InboxEntry:
    """An order in the approvals inbox, with everything the approver decides on."""

    order_id: int
    order_no: str
    customer_name: str
    total_amount: Decimal
    currency: str
    requested_date: date | None
    priority: int
    channel: str
    created_by: str
    created_by_name: str
    submitted_at: datetime | None
    version: int
    rules: tuple[RuleHit, ...]


@dataclass(frozen=True)
class ApprovalInbox:
    """The orders waiting for this login (oldest first, at most ``limit``) and its approval limit."""

    entries: tuple[InboxEntry, ...]
    approval_limit: Decimal | None   # None: no limit
    more: bool                       # more orders wait than were read


_INBOX = text("""
    SELECT o.id, o.order_no, c.name AS customer_name, o.total_amount, o.currency, o.requested_date, o.priority,
           o.channel, o.created_by, coalesce(u.display_name, o.created_by) AS created_by_name, o.submitted_at,
           o.version
    FROM sales_order o
    JOIN customer c ON c.id = o.customer_id
    LEFT JOIN app_user u ON u.login = o.created_by
    WHERE o.id IN (
        SELECT r.order_id FROM approval_request r
        WHERE r.active AND r.status = 'pending'
          AND pg_has_role(session_user, r.approver_role, 'MEMBER')
          AND NOT EXISTS (SELECT 1 FROM approval_decision d WHERE d.request_id = r.id AND d.approver = session_user))
      AND o.status = 'pending_approval' AND o.created_by <> session_user
      AND (CAST(:ids AS bigint[]) IS NULL OR o.id = ANY(CAST(:ids AS bigint[])))
    ORDER BY o.submitted_at, o.id
    LIMIT :limit
""")

_RULE_HITS = text("""
    SELECT r.id, r.order_id, r.rule_name, ar.condition, ar.threshold, ar.channel, r.reason, r.approver_role,
           r.required_approvals, r.approvals,
           r.status = 'pending' AND pg_has_role(session_user, r.approver_role, 'MEMBER')
             AND NOT EXISTS (SELECT 1 FROM approval_decision d WHERE d.request_id = r.id
                             AND d.approver = session_user) AS for_me
    FROM approval_request r LEFT JOIN approval_rule ar ON ar.id = r.rule_id
    WHERE r.order_id = ANY(:ids) AND r.active
    ORDER BY r.order_id, r.id
""")

_DECISIONS = text("""
    SELECT d.request_id, d.approver, coalesce(u.display_name, d.approver), d.decision, d.comment, d.decided_at
    FROM approval_decision d JOIN approval_request r ON r.id = d.request_id
    LEFT JOIN app_user u ON u.login = d.approver
    WHERE d.order_id = ANY(:ids) AND r.active
    ORDER BY d.decided_at, d.id
""")


def approval_inbox(*, uow, limit: int = 500, order_ids=None) -> ApprovalInbox:
    """Orders waiting for a decision this login may give, oldest first, with the rules that fired.

    ``order_ids`` narrows the read to those orders (a live refresh of a few rows); orders this
    login created never appear, whatever its roles.
    """
    ids = None if order_ids is None else sorted(set(order_ids))
    with uow:
        session = uow.session
        rows = session.execute(_INBOX, {"ids": ids, "limit": limit + 1}).all()
        more, rows = len(rows) > limit, rows[:limit]
        found = [row.id for row in rows]
        decisions: dict[int, list[ApprovalDecisionNote]] = {}
        hits: dict[int, list[RuleHit]] = {}
        if found:
            for request_id, *note in session.execute(_DECISIONS, {"ids": found}):
                decisions.setdefault(request_id, []).append(ApprovalDecisionNote(*note))
            for hit in session.execute(_RULE_HITS, {"ids": found}):
                hits.setdefault(hit.order_id, []).append(RuleHit(
                    request_id=hit.id, rule_name=hit.rule_name, condition=hit.condition, threshold=hit.threshold,
                    channel=hit.channel, reason=hit.reason, approver_role=hit.approver_role,
                    required_approvals=hit.required_approvals, approvals=hit.approvals, for_me=hit.for_me,
                    decisions=tuple(decisions.get(hit.id, ()))))
        limit_of_login = session.scalar(text("SELECT approval_limit FROM app_user WHERE login = session_user"))
    entries = tuple(InboxEntry(*row, rules=tuple(hits.get(row.id, ()))) for row in rows)
    return ApprovalInbox(entries, limit_of_login, more)
