"""The production board's scene: one ``BarItem`` per operation, kept by operation id.

Bars are added, moved and removed in place (a live change touches only its bars). The scene
snaps dragged bars to rows and to the current time step and announces a finished drag with
``bar_dropped(item)``; whether the move is allowed is the scheduling service's call.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractAnimation, QEasingCurve, QPointF, QRectF, QVariantAnimation, Signal
from PySide6.QtWidgets import QGraphicsScene

from app.services.production_board import BoardAlert, BoardBar
from app.views.production.bar_item import BarItem
from app.views.production.board_layout import BAR_HEIGHT, MINUTES_PER_DAY, BoardLayout

SNAP_BACK_MS = 180


class BoardScene(QGraphicsScene):
    """Bars by operation id; drag snapping; ``bar_dropped(BarItem)`` when a drag ends elsewhere."""

    bar_dropped = Signal(object)
    drag_changed = Signal()

    def __init__(self, layout: BoardLayout, parent=None):
        super().__init__(parent)
        self.layout = layout
        self.items_by_id: dict[int, BarItem] = {}
        self._ops_by_order: dict[int, set[int]] = {}
        self.editable = False
        self.snap_minutes = 15
        self.drag_item: BarItem | None = None
        self._alerts_by_order: dict[int, list[BoardAlert]] = {}
        self._alerts_by_operation: dict[int, list[BoardAlert]] = {}
        self.line_alerts: dict[int, list[BoardAlert]] = {}
        self.range_start = 0.0
        self.range_end = float(MINUTES_PER_DAY)

    # -- bars ------------------------------------------------------------------------------------
    def set_bars(self, bars: list[BoardBar]) -> None:
        """Replace every bar (a first load or a reload)."""
        for item in self.items_by_id.values():
            item.stop_animation()
        self.drag_item = None
        self.clear()
        self.items_by_id = {}
        self._ops_by_order = {}
        self.upsert_bars(bars)

    def upsert_bars(self, bars) -> list[int]:
        """Add or move bars in place; bars of unknown lines are dropped. Returns the ids placed."""
        layout, placed, orders = self.layout, [], set()
        for bar in bars:
            row = layout.row_of.get(bar.line_id)
            item = self.items_by_id.get(bar.id)
            if row is None:
                if item is not None:
                    self.remove_bars((bar.id,))
                continue
            x, y = layout.x_of(bar.start), layout.bar_top(row)
            if item is None:
                item = BarItem(bar, x, y, self.editable)
                self.addItem(item)
                self.items_by_id[bar.id] = item
                self._ops_by_order.setdefault(bar.order_id, set()).add(bar.id)
            elif not item.dragging:
                item.stop_animation()
                item.set_span(bar)
                item.pending = False
                item.setZValue(0)
                if item.pos() != QPointF(x, y):
                    item.setPos(x, y)
                item.update()
            placed.append(bar.id)
            orders.add(bar.order_id)
        self._refresh_alerts(orders)
        return placed

    def remove_bars(self, ids) -> None:
        orders = set()
        for op_id in ids:
            item = self.items_by_id.pop(op_id, None)
            if item is not None:
                if item is self.drag_item:
                    self.drag_item = None
                self._ops_by_order.get(item.bar.order_id, set()).discard(op_id)
                orders.add(item.bar.order_id)
                self.removeItem(item)
        self._refresh_alerts(orders)

    def bars(self) -> list[BoardBar]:
        return [item.bar for item in self.items_by_id.values()]

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        for item in self.items_by_id.values():
            item.set_movable(editable)

    def set_range(self, start: float, end: float) -> None:
        """The scrollable time range (scene x)."""
        self.range_start, self.range_end = start, end
        self.setSceneRect(QRectF(start, 0, end - start, self.layout.height))

    # -- alerts ----------------------------------------------------------------------------------
    def set_alerts(self, alerts, refresh: bool = True) -> None:
        self._alerts_by_order, self._alerts_by_operation, self.line_alerts = {}, {}, {}
        for alert in alerts:
            if alert.operation_id is not None:
                self._alerts_by_operation.setdefault(alert.operation_id, []).append(alert)
            elif alert.production_order_id is not None:
                self._alerts_by_order.setdefault(alert.production_order_id, []).append(alert)
            elif alert.line_id is not None:
                self.line_alerts.setdefault(alert.line_id, []).append(alert)
        if refresh:
            self._refresh_alerts(self._ops_by_order)

    def _refresh_alerts(self, order_ids) -> None:
        """Give each bar of these orders its alerts (for the tooltip) and the marker where it belongs.

        An operation's own alert marks that operation; an order's alert marks one bar only — the
        first unfinished operation for missing material (it cannot start), else the last one (it
        finishes late) — so a late order does not wear a warning on every step.
        """
        for order_id in order_ids:
            items = [self.items_by_id[i] for i in self._ops_by_order.get(order_id, ()) if i in self.items_by_id]
            if not items:
                continue
            order_alerts = tuple(self._alerts_by_order.get(order_id, ()))
            marked: set[int] = set()
            if order_alerts:
                items.sort(key=lambda item: (item.bar.seq, item.bar.id))
                open_items = [item for item in items if item.bar.status != "done"] or items
                for alert in order_alerts:
                    marked.add((open_items[0] if alert.kind == "material_short" else items[-1]).bar.id)
            for item in items:
                own = tuple(self._alerts_by_operation.get(item.bar.id, ()))
                alerts, marker = own + order_alerts, bool(own) or item.bar.id in marked
                if (alerts, marker) != (item.alerts, item.marker):
                    item.alerts, item.marker = alerts, marker
                    item.update()

    # -- dragging --------------------------------------------------------------------------------
    def snap(self, item: BarItem, wanted: QPointF) -> QPointF:
        """Where a dragged bar may sit: on a row, its start on the time step, inside the range."""
        layout = self.layout
        row = layout.row_at(wanted.y() + BAR_HEIGHT / 2)
        step = self.snap_minutes
        x = round(wanted.x() / step) * step
        x = max(self.range_start, min(self.range_end - item.boundingRect().width(), x))
        if self.drag_item is not item:
            self.drag_item = item
        self.drag_changed.emit()
        return QPointF(x, layout.bar_top(row))

    def drag_finished(self, item: BarItem) -> None:
        self.drag_item = None
        self.drag_changed.emit()
        if item.press_pos is not None and item.pos() != item.press_pos:
            self.bar_dropped.emit(item)
        else:
            item.setZValue(0)

    def snap_back(self, item: BarItem) -> None:
        """Glide a refused bar back to where its operation is planned."""
        row = self.layout.row_of.get(item.bar.line_id)
        item.pending = False
        item.setZValue(0)
        item.update()
        if row is None:
            return
        target = QPointF(self.layout.x_of(item.bar.start), self.layout.bar_top(row))
        animation = QVariantAnimation(self, startValue=item.pos(), endValue=target, duration=SNAP_BACK_MS)
        animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        animation.valueChanged.connect(item.setPos)
        item.animation = animation
        animation.start(QAbstractAnimation.DeletionPolicy.DeleteWhenStopped)
