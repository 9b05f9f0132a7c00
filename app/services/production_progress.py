"""Progress per operation, and what follows from it for the production order and the sales order.

``report_progress`` records the quantities done and scrapped so far and when the operation
started and finished (absolute figures, so repeating a report changes nothing). The server
guards every figure (``op_guard_operation_progress``) and sets the operation's status from its
times; this module checks the same rules first only to name the field that is wrong.

What follows, in the same transaction:

* the production order is ``in_progress`` once any operation started, ``completed`` when all are
  done (its quantity done is the last operation's);
* a completed production order is received into stock (``op_post_production``: reserved
  components consumed, output received once);
* the sales order moves to ``in_production`` when its first operation starts (if not already),
  and to ``ready_to_ship`` when all its production is completed and received and every line is
  then reserved (the stock service reserves the received output; the transition table decides
  who may make each move);
* behind-plan and material alerts of the production order are raised or resolved.

Lock order: sales order, then operation, then stock rows in id order (as reservation does).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.services.errors import NotEditable, StaleOrder, ValidationFailed, translated_errors
from app.services.lifecycle import lock_order, move
from app.services.notifications import notify_role
from app.services.scheduling.alerts import raise_execution_alerts
from app.services.scheduling.store import plant_timezone
from app.services.stock import reserve_order

#: Clock difference between a desk and the server that a reported time may be ahead by.
CLOCK_TOLERANCE = timedelta(minutes=15)


@dataclass(frozen=True)
class OperationProgress:
    """One operation as the progress dialog shows it (times are aware datetimes)."""

    operation_id: int
    version: int
    production_order_id: int
    production_no: str
    sku: str
    product_name: str
    seq: int
    name: str
    line_code: str | None
    quantity: Decimal            # the production order's quantity
    quantity_done: Decimal
    quantity_scrap: Decimal
    status: str
    planned_start: datetime | None
    planned_end: datetime | None
    actual_start: datetime | None
    actual_end: datetime | None
    updated_by: str
    updated_by_name: str
    updated_at: datetime
    order_no: str | None         # the sales order it is made for
    order_status: str            # the production order's status
    received: bool               # output already received into stock: no more changes

    @property
    def editable(self) -> bool:
        return not self.received and self.order_status != "cancelled"


@dataclass(frozen=True)
class ProgressOutcome:
    operation: OperationProgress
    production_completed: bool = False
    received_qty: Decimal | None = None
    sales_order_status: str | None = None
    message: str = ""


_LOAD = text("""
    SELECT op.id AS operation_id, op.version, op.production_order_id, po.production_no, p.sku, p.name AS product_name,
           op.seq, op.name, pl.code AS line_code, po.quantity, op.quantity_done, op.quantity_scrap, op.status,
           op.planned_start, op.planned_end, op.actual_start, op.actual_end, op.updated_by,
           coalesce(u.display_name, op.updated_by) AS updated_by_name, op.updated_at, so.order_no,
           po.status AS order_status, po.received_at IS NOT NULL AS received
    FROM production_operation op
    JOIN production_order po ON po.id = op.production_order_id
    JOIN product p ON p.id = po.product_id
    LEFT JOIN production_line pl ON pl.id = op.production_line_id
    LEFT JOIN sales_order so ON so.id = po.sales_order_id
    LEFT JOIN app_user u ON u.login = op.updated_by
    WHERE op.id = :id
""")


def _load(session: Session, operation_id: int) -> OperationProgress:
    row = session.execute(_LOAD, {"id": operation_id}).first()
    if row is None:
        raise NotEditable(f"Operation {operation_id} does not exist (any more).")
    return OperationProgress(**row._asdict())


def load_progress(operation_id: int, *, uow) -> OperationProgress:
    """The operation with its production order, as the progress dialog shows it."""
    with uow:
        return _load(uow.session, operation_id)


def check_report(op: OperationProgress, quantity_done: Decimal, quantity_scrap: Decimal,
                 started_at: datetime | None, finished_at: datetime | None, now: datetime) -> None:
    """The server's rules, checked first to name the field (raises ``ValidationFailed``)."""
    what = f"Operation {op.seq} of {op.production_no}"
    if quantity_done < 0:
        raise ValidationFailed("The quantity done cannot be negative.", field="quantity_done")
    if quantity_scrap < 0:
        raise ValidationFailed("The scrap cannot be negative.", field="quantity_scrap")
    if quantity_done + quantity_scrap > op.quantity:
        raise ValidationFailed(f"Done and scrapped together cannot be more than the {op.quantity.normalize():f} "
                               "ordered.", field="quantity_done")
    if finished_at is not None and started_at is None:
        raise ValidationFailed(f"{what} cannot be finished before it has started; give its start time too.",
                               field="started_at")
    if started_at is None and quantity_done + quantity_scrap > 0:
        raise ValidationFailed(f"{what} has quantities reported, so it has started; give its start time.",
                               field="started_at")
    if finished_at is not None and finished_at < started_at:
        raise ValidationFailed(f"{what} cannot finish before it started.", field="finished_at")
    for moment, field in ((started_at, "started_at"), (finished_at, "finished_at")):
        if moment is not None and moment > now + CLOCK_TOLERANCE:
            raise ValidationFailed(f"{what} cannot be reported as started or finished in the future.", field=field)


def report_progress(operation_id: int, expected_version: int, *, quantity_done: Decimal, quantity_scrap: Decimal,
                    started_at: datetime | None, finished_at: datetime | None, uow) -> ProgressOutcome:
    """Record an operation's progress; the production order and sales order follow (see module)."""
    quantity_done, quantity_scrap = Decimal(quantity_done), Decimal(quantity_scrap)
    started_at, finished_at = _aware(started_at), _aware(finished_at)
    with uow:
        session = uow.session
        sales_order_id = session.scalar(text(
            "SELECT po.sales_order_id FROM production_operation op JOIN production_order po "
            "ON po.id = op.production_order_id WHERE op.id = :id"), {"id": operation_id})
        with translated_errors():
            order = lock_order(session, sales_order_id) if sales_order_id is not None else None
            session.execute(text("SELECT 1 FROM production_operation WHERE id = :id FOR UPDATE"), {"id": operation_id})
        op = _load(session, operation_id)
        if op.version != expected_version:
            raise StaleOrder(f"Operation {op.seq} of {op.production_no} was changed by {op.updated_by_name} "
                             f"meanwhile; reload it first.", changed_by=op.updated_by, changed_at=op.updated_at)
        if op.received:
            raise NotEditable(f"{op.production_no} was already received into stock; its progress can no longer "
                              "be changed.")
        if op.order_status == "cancelled":
            raise NotEditable(f"{op.production_no} is cancelled; progress can no longer be reported.")
        check_report(op, quantity_done, quantity_scrap, started_at, finished_at,
                     session.scalar(text("SELECT now()")))
        with translated_errors():
            session.execute(text(
                "UPDATE production_operation SET quantity_done = :done, quantity_scrap = :scrap, "
                "actual_start = :started, actual_end = :finished WHERE id = :id"),
                {"done": quantity_done, "scrap": quantity_scrap, "started": started_at, "finished": finished_at,
                 "id": operation_id})
            status = _follow_operations(session, op.production_order_id)
        received = None
        if status == "completed":
            received = _receive(session, op.production_order_id, sales_order_id)
        sales_status = None
        if order is not None:
            sales_status = _follow_production(session, order, started_at is not None)
        with translated_errors():
            raise_execution_alerts(session, plant_timezone(session), [op.production_order_id])
        outcome = ProgressOutcome(_load(session, operation_id), status == "completed", received, sales_status,
                                  _message(op, status, received, sales_status))
        uow.commit()
    return outcome


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.astimezone()  # a desk's local wall-clock time
    return moment.astimezone(timezone.utc) if moment is not None else None


def _follow_operations(session: Session, production_order_id: int) -> str:
    """Set the production order's status and quantity done from its operations; returns the status."""
    row = session.execute(text("""
        SELECT po.status, bool_or(op.actual_start IS NOT NULL) AS started, bool_and(op.status = 'done') AS done,
               (array_agg(op.quantity_done ORDER BY op.seq DESC))[1] AS last_done
        FROM production_order po JOIN production_operation op ON op.production_order_id = po.id
        WHERE po.id = :id GROUP BY po.status"""), {"id": production_order_id}).one()
    status = "completed" if row.done else "in_progress" if row.started else (
        row.status if row.status in ("planned", "released") else "released")
    session.execute(text(
        "UPDATE production_order SET status = :status, quantity_done = :done "
        "WHERE id = :id AND (status, quantity_done) IS DISTINCT FROM (:status, :done)"),
        {"status": status, "done": row.last_done, "id": production_order_id})
    return status


def _receive(session: Session, production_order_id: int, sales_order_id: int | None) -> Decimal:
    """Post the completed production order to stock: into the sales line's (or order's) warehouse,
    else where the product is stocked, else the first warehouse."""
    warehouse_id = session.scalar(text("""
        SELECT coalesce(l.warehouse_id, so.warehouse_id,
                        (SELECT s.warehouse_id FROM stock_level s WHERE s.product_id = po.product_id
                         ORDER BY s.reorder_point DESC, s.id LIMIT 1),
                        (SELECT w.id FROM warehouse w WHERE w.active ORDER BY w.id LIMIT 1))
        FROM production_order po
        LEFT JOIN sales_order_line l ON l.id = po.sales_order_line_id
        LEFT JOIN sales_order so ON so.id = po.sales_order_id
        WHERE po.id = :id"""), {"id": production_order_id})
    if warehouse_id is None:
        raise ValidationFailed("There is no warehouse to receive the finished production into.")
    products = set(session.scalars(text(
        "SELECT product_id FROM production_order WHERE id = :id UNION "
        "SELECT product_id FROM material_demand WHERE production_order_id = :id AND quantity_reserved > 0 UNION "
        "SELECT product_id FROM sales_order_line WHERE order_id = CAST(:order AS bigint)"),
        {"id": production_order_id, "order": sales_order_id}))
    with translated_errors():
        session.execute(text("SELECT id FROM stock_level WHERE product_id = ANY(:p) ORDER BY id FOR UPDATE"),
                        {"p": sorted(products)}).all()
        return session.scalar(text("SELECT op_post_production(:id, :warehouse)"),
                              {"id": production_order_id, "warehouse": warehouse_id})


def _follow_production(session: Session, order, started: bool) -> str:
    """Move the sales order along with its production; returns its status afterwards."""
    status = order.status
    if status == "approved" and started:
        move(session, order, "in_production", "Production started")
        status = "in_production"
    if status not in ("approved", "in_production"):
        return status
    pending = session.scalar(text(
        "SELECT count(*) FROM production_order WHERE sales_order_id = :id AND status <> 'cancelled' "
        "AND (status <> 'completed' OR received_at IS NULL)"), {"id": order.id})
    if pending:
        return status
    reservations = reserve_order(session, order.id, order.order_no)
    if any(r.short > 0 for r in reservations):
        return status
    move(session, order, "ready_to_ship", "Production completed and received into stock")
    notify_role(session, "op_shipping", "order_ready", f"{order.order_no} is ready to ship", order_id=order.id,
                direct_only=True)
    return "ready_to_ship"


def _message(op: OperationProgress, status: str, received: Decimal | None, sales_status: str | None) -> str:
    if sales_status == "ready_to_ship":
        return f"{op.production_no} is complete and in stock; {op.order_no} is ready to ship."
    if received is not None:
        return f"{op.production_no} is complete; {received.normalize():f} received into stock."
    return f"Progress of operation {op.seq} of {op.production_no} saved."
