"""The vertical status timeline of the order detail page: every step taken (who, when, why), then the
steps still ahead on the usual path, greyed.

Each step is a row with a coloured dot on a connecting line (painted), the status, who made the
move and when, and the note the move was made with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from app.services.order_timeline import StatusStep
from app.views.orders.order_status import status_colours, status_label

MAIN_PATH = ("draft", "pending_approval", "approved", "in_production", "ready_to_ship", "shipped", "delivered",
             "closed")
DOT_COLUMN = 26
LINE_COLOUR = QColor("#c9d0d8")
FUTURE_TEXT = "#8a929c"


@dataclass(frozen=True)
class TimelineEntry:
    status: str
    who: str = ""
    when: str = ""
    note: str = ""
    future: bool = False


def upcoming(steps: tuple[StatusStep, ...] | list[StatusStep], status: str) -> list[str]:
    """The statuses still ahead on the usual path (none for finished or side-tracked orders)."""
    if status not in MAIN_PATH or status == "closed":
        return []
    reached = {step.to_status for step in steps}
    ahead = list(MAIN_PATH[MAIN_PATH.index(status) + 1:])
    if status in ("approved", "ready_to_ship") or "ready_to_ship" in reached:
        ahead = [s for s in ahead if s != "in_production"]   # production is only a step when stock is short
    if status == "draft":
        ahead = [s for s in ahead if s != "in_production"]
    return ahead


class _StepRow(QWidget):
    """One step: dot and connecting line painted on the left, texts on the right."""

    def __init__(self, entry: TimelineEntry, first: bool, last: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.entry, self._first, self._last = entry, first, last
        self.status_label = QLabel(status_label(entry.status), objectName="stepStatus")
        self.who_label = QLabel(objectName="stepWho")
        self.note_label = QLabel(entry.note, objectName="stepNote", wordWrap=True)
        self.note_label.setVisible(bool(entry.note))
        self.who_label.setText(entry.who + ("  ·  " + entry.when if entry.when else "") if entry.who else entry.when)
        self.who_label.setVisible(bool(entry.who or entry.when))
        self.who_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if entry.future:
            self.status_label.setStyleSheet(f"color: {FUTURE_TEXT};")
        else:
            self.status_label.setStyleSheet("font-weight: 600;")
            self.who_label.setStyleSheet("color: #39424e;")
            self.note_label.setStyleSheet("color: #5c636d;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(DOT_COLUMN + 6, 4, 4, 8)
        layout.setSpacing(1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.who_label)
        layout.addWidget(self.note_label)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = DOT_COLUMN / 2
        centre_y = self.status_label.geometry().center().y()
        painter.setPen(QPen(LINE_COLOUR, 2))
        if not self._first:
            painter.drawLine(QPointF(x, 0), QPointF(x, centre_y))
        if not self._last:
            painter.drawLine(QPointF(x, centre_y), QPointF(x, self.height()))
        background, foreground = status_colours(self.entry.status)
        radius = 6.0
        dot = QRectF(x - radius, centre_y - radius, 2 * radius, 2 * radius)
        if self.entry.future:
            painter.setPen(QPen(LINE_COLOUR, 2))
            painter.setBrush(QColor("#ffffff"))
        else:
            painter.setPen(QPen(foreground, 2))
            painter.setBrush(background)
        painter.drawEllipse(dot)
        painter.end()


class StatusTimelineView(QScrollArea):
    """Shows :class:`TimelineEntry` rows; :meth:`set_entries` replaces them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("statusTimeline")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self._content = QWidget()
        self._layout = QVBoxLayout(self._content)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self._layout.setSpacing(0)
        self._layout.addStretch(1)
        self.setWidget(self._content)
        self.rows: list[_StepRow] = []

    def set_entries(self, entries: list[TimelineEntry]) -> None:
        if [row.entry for row in self.rows] == entries:
            return
        for row in self.rows:
            self._layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        for number, entry in enumerate(entries):
            row = _StepRow(entry, number == 0, number == len(entries) - 1, self._content)
            self._layout.insertWidget(number, row)
            self.rows.append(row)

    def texts(self) -> list[tuple[str, str, str]]:
        """(status, who · when, note) of each row as shown (for tests and screen readers)."""
        return [(row.status_label.text(), row.who_label.text(), row.note_label.text()) for row in self.rows]


def when_text(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment.astimezone():%Y-%m-%d %H:%M}"
