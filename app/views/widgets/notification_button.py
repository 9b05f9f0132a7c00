"""Toolbar button that shows how many notifications are unread, with a count badge."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QStyle, QToolButton, QWidget

_BADGE_COLOUR = QColor("#c62828")
_BADGE_TEXT_COLOUR = QColor("#ffffff")


class NotificationButton(QToolButton):
    """Bell-like tool button; a red badge with the unread count sits on its icon's corner.

    The window connects ``clicked`` to its ``notifications_requested`` signal.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notificationButton")
        self.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setAutoRaise(True)
        self._count = 0
        self.retranslate_ui()

    @property
    def count(self) -> int:
        return self._count

    def set_count(self, count: int) -> None:
        self._count = max(0, int(count))
        self.retranslate_ui()
        self.update()

    def badge_text(self) -> str:
        """What the badge shows: the count, "99+" when large, nothing when zero."""
        if self._count == 0:
            return ""
        return "99+" if self._count > 99 else str(self._count)

    def retranslate_ui(self) -> None:
        self.setText(self.tr("Notifications"))
        if self._count:
            self.setToolTip(self.tr("%n unread notification(s)", "", self._count))
        else:
            self.setToolTip(self.tr("No unread notifications"))
        self.setAccessibleDescription(self.toolTip())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        text = self.badge_text()
        if not text:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        painter.setFont(font)
        metrics = painter.fontMetrics()
        height = metrics.height() + 2
        width = max(height, metrics.horizontalAdvance(text) + 8)
        # Top-right corner of the icon, which sits at the left of the button.
        icon_right = 4 + self.iconSize().width()
        badge = QRectF(icon_right - width / 2, 1, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_BADGE_COLOUR)
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setPen(_BADGE_TEXT_COLOUR)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
