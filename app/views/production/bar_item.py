"""One operation's bar on the production board: painted crisp at any zoom, dragged to a new slot.

The item lives in scene units (x in minutes, y in pixels) but paints in device pixels, so its
text never stretches with the zoom; narrow bars drop their text, tiny ones are a plain stroke.
A drag snaps to rows and to the zoom's time step; the release hands the drop to the scene
(``BoardScene.bar_dropped``), and the page asks the scheduling service. The item never saves.
Dragging is done in the mouse handlers rather than with ``ItemIsMovable`` + ``itemChange``: an
``itemChange`` override is called from C++ for every flag, position and cursor change of every
item, which would cost a Python call a dozen times per bar while building a 5,000-bar board.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem

from app.services.production_board import BoardBar
from app.views.production.bar_style import ALERT_BORDER, ALERT_FILL, SELECTED_BORDER, palette_for, quantity_text
from app.views.production.board_layout import BAR_HEIGHT

TEXT_MIN_WIDTH = 30      # px: narrower bars show no text
TWO_LINES_MIN_HEIGHT = 30
_PAD = 5


class BarItem(QGraphicsItem):
    """A ``BoardBar`` at its line and time; ``bar`` is replaced in place by live updates."""

    def __init__(self, bar: BoardBar, x: float, y: float, movable: bool):
        super().__init__()
        self.bar = bar
        self.movable = movable        # the user may drag it (planners); the service still decides
        self.alerts: tuple = ()       # open alerts of the operation and its order (tooltip)
        self.marker = False           # whether this bar wears the alert marker
        self.pending = False          # a drop is being saved
        self.dragging = False
        self.hovered = False
        self.highlighted = False      # picked in the alert list
        self.press_pos: QPointF | None = None
        self.animation = None         # a snap-back under way
        self._grab = QPointF()
        self._width = -1.0
        self._rect = QRectF()
        self._elided: tuple | None = None
        self.setPos(x, y)
        self.set_span(bar)
        self.setAcceptHoverEvents(True)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # panning blits, no repaint

    def set_movable(self, movable: bool) -> None:
        self.movable = movable

    def set_span(self, bar: BoardBar) -> None:
        minutes = (bar.end - bar.start).total_seconds() / 60
        if minutes != self._width:
            self.prepareGeometryChange()
            self._width = minutes
            self._rect = QRectF(0, 0, minutes, BAR_HEIGHT)
        self.bar = bar
        self._elided = None

    # -- geometry and painting -------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        rect = painter.worldTransform().mapRect(self._rect)
        bar = self.bar
        palette = palette_for(bar.status, bar.late)
        painter.save()
        painter.resetTransform()
        x, y, h = rect.x(), rect.y(), rect.height()
        w = max(rect.width(), 2.0)
        if w < 6:
            painter.fillRect(QRectF(x, y, w, h), palette.border if (self.hovered or self.highlighted) else palette.fill)
            painter.restore()
            return
        body = QRectF(x + 0.5, y + 0.5, w - 1, h - 1)
        if self.pending:
            painter.setOpacity(0.55)
        border = SELECTED_BORDER if (self.hovered or self.dragging) else palette.border
        painter.setPen(QPen(border, 2 if self.dragging else 1))
        painter.setBrush(palette.fill)
        painter.drawRoundedRect(body, 3, 3)
        progress = bar.progress
        if 0 < progress < 1 or (progress == 1 and bar.status != "done"):
            band = QRectF(body.x() + 1, body.y() + 1, (body.width() - 2) * progress, body.height() - 2)
            painter.fillRect(band, palette.progress)
        if w >= TEXT_MIN_WIDTH:
            self._paint_text(painter, body, palette.text)
        if self.marker and w >= 14:
            _paint_alert(painter, body)
        if self.highlighted:  # picked in the alert list: a ring inside the bar (the cache clips outside)
            painter.setPen(QPen(SELECTED_BORDER, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(body.adjusted(1, 1, -1, -1), 3, 3)
        painter.restore()

    def _paint_text(self, painter: QPainter, body: QRectF, colour) -> None:
        room = body.width() - 2 * _PAD - (12 if self.marker else 0)
        if room < 8:
            return
        font = painter.font()
        key = (int(room), font.key())
        if self._elided is None or self._elided[0] != key:
            bold = QFont(font)
            bold.setBold(True)
            bar = self.bar
            quantity = quantity_text(bar.quantity)
            top = _fit(QFontMetricsF(bold), (bar.production_no, short_number(bar.production_no)), room)
            bottom = _fit(QFontMetricsF(font), (f"{bar.product} × {quantity}", f"{bar.sku} × {quantity}"), room)
            self._elided = (key, bold, top, bottom)
        _, bold, top, bottom = self._elided
        painter.setPen(colour)
        painter.setFont(bold)
        inner = body.adjusted(_PAD, 1, -_PAD, -1)
        if body.height() >= TWO_LINES_MIN_HEIGHT:
            upper, lower = QRectF(inner), QRectF(inner)
            upper.setHeight(inner.height() / 2)
            lower.setTop(inner.top() + inner.height() / 2)
            painter.drawText(upper, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, top)
            painter.setFont(font)
            painter.drawText(lower, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, bottom)
        else:
            painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, top)
        painter.setFont(font)

    def stop_animation(self) -> None:
        if self.animation is not None:
            try:
                self.animation.stop()
            except RuntimeError:  # already finished and deleted
                pass
            self.animation = None

    # -- interaction -----------------------------------------------------------------------------
    def hoverEnterEvent(self, event) -> None:
        self.hovered = True
        self.setCursor(Qt.CursorShape.OpenHandCursor if self.movable else Qt.CursorShape.ArrowCursor)
        self.update()

    def hoverLeaveEvent(self, event) -> None:
        self.hovered = False
        self.update()

    def mousePressEvent(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.pending or not self.movable:
            event.ignore()  # the view pans instead
            return
        self.stop_animation()
        self.press_pos = self.pos()
        self._grab = event.scenePos() - self.pos()
        self.dragging = True
        self.setZValue(10)
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        event.accept()

    def mouseMoveEvent(self, event) -> None:
        if self.dragging and self.scene() is not None:
            self.setPos(self.scene().snap(self, event.scenePos() - self._grab))

    def mouseReleaseEvent(self, event) -> None:
        if not self.dragging:
            event.ignore()
            return
        self.dragging = False
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.scene().drag_finished(self)


def short_number(number: str) -> str:
    """``MO-2026-0000123`` → ``123``: what tells bars apart when the full number does not fit."""
    tail = number.rsplit("-", 1)[-1]
    return tail.lstrip("0") or tail


def _fit(metrics: QFontMetricsF, candidates: tuple[str, ...], room: float) -> str:
    """The first candidate that fits, else the last one elided."""
    for text in candidates:
        if metrics.horizontalAdvance(text) <= room:
            return text
    elided = metrics.elidedText(candidates[-1], Qt.TextElideMode.ElideRight, room)
    return elided if len(elided) >= 4 else ""  # "1…" tells nobody anything


def _paint_alert(painter: QPainter, body: QRectF) -> None:
    """A small amber warning triangle in the bar's top-right corner."""
    size = 11.0
    right, top = body.right() - 2, body.top() + 2
    path = QPainterPath()
    path.moveTo(right - size / 2, top)
    path.lineTo(right, top + size)
    path.lineTo(right - size, top + size)
    path.closeSubpath()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(ALERT_BORDER, 1))
    painter.setBrush(ALERT_FILL)
    painter.drawPath(path)
    painter.setPen(QPen(ALERT_BORDER, 1.4))
    painter.drawLine(QPointF(right - size / 2, top + 3.5), QPointF(right - size / 2, top + 7))
    painter.drawPoint(QPointF(right - size / 2, top + 9))
