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

from app.services.errors import (IllegalTransition, NotAllowed, NotEditable, StaleOrder, ValidationFailed,
                                 translated_errors)
from app.services.notifications import login_of, notify_logins, notify_role, notify_role_each
from app.services.orders import OrderSummary, load_order
from app.services.production_demand import cancel_production_demand, create_production_demand
from app.services.stock import release_order, reserve_orders

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

    order: OrderSummary | None
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


def move_many(session: Session, notes: dict[int, str | None], status: str, **extra) -> None:
    """The same status change for many orders in one statement, each with its own note."""
    if not notes:
        return
    assignments = "".join(f", {column} = d.{column}" for column in extra)
    columns = "".join(f", CAST(:{column} AS text[])" for column in extra)
    names = "".join(f", {column}" for column in extra)
    with translated_errors():
        session.execute(text(
            f"UPDATE sales_order s SET status = :status, status_note = d.note{assignments} "
            f"FROM unnest(CAST(:ids AS bigint[]), CAST(:notes AS text[]){columns}) AS d(id, note{names}) "
            "WHERE s.id = d.id"),
            {"status": status, "ids": list(notes), "notes": list(notes.values()),
             **{column: [values[i] for i in notes] for column, values in extra.items()}})


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
        if order.requested_date is not None and order.requested_date < date.today():
            raise ValidationFailed(f"The requested date {order.requested_date:%Y-%m-%d} of order {order.order_no} "
                                   "is in the past; change it before submitting.", field="requested_date")
        outcome = submit_orders(session, [order])[order.id]
        uow.commit()
    return outcome


def submit_orders(session: Session, orders: list[LockedOrder], *, read_back: bool = True) -> dict[int, Outcome]:
    """Submit validated drafts together (one order from the form, or an import batch).

    Bulk callers that only need to know it worked pass ``read_back=False`` (outcomes then carry
    no order summary).
    """
    move_many(session, {o.id: "Submitted for approval" for o in orders}, "pending_approval")
    holds = _credit_holds(session, orders)
    if holds:
        move_many(session, holds, "on_hold", hold_kind={i: "credit" for i in holds}, hold_reason=holds)
        by_id = {o.id: o for o in orders}
        notify_role_each(session, "op_manager", "credit_hold", [
            (f"{by_id[i].order_no} is on credit hold: {reason}", i, None) for i, reason in holds.items()],
            direct_only=True)
    outcomes = {i: Outcome(None, message=reason) for i, reason in holds.items()}
    outcomes.update(continue_after_submission(session, [o for o in orders if o.id not in holds]))
    return with_summaries(session, outcomes) if read_back else outcomes


def continue_after_submission(session: Session, orders: list[LockedOrder]) -> dict[int, Outcome]:
    """Approve at once what waits for nobody; tell the approvers about the rest."""
    if not orders:
        return {}
    waiting: dict[int, list[tuple[str, str]]] = {}
    for order_id, role, reason in session.execute(text(
            "SELECT order_id, approver_role, reason FROM approval_request "
            "WHERE order_id = ANY(:ids) AND active AND status = 'pending' ORDER BY order_id, id"),
            {"ids": [o.id for o in orders]}):
        waiting.setdefault(order_id, []).append((role, reason))
    by_role: dict[str, list] = {}
    for order in orders:
        for role, reason in waiting.get(order.id, ()):
            by_role.setdefault(role, []).append(
                (f"{order.order_no} waits for your approval: {reason}", order.id, order.created_by))
    for role, notices in by_role.items():
        notify_role_each(session, role, "approval_needed", notices)
    outcomes = {o.id: Outcome(None, waiting_for=tuple(r for _, r in waiting[o.id])) for o in orders if o.id in waiting}
    outcomes.update(approve_and_fulfil(session, [o for o in orders if o.id not in waiting], "No approval needed"))
    return outcomes


def approve_and_fulfil(session: Session, orders: list[LockedOrder], note: str) -> dict[int, Outcome]:
    """Approved → reserve stock → production demand for short make-to-order lines → next status."""
    if not orders:
        return {}
    ids = [o.id for o in orders]
    move_many(session, {i: note for i in ids}, "approved")
    reservations = reserve_orders(session, ids, reference=orders[0].order_no if len(orders) == 1 else None)
    demands = create_production_demand(session, reservations, {o.id: o for o in orders})
    short = {r.order_id for r in reservations if r.short > 0}  # other lines were reserved before
    produced: dict[int, list[str]] = {}
    for demand in demands:
        produced.setdefault(demand.sales_order_id, []).append(demand.production_no)
    move_many(session, {i: "All lines reserved from stock" for i in ids if i not in short}, "ready_to_ship")
    move_many(session, {i: f"Production ordered: {', '.join(nos)}" for i, nos in produced.items() if i in short},
              "in_production")
    me = login_of(session)
    for order in orders:
        if order.created_by != me:
            notify_logins(session, [order.created_by], "order_approved", f"{order.order_no} is approved",
                          order_id=order.id)
    return {i: Outcome(None, production_orders=tuple(produced.get(i, ()))) for i in ids}


def with_summaries(session: Session, outcomes: dict[int, Outcome]) -> dict[int, Outcome]:
    """Fill in each order as read back after the action."""
    return {i: Outcome(load_order(session, i), o.waiting_for, o.production_orders, o.message)
            for i, o in outcomes.items()}


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
            outcome = with_summaries(session, continue_after_submission(session, [order]))[order.id]
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


def _credit_holds(session: Session, orders: list[LockedOrder]) -> dict[int, str]:
    """Orders that take their customer over its credit limit, with the sentence saying so.

    Open value counts the customer's approved but unfinished orders, plus the orders of this
    batch taken before (in order) that pass.
    """
    limits = dict(session.execute(text(
        "SELECT id, credit_limit FROM customer WHERE id = ANY(:ids) AND credit_limit IS NOT NULL"),
        {"ids": sorted({o.customer_id for o in orders})}).all())
    if not limits:
        return {}
    open_value = dict(session.execute(text("""
        SELECT customer_id, sum(total_amount) FROM sales_order
        WHERE customer_id = ANY(:customers) AND NOT id = ANY(:orders)
          AND (status IN ('approved', 'in_production', 'ready_to_ship', 'shipped')
               OR held_from_status IN ('approved', 'in_production', 'ready_to_ship'))
        GROUP BY customer_id"""), {"customers": list(limits), "orders": [o.id for o in orders]}).all())
    holds = {}
    for order in sorted(orders, key=lambda o: o.id):
        if order.customer_id not in limits:
            continue
        total = open_value.get(order.customer_id, Decimal(0)) + order.total_amount
        if total > limits[order.customer_id]:
            holds[order.id] = (f"open orders of {total:,.2f} with this one exceed the credit limit "
                               f"of {limits[order.customer_id]:,.2f}")
        else:
            open_value[order.customer_id] = total
    return holds
