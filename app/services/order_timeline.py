""""Where is order X?": one order's status, history, approvals, fulfilment and alerts as plain data.

:func:`load_timeline` reads everything the order detail screen shows in one transaction (a
handful of indexed queries, so one consistent moment): every status step with who and when
(``order_status_history``), approval requests with the rule's reason and each decision with its
comment, lines with reservation, shortage and shipped quantity, production orders and their
operations, shipments, and deviation alerts.

It also says which actions this login may take now (:class:`OrderActions`), read from the same
``order_status_transition`` rows the server's guard reads — so buttons are enabled exactly when
the database would allow the move (the database still decides).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import text

from app.services.errors import ValidationFailed
from app.services.lifecycle import OPEN_BEFORE_SHIPPING


@dataclass(frozen=True)
class OrderHeader:
    id: int
    order_no: str
    status: str
    customer_stage: str          # received / processing / shipped / completed (what the customer sees)
    customer_id: int
    customer_code: str
    customer_name: str
    channel: str
    order_type: str
    priority: int
    order_date: date
    requested_date: date | None
    promised_date: date | None
    total_amount: Decimal
    currency: str
    version: int
    created_by: str
    created_by_name: str
    created_at: datetime
    updated_at: datetime
    hold_kind: str | None
    hold_reason: str | None
    held_from_status: str | None
    notes: str | None
    customer_reference: str | None
    external_ref: str | None


@dataclass(frozen=True)
class StatusStep:
    id: int
    from_status: str | None
    to_status: str
    actor: str
    actor_name: str
    changed_at: datetime
    note: str | None


@dataclass(frozen=True)
class Decision:
    id: int
    approver: str
    approver_name: str
    decision: str               # approve / reject
    comment: str | None
    decided_at: datetime


@dataclass(frozen=True)
class Approval:
    id: int
    rule_name: str
    reason: str
    approver_role: str
    required_approvals: int
    approvals: int
    status: str                 # pending / approved / rejected
    active: bool                # false once the order was resubmitted
    created_at: datetime
    decided_at: datetime | None
    decisions: tuple[Decision, ...] = ()


@dataclass(frozen=True)
class LineProgress:
    id: int
    line_no: int
    sku: str
    product_name: str
    uom: str
    quantity: Decimal
    unit_price: Decimal
    line_total: Decimal
    reserved_qty: Decimal
    shortage_qty: Decimal
    shipped_qty: Decimal
    available_qty: Decimal | None   # on hand minus reserved in the line's warehouse, if it has one
    warehouse_code: str | None


@dataclass(frozen=True)
class Operation:
    id: int
    production_order_id: int
    production_no: str
    seq: int
    name: str
    line_name: str | None
    planned_start: datetime | None
    planned_end: datetime | None
    actual_start: datetime | None
    actual_end: datetime | None
    quantity: Decimal            # the production order's quantity
    quantity_done: Decimal
    quantity_scrap: Decimal
    status: str


@dataclass(frozen=True)
class ProductionProgress:
    id: int
    production_no: str
    sku: str
    product_name: str
    quantity: Decimal
    quantity_done: Decimal
    status: str
    line_name: str | None
    due_date: date | None
    expected_completion: datetime | None


@dataclass(frozen=True)
class ShipmentProgress:
    id: int
    shipment_no: str
    status: str
    carrier: str | None
    tracking_no: str | None
    packages: int
    weight_kg: Decimal
    shipped_at: datetime | None
    delivered_at: datetime | None
    last_event: str | None
    last_event_at: datetime | None


@dataclass(frozen=True)
class Alert:
    id: int
    kind: str
    message: str
    raised_at: datetime
    resolved_at: datetime | None


@dataclass(frozen=True)
class OrderActions:
    """What this login may do to the order now (mirrors the server's transition rules)."""

    edit: bool = False
    submit: bool = False
    hold: bool = False
    release: bool = False
    cancel: bool = False
    print_confirmation: bool = False


@dataclass(frozen=True)
class OrderTimeline:
    header: OrderHeader
    steps: tuple[StatusStep, ...]
    approvals: tuple[Approval, ...]
    lines: tuple[LineProgress, ...]
    production: tuple[ProductionProgress, ...]
    operations: tuple[Operation, ...]
    shipments: tuple[ShipmentProgress, ...]
    alerts: tuple[Alert, ...]
    actions: OrderActions = field(default_factory=OrderActions)

    @property
    def open_alerts(self) -> tuple[Alert, ...]:
        return tuple(a for a in self.alerts if a.resolved_at is None)


_HEADER = text("""
    SELECT o.id, o.order_no, o.status, s.customer_stage, o.customer_id, c.code AS customer_code,
           c.name AS customer_name, o.channel, o.order_type, o.priority, o.order_date, o.requested_date,
           o.promised_date, o.total_amount, o.currency, o.version, o.created_by,
           coalesce(u.display_name, o.created_by) AS created_by_name, o.created_at, o.updated_at, o.hold_kind,
           o.hold_reason, o.held_from_status, o.notes, o.customer_reference, o.external_ref
    FROM sales_order o
    JOIN customer c ON c.id = o.customer_id
    JOIN order_status s ON s.code = o.status
    LEFT JOIN app_user u ON u.login = o.created_by
    WHERE o.id = :id
""")

_STEPS = text("""
    SELECT h.id, h.from_status, h.to_status, h.actor, coalesce(u.display_name, h.actor) AS actor_name,
           h.changed_at, h.note
    FROM order_status_history h LEFT JOIN app_user u ON u.login = h.actor
    WHERE h.order_id = :id ORDER BY h.id
""")

_APPROVALS = text("""
    SELECT id, rule_name, reason, approver_role, required_approvals, approvals, status, active, created_at,
           decided_at
    FROM approval_request WHERE order_id = :id ORDER BY id
""")

_DECISIONS = text("""
    SELECT d.id, d.request_id, d.approver, coalesce(u.display_name, d.approver) AS approver_name, d.decision,
           d.comment, d.decided_at
    FROM approval_decision d LEFT JOIN app_user u ON u.login = d.approver
    WHERE d.order_id = :id ORDER BY d.id
""")

_LINES = text("""
    SELECT l.id, l.line_no, p.sku, p.name AS product_name, p.uom, l.quantity, l.unit_price, l.line_total,
           l.reserved_qty, l.shortage_qty,
           coalesce((SELECT sum(sl.quantity) FROM shipment_line sl JOIN shipment s ON s.id = sl.shipment_id
                     WHERE sl.order_line_id = l.id AND s.status <> 'cancelled'), 0) AS shipped_qty,
           st.on_hand - st.reserved AS available_qty, w.code AS warehouse_code
    FROM sales_order_line l
    JOIN product p ON p.id = l.product_id
    LEFT JOIN warehouse w ON w.id = l.warehouse_id
    LEFT JOIN stock_level st ON st.product_id = l.product_id AND st.warehouse_id = l.warehouse_id
    WHERE l.order_id = :id ORDER BY l.line_no
""")

_PRODUCTION = text("""
    SELECT po.id, po.production_no, p.sku, p.name AS product_name, po.quantity, po.quantity_done, po.status,
           pl.name AS line_name, po.due_date, po.expected_completion
    FROM production_order po
    JOIN product p ON p.id = po.product_id
    LEFT JOIN production_line pl ON pl.id = po.production_line_id
    WHERE po.sales_order_id = :id ORDER BY po.id
""")

_OPERATIONS = text("""
    SELECT op.id, op.production_order_id, po.production_no, op.seq, op.name, pl.name AS line_name,
           op.planned_start, op.planned_end, op.actual_start, op.actual_end, po.quantity, op.quantity_done,
           op.quantity_scrap, op.status
    FROM production_operation op
    JOIN production_order po ON po.id = op.production_order_id
    LEFT JOIN production_line pl ON pl.id = op.production_line_id
    WHERE po.sales_order_id = :id ORDER BY po.id, op.seq
""")

_SHIPMENTS = text("""
    SELECT s.id, s.shipment_no, s.status, ca.name AS carrier, s.tracking_no,
           (SELECT count(*) FROM shipment_package k WHERE k.shipment_id = s.id)::int AS packages,
           s.weight_kg, s.shipped_at, s.delivered_at, e.status AS last_event, e.occurred_at AS last_event_at
    FROM shipment s
    LEFT JOIN carrier ca ON ca.id = s.carrier_id
    LEFT JOIN LATERAL (SELECT t.status, t.occurred_at FROM tracking_event t WHERE t.shipment_id = s.id
                       ORDER BY t.occurred_at DESC, t.id DESC LIMIT 1) e ON true
    WHERE s.order_id = :id ORDER BY s.id
""")

_ALERTS = text("""
    SELECT a.id, a.kind, a.message, a.raised_at, a.resolved_at
    FROM deviation_alert a
    WHERE a.sales_order_id = :id
       OR a.production_order_id IN (SELECT po.id FROM production_order po WHERE po.sales_order_id = :id)
    ORDER BY a.resolved_at IS NULL DESC, a.raised_at DESC, a.id DESC
""")

_PERMISSIONS = text("""
    SELECT ARRAY(SELECT DISTINCT t.to_status FROM order_status_transition t
                 WHERE t.from_status = :status AND pg_has_role(session_user, t.role_name, 'MEMBER')) AS moves,
           pg_has_role(session_user, 'op_sales', 'MEMBER') AS sales,
           pg_has_role(session_user, 'op_manager', 'MEMBER') AS manager
""")


def load_timeline(order_id: int, *, uow) -> OrderTimeline:
    """Everything about one order, as seen at one moment; raises ValidationFailed if it does not exist."""
    with uow:
        session = uow.session
        row = session.execute(_HEADER, {"id": order_id}).first()
        if row is None:
            raise ValidationFailed(f"Order {order_id} does not exist.", field="order")
        header = OrderHeader(**row._asdict())
        params = {"id": order_id}
        steps = tuple(StatusStep(**r._asdict()) for r in session.execute(_STEPS, params))
        decisions: dict[int, list[Decision]] = {}
        for r in session.execute(_DECISIONS, params):
            values = r._asdict()
            decisions.setdefault(values.pop("request_id"), []).append(Decision(**values))
        approvals = tuple(Approval(**r._asdict(), decisions=tuple(decisions.get(r.id, ())))
                          for r in session.execute(_APPROVALS, params))
        lines = tuple(LineProgress(**r._asdict()) for r in session.execute(_LINES, params))
        production = tuple(ProductionProgress(**r._asdict()) for r in session.execute(_PRODUCTION, params))
        operations = tuple(Operation(**r._asdict()) for r in session.execute(_OPERATIONS, params))
        shipments = tuple(ShipmentProgress(**r._asdict()) for r in session.execute(_SHIPMENTS, params))
        alerts = tuple(Alert(**r._asdict()) for r in session.execute(_ALERTS, params))
        permissions = session.execute(_PERMISSIONS, {"status": header.status}).one()
    actions = allowed_actions(header, frozenset(permissions.moves), sales=permissions.sales,
                              manager=permissions.manager)
    return OrderTimeline(header, steps, approvals, lines, production, operations, shipments, alerts, actions)


def allowed_actions(header: OrderHeader, moves: frozenset[str], *, sales: bool, manager: bool) -> OrderActions:
    """The actions the lifecycle services would carry out for a login that may make ``moves``
    (the statuses it may move this order to from its current one)."""
    status = header.status
    release_to = header.held_from_status
    return OrderActions(
        edit=status == "draft" and sales,
        submit=status == "draft" and "pending_approval" in moves,
        hold=status in OPEN_BEFORE_SHIPPING and "on_hold" in moves,
        release=(status == "on_hold" and release_to is not None and release_to in moves
                 and (header.hold_kind != "credit" or manager)),
        cancel=status in OPEN_BEFORE_SHIPPING + ("on_hold", "rejected") and "cancelled" in moves,
        print_confirmation=status not in ("draft", "cancelled", "rejected"),
    )
