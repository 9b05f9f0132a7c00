"""A one-sentence banner under the board: why a drop was refused, or what a drop changed.

It shows itself, hides after a while (errors stay longer), and can be closed with its button or
Escape. ``text()`` holds the current sentence, so tests and the status bar can read it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton

_STYLES = {
    "error": "QFrame#boardBanner { background: #fdecea; border: 1px solid #f1b7b2; border-left: 4px solid #c62828;"
             " border-radius: 4px; } QLabel { color: #8c1d18; }",
    "info": "QFrame#boardBanner { background: #e9f3ec; border: 1px solid #b9dcc3; border-left: 4px solid #2e7d32;"
            " border-radius: 4px; } QLabel { color: #1d5a22; }",
}


class MessageBanner(QFrame):
    """``show_message(text, kind)`` with kind ``error`` or ``info``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("boardBanner")
        self.kind = ""
        self.label = QLabel(objectName="boardBannerText", wordWrap=True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(objectName="boardBannerClose", text="✕", autoRaise=True)
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.dismiss)
        self.hide()

    def show_message(self, text: str, kind: str = "info") -> None:
        self.kind = kind
        self.setStyleSheet(_STYLES.get(kind, _STYLES["info"]))
        self.label.setText(text)
        self.close_button.setToolTip(self.tr("Close"))
        self.show()
        self._timer.start(12_000 if kind == "error" else 6_000)

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()

    def dismiss(self) -> None:
        self._timer.stop()
        self.hide()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
        else:
            super().keyPressEvent(event)
