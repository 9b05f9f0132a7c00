"""The columns of the order detail page's tables: approvals, lines, production, shipments.

Plain texts from the order timeline's dataclasses; wording in translation context
"OrderDetailColumns", looked up when the page (re)translates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from PySide6.QtGui import QColor

from app.services.order_timeline import Approval, LineProgress, Operation, ProductionProgress, ShipmentProgress
from app.views.orders.detail_table_model import Column
from app.views.orders.order_lines_model import format_money, format_quantity
from app.views.orders.order_status import status_colours

SHORT = (QColor("#fbdada"), QColor("#a11d16"))
DONE = (QColor("#dcf2dc"), QColor("#1f6b26"))
WAITING = (QColor("#fff1c7"), QColor("#6b4a00"))




def moment(value: datetime | None) -> str:
    return "" if value is None else f"{value.astimezone():%Y-%m-%d %H:%M}"


def span(start: datetime | None, end: datetime | None) -> str:
    if start is None and end is None:
        return ""
    first, last = moment(start), moment(end)
    if start is not None and end is not None and first[:10] == last[:10]:
        return f"{first} – {last[11:]}"
    return f"{first or '…'} – {last or '…'}"


def approval_status(code: str) -> str:
    return {"pending": QCoreApplication.translate("OrderDetailColumns", "Waiting"), "approved": QCoreApplication.translate("OrderDetailColumns", "Approved"), "rejected": QCoreApplication.translate("OrderDetailColumns", "Rejected")}.get(code, code)


def decision_text(approval: Approval) -> str:
    words = {"approve": QCoreApplication.translate("OrderDetailColumns", "approved"), "reject": QCoreApplication.translate("OrderDetailColumns", "rejected")}
    lines = []
    for decision in approval.decisions:
        line = f"{decision.approver_name} {words.get(decision.decision, decision.decision)} {moment(decision.decided_at)}"
        if decision.comment:
            line += f": “{decision.comment}”"
        lines.append(line)
    return "\n".join(lines)


def _approval_colours(approval: Approval):
    if not approval.active:
        return None
    return {"approved": DONE, "rejected": SHORT, "pending": WAITING}.get(approval.status)


def approval_columns() -> list[Column]:
    return [
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Rule"), lambda a: a.rule_name),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Why"), lambda a: a.reason),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Approvals"), lambda a: f"{a.approvals} / {a.required_approvals}", right=True),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Status"), lambda a: approval_status(a.status) if a.active else QCoreApplication.translate("OrderDetailColumns", "Superseded"),
               colours=_approval_colours),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Decisions"), decision_text),
    ]


def _line_colours(line: LineProgress):
    if line.shortage_qty > 0:
        return SHORT
    if line.reserved_qty >= line.quantity or line.shipped_qty >= line.quantity:
        return DONE
    return None


def _line_state(line: LineProgress) -> str:
    if line.shipped_qty >= line.quantity:
        return QCoreApplication.translate("OrderDetailColumns", "Shipped")
    if line.shortage_qty > 0:
        return QCoreApplication.translate("OrderDetailColumns", "Short %1").replace("%1", format_quantity(line.shortage_qty))
    if line.reserved_qty >= line.quantity:
        return QCoreApplication.translate("OrderDetailColumns", "Reserved")
    if line.reserved_qty > 0:
        return QCoreApplication.translate("OrderDetailColumns", "Partly reserved")
    return QCoreApplication.translate("OrderDetailColumns", "Not reserved")


def line_columns() -> list[Column]:
    return [
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "#"), lambda line: str(line.line_no), right=True),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Product"), lambda line: f"{line.sku} — {line.product_name}"),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Ordered"), lambda line: f"{format_quantity(line.quantity)} {line.uom}", right=True),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Reserved"), lambda line: format_quantity(line.reserved_qty), right=True),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Short"), lambda line: format_quantity(line.shortage_qty) if line.shortage_qty else "",
               right=True),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Shipped"), lambda line: format_quantity(line.shipped_qty) if line.shipped_qty else "",
               right=True),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Available"), lambda line: _available(line), right=True),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Line total"), lambda line: format_money(line.line_total), right=True),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "State"), _line_state, colours=_line_colours),
    ]


def _available(line: LineProgress) -> str:
    if line.available_qty is None:
        return ""
    return f"{format_quantity(line.available_qty)} ({line.warehouse_code})" if line.warehouse_code else \
        format_quantity(line.available_qty)


@dataclass(frozen=True)
class ProductionRow:
    """One row of the production table: an operation, or a production order without operations."""

    key: str
    production_no: str
    step: str
    line_name: str | None
    planned: str
    actual: str
    done: Decimal
    quantity: Decimal
    status: str

    @staticmethod
    def of_operation(op: Operation) -> "ProductionRow":
        return ProductionRow(f"op-{op.id}", op.production_no, f"{op.seq} {op.name}", op.line_name,
                             span(op.planned_start, op.planned_end), span(op.actual_start, op.actual_end),
                             op.quantity_done, op.quantity, op.status)

    @staticmethod
    def of_order(order: ProductionProgress) -> "ProductionRow":
        due = f"{order.due_date:%Y-%m-%d}" if order.due_date else ""
        return ProductionRow(f"po-{order.id}", order.production_no, f"{order.sku} — {order.product_name}",
                             order.line_name, due, "", order.quantity_done, order.quantity, order.status)


def production_status(code: str) -> str:
    return {"planned": QCoreApplication.translate("OrderDetailColumns", "Planned"), "pending": QCoreApplication.translate("OrderDetailColumns", "Pending"), "scheduled": QCoreApplication.translate("OrderDetailColumns", "Scheduled"),
            "released": QCoreApplication.translate("OrderDetailColumns", "Released"), "in_progress": QCoreApplication.translate("OrderDetailColumns", "In progress"), "done": QCoreApplication.translate("OrderDetailColumns", "Done"),
            "completed": QCoreApplication.translate("OrderDetailColumns", "Done"), "cancelled": QCoreApplication.translate("OrderDetailColumns", "Cancelled")}.get(code, code.replace("_", " "))


def _production_colours(row: ProductionRow):
    if row.status in ("done", "completed"):
        return DONE
    if row.status == "in_progress":
        return status_colours("in_production")
    return None


def production_columns() -> list[Column]:
    return [
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Production order"), lambda r: r.production_no),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Step"), lambda r: r.step),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Line"), lambda r: r.line_name or ""),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Planned"), lambda r: r.planned),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Actual"), lambda r: r.actual),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Done"), lambda r: f"{format_quantity(r.done)} / {format_quantity(r.quantity)}", right=True),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Status"), lambda r: production_status(r.status), colours=_production_colours),
    ]


def shipment_status(code: str) -> str:
    return {"planned": QCoreApplication.translate("OrderDetailColumns", "Planned"), "packed": QCoreApplication.translate("OrderDetailColumns", "Packed"), "shipped": QCoreApplication.translate("OrderDetailColumns", "Shipped"),
            "delivered": QCoreApplication.translate("OrderDetailColumns", "Delivered"), "cancelled": QCoreApplication.translate("OrderDetailColumns", "Cancelled")}.get(code, code)


def shipment_columns() -> list[Column]:
    return [
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Shipment"), lambda s: s.shipment_no),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Status"), lambda s: shipment_status(s.status),
               colours=lambda s: DONE if s.status in ("shipped", "delivered") else None),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Carrier"), lambda s: " ".join(p for p in (s.carrier, s.tracking_no) if p)),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Packages"), lambda s: str(s.packages), right=True),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Shipped"), lambda s: moment(s.shipped_at)),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Delivered"), lambda s: moment(s.delivered_at)),
        Column(lambda: QCoreApplication.translate("OrderDetailColumns", "Last tracking event"), _last_event),
    ]


def _last_event(shipment: ShipmentProgress) -> str:
    if not shipment.last_event:
        return ""
    return f"{shipment.last_event} ({moment(shipment.last_event_at)})"
