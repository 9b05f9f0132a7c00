"""The production board's view: time across, lines down, zoom from hours to weeks, pan, tooltips.

Zoom scales the view horizontally (``px_per_minute``); bars repaint in device pixels, so nothing
is re-laid out. The background paints only the exposed rows and days: off-shift time shaded,
days off hatched, shift and time gridlines; the foreground the "now" line and, while a bar is
dragged, the lines that cannot make it and the slot it would get. The scene's index culls bars
outside the viewport, so a frame costs what is visible, not what is loaded.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QTransform
from PySide6.QtWidgets import QFrame, QGraphicsView, QToolTip

from app.views.production.bar_item import BarItem
from app.views.production.bar_style import NOW_COLOUR
from app.views.production.board_axes import LABEL_WIDTH, RULER_HEIGHT, LineHeader, TimeRuler, grid_step, qdate, qdatetime
from app.views.production.board_layout import MINUTES_PER_DAY, ROW_HEIGHT
from app.views.production.board_scene import BoardScene
from app.views.production.board_tooltips import bar_tooltip

MIN_PX_PER_MINUTE = 1200 / (31 * MINUTES_PER_DAY)   # a month across a wide window
MAX_PX_PER_MINUTE = 1200 / 90                       # an hour and a half across
ZOOM_STEP = 1.25

WORKING = QColor("#ffffff")
EMPTY = QColor("#f7f8fa")
OFF_SHIFT = QColor("#eef1f5")
DAY_OFF = QColor("#e3e7ed")
DAY_OFF_HATCH = QColor("#cfd5de")
ROW_LINE = QColor("#d9dee5")
MINOR_LINE = QColor("#edf0f4")
SHIFT_LINE = QColor("#c3ccd8")
DAY_LINE = QColor("#b4bdc9")
WEEK_LINE = QColor("#8994a3")
INCAPABLE = QColor(217, 83, 79, 38)
DRAG_TAG = QColor("#10243e")


class GanttView(QGraphicsView):
    """Shows a ``BoardScene``; ``zoom_changed`` and ``view_moved`` let the page follow along."""

    zoom_changed = Signal(float)
    view_moved = Signal()

    def __init__(self, scene: BoardScene, parent=None):
        super().__init__(scene, parent)
        self.setObjectName("productionGantt")
        self.board = scene
        self.layout_ = scene.layout
        self.now: datetime | None = None
        self.px_per_minute = 1200 / (3 * MINUTES_PER_DAY)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)  # panning paints only the new strip
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setViewportMargins(LABEL_WIDTH, RULER_HEIGHT, 0, 0)
        self.ruler = TimeRuler(self)
        self.header = LineHeader(self)
        self.verticalScrollBar().setSingleStep(ROW_HEIGHT)
        self.horizontalScrollBar().setSingleStep(48)
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.valueChanged.connect(self._moved)
        scene.drag_changed.connect(self.viewport().update)
        self.setTransform(QTransform.fromScale(self.px_per_minute, 1))
        self.viewport().setMouseTracking(True)

    # -- zoom and pan ----------------------------------------------------------------------------
    def set_zoom(self, px_per_minute: float, anchor: float | None = None) -> None:
        """Zoom to ``px_per_minute``, keeping the time under viewport x ``anchor`` (default: centre) still."""
        px_per_minute = max(MIN_PX_PER_MINUTE, min(MAX_PX_PER_MINUTE, px_per_minute))
        if anchor is None:
            anchor = self.viewport().width() / 2
        fixed = self.mapToScene(int(anchor), 0).x() + (anchor - int(anchor)) / self.px_per_minute
        self.px_per_minute = px_per_minute
        self.setTransform(QTransform.fromScale(px_per_minute, 1))
        self.scroll_to_time_x(fixed, anchor)
        self.board.snap_minutes = _snap_minutes(px_per_minute)
        self.zoom_changed.emit(px_per_minute)
        self._moved()

    def zoom_by(self, factor: float, anchor: float | None = None) -> None:
        self.set_zoom(self.px_per_minute * factor, anchor)

    def scroll_to_time_x(self, x: float, at: float) -> None:
        """Scroll so that scene ``x`` sits at viewport x ``at``."""
        bar = self.horizontalScrollBar()
        left = self.mapToScene(0, 0).x()
        bar.setValue(bar.value() + round((x - left) * self.px_per_minute - at))

    def visible_range(self) -> tuple[float, float]:
        """Scene x of the viewport's left and right edges."""
        left = self.mapToScene(0, 0).x()
        return left, left + self.viewport().width() / self.px_per_minute

    def _moved(self, *_args) -> None:
        self.ruler.update()
        self.header.update()
        self.view_moved.emit()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        if dx or dy:
            self.ruler.update()
            self.header.update()

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(ZOOM_STEP ** steps, event.position().x())
            event.accept()
            return
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - round(event.angleDelta().y() / 120 * bar.singleStep() * 3))
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_by(1 / ZOOM_STEP)
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_axes()

    def _place_axes(self) -> None:
        port = self.viewport().geometry()
        self.ruler.setGeometry(port.left(), port.top() - RULER_HEIGHT, port.width(), RULER_HEIGHT)
        self.header.setGeometry(port.left() - LABEL_WIDTH, port.top() - RULER_HEIGHT, LABEL_WIDTH,
                                port.height() + RULER_HEIGHT)

    def device_x(self, scene_x: float) -> float:
        """Viewport x of scene ``scene_x``."""
        return (scene_x - self.mapToScene(0, 0).x()) * self.px_per_minute

    def device_y(self, scene_y: float) -> float:
        return scene_y - self.mapToScene(0, 0).y()

    # -- painting --------------------------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        layout = self.layout_
        t = painter.worldTransform()
        sx, dx, dy = t.m11(), t.dx(), t.dy()
        first, last = rect.left(), rect.right()
        painter.save()
        painter.resetTransform()
        port = QRectF(t.mapRect(rect))
        painter.fillRect(port, WORKING)
        below = layout.height + dy
        if below < port.bottom():  # no rows there: a plain backdrop, no grid
            painter.fillRect(QRectF(port.left(), below, port.width(), port.bottom() - below), EMPTY)
        rows = range(layout.row_at(rect.top()), layout.row_at(rect.bottom()) + 1) if layout.lines else ()
        hatch = QBrush(DAY_OFF_HATCH, Qt.BrushStyle.BDiagPattern)
        for row in rows:
            line = layout.lines[row]
            top, height = layout.row_top(row) + dy, ROW_HEIGHT
            for x0, x1, day_off in layout.off_shift(line, first, last):
                area = QRectF(x0 * sx + dx, top, (x1 - x0) * sx, height)
                painter.fillRect(area, DAY_OFF if day_off else OFF_SHIFT)
                if day_off:
                    painter.fillRect(area, hatch)
        step, _ = grid_step(sx)
        height = min(port.bottom(), below)
        top = port.top()
        if step < MINUTES_PER_DAY:
            painter.setPen(QPen(MINOR_LINE, 1))
            x = (first // step) * step
            while x <= last:
                if x % MINUTES_PER_DAY:
                    px = round(x * sx + dx) + 0.5
                    painter.drawLine(QPointF(px, top), QPointF(px, height))
                x += step
        if sx * 60 >= 3:
            painter.setPen(QPen(SHIFT_LINE, 1, Qt.PenStyle.DashLine))
            for row in rows:
                line = layout.lines[row]
                y0 = layout.row_top(row) + dy
                for x in layout.shift_edges(line, first, last):
                    if x % MINUTES_PER_DAY:
                        px = round(x * sx + dx) + 0.5
                        painter.drawLine(QPointF(px, y0), QPointF(px, y0 + ROW_HEIGHT))
        x = (first // MINUTES_PER_DAY) * MINUTES_PER_DAY
        epoch_weekday = layout.epoch.weekday()
        while x <= last:
            monday = (int(x // MINUTES_PER_DAY) + epoch_weekday) % 7 == 0
            painter.setPen(QPen(WEEK_LINE if monday else DAY_LINE, 1))
            px = round(x * sx + dx) + 0.5
            painter.drawLine(QPointF(px, top), QPointF(px, height))
            x += MINUTES_PER_DAY
        painter.setPen(QPen(ROW_LINE, 1))
        for row in rows:
            y = round(layout.row_top(row + 1) + dy) - 0.5
            painter.drawLine(QPointF(port.left(), y), QPointF(port.right(), y))
        painter.restore()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        t = painter.worldTransform()
        painter.save()
        painter.resetTransform()
        port = QRectF(t.mapRect(rect))
        item = self.board.drag_item
        if item is not None:
            self._paint_drag(painter, t, port, item)
        if self.now is not None:
            x = self.layout_.x_of(self.now)
            if rect.left() <= x <= rect.right():
                px = round(x * t.m11() + t.dx()) + 0.5
                painter.setPen(QPen(NOW_COLOUR, 2))
                bottom = min(port.bottom(), self.layout_.height + t.dy())
                painter.drawLine(QPointF(px, port.top()), QPointF(px, bottom))
        painter.restore()

    def _paint_drag(self, painter: QPainter, t: QTransform, port: QRectF, item: BarItem) -> None:
        layout = self.layout_
        family = item.bar.family_id
        for row, line in enumerate(layout.lines):
            if family is not None and family not in line.family_ids:
                top = layout.row_top(row) + t.dy()
                painter.fillRect(QRectF(port.left(), top, port.width(), ROW_HEIGHT), INCAPABLE)
        row = layout.row_at(item.y() + 1)
        line = layout.line_at_row(row)
        start = layout.time_at(item.x())
        text = f"{line.code if line else ''}  {QLocale().toString(qdatetime(start), self.tr('ddd d MMM HH:mm'))}"
        metrics = painter.fontMetrics()
        box = QRectF(0, 0, metrics.horizontalAdvance(text) + 14, metrics.height() + 6)
        anchor = t.map(QPointF(item.x(), item.y()))
        box.moveBottomLeft(QPointF(max(port.left() + 2, anchor.x()), max(port.top() + box.height(), anchor.y() - 3)))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(DRAG_TAG)
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    # -- tooltips --------------------------------------------------------------------------------
    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            item = self.itemAt(event.pos())
            if isinstance(item, BarItem):
                text = bar_tooltip(item.bar, item.alerts, self.layout_, self.board.editable)
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                text = self._day_off_at(event.pos())
                if text:
                    QToolTip.showText(event.globalPos(), text, self.viewport())
                else:
                    QToolTip.hideText()
                    event.ignore()
            return True
        return super().viewportEvent(event)

    def _day_off_at(self, pos) -> str:
        scene = self.mapToScene(pos)
        layout = self.layout_
        line = layout.line_at_row(layout.row_at(scene.y())) if scene.y() < layout.height else None
        if line is None:
            return ""
        day = layout.time_at(scene.x()).date()
        if day in line.days_off:
            reason = line.days_off[day]
            text = self.tr("%1 does not work on %2.").replace("%1", line.code).replace(
                "%2", QLocale().toString(qdate(day), self.tr("dddd d MMMM yyyy")))
            return text + (f"\n{reason}" if reason else "")
        return ""

    def bar_at(self, viewport_pos) -> BarItem | None:
        item = self.itemAt(viewport_pos)
        return item if isinstance(item, BarItem) else None


def _snap_minutes(px_per_minute: float) -> int:
    """Drag step: about 8 px, rounded to 5 min, 15 min, 30 min, 1 h or 2 h."""
    for step in (5, 15, 30, 60, 120):
        if step * px_per_minute >= 8:
            return step
    return 240
