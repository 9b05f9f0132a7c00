"""The approvals inbox's detail pane: one order as the approver needs it, rendered as rich text.

Header facts (customer, total, dates, who submitted), every rule that fired with the server's
sentence and how far its approvals got, decisions other approvers already gave with their
comments, and the order lines once they are loaded. Text only; the page owns the buttons.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from PySide6.QtCore import QCoreApplication

from app.services.approvals import InboxEntry
from app.services.orders import OrderSummary
from app.views.approvals.approval_texts import fill, money, progress_text, reason_detail, rule_summary
from app.views.orders.order_status import channel_label, priority_label

MUTED = "#5c636d"


def detail_html(entry: InboxEntry, order: OrderSummary | None, loading_lines: bool = False) -> str:
    """The whole pane for ``entry``; ``order`` adds the lines (None while they load)."""
    translate = QCoreApplication.translate
    facts = [
        (translate("ApprovalDetail", "Customer"), escape(entry.customer_name)),
        (translate("ApprovalDetail", "Total"), f"<b>{money(entry.total_amount)} {escape(entry.currency)}</b>"),
        (translate("ApprovalDetail", "Requested date"),
         entry.requested_date.isoformat() if entry.requested_date else translate("ApprovalDetail", "none")),
        (translate("ApprovalDetail", "Priority"), escape(priority_label(entry.priority))),
        (translate("ApprovalDetail", "Channel"), escape(channel_label(entry.channel))),
        (translate("ApprovalDetail", "Submitted"), escape(fill(
            translate("ApprovalDetail", "%1 by %2"),
            entry.submitted_at.astimezone().strftime("%Y-%m-%d %H:%M") if entry.submitted_at else "",
            entry.created_by_name))),
    ]
    parts = [f"<h3 style='margin:0 0 6px 0'>{escape(entry.order_no)}</h3>",
             "<table cellspacing='0' cellpadding='2'>"]
    parts += [f"<tr><td style='color:{MUTED}; padding-right:12px'>{escape(label)}</td><td>{value}</td></tr>"
              for label, value in facts]
    parts.append("</table>")

    why = translate("ApprovalDetail", "Why approval is needed")
    parts.append(f"<h4 style='margin:12px 0 4px 0'>{escape(why)}</h4>")
    parts.append("<ul style='margin-top:0; margin-left:-18px'>")
    for hit in entry.rules:
        not_yours = translate("ApprovalDetail", "(not yours to decide)")
        mine = "" if hit.for_me else f" <i style='color:{MUTED}'>{escape(not_yours)}</i>"
        detail = reason_detail(hit)
        detail = f"<span style='color:{MUTED}'>{escape(detail)}</span><br>" if detail else ""
        parts.append(f"<li><b>{escape(rule_summary(hit))}</b>{mine}<br>{detail}{escape(progress_text(hit))}")
        for note in hit.decisions:
            verb = (translate("ApprovalDetail", "approved") if note.decision == "approve"
                    else translate("ApprovalDetail", "rejected"))
            comment = f": “{escape(note.comment)}”" if note.comment else ""
            parts.append(f"<br><span style='color:{MUTED}'>{escape(note.approver_name)} {escape(verb)} "
                         f"{note.decided_at.astimezone().strftime('%Y-%m-%d %H:%M')}{comment}</span>")
        parts.append("</li>")
    parts.append("</ul>")

    lines_title = translate("ApprovalDetail", "Order lines")
    parts.append(f"<h4 style='margin:12px 0 4px 0'>{escape(lines_title)}</h4>")
    if order is None:
        text = translate("ApprovalDetail", "Loading…") if loading_lines else ""
        parts.append(f"<p style='color:{MUTED}'>{escape(text)}</p>")
    else:
        parts.append(_lines_table(order))
    return "".join(parts)


def _lines_table(order: OrderSummary) -> str:
    translate = QCoreApplication.translate
    headers = (translate("ApprovalDetail", "Item"), translate("ApprovalDetail", "Qty"),
               translate("ApprovalDetail", "Price"), translate("ApprovalDetail", "Disc. %"),
               translate("ApprovalDetail", "Line total"))
    cells = "".join(f"<th align='{'left' if n == 0 else 'right'}' style='color:{MUTED}; padding:2px 6px'>"
                    f"{escape(h)}</th>" for n, h in enumerate(headers))
    rows = [f"<table cellspacing='0' cellpadding='2' width='100%'><tr>{cells}</tr>"]
    for line in order.lines:
        discount = _plain(line.discount_pct) if line.discount_pct else ""
        rows.append(
            f"<tr><td style='padding:2px 6px'>{escape(line.sku)} {escape(line.product_name)}</td>"
            f"<td align='right' style='padding:2px 6px'>{_plain(line.quantity)}</td>"
            f"<td align='right' style='padding:2px 6px'>{money(line.unit_price)}</td>"
            f"<td align='right' style='padding:2px 6px'>{discount}</td>"
            f"<td align='right' style='padding:2px 6px'>{money(line.line_total)}</td></tr>")
    rows.append("</table>")
    return "".join(rows)


def _plain(value: Decimal) -> str:
    """A quantity without trailing zeros: 5, 2.5."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
