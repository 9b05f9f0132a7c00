"""The board's toolbar: zoom presets (hours … month), zoom out/in, today, the colour legend, counts,
and the button that shows or hides the list of open alerts.

It only emits what the user asked for (``zoom_preset(days)``, ``zoom_step(factor)``, ``today``,
``alerts_toggled(shown)``); the page moves the view.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QToolButton, QWidget

from app.views.production.bar_style import ALERT_BORDER, ALERT_FILL, LEGEND_ORDER, PALETTES, status_label

#: (key, days across the view)
PRESETS = (("hours", 0.25), ("day", 1.0), ("week", 7.0), ("month", 28.0))
_BUTTON_STYLE = """
QToolButton { padding: 3px 10px; border: 1px solid #c9d0d9; background: #ffffff; color: #2b3440; }
QToolButton:hover { background: #eef2f7; }
QToolButton:checked { background: #1f5fa8; border-color: #1f5fa8; color: #ffffff; }
QToolButton#zoomPreset_hours { border-top-left-radius: 4px; border-bottom-left-radius: 4px; }
QToolButton#zoomPreset_month { border-top-right-radius: 4px; border-bottom-right-radius: 4px; }
QToolButton#zoomOut, QToolButton#zoomIn, QToolButton#todayButton { border-radius: 4px; min-width: 22px; }
QToolButton#alertsButton { border-radius: 4px; }
QToolButton#alertsButton[open="true"]:!checked { color: #8a4b00; border-color: #f29d1f; background: #fff6e6; }
"""


class LegendChip(QWidget):
    """A colour swatch (or the alert marker) and its caption."""

    def __init__(self, key: str, parent=None):
        super().__init__(parent)
        self.key = key
        self.caption = ""

    def set_caption(self, caption: str) -> None:
        self.caption = caption
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(22 + self.fontMetrics().horizontalAdvance(self.caption) + 10, self.fontMetrics().height() + 6)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        mid = self.height() / 2
        if self.key == "alert":
            painter.setPen(QPen(ALERT_BORDER, 1))
            painter.setBrush(ALERT_FILL)
            painter.drawPolygon(_triangle(mid))
        else:
            palette = PALETTES[self.key]
            painter.setPen(QPen(palette.border, 1))
            painter.setBrush(palette.fill)
            painter.drawRoundedRect(QRectF(1.5, mid - 6.5, 16, 13), 3, 3)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(QRectF(22, 0, self.width() - 22, self.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.caption)
        painter.end()


def _triangle(mid: float) -> list[QPointF]:
    return [QPointF(9.5, mid - 7), QPointF(17, mid + 6), QPointF(2, mid + 6)]


class BoardToolbar(QWidget):
    zoom_preset = Signal(float)     # days across
    zoom_step = Signal(float)       # factor
    today = Signal()
    alerts_toggled = Signal(bool)   # the alert list shown

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("boardToolbar")
        self.setStyleSheet(_BUTTON_STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.preset_buttons: dict[str, QToolButton] = {}
        self.presets = QButtonGroup(self)
        self.presets.setExclusive(True)
        for key, days in PRESETS:
            button = QToolButton(objectName=f"zoomPreset_{key}", checkable=True)
            button.clicked.connect(lambda _=False, d=days: self.zoom_preset.emit(d))
            self.presets.addButton(button)
            self.preset_buttons[key] = button
            layout.addWidget(button)
        layout.addSpacing(8)
        self.zoom_out_button = QToolButton(objectName="zoomOut", text="−")
        self.zoom_in_button = QToolButton(objectName="zoomIn", text="+")
        self.zoom_out_button.clicked.connect(lambda: self.zoom_step.emit(1 / 1.5))
        self.zoom_in_button.clicked.connect(lambda: self.zoom_step.emit(1.5))
        layout.addWidget(self.zoom_out_button)
        layout.addSpacing(4)
        layout.addWidget(self.zoom_in_button)
        layout.addSpacing(8)
        self.today_button = QToolButton(objectName="todayButton")
        self.today_button.clicked.connect(self.today.emit)
        layout.addWidget(self.today_button)
        layout.addSpacing(18)
        self.legend = [LegendChip(key, self) for key in (*LEGEND_ORDER, "alert")]
        for chip in self.legend:
            layout.addWidget(chip)
            layout.addSpacing(6)
        layout.addStretch(1)
        self.read_only_label = QLabel(objectName="boardReadOnly")
        self.read_only_label.setStyleSheet("color: #6b4a00; background: #fff1c7; border-radius: 4px; padding: 2px 8px;")
        self.read_only_label.hide()
        layout.addWidget(self.read_only_label)
        layout.addSpacing(10)
        self.count_label = QLabel(objectName="boardCount")
        self.count_label.setStyleSheet("color: #55606e;")
        layout.addWidget(self.count_label)
        layout.addSpacing(10)
        self.alert_count = 0
        self.alerts_button = QToolButton(objectName="alertsButton", checkable=True, checked=True)
        self.alerts_button.toggled.connect(self.alerts_toggled.emit)
        layout.addWidget(self.alerts_button)

    def retranslate(self) -> None:
        names = {"hours": self.tr("Hours"), "day": self.tr("Day"), "week": self.tr("Week"), "month": self.tr("Month")}
        tips = {"hours": self.tr("Show a few hours across the board"), "day": self.tr("Show about a day"),
                "week": self.tr("Show about a week"), "month": self.tr("Show about four weeks")}
        for key, button in self.preset_buttons.items():
            button.setText(names[key])
            button.setToolTip(tips[key])
        self.zoom_out_button.setToolTip(self.tr("Zoom out (−, Ctrl+wheel)"))
        self.zoom_in_button.setToolTip(self.tr("Zoom in (+, Ctrl+wheel)"))
        self.today_button.setText(self.tr("Today"))
        self.today_button.setToolTip(self.tr("Go to now (Home)"))
        for chip in self.legend:
            chip.set_caption(self.tr("Alert") if chip.key == "alert" else status_label(chip.key))
        self.read_only_label.setText(self.tr("Read only"))
        self.read_only_label.setToolTip(self.tr("Only production planners and managers can move operations."))
        self.alerts_button.setToolTip(self.tr("Show or hide the list of open alerts (Ctrl+Shift+A)"))
        self.set_alert_count(self.alert_count)

    def set_alert_count(self, count: int) -> None:
        self.alert_count = count
        self.alerts_button.setProperty("open", count > 0)
        self.alerts_button.style().unpolish(self.alerts_button)
        self.alerts_button.style().polish(self.alerts_button)
        self.alerts_button.setText(self.tr("⚠ Alerts: %1").replace("%1", str(count)) if count else self.tr("Alerts"))

    def mark_zoom(self, days_across: float) -> None:
        """Check the preset closest to the current zoom (none when far from all)."""
        best = min(PRESETS, key=lambda p: abs(p[1] - days_across) / p[1])
        close = abs(best[1] - days_across) / best[1] < 0.2
        self.presets.setExclusive(False)
        for key, button in self.preset_buttons.items():
            button.setChecked(close and key == best[0])
        self.presets.setExclusive(True)
