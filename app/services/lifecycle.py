"""An order's way through its statuses: submit, automatic approval and fulfilment, holds, cancel.

Every move is an UPDATE of ``sales_order.status`` that the server guards (who may make which
move) and records (``order_status_history`` with the login, time and the note given here).
Notifications tell the people who must act next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.services.errors import IllegalTransition, NotAllowed, NotEditable, StaleOrder, translated_errors
from app.services.notifications import notify_logins, notify_role
from app.services.order_validation import validate_order
from app.services.orders import LineInput, OrderInput, OrderSummary, load_order
from app.services.production_demand import cancel_production_demand, create_production_demand
from app.services.stock import release_order, reserve_order

OPEN_BEFORE_SHIPPING = ("draft", "pending_approval", "approved", "in_production", "ready_to_ship")


@dataclass(frozen=True)
class LockedOrder:
    id: int
    order_no: str
    status: str
    version: int
    customer_id: int
    total_amount: Decimal
    created_by: str
    order_type: str
    priority: int
    requested_date: date | None
    hold_kind: str | None
    held_from_status: str | None


@dataclass(frozen=True)
class Outcome:
    """Where an action left the order, and what is still awaited."""

    order: OrderSummary
    waiting_for: tuple[str, ...] = ()   # reasons of approval requests still open
    production_orders: tuple[str, ...] = ()
    message: str = ""


def lock_order(session: Session, order_id: int, expected_version: int | None = None) -> LockedOrder:
    """Row-lock the order for this transaction (actions on one order queue up behind each other)."""
    row = session.execute(text(
        "SELECT id, order_no, status, version, customer_id, total_amount, created_by, order_type, priority, "
        "requested_date, hold_kind, held_from_status FROM sales_order WHERE id = :id FOR UPDATE"),
        {"id": order_id}).first()
    if row is None:
        raise NotEditable(f"Order {order_id} does not exist.")
    order = LockedOrder(**row._asdict())
    if expected_version is not None and order.version != expected_version:
        raise StaleOrder(f"Order {order.order_no} was changed by someone else meanwhile; reload it first.")
    return order


def move(session: Session, order: LockedOrder | int, status: str, note: str | None = None, **extra) -> None:
    """One guarded status change with its history note."""
    order_id = order if isinstance(order, int) else order.id
    assignments = ", ".join(f"{column} = :{column}" for column in extra)
    with translated_errors():
        session.execute(text(
            f"UPDATE sales_order SET status = :status, status_note = :note{', ' + assignments if assignments else ''} "
            "WHERE id = :id"), {"status": status, "note": note, "id": order_id, **extra})


def submit_order(order_id: int, *, uow, expected_version: int | None = None) -> Outcome:
    """Submit a draft: the server computes the approvals it needs; none needed means approved at once.

    A customer pushed over its credit limit puts the order on credit hold for a manager instead.
    """
    with uow:
        session = uow.session
        order = lock_order(session, order_id, expected_version)
        if order.status != "draft":
            raise IllegalTransition(f"Order {order.order_no} is {order.status.replace('_', ' ')}, not a draft; "
                                    "only drafts can be submitted.")
        _revalidate(session, order_id)
        move(session, order, "pending_approval", "Submitted for approval")
        credit = _credit_excess(session, order)
        if credit is not None:
            move(session, order.id, "on_hold", credit, hold_kind="credit", hold_reason=credit)
            notify_role(session, "op_manager", "credit_hold", f"{order.order_no} is on credit hold: {credit}",
                        order_id=order.id, direct_only=True)
            outcome = Outcome(load_order(session, order.id), message=credit)
        else:
            outcome = continue_after_submission(session, order)
        uow.commit()
    return outcome


def continue_after_submission(session: Session, order: LockedOrder) -> Outcome:
    """Approve at once when nothing waits, otherwise tell the approvers."""
    waiting = session.execute(text(
        "SELECT approver_role, reason FROM approval_request WHERE order_id = :id AND active AND status = 'pending' "
        "ORDER BY id"), {"id": order.id}).all()
    if not waiting:
        return approve_and_fulfil(session, order, "No approval needed")
    for role, reason in waiting:
        notify_role(session, role, "approval_needed", f"{order.order_no} waits for your approval: {reason}",
                    order_id=order.id, exclude=(order.created_by,))
    return Outcome(load_order(session, order.id), waiting_for=tuple(reason for _, reason in waiting))


def approve_and_fulfil(session: Session, order: LockedOrder, note: str) -> Outcome:
    """Approved → reserve stock → production demand for short make-to-order lines → next status."""
    move(session, order, "approved", note)
    reservations = reserve_order(session, order.id, order.order_no)
    demands = create_production_demand(session, order.id, order.order_type, order.priority,
                                       order.requested_date, reservations)
    still_short = session.scalar(text(
        "SELECT count(*) FROM sales_order_line WHERE order_id = :id AND reserved_qty < quantity"), {"id": order.id})
    if still_short == 0:
        move(session, order.id, "ready_to_ship", "All lines reserved from stock")
    elif demands:
        move(session, order.id, "in_production",
             f"Production ordered: {', '.join(d.production_no for d in demands)}")
    if session.scalar(text("SELECT session_user")) != order.created_by:
        notify_logins(session, [order.created_by], "order_approved", f"{order.order_no} is approved",
                      order_id=order.id)
    return Outcome(load_order(session, order.id), production_orders=tuple(d.production_no for d in demands))


def hold_order(order_id: int, reason: str, *, uow) -> Outcome:
    """Stop an open order (manual hold) until someone releases it."""
    if not reason or not reason.strip():
        raise NotAllowed("Say why the order is put on hold.")
    with uow:
        session = uow.session
        order = lock_order(session, order_id)
        if order.status not in OPEN_BEFORE_SHIPPING:
            raise IllegalTransition(f"Order {order.order_no} is {order.status.replace('_', ' ')} and cannot be held.")
        move(session, order, "on_hold", reason.strip(), hold_kind="manual", hold_reason=reason.strip())
        outcome = Outcome(load_order(session, order.id))
        uow.commit()
    return outcome


def release_hold(order_id: int, *, uow, note: str | None = None) -> Outcome:
    """Put a held order back where it was; a released submission continues to approval."""
    with uow:
        session = uow.session
        order = lock_order(session, order_id)
        if order.status != "on_hold":
            raise IllegalTransition(f"Order {order.order_no} is not on hold.")
        back_to = order.held_from_status
        move(session, order, back_to, note or ("Credit hold released" if order.hold_kind == "credit" else "Hold released"))
        outcome = Outcome(load_order(session, order.id))
        if back_to == "pending_approval":
            outcome = continue_after_submission(session, lock_order(session, order.id))
        uow.commit()
    return outcome


def cancel_order(order_id: int, reason: str, *, uow) -> Outcome:
    """Cancel before shipping: every reservation goes back to stock, unstarted production stops."""
    if not reason or not reason.strip():
        raise NotAllowed("Say why the order is cancelled.")
    with uow:
        session = uow.session
        order = lock_order(session, order_id)
        if order.status not in OPEN_BEFORE_SHIPPING + ("on_hold", "rejected"):
            raise IllegalTransition(
                f"Order {order.order_no} is {order.status.replace('_', ' ')}; only orders not yet shipped can be cancelled.")
        released = release_order(session, order.id, order.order_no, reason="cancellation")
        stopped = cancel_production_demand(session, order.id)
        move(session, order, "cancelled", reason.strip())
        if stopped:
            notify_role(session, "op_planner", "production_cancelled",
                        f"{order.order_no} was cancelled; {stopped} production order(s) stopped", order_id=order.id,
                        direct_only=True)
        outcome = Outcome(load_order(session, order.id), message=f"Released {released.normalize():f} reserved")
        uow.commit()
    return outcome


def _revalidate(session: Session, order_id: int) -> None:
    """The draft as stored must still pass the entry checks (a product may have been retired)."""
    summary = load_order(session, order_id)
    validate_order(session, OrderInput(
        customer_id=summary.customer_id, channel=summary.channel, order_type=summary.order_type,
        priority=summary.priority, requested_date=summary.requested_date,
        lines=tuple(LineInput(product_id=line.product_id, quantity=line.quantity, unit_price=line.unit_price,
                              discount_pct=line.discount_pct) for line in summary.lines)))


def _credit_excess(session: Session, order: LockedOrder) -> str | None:
    """A sentence when the customer's open orders with this one exceed the credit limit, else None."""
    row = session.execute(text("""
        SELECT c.credit_limit, coalesce(sum(o.total_amount), 0) AS open_value
        FROM customer c LEFT JOIN sales_order o ON o.customer_id = c.id AND o.id <> :order
             AND (o.status IN ('approved', 'in_production', 'ready_to_ship', 'shipped')
                  OR o.held_from_status IN ('approved', 'in_production', 'ready_to_ship'))
        WHERE c.id = :customer GROUP BY c.credit_limit"""), {"order": order.id, "customer": order.customer_id}).one()
    if row.credit_limit is None or row.open_value + order.total_amount <= row.credit_limit:
        return None
    return (f"open orders of {row.open_value + order.total_amount:,.2f} with this one exceed the credit limit "
            f"of {row.credit_limit:,.2f}")
