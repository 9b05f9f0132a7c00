"""The hover details of a bar: order, product, line, slot, progress, promise and open alerts."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from PySide6.QtCore import QCoreApplication, QLocale

from app.services.production_board import BoardBar
from app.views.production.bar_style import alert_label, quantity_text, status_label
from app.views.production.board_axes import qdate, qdatetime


def _tr(text: str) -> str:
    return QCoreApplication.translate("BarTooltip", text)


def duration_text(span: timedelta) -> str:
    minutes = round(span.total_seconds() / 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return _tr("%1 d %2 h").replace("%1", str(days)).replace("%2", str(hours))
    if hours:
        return _tr("%1 h %2 min").replace("%1", str(hours)).replace("%2", str(minutes))
    return _tr("%1 min").replace("%1", str(minutes))


def _moment(locale: QLocale, moment: datetime) -> str:
    return locale.toString(qdatetime(moment), "ddd yyyy-MM-dd HH:mm")


def bar_tooltip(bar: BoardBar, alerts, layout, editable: bool = False) -> str:
    locale = QLocale()
    line = next((line for line in layout.lines if line.id == bar.line_id), None)
    title = _tr("Operation %1 · %2").replace("%1", str(bar.seq)).replace("%2", escape(bar.name))
    rows = [f"<b>{escape(bar.production_no)}</b> &nbsp;{title}"]
    rows.append(_tr("Product: %1").replace("%1", escape(f"{bar.sku} {bar.product} × {quantity_text(bar.quantity)}")))
    if bar.sales_order_no:
        rows.append(_tr("Sales order: %1").replace(
            "%1", escape(bar.sales_order_no + (f" · {bar.customer}" if bar.customer else ""))))
    status = status_label(bar.status)
    rows.append(_tr("Line: %1 · Status: %2 · Priority %3").replace(
        "%1", escape(line.code if line else str(bar.line_id))).replace("%2", escape(status)).replace(
        "%3", str(bar.priority)))
    rows.append(_tr("Planned: %1 – %2 (%3)").replace("%1", _moment(locale, bar.start)).replace(
        "%2", _moment(locale, bar.end)).replace("%3", duration_text(bar.end - bar.start)))
    done = quantity_text(bar.quantity if bar.status == "done" and not bar.quantity_done else bar.quantity_done)
    progress = _tr("Progress: %1 of %2 done (%3 %)").replace("%1", done).replace(
        "%2", quantity_text(bar.quantity)).replace("%3", str(round(bar.progress * 100)))
    if bar.quantity_scrap:
        progress += _tr(", %1 scrapped").replace("%1", quantity_text(bar.quantity_scrap))
    rows.append(progress)
    if bar.promised:
        promise = _tr("Promised: %1").replace("%1", locale.toString(qdate(bar.promised), "yyyy-MM-dd"))
        if bar.expected_completion:
            promise += " · " + _tr("expected: %1").replace("%1", _moment(locale, bar.expected_completion))
        rows.append(promise)
        if bar.late:
            late_by = (bar.expected_completion or bar.end) - bar.due
            rows.append("<span style='color:#a11d16'><b>" + escape(_tr("Late by %1").replace(
                "%1", duration_text(late_by))) + "</b></span>")
    for alert in alerts:
        rows.append(f"<span style='color:#8a4b00'>⚠ {escape(alert_label(alert.kind))}: {escape(alert.message)}</span>")
    if editable and bar.movable:
        hint = escape(_tr("Drag to another time or line to reschedule."))
        rows.append(f"<span style='color:#5b6675'>{hint}</span>")
    return "<br>".join(rows)
