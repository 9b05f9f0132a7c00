"""Toolbar button that shows how many notifications are unread, with a count badge."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QStyle, QToolButton, QWidget

_BADGE_COLOUR = QColor("#c62828")
_BADGE_TEXT_COLOUR = QColor("#ffffff")
_BADGE_GAP = 6  # pixels between the text and the badge
_LEFT_PADDING = 7  # the button's left padding plus border in style.qss
_RIGHT_PADDING = 9  # the button's right padding plus border in style.qss


class NotificationButton(QToolButton):
    """Tool button with a red pill after its text showing the unread count.

    The window connects ``clicked`` to its ``notifications_requested`` signal.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notificationButton")
        self.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setAutoRaise(True)
        self.setIconSize(QSize(20, 20))
        self._count = 0
        self.retranslate_ui()

    @property
    def count(self) -> int:
        return self._count

    def set_count(self, count: int) -> None:
        self._count = max(0, int(count))
        self.retranslate_ui()
        self.updateGeometry()  # the badge changes the width
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

    def _badge_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        return font

    def _badge_size(self) -> QSize:
        metrics = QFontMetrics(self._badge_font())
        height = metrics.height() + 2
        return QSize(max(height, metrics.horizontalAdvance(self.badge_text()) + 10), height)

    def _badge_left(self) -> int:
        """Where the badge starts: after the text, which the style draws left-aligned 8 px after
        an icon placed at the left padding (QCommonStyle, ToolButtonTextBesideIcon)."""
        text_end = _LEFT_PADDING + self.iconSize().width() + 8 + self.fontMetrics().horizontalAdvance(self.text())
        return text_end + _BADGE_GAP

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.badge_text():
            hint.setWidth(max(hint.width(), self._badge_left() + self._badge_size().width() + _RIGHT_PADDING))
        return hint

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        text = self.badge_text()
        if not text:
            return
        size = self._badge_size()
        left = min(self._badge_left(), self.width() - size.width() - 2)
        badge = QRectF(left, (self.height() - size.height()) / 2, size.width(), size.height())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._badge_font())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_BADGE_COLOUR)
        painter.drawRoundedRect(badge, size.height() / 2, size.height() / 2)
        painter.setPen(_BADGE_TEXT_COLOUR)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
