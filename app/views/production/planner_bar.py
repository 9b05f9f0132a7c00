"""The planner's row of commands above the production board, with a busy indicator.

Shows each of ``PlannerActions``' actions as a button, and while one runs a moving bar with what
it is doing. Only planners and managers get this row; the board builds it for them alone.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from app.views.production.planner_actions import PlannerActions

_STYLE = """
QToolButton { padding: 3px 12px; border: 1px solid #c9d0d9; border-radius: 4px; background: #ffffff; color: #2b3440; }
QToolButton:hover { background: #eef2f7; }
QToolButton:disabled { color: #9aa3ad; background: #f4f6f8; }
QToolButton#scheduleOpenWorkButton { background: #1f5fa8; border-color: #1f5fa8; color: #ffffff; font-weight: 600; }
QToolButton#scheduleOpenWorkButton:hover { background: #2a6dba; }
QToolButton#scheduleOpenWorkButton:disabled { background: #8fb0d6; border-color: #8fb0d6; }
QProgressBar { border: none; background: #e3e8ee; border-radius: 3px; }
QProgressBar::chunk { background: #1f5fa8; border-radius: 3px; }
"""


class PlannerBar(QWidget):
    """Buttons for ``actions`` and the busy indicator (``busy_label`` says what runs)."""

    def __init__(self, actions: PlannerActions, parent=None):
        super().__init__(parent)
        self.setObjectName("plannerBar")
        self.setStyleSheet(_STYLE)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.buttons: dict[str, QToolButton] = {}
        for action in actions.actions():
            button = QToolButton(objectName=action.objectName() + "Button")
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.buttons[action.objectName()] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self.busy_bar = QProgressBar(objectName="plannerBusy", maximum=0, textVisible=False)
        self.busy_bar.setFixedSize(110, 6)
        self.busy_label = QLabel(objectName="plannerBusyText")
        self.busy_label.setStyleSheet("color: #55606e;")
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy_bar, 0, Qt.AlignmentFlag.AlignVCenter)
        self.set_busy(False, "")
        actions.busy_changed.connect(self.set_busy)

    def set_busy(self, busy: bool, what: str) -> None:
        self.busy_label.setText(what)
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)
