"""The Orders list screen: search and filters over every order, sorted in SQL, updated live."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QByteArray, QDate, QEvent, QObject, QSettings, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDateEdit, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QVBoxLayout, QWidget)

from app.services.order_queries import OrderFilter, SortKey
from app.views.orders.check_menu_button import CheckMenuButton
from app.views.orders.order_status import (CHANNEL_ORDER, PRIORITIES, STATUS_ORDER, channel_label, priority_label,
                                           status_label)
from app.views.orders.order_table_model import COLUMN_BY_SORT_FIELD, COLUMN_COUNT, OrderTableModel
from app.views.orders.row_loader import FirstWindow, LoadedRows, RowLoader, WindowRequest, WindowResult
from app.views.widgets.list_table import list_table

HEADER_STATE_KEY = "orders_list/header_state"
SEARCH_DELAY_MS = 300
NO_DATE = QDate(2000, 1, 1)           # the date edits' "Any" value
MOST_NEW_IDS_PER_REFRESH = 500
COLUMN_WIDTHS = (135, 140, 225, 92, 92, 64, 100, 135, 110, 130)


class OrdersPage(QWidget):
    """Orders area: the list of all orders (keyset windows from order_queries, loaded off the UI thread).

    ``uow_factory`` makes units of work for the loader's threads; ``live_feed`` (optional) keeps
    the rows current. Rows that stop matching the filter after a live change are removed; rows
    whose sort value changed keep their place until the next reload. Call ``shutdown`` before
    the engine is disposed.
    """

    order_activated = Signal(int)

    def __init__(self, uow_factory: Callable, live_feed=None, parent: QWidget | None = None, *,
                 window_size: int = 200, max_rows: int = 1000):
        super().__init__(parent)
        self.setObjectName("ordersPage")
        self.model = OrderTableModel(self, window_size=window_size, max_rows=max_rows)
        self.loader = RowLoader(uow_factory, self)
        self._filter = OrderFilter()
        self._live_serial = 0
        self._recent_changes: deque[tuple[int, frozenset[int]]] = deque(maxlen=64)
        self._request_serials: dict[int, int] = {}
        self._refresh_wanted: set[int] = set()
        self._refresh_in_flight = False
        self._error = ""
        self._live_feed = live_feed
        self._subscription = None
        self._build()
        self._restore_layout()
        self._connect()
        if live_feed is not None:
            self._subscription = live_feed.subscribe("sales_order")
            self._subscription.changed.connect(self._on_live_change)
            self._subscription.reload.connect(self._refresh_cached)
        self.retranslate_ui()
        self.reload()

    # -- construction ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.search_edit = QLineEdit(objectName="orderSearch", clearButtonEnabled=True)
        self.search_edit.setMinimumWidth(280)
        self.mine_check = QCheckBox(objectName="mineFilter")
        self.clear_button = QPushButton(objectName="clearFilters")
        self.count_label = QLabel(objectName="orderCount")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.status_filter = CheckMenuButton(STATUS_ORDER, self)
        self.channel_filter = CheckMenuButton(CHANNEL_ORDER, self)
        self.priority_filter = CheckMenuButton(PRIORITIES, self)
        self.from_label, self.to_label = QLabel(), QLabel()
        self.date_from, self.date_to = self._date_edit("dateFrom"), self._date_edit("dateTo")

        top = QHBoxLayout()
        top.addWidget(self.search_edit, 3)
        top.addWidget(self.mine_check)
        top.addStretch(1)
        top.addWidget(self.count_label)
        filters = QHBoxLayout()
        for widget in (self.status_filter, self.channel_filter, self.priority_filter):
            filters.addWidget(widget)
        filters.addSpacing(12)
        for widget in (self.from_label, self.date_from, self.to_label, self.date_to):
            filters.addWidget(widget)
        filters.addSpacing(12)
        filters.addWidget(self.clear_button)
        filters.addStretch(1)

        self.table = list_table("ordersTable", self.model, COLUMN_WIDTHS,
                                selection=QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)  # scroll value = top row

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._visible_timer = QTimer(self, singleShot=True, interval=0)
        self._save_timer = QTimer(self, singleShot=True, interval=500)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(objectName=name, calendarPopup=True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(NO_DATE)
        edit.setDate(NO_DATE)
        edit.calendarWidget().installEventFilter(self)
        return edit

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(self._on_search_edited)
        self.search_edit.returnPressed.connect(self._apply_filter)
        self._search_timer.timeout.connect(self._apply_filter)
        for widget in (self.status_filter, self.channel_filter, self.priority_filter):
            widget.selection_changed.connect(self._apply_filter)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._apply_filter)
        self.mine_check.toggled.connect(self._apply_filter)
        self.clear_button.clicked.connect(self.clear_filters)

        self.model.window_requested.connect(self._dispatch_window)
        self.model.sort_key_changed.connect(self._on_sort_key)
        self.model.count_changed.connect(self._update_count)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved,
                       self.table.verticalScrollBar().valueChanged, self.table.verticalScrollBar().rangeChanged):
            signal.connect(self._schedule_visible)
        self.model.rowsInserted.connect(self._follow_inserted_rows)
        self.model.rowsRemoved.connect(self._follow_removed_rows)
        self.table.viewport().installEventFilter(self)
        self._visible_timer.timeout.connect(self._report_visible)
        self.loader.first_loaded.connect(self._on_first_window)
        self.loader.window_loaded.connect(self._on_window)
        self.loader.rows_loaded.connect(self._on_rows)
        self.loader.failed.connect(self._on_failed)
        header = self.table.horizontalHeader()
        for signal in (header.sectionResized, header.sectionMoved, header.sortIndicatorChanged):
            signal.connect(self._schedule_save)
        self._save_timer.timeout.connect(self.save_layout)
        self.table.doubleClicked.connect(self._on_double_click)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter opens the current order
            shortcut = QShortcut(QKeySequence(key), self.table, context=Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self._on_double_click(self.table.currentIndex()))

    # -- text ------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.search_edit.setPlaceholderText(self.tr("Search order no., customer or product…"))
        self.mine_check.setText(self.tr("Only my orders"))
        self.clear_button.setText(self.tr("Clear filters"))
        self.from_label.setText(self.tr("Order date from"))
        self.to_label.setText(self.tr("to"))
        for edit in (self.date_from, self.date_to):
            edit.setSpecialValueText(self.tr("Any"))
        all_text, count_text, clear_text = self.tr("All"), self.tr("%1 selected"), self.tr("Show all")
        self.status_filter.retranslate(self.tr("Status: %1"), all_text, count_text, clear_text, status_label)
        self.channel_filter.retranslate(self.tr("Channel: %1"), all_text, count_text, clear_text, channel_label)
        self.priority_filter.retranslate(self.tr("Priority: %1"), all_text, count_text, clear_text, priority_label)
        self.model.retranslate()
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- filter and sort -------------------------------------------------------------------------
    def current_filter(self) -> OrderFilter:
        return OrderFilter(
            text=self.search_edit.text().strip(), statuses=self.status_filter.selected(),
            channels=self.channel_filter.selected(), priorities=self.priority_filter.selected(),
            date_from=_date_or_none(self.date_from.date()), date_to=_date_or_none(self.date_to.date()),
            mine=self.mine_check.isChecked())

    def clear_filters(self) -> None:
        widgets = (self.search_edit, self.mine_check, self.status_filter, self.channel_filter, self.priority_filter,
                   self.date_from, self.date_to)
        blockers = [QSignalBlocker(widget) for widget in widgets]  # one reload, not seven
        self.search_edit.clear()
        self.mine_check.setChecked(False)
        for widget in (self.status_filter, self.channel_filter, self.priority_filter):
            widget.clear()
        self.date_from.setDate(NO_DATE)
        self.date_to.setDate(NO_DATE)
        for blocker in blockers:
            blocker.unblock()
        self._apply_filter()

    def _on_search_edited(self, _text: str) -> None:
        self._search_timer.start()  # debounced: the list reloads when typing pauses

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        wanted = self.current_filter()
        if wanted != self._filter:
            self._filter = wanted
            self.reload()

    def _on_sort_key(self, sort: SortKey) -> None:
        self._show_sort_indicator(sort)
        if self._loaded_sort != sort:
            self.reload()

    def _show_sort_indicator(self, sort: SortKey) -> None:
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(COLUMN_BY_SORT_FIELD[sort.field],
                                Qt.SortOrder.DescendingOrder if sort.descending else Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)

    # -- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """Start over from the first window for the current filter and sort."""
        generation = self.model.begin_reload()
        self._loaded_sort = self.model.sort_key
        self._request_serials.clear()
        self._error = ""
        self.loader.start_generation(generation)
        self.loader.load_first(generation, self._filter, self.model.sort_key, self.model.window_size,
                               self._live_serial)
        self._update_count()

    def _on_first_window(self, first: FirstWindow) -> None:
        if first.generation != self.model.generation:
            return
        self.model.set_rows(first.rows, None if first.complete else first.count.rows, exact=first.count.exact,
                            generation=first.generation)
        self.table.scrollToTop()
        self._recheck(first.rows, first.serial)
        self._update_count()

    def _dispatch_window(self, request: WindowRequest) -> None:
        self._request_serials[id(request)] = self._live_serial
        self.loader.load_window(request, self._filter, self.model.sort_key)

    def _on_window(self, result: WindowResult) -> None:
        serial = self._request_serials.pop(id(result.request), self._live_serial)
        self.model.apply_window(result)
        self._recheck(result.rows, serial)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation != self.model.generation:
            return
        self.model.fail_pending()
        self._refresh_in_flight = False
        self._error = message
        self._update_count()

    def _schedule_visible(self, *_args) -> None:
        self._visible_timer.start()

    def _follow_inserted_rows(self, _parent, first: int, last: int) -> None:
        """Rows inserted above the top row (live inserts, corrected positions) push the view along,
        so the rows looked at stay in place; at the very top new rows simply appear."""
        bar = self.table.verticalScrollBar()
        top = bar.value()
        if 0 < top and first <= top:
            bar.setMaximum(max(bar.maximum(), top + last - first + 1))
            bar.setValue(top + last - first + 1)

    def _follow_removed_rows(self, _parent, first: int, last: int) -> None:
        bar = self.table.verticalScrollBar()
        if last < bar.value():
            bar.setValue(bar.value() - (last - first + 1))

    def _report_visible(self) -> None:
        viewport = self.table.viewport()
        first = self.table.rowAt(0)
        last = self.table.rowAt(viewport.height() - 1)
        count = self.model.rowCount()
        first = 0 if first < 0 else first
        last = count - 1 if last < 0 else last
        self.model.set_visible_rows(first, last)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._schedule_visible()
        elif event.type() == QEvent.Type.Show:
            for edit in (self.date_from, self.date_to):  # an "Any" date opens the calendar at today
                if watched is edit.calendarWidget() and edit.date() == NO_DATE:
                    today = QDate.currentDate()
                    edit.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)

    def _update_count(self) -> None:
        if self._error:
            self.count_label.setStyleSheet("color: #a11d16;")
            self.count_label.setText(self.tr("Could not load orders: %1").replace("%1", self._error))
            return
        self.count_label.setStyleSheet("")
        if self.model.loading:
            self.count_label.setText(self.tr("Loading…"))
            return
        count = self.model.rowCount()
        number = self.locale().toString(count)
        if count == 1:
            text = self.tr("1 order")
        elif self.model.count_exact:
            text = self.tr("%1 orders").replace("%1", number)
        else:
            text = self.tr("About %1 orders").replace("%1", number)
        self.count_label.setText(text)

    # -- live ------------------------------------------------------------------------------------
    def _on_live_change(self, change_set) -> None:
        self._live_serial += 1
        self._recent_changes.append((self._live_serial, frozenset(change_set.ids | change_set.deleted)))
        if self.model.loading:
            return  # the reload under way reads after this change; _recheck covers races
        self.model.remove_ids(change_set.deleted)
        cached = self.model.cached_ids()
        new = [i for i in change_set.ids if i not in cached][:MOST_NEW_IDS_PER_REFRESH]
        self._queue_refresh((change_set.ids & cached) | set(new))

    def _refresh_cached(self) -> None:
        """The live feed lost track: re-read every cached row."""
        self._queue_refresh(self.model.cached_ids())

    def _recheck(self, rows, serial: int) -> None:
        """Rows read by a query that started before a live change to them are read again."""
        changed = set().union(*(ids for number, ids in self._recent_changes if number > serial))
        stale = {row.id for row in rows} & changed
        if stale:
            self._queue_refresh(stale)

    def _queue_refresh(self, ids) -> None:
        self._refresh_wanted |= set(ids)
        if self._refresh_wanted and not self._refresh_in_flight:
            ids, self._refresh_wanted = self._refresh_wanted, set()
            self._refresh_in_flight = True
            self.loader.load_rows(self.model.generation, ids, self._filter)

    def _on_rows(self, loaded: LoadedRows) -> None:
        self._refresh_in_flight = False
        if loaded.generation == self.model.generation and not self.model.loading:
            found = {row.id for row in loaded.rows}
            self.model.remove_ids((loaded.ids & self.model.cached_ids()) - found)  # no longer match
            self.model.upsert_rows(loaded.rows)
        self._queue_refresh(())

    # -- layout, activation, shutdown ------------------------------------------------------------
    def _restore_layout(self) -> None:
        header = self.table.horizontalHeader()
        state = QSettings().value(HEADER_STATE_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty() and header.restoreState(state):
            column = header.sortIndicatorSection()
            fields = {c: f for f, c in COLUMN_BY_SORT_FIELD.items()}
            if column in fields and header.count() == COLUMN_COUNT:
                descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
                self.model.set_sort_key(SortKey(fields[column], descending))
        self._show_sort_indicator(self.model.sort_key)
        self.table.setSortingEnabled(True)

    def _schedule_save(self, *_args) -> None:
        self._save_timer.start()

    def save_layout(self) -> None:
        QSettings().setValue(HEADER_STATE_KEY, self.table.horizontalHeader().saveState())

    def _on_double_click(self, index) -> None:
        if not index.isValid():
            return
        row = self.model.row_at(index.row())
        if row is not None:
            self.order_activated.emit(row.id)

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [row.id for row in map(self.model.row_at, rows) if row is not None]

    def shutdown(self) -> None:
        """Stop loading (waits for running queries, cancelling them) and stop following live changes."""
        self._save_timer.stop()
        self.save_layout()
        self.loader.shutdown()
        if self._subscription is not None:
            self._live_feed.unsubscribe(self._subscription)
            self._subscription = None


def _date_or_none(value: QDate) -> date | None:
    return None if value == NO_DATE or not value.isValid() else date(value.year(), value.month(), value.day())
