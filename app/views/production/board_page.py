"""The production planning board: lines as rows, time across, operations as bars, live.

Planners (``op_planner``, ``op_manager``) drag bars to another time or capable line; each drop is
checked and saved by the scheduling core on a worker thread (``production_board.move_bar``) —
a refused drop snaps back and the banner says why. Every change saved anywhere reaches this
board through the live feed: the changed operations, orders and alerts are read again and
their bars move in place. The board loads a time window around now and extends it while the
user pans towards its edges.

Under the board, the list of open deviation alerts (``AlertPanel``): picking one scrolls the
board to its bar or line. Planners also get a row of commands (``PlannerActions``: schedule
open work, check deviations, plan replenishment, purchase suggestions), run on worker threads;
each outcome is one sentence in the banner.
"""

from __future__ import annotations

import time as clock
from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QLocale, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMenu, QSplitter, QVBoxLayout, QWidget

from app.services.production_board import BoardAlert, BoardData, ChangedBars, MoveOutcome
from app.views.production.alert_panel import AlertPanel
from app.views.production.bar_item import BarItem
from app.views.production.board_axes import qdatetime
from app.views.production.board_layout import MINUTES_PER_DAY, ROW_HEIGHT, BoardLayout
from app.views.production.board_loader import BoardLoader
from app.views.production.board_scene import BoardScene
from app.views.production.board_toolbar import BoardToolbar
from app.views.production.gantt_view import GanttView
from app.views.production.message_banner import MessageBanner
from app.views.production.move_reasons import translated_reason
from app.views.production.planner_actions import PlannerActions
from app.views.production.planner_bar import PlannerBar

EDITOR_ROLES = ("op_planner", "op_manager")
ZOOM_KEY = "production_board/px_per_minute"
SPLITTER_KEY = "production_board/splitter"
ALERTS_SHOWN_KEY = "production_board/alerts_shown"
ALERTS_SHORTCUT = "Ctrl+Shift+A"   # show or hide the alert list
ALERT_LIST_HEIGHT = 190  # px the alert list starts with
HIGHLIGHT_MS = 6_000    # how long a bar picked in the alert list stays ringed
DAYS_BEFORE, DAYS_AFTER, EXTEND_DAYS = 7, 49, 28
NOW_AT = 1 / 6          # "Today" puts now at this share of the width


class ProductionBoardPage(QWidget):
    """Production area: the Gantt board. ``status_message(str)`` repeats the banner for a status bar.

    ``uow_factory`` makes units of work for the worker threads; ``session`` (``SessionInfo``)
    decides whether bars can be dragged; ``live_feed`` (optional) keeps the board current. With
    ``load=False`` nothing is read from the database (the caller hands a plan to ``show_board``,
    as the benchmark does). Call ``shutdown`` before the engine is disposed.
    """

    status_message = Signal(str)

    def __init__(self, uow_factory: Callable, session, live_feed=None, parent: QWidget | None = None, *,
                 load: bool = True):
        super().__init__(parent)
        self.setObjectName("productionBoardPage")
        self.session = session
        self.editable = any(session.has_role(role) for role in EDITOR_ROLES)
        now = datetime.now().replace(microsecond=0)
        self.board_layout = BoardLayout(BoardLayout.epoch_for(now))
        self.scene = BoardScene(self.board_layout, self)
        self.scene.editable = self.editable
        self.view = GanttView(self.scene, self)
        self.toolbar = BoardToolbar(self)
        self.banner = MessageBanner(self)
        self.alert_panel = AlertPanel(self)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.planner_actions = PlannerActions(uow_factory, self) if self.editable else None
        self.planner_bar = PlannerBar(self.planner_actions, self) if self.editable else None
        self.loader = BoardLoader(uow_factory, self)
        self._uow_factory = uow_factory
        self._dialogs: list = []
        self._highlighted: BarItem | None = None
        self._focus_alert: BoardAlert | None = None
        self._generation = 0
        self._loading = False
        self._error = ""
        self._loaded: tuple[datetime, datetime] | None = None
        self._extending: set[tuple[datetime, datetime]] = set()
        self._server_now: tuple[datetime, float] | None = None
        self._first_placed = False
        self._moving: dict[int, BarItem] = {}
        self._live_serial = 0
        self._recent: deque[tuple[int, frozenset[int]]] = deque(maxlen=64)
        self._wanted_ops: set[int] = set()
        self._wanted_orders: set[int] = set()
        self._alerts_wanted = False
        self._in_flight: set[str] = set()
        self._live_feed = live_feed
        self._subscriptions = []
        self._build()
        self._connect()
        if live_feed is not None:
            for table, slot in (("production_operation", self._on_operations_changed),
                                ("production_order", self._on_orders_changed),
                                ("deviation_alert", self._on_alerts_changed)):
                subscription = live_feed.subscribe(table)
                subscription.changed.connect(slot)
                subscription.reload.connect(self.reload)
                self._subscriptions.append(subscription)
        self._restore_zoom()
        self.retranslate_ui()
        self._load = load
        if load:
            self.reload()

    # -- construction ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.toolbar.read_only_label.setVisible(not self.editable)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        layout.addWidget(self.toolbar)
        if self.planner_bar is not None:
            layout.addWidget(self.planner_bar)
        self.splitter.setObjectName("boardSplitter")
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.alert_panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.banner)
        if self.planner_actions is not None:
            for action in self.planner_actions.actions():
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.addAction(action)
        self.view.setStyleSheet("QGraphicsView#productionGantt { border: 1px solid #cdd3db; background: #ffffff; }")
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self._now_timer = QTimer(self, interval=30_000)
        self._extend_timer = QTimer(self, singleShot=True, interval=120)
        self._save_timer = QTimer(self, singleShot=True, interval=500)
        self._highlight_timer = QTimer(self, singleShot=True, interval=HIGHLIGHT_MS)
        QShortcut(QKeySequence(Qt.Key.Key_Home), self, self.go_to_now,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.reload,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence(ALERTS_SHORTCUT), self, self.toolbar.alerts_button.toggle,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _connect(self) -> None:
        self.loader.finished.connect(self._on_finished)
        self.loader.failed.connect(self._on_failed)
        self.scene.bar_dropped.connect(self._on_bar_dropped)
        self.toolbar.zoom_preset.connect(self.zoom_to_days)
        self.toolbar.zoom_step.connect(lambda factor: self.view.zoom_by(factor))
        self.toolbar.today.connect(self.go_to_now)
        self.view.zoom_changed.connect(self._on_zoom)
        self.view.view_moved.connect(self._extend_timer.start)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self._extend_timer.timeout.connect(self._extend_if_needed)
        self._now_timer.timeout.connect(self._tick_now)
        self._save_timer.timeout.connect(self.save_layout)
        self._highlight_timer.timeout.connect(lambda: self._set_highlight(None))
        self._now_timer.start()
        self.toolbar.alerts_toggled.connect(self._on_alerts_toggled)
        self.alert_panel.alert_activated.connect(self.focus_alert)
        self.splitter.splitterMoved.connect(lambda *_: self._save_timer.start())
        if self.planner_actions is not None:
            self.planner_actions.message.connect(self._show)
            self.planner_actions.plan_changed.connect(self.reload)
            self.planner_actions.alerts_changed.connect(lambda: self._reread(()))
            self.planner_actions.purchases_requested.connect(self.open_purchases)

    # -- text ------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.toolbar.retranslate()
        if self.planner_actions is not None:
            self.planner_actions.retranslate()
        self.view.header.caption = self.tr("Line")
        for item in self.scene.items_by_id.values():  # cached bar pixmaps hold the old font
            item.update()
        self.view.resetCachedContent()
        self.view.viewport().update()
        self.view.ruler.update()
        self.view.header.update()
        self._update_count()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._split_restored:  # first time: the board takes the room, the alert list a few rows
            self._split_restored = True
            total = sum(self.splitter.sizes())
            panel = min(ALERT_LIST_HEIGHT, total // 3)
            self.splitter.setSizes([total - panel, panel])
        if not self._first_placed and self._loaded is not None:  # loaded while hidden: place now once sized
            self._first_placed = True
            QTimer.singleShot(0, self.go_to_now)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_count(self) -> None:
        label = self.toolbar.count_label
        if self._error:
            label.setStyleSheet("color: #a11d16;")
            label.setText(self.tr("Could not load the plan: %1").replace("%1", self._error))
            return
        label.setStyleSheet("color: #55606e;")
        if self._loading:
            label.setText(self.tr("Loading…"))
            return
        count, lines = len(self.scene.items_by_id), len(self.board_layout.lines)
        locale = QLocale()
        label.setText(self.tr("%1 operations on %2 lines").replace("%1", locale.toString(count)).replace(
            "%2", locale.toString(lines)))

    # -- zoom and position -----------------------------------------------------------------------
    def zoom_to_days(self, days: float) -> None:
        width = max(200, self.view.viewport().width())
        self.view.set_zoom(width / (days * MINUTES_PER_DAY))

    def _on_zoom(self, px_per_minute: float) -> None:
        width = max(200, self.view.viewport().width())
        self.toolbar.mark_zoom(width / px_per_minute / MINUTES_PER_DAY)
        self._save_timer.start()

    def _restore_zoom(self) -> None:
        value = QSettings().value(ZOOM_KEY)
        try:
            zoom = float(value) if value is not None else None
        except (TypeError, ValueError):
            zoom = None
        self.view.set_zoom(zoom or 1200 / (3 * MINUTES_PER_DAY))
        settings = QSettings()
        self._split_restored = (state := settings.value(SPLITTER_KEY)) is not None and \
            self.splitter.restoreState(state)
        shown = settings.value(ALERTS_SHOWN_KEY, True)
        self.toolbar.alerts_button.setChecked(shown not in (False, "false"))
        self.alert_panel.setVisible(shown not in (False, "false"))

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue(ZOOM_KEY, self.view.px_per_minute)
        settings.setValue(SPLITTER_KEY, self.splitter.saveState())
        settings.setValue(ALERTS_SHOWN_KEY, not self.alert_panel.isHidden())

    def go_to_now(self) -> None:
        now = self.current_time()
        self.view.scroll_to_time_x(self.board_layout.x_of(now), self.view.viewport().width() * NOW_AT)
        self.view.verticalScrollBar().setValue(0)

    def show_time(self, moment: datetime, at: float = 0.1) -> None:
        """Scroll so that ``moment`` sits at the given share of the view's width."""
        self.view.scroll_to_time_x(self.board_layout.x_of(moment), self.view.viewport().width() * at)

    def current_time(self) -> datetime:
        """Now on the plant's clock (the server's, once loaded)."""
        if self._server_now is None:
            return datetime.now().replace(microsecond=0)
        server, since = self._server_now
        return server + timedelta(seconds=round(clock.monotonic() - since))

    def _tick_now(self) -> None:
        self.view.now = self.current_time()
        self.view.viewport().update()
        self.view.ruler.update()

    # -- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the window around now again (lines, bars, alerts)."""
        self._generation += 1
        self._loading = True
        self._error = ""
        now = self.current_time()
        start = datetime.combine(now.date() - timedelta(days=DAYS_BEFORE), datetime.min.time())
        end = datetime.combine(now.date() + timedelta(days=DAYS_AFTER), datetime.min.time())
        if self._loaded is not None:  # keep what the user has panned to
            start, end = min(start, self._loaded[0]), max(end, self._loaded[1])
        self._extending.clear()
        self.loader.load_window((start, end, self._generation, self._live_serial))
        self._update_count()

    def _extend_if_needed(self) -> None:
        if self._loaded is None or self._loading or not self._load:
            return
        first, last = self.view.visible_range()
        layout, (start, end) = self.board_layout, self._loaded
        span = last - first
        if first - span < layout.x_of(start):
            new_start = start - timedelta(days=EXTEND_DAYS)
            self._request_slab(new_start, start)
            self._loaded = (new_start, end)
            start = new_start
        if last + span > layout.x_of(end):
            new_end = end + timedelta(days=EXTEND_DAYS)
            self._request_slab(end, new_end)
            self._loaded = (start, new_end)
        self.scene.set_range(layout.x_of(self._loaded[0]), layout.x_of(self._loaded[1]))

    def _request_slab(self, start: datetime, end: datetime) -> None:
        self._extending.add((start, end))
        self.loader.load_window((start, end, self._generation, self._live_serial))

    def _on_finished(self, kind: str, payload, result) -> None:
        if kind == "window":
            self._on_window(payload, result)
        elif kind == "bars":
            self._in_flight.discard("bars")
            self._apply_changed(result)
        elif kind == "order_bars":
            self._in_flight.discard("order_bars")
            self.scene.upsert_bars(result)
            self._update_count()
        elif kind == "alerts":
            self._in_flight.discard("alerts")
            self._set_alerts(result)
        elif kind == "move":
            self._on_moved(payload, result)
        self._pump()

    def _on_failed(self, kind: str, payload, message: str) -> None:
        if kind == "window":
            if payload[2] != self._generation:
                return
            if (payload[0], payload[1]) in self._extending:
                self._extending.discard((payload[0], payload[1]))
                return
            self._loading = False
            self._error = message
            self._update_count()
        elif kind == "move":
            item = self._moving.pop(payload[0], None)
            if item is not None:
                self.scene.snap_back(item)
            self._show(self.tr("The move could not be saved: %1").replace("%1", message), "error")
        else:
            self._in_flight.discard(kind)
        self._pump()

    def _on_window(self, payload, data: BoardData) -> None:
        start, end, generation, serial = payload
        if generation != self._generation:
            return
        if (start, end) in self._extending:
            self._extending.discard((start, end))
            self.scene.upsert_bars(data.bars)
            self._update_count()
            if self._focus_alert is not None:  # an alert picked before its bar was loaded: ring it now
                alert, self._focus_alert = self._focus_alert, None
                self._set_highlight(self._alert_item(alert))
        else:
            self.show_board(data)
        changed = set().union(*(ids for number, ids in self._recent if number > serial))
        if changed:  # read while live changes happened: read those rows again
            self._wanted_ops |= changed

    def show_board(self, data: BoardData) -> None:
        """Show a whole board as loaded (lines, bars, alerts of ``data``'s window), replacing what was shown."""
        self._loading = False
        self._error = ""
        self._server_now = (data.now, clock.monotonic())
        self.view.now = data.now
        start, end = data.window_start, data.window_end
        self._loaded = (min(start, self._loaded[0]), max(end, self._loaded[1])) if self._loaded else (start, end)
        self.board_layout.set_lines(data.lines)
        self.alert_panel.set_line_codes({line.id: line.code for line in data.lines})
        self._highlighted = None
        self.view.resetCachedContent()
        self.scene.set_range(self.board_layout.x_of(self._loaded[0]), self.board_layout.x_of(self._loaded[1]))
        self._set_alerts(data.alerts, refresh=False)  # set_bars marks the new bars
        self.scene.set_bars(data.bars)
        self._moving.clear()
        if not self._first_placed and self.isVisible():
            self._first_placed = True
            self.go_to_now()
        self._update_count()
        self.view.viewport().update()
        self.view.header.update()

    # -- live ------------------------------------------------------------------------------------
    def _on_operations_changed(self, change_set) -> None:
        ids = frozenset(change_set.ids | change_set.deleted)
        self._live_serial += 1
        self._recent.append((self._live_serial, ids))
        self._wanted_ops |= ids
        self._pump()

    def _on_orders_changed(self, change_set) -> None:
        shown = {item.bar.order_id for item in self.scene.items_by_id.values()}
        self._wanted_orders |= set(change_set.ids) & shown
        self._pump()

    def _on_alerts_changed(self, _change_set) -> None:
        self._alerts_wanted = True
        self._pump()

    def _pump(self) -> None:
        """Send the wanted re-reads, one query of each kind at a time."""
        if self._wanted_ops and "bars" not in self._in_flight:
            ids, self._wanted_ops = frozenset(self._wanted_ops), set()
            self._in_flight.add("bars")
            self.loader.load_bars(ids)
        if self._wanted_orders and "order_bars" not in self._in_flight:
            ids, self._wanted_orders = frozenset(self._wanted_orders), set()
            self._in_flight.add("order_bars")
            self.loader.load_order_bars(ids)
        if self._alerts_wanted and "alerts" not in self._in_flight:
            self._alerts_wanted = False
            self._in_flight.add("alerts")
            self.loader.load_alerts()

    def _apply_changed(self, changed: ChangedBars) -> None:
        self.scene.remove_bars(changed.gone)
        self.scene.upsert_bars(changed.bars)
        self._update_count()

    # -- dropping --------------------------------------------------------------------------------
    def _on_bar_dropped(self, item: BarItem) -> None:
        layout = self.board_layout
        line = layout.line_at_row(layout.row_at(item.y() + 1))
        if not self.editable or line is None or item.bar.id in self._moving:
            self.scene.snap_back(item)
            return
        start = layout.epoch + timedelta(minutes=round(item.x()))
        item.pending = True
        item.update()
        self._moving[item.bar.id] = item
        self.loader.move((item.bar.id, item.bar.version, line.id, start))

    def _on_moved(self, payload, outcome: MoveOutcome) -> None:
        op_id = payload[0]
        item = self._moving.pop(op_id, None)
        if outcome.ok:
            self.scene.upsert_bars(outcome.bars)
            bar = next((b for b in outcome.bars if b.id == op_id), None)
            if bar is not None:
                line = next((line for line in self.board_layout.lines if line.id == bar.line_id), None)
                text = self.tr("Operation %1 of %2 now runs on %3 from %4.").replace("%1", str(bar.seq)).replace(
                    "%2", bar.production_no).replace("%3", line.code if line else "").replace(
                    "%4", QLocale().toString(qdatetime(bar.start), self.tr("ddd d MMM HH:mm")))
                pushed = len(outcome.bars) - 1
                if pushed > 0:
                    text += " " + self.tr("%n later operation(s) moved along.", "", pushed)
                self._show(text, "info")
            return
        if item is not None:
            self.scene.snap_back(item)
        if outcome.rule == "StaleOrder":
            self._wanted_ops.add(op_id)
        self._show(translated_reason(outcome.reason), "error")

    def _show(self, text: str, kind: str) -> None:
        self.banner.show_message(text, kind)
        self.status_message.emit(text)

    # -- context menu and progress -----------------------------------------------------------------
    def bar_menu(self, item: BarItem) -> QMenu:
        """The context menu of a bar: report (or, read-only, show) its progress; copy its order number."""
        menu = QMenu(self)
        progress = menu.addAction(self.tr("Report progress…") if self.editable else self.tr("Show progress…"))
        progress.triggered.connect(lambda: self.open_progress(item.bar.id))
        copy = menu.addAction(self.tr("Copy order number"))
        copy.triggered.connect(lambda: QApplication.clipboard().setText(item.bar.production_no))
        return menu

    def _context_menu(self, pos) -> None:
        item = self.view.bar_at(pos)
        if item is not None:
            menu = self.bar_menu(item)
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(self.view.viewport().mapToGlobal(pos))

    def open_progress(self, operation_id: int):
        """Open the progress dialog of an operation; its bar is read again when progress is reported."""
        from app.views.production.progress_dialog import ProgressDialog

        dialog = ProgressDialog(self._uow_factory, self.session, operation_id, self)
        dialog.reported.connect(lambda _outcome: self._reread((operation_id,)))
        dialog.finished.connect(lambda _result: (dialog.shutdown(), dialog.deleteLater()))
        self._dialogs.append(dialog)
        dialog.destroyed.connect(lambda: self._dialogs.remove(dialog) if dialog in self._dialogs else None)
        dialog.open()
        return dialog

    def _reread(self, operation_ids) -> None:
        self._wanted_ops |= set(operation_ids)
        self._alerts_wanted = True
        self._pump()

    # -- alerts ----------------------------------------------------------------------------------
    def _set_alerts(self, alerts, refresh: bool = True) -> None:
        self.scene.set_alerts(alerts, refresh=refresh)
        self.alert_panel.set_alerts(alerts)
        self.toolbar.set_alert_count(len(alerts))
        self.view.header.update()

    def _on_alerts_toggled(self, shown: bool) -> None:
        self.alert_panel.setVisible(shown)
        if shown:
            self.alert_panel.table.setFocus()
        self._save_timer.start()

    def focus_alert(self, alert: BoardAlert) -> None:
        """Scroll the board to what ``alert`` is about (its bar, else its line) and ring the bar."""
        item = self._alert_item(alert)
        self._set_highlight(item)
        line_id, start = alert.focus_line_id or alert.line_id, alert.focus_start
        self._focus_alert = alert if item is None and start is not None else None
        if item is not None:
            line_id, start = item.bar.line_id, item.bar.start
        if start is not None:
            self._ensure_loaded(start)
            self.show_time(start, 0.3)
        row = self.board_layout.row_of.get(line_id) if line_id is not None else None
        if row is not None:
            top = self.board_layout.row_top(row)
            view_top = self.view.mapToScene(0, 0).y()
            height = self.view.viewport().height()
            if top < view_top or top + ROW_HEIGHT > view_top + height:
                bar = self.view.verticalScrollBar()
                bar.setValue(bar.value() + round(top - view_top - max(0, (height - ROW_HEIGHT) / 2)))
        elif start is None:
            self._show(self.tr("This alert has no operation on the board."), "info")

    def _alert_item(self, alert: BoardAlert) -> BarItem | None:
        items = self.scene.items_by_id
        if alert.operation_id is not None:
            return items.get(alert.operation_id)
        if alert.production_order_id is None:
            return None
        own = [item for item in items.values() if item.bar.order_id == alert.production_order_id]
        return next((item for item in own if item.bar.start == alert.focus_start), None) or next(
            (item for item in own if item.marker), None) or (own[0] if own else None)

    def _set_highlight(self, item: BarItem | None) -> None:
        if self._highlighted is not None and self._highlighted is not item:
            self._highlighted.highlighted = False
            self._highlighted.update()
        self._highlighted = item
        if item is not None:
            item.highlighted = True
            item.update()
            self._highlight_timer.start()

    def _ensure_loaded(self, moment: datetime) -> None:
        """Extend the loaded window so that ``moment`` (with a week either side) is on the board."""
        if self._loaded is None or not self._load:
            return
        start, end = self._loaded
        want_start, want_end = moment - timedelta(days=7), moment + timedelta(days=7)
        if want_start < start:
            self._request_slab(want_start, start)
            start = want_start
        if want_end > end:
            self._request_slab(end, want_end)
            end = want_end
        self._loaded = (start, end)
        self.scene.set_range(self.board_layout.x_of(start), self.board_layout.x_of(end))

    # -- purchase suggestions --------------------------------------------------------------------
    def open_purchases(self):
        """Open the purchase suggestions; what is saved there shows in the banner too."""
        from app.views.production.purchase_suggestions import PurchaseSuggestionsDialog

        dialog = PurchaseSuggestionsDialog(self._uow_factory, self.session, self)
        dialog.changed.connect(lambda text: (self._show(text, "info"), self._reread(())))
        dialog.finished.connect(lambda _result: (dialog.shutdown(), dialog.deleteLater()))
        self._dialogs.append(dialog)
        dialog.destroyed.connect(lambda: self._dialogs.remove(dialog) if dialog in self._dialogs else None)
        dialog.open()
        return dialog

    # -- shutdown --------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop the workers (waits for running queries) and stop following live changes."""
        for dialog in list(self._dialogs):
            dialog.shutdown()
        if self.planner_actions is not None:
            self.planner_actions.shutdown()
        self._now_timer.stop()
        self._extend_timer.stop()
        self._save_timer.stop()
        self._highlight_timer.stop()
        self.save_layout()
        self.loader.shutdown()
        for subscription in self._subscriptions:
            self._live_feed.unsubscribe(subscription)
        self._subscriptions = []
