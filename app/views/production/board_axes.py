"""The board's axes: the time ruler above the bars and the line names on their left.

Both are small widgets sitting in the view's margins; they read the view's scroll and zoom and
repaint when either changes, so they stay put while the bars pan under them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from html import escape

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QEvent, QLocale, QPointF, QRectF, Qt, QTime
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from app.views.production.bar_style import ALERT_BORDER, ALERT_FILL, NOW_COLOUR, alert_label
from app.views.production.board_layout import MINUTES_PER_DAY, ROW_HEIGHT

RULER_HEIGHT = 46
LABEL_WIDTH = 188
BACKGROUND = QColor("#f4f6f9")
BORDER = QColor("#cdd3db")
TEXT = QColor("#1c2530")
MUTED = QColor("#5b6675")
_STEPS = (15, 30, 60, 120, 180, 360, 720, MINUTES_PER_DAY)


def grid_step(px_per_minute: float) -> tuple[int, int]:
    """(minor gridline step, ruler label step) in minutes for a zoom."""
    minor = next((s for s in _STEPS if s * px_per_minute >= 14), MINUTES_PER_DAY)
    label = next((s for s in _STEPS if s * px_per_minute >= 46), MINUTES_PER_DAY)
    return minor, label


def qdatetime(moment: datetime) -> QDateTime:
    return QDateTime(QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute, moment.second))


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class TimeRuler(QWidget):
    """Days (or weeks) on top, hours (or days) below, and where now is."""

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.setObjectName("ganttRuler")

    def paintEvent(self, event) -> None:
        view, layout = self.view, self.view.layout_
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        width, half = self.width(), RULER_HEIGHT // 2
        sx = view.px_per_minute
        first, last = view.visible_range()
        font = QFont(self.font())
        bold = QFont(font)
        bold.setBold(True)
        locale = QLocale()
        day_px = MINUTES_PER_DAY * sx
        painter.setPen(QPen(BORDER, 1))
        painter.drawLine(QPointF(0, half + 0.5), QPointF(width, half + 0.5))
        painter.drawLine(QPointF(0, RULER_HEIGHT - 0.5), QPointF(width, RULER_HEIGHT - 0.5))
        day = layout.time_at(first).date()
        if day_px >= 90:   # top: one label per day, bottom: hours
            top_unit, top_format = 1, self.tr("dddd d MMM") if day_px >= 160 else self.tr("ddd d MMM")
        else:              # top: weeks, bottom: days
            day -= timedelta(days=day.weekday())
            top_unit, top_format = 7, ""
        painter.setFont(bold)
        while (x0 := layout.x_of(datetime.combine(day, time()))) <= last:
            x1 = x0 + top_unit * MINUTES_PER_DAY
            left, right = (x0 - first) * sx, (x1 - first) * sx
            if top_unit == 1:
                label = locale.toString(qdate(day), top_format)
            else:
                end = day + timedelta(days=6)
                label = self.tr("Week %1 · %2 – %3").replace("%1", str(day.isocalendar()[1])).replace(
                    "%2", locale.toString(qdate(day), self.tr("d MMM"))).replace(
                    "%3", locale.toString(qdate(end), self.tr("d MMM")))
            painter.setPen(QPen(BORDER, 1))
            painter.drawLine(QPointF(round(left) + 0.5, 0), QPointF(round(left) + 0.5, half))
            shown_left = max(left, 0) + 6
            box = QRectF(shown_left, 0, max(0.0, right - shown_left - 4), half)
            painter.setPen(TEXT)
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, int(box.width())))
            day += timedelta(days=top_unit)
        painter.setFont(font)
        _, step = grid_step(sx)
        painter.setPen(MUTED)
        if step < MINUTES_PER_DAY:
            x = (first // step) * step
            while x <= last:
                px = (x - first) * sx
                painter.setPen(QPen(BORDER, 1))
                painter.drawLine(QPointF(round(px) + 0.5, RULER_HEIGHT - 6), QPointF(round(px) + 0.5, RULER_HEIGHT))
                painter.setPen(MUTED)
                minutes = int(x % MINUTES_PER_DAY)
                painter.drawText(QRectF(px + 4, half, step * sx - 4, half),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 f"{minutes // 60:02d}:{minutes % 60:02d}")
                x += step
        else:
            day = layout.time_at(first).date()
            fmt = "ddd d" if day_px >= 44 else "d"
            while (x0 := layout.x_of(datetime.combine(day, time()))) <= last:
                px = (x0 - first) * sx
                painter.setPen(QPen(BORDER, 1))
                painter.drawLine(QPointF(round(px) + 0.5, half), QPointF(round(px) + 0.5, RULER_HEIGHT))
                painter.setPen(MUTED)
                painter.drawText(QRectF(px + 3, half, day_px - 3, half),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 locale.toString(qdate(day), fmt))
                day += timedelta(days=1)
        if view.now is not None:
            px = (layout.x_of(view.now) - first) * sx
            if 0 <= px <= width:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                path = QPainterPath()
                path.moveTo(px - 6, RULER_HEIGHT - 8)
                path.lineTo(px + 6, RULER_HEIGHT - 8)
                path.lineTo(px, RULER_HEIGHT)
                path.closeSubpath()
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(NOW_COLOUR)
                painter.drawPath(path)
        painter.end()


class LineHeader(QWidget):
    """Line codes and names, one per row, with an amber marker when a line has an open alert."""

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.setObjectName("ganttLineHeader")
        self.setMouseTracking(True)
        self.caption = ""

    def paintEvent(self, event) -> None:
        view, layout = self.view, self.view.layout_
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        bold = QFont(self.font())
        bold.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
        offset = RULER_HEIGHT - view.mapToScene(0, 0).y()
        painter.setClipRect(QRectF(0, RULER_HEIGHT, self.width(), self.height() - RULER_HEIGHT))
        alerts = view.board.line_alerts
        for row, line in enumerate(layout.lines):
            top = layout.row_top(row) + offset
            if top + ROW_HEIGHT < RULER_HEIGHT or top > self.height():
                continue
            painter.setPen(QPen(BORDER, 1))
            bottom = round(top + ROW_HEIGHT) - 0.5
            painter.drawLine(QPointF(0, bottom), QPointF(self.width(), bottom))
            room = self.width() - 24
            painter.setFont(bold)
            painter.setPen(TEXT)
            painter.drawText(QRectF(12, top + 4, room, ROW_HEIGHT / 2 - 2),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, line.code)
            code_width = painter.fontMetrics().horizontalAdvance(line.code)
            painter.setFont(small)
            painter.setPen(MUTED)
            name = painter.fontMetrics().elidedText(line.name, Qt.TextElideMode.ElideRight, int(room))
            painter.drawText(QRectF(12, top + ROW_HEIGHT / 2 + 1, room, ROW_HEIGHT / 2 - 4),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, name)
            if alerts.get(line.id):
                _warning(painter, QPointF(12 + code_width + 14, top + ROW_HEIGHT / 2 - 14))  # beside the code, above the name
        painter.setClipping(False)
        painter.setFont(bold)
        painter.fillRect(QRectF(0, 0, self.width(), RULER_HEIGHT), BACKGROUND)
        painter.setPen(MUTED)
        painter.drawText(QRectF(12, 0, self.width() - 16, RULER_HEIGHT),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.caption)
        painter.setPen(QPen(BORDER, 1))
        painter.drawLine(QPointF(0, RULER_HEIGHT - 0.5), QPointF(self.width(), RULER_HEIGHT - 0.5))
        painter.drawLine(QPointF(self.width() - 0.5, 0), QPointF(self.width() - 0.5, self.height()))
        painter.end()

    def line_at(self, y: float):
        layout = self.view.layout_
        scene_y = y - RULER_HEIGHT + self.view.mapToScene(0, 0).y()
        if y < RULER_HEIGHT or scene_y >= layout.height or not layout.lines:
            return None
        return layout.line_at_row(layout.row_at(scene_y))

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            line = self.line_at(event.pos().y())
            if line is None:
                QToolTip.hideText()
                return True
            alerts = self.view.board.line_alerts.get(line.id, ())
            QToolTip.showText(event.globalPos(), line_tooltip(self, line, alerts), self)
            return True
        return super().event(event)


def line_tooltip(widget: QWidget, line, alerts) -> str:
    """The hover details of a line: name, efficiency, shifts per weekday, open alerts."""
    translate = QCoreApplication.translate
    efficiency = translate("LineHeader", "Efficiency: %1 %").replace("%1", f"{line.efficiency_pct:g}")
    parts = [f"<b>{escape(line.code)}</b> · {escape(line.name)}", efficiency]
    days: dict[int, list[str]] = {}
    for shift in line.shifts:
        end = "24:00" if shift.ends_at == time(0) else f"{shift.ends_at:%H:%M}"
        days.setdefault(shift.weekday, []).append(f"{shift.starts_at:%H:%M}–{end}")
    if days:
        locale = QLocale()
        week = "; ".join(f"{escape(locale.dayName(weekday, QLocale.FormatType.ShortFormat))} {', '.join(days[weekday])}"
                         for weekday in sorted(days))
        parts.append(translate("LineHeader", "Shifts: %1").replace("%1", week))
    else:
        parts.append(translate("LineHeader", "No shifts: this line has no working time."))
    for alert in alerts:
        parts.append(f"<span style='color:#8a4b00'>⚠ {escape(alert_label(alert.kind))}: {escape(alert.message)}</span>")
    return "<br>".join(parts)


def _warning(painter: QPainter, at: QPointF) -> None:
    size = 13.0
    path = QPainterPath()
    path.moveTo(at.x(), at.y())
    path.lineTo(at.x() + size / 2, at.y() + size)
    path.lineTo(at.x() - size / 2, at.y() + size)
    path.closeSubpath()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(ALERT_BORDER, 1))
    painter.setBrush(ALERT_FILL)
    painter.drawPath(path)
    painter.setPen(QPen(ALERT_BORDER, 1.5))
    painter.drawLine(QPointF(at.x(), at.y() + 4), QPointF(at.x(), at.y() + 8.5))
    painter.drawPoint(QPointF(at.x(), at.y() + 10.5))
