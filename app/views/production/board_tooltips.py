"""The hover details of a bar: order, product, line, slot, progress, promise and open alerts."""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape

from PySide6.QtCore import QCoreApplication, QLocale

from app.services.production_board import BoardBar
from app.views.production.alert_messages import translated_alert
from app.views.production.bar_style import alert_label, quantity_text, status_label
from app.views.production.board_axes import qdate, qdatetime


def _fill(text: str, *values) -> str:
    """``%1``, ``%2``… of a translated text replaced by ``values``."""
    for n, value in reversed(list(enumerate(values, 1))):
        text = text.replace(f"%{n}", str(value))
    return text


def duration_text(span: timedelta) -> str:
    minutes = round(span.total_seconds() / 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return _fill(QCoreApplication.translate("BarTooltip", "%1 d %2 h"), days, hours)
    if hours:
        return _fill(QCoreApplication.translate("BarTooltip", "%1 h %2 min"), hours, minutes)
    return _fill(QCoreApplication.translate("BarTooltip", "%1 min"), minutes)


def _moment(locale: QLocale, moment: datetime) -> str:
    return locale.toString(qdatetime(moment), "ddd yyyy-MM-dd HH:mm")


def bar_tooltip(bar: BoardBar, alerts, layout, editable: bool = False) -> str:
    """Rich text for the bar's tooltip (``editable``: add the drag hint)."""
    locale = QLocale()
    line = next((line for line in layout.lines if line.id == bar.line_id), None)
    title = _fill(QCoreApplication.translate("BarTooltip", "Operation %1 · %2"), bar.seq, escape(bar.name))
    product = escape(f"{bar.sku} {bar.product} × {quantity_text(bar.quantity)}")
    rows = [f"<b>{escape(bar.production_no)}</b> &nbsp;{title}",
            _fill(QCoreApplication.translate("BarTooltip", "Product: %1"), product)]
    if bar.sales_order_no:
        sales = bar.sales_order_no + (f" · {bar.customer}" if bar.customer else "")
        rows.append(_fill(QCoreApplication.translate("BarTooltip", "Sales order: %1"), escape(sales)))
    rows.append(_fill(QCoreApplication.translate("BarTooltip", "Line: %1 · Status: %2 · Priority %3"),
                      escape(line.code if line else str(bar.line_id)), escape(status_label(bar.status)), bar.priority))
    rows.append(_fill(QCoreApplication.translate("BarTooltip", "Planned: %1 – %2 (%3)"), _moment(locale, bar.start),
                      _moment(locale, bar.end), duration_text(bar.end - bar.start)))
    done = quantity_text(bar.quantity if bar.status == "done" and not bar.quantity_done else bar.quantity_done)
    progress = _fill(QCoreApplication.translate("BarTooltip", "Progress: %1 of %2 done (%3 %)"), done,
                     quantity_text(bar.quantity), round(bar.progress * 100))
    if bar.quantity_scrap:
        progress += _fill(QCoreApplication.translate("BarTooltip", ", %1 scrapped"), quantity_text(bar.quantity_scrap))
    rows.append(progress)
    if bar.promised:
        promise = _fill(QCoreApplication.translate("BarTooltip", "Promised: %1"),
                        locale.toString(qdate(bar.promised), "yyyy-MM-dd"))
        if bar.expected_completion:
            promise += " · " + _fill(QCoreApplication.translate("BarTooltip", "expected: %1"),
                                     _moment(locale, bar.expected_completion))
        rows.append(promise)
        if bar.late:
            late = _fill(QCoreApplication.translate("BarTooltip", "Late by %1"),
                         duration_text((bar.expected_completion or bar.end) - bar.due))
            rows.append(f"<span style='color:#a11d16'><b>{escape(late)}</b></span>")
    for alert in alerts:
        text = f"{alert_label(alert.kind)}: {translated_alert(alert.message)}"
        rows.append(f"<span style='color:#8a4b00'>⚠ {escape(text)}</span>")
    if editable and bar.movable:
        hint = escape(QCoreApplication.translate("BarTooltip", "Drag to another time or line to reschedule."))
        rows.append(f"<span style='color:#5b6675'>{hint}</span>")
    return "<br>".join(rows)
