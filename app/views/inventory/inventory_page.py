"""The Inventory screen: stock per product and warehouse, low stock marked, the stock ledger, live."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QSettings, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QSplitter, QVBoxLayout, QWidget)

from app.services.inventory_queries import (StockFilter, StockSort, count_stock, fetch_ledger, fetch_stock,
                                            fetch_stock_rows, list_warehouses)
from app.services.session_info import SessionInfo
from app.views.inventory.ledger_table_model import LedgerTableModel
from app.views.inventory.stock_table_model import (COL_NAME, COLUMN_BY_SORT_FIELD, COLUMN_COUNT,
                                                   SORT_FIELD_BY_COLUMN, StockTableModel, quantity)
from app.views.widgets.list_table import list_table
from app.views.widgets.query_runner import QueryRunner, error_text

STOCK_HEADER_KEY = "inventory/stock_header_state"
LEDGER_HEADER_KEY = "inventory/ledger_header_state"
SPLITTER_KEY = "inventory/splitter_state"
PAGE_SIZE = 200
LEDGER_PAGE_SIZE = 100
SEARCH_DELAY_MS = 300
MOST_NEW_IDS_PER_REFRESH = 500
STOCK_WIDTHS = (120, 300, 90, 95, 95, 95, 110)
LEDGER_WIDTHS = (150, 80, 260, 90, 90, 160, 120)
ERROR_STYLE = "color: #a11d16;"


class InventoryPage(QWidget):
    """Inventory area: stock rows in keyset pages loaded off the UI thread, and the selected row's ledger.

    ``uow_factory`` makes units of work for the worker threads; ``live_feed`` (optional) follows
    ``stock_level``: changed rows are re-read and updated in place (rows that stop matching the
    filter leave, new matches arrive where they sort), the counts are refreshed, and the ledger
    of the selected row gains its new movements on top. Call ``shutdown`` before the engine goes.
    """

    def __init__(self, uow_factory: Callable, session: SessionInfo | None = None, live_feed=None,
                 parent: QWidget | None = None, *, page_size: int = PAGE_SIZE,
                 ledger_page_size: int = LEDGER_PAGE_SIZE):
        super().__init__(parent)
        self.setObjectName("inventoryPage")
        self._uow_factory = uow_factory
        self._session = session
        self._page_size = page_size
        self._ledger_page_size = ledger_page_size
        self._filter = StockFilter()
        self._generation = 0
        self._loading = False
        self._error = ""
        self._count = None
        self._refresh_wanted: set[int] = set()
        self._refresh_in_flight = False
        self._ledger_key = None          # (stock id, product id, warehouse id or None) the ledger shows
        self._ledger_generation = 0
        self._ledger_loading = False
        self._ledger_newer_wanted = False
        self._live_feed = live_feed
        self._subscription = None
        self.model = StockTableModel(self)
        self.ledger_model = LedgerTableModel(self)
        self.runner = QueryRunner(self, threads=3)
        self._build()
        self._restore_layout()
        self._connect()
        if live_feed is not None:
            self._subscription = live_feed.subscribe("stock_level")
            self._subscription.changed.connect(self._on_live_change)
            self._subscription.reload.connect(self._refresh_all)
        self.retranslate_ui()
        self._load_warehouses()
        self.reload()

    # -- construction ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.search_edit = QLineEdit(objectName="stockSearch", clearButtonEnabled=True)
        self.search_edit.setMinimumWidth(260)
        self.warehouse_combo = QComboBox(objectName="warehouseFilter")
        self.warehouse_combo.setMinimumContentsLength(18)
        self.warehouse_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.warehouse_combo.addItem("", None)
        self.low_check = QCheckBox(objectName="lowStockOnly")
        self.count_label = QLabel(objectName="stockCount")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 2)
        top.addWidget(self.warehouse_combo, 1)
        top.addWidget(self.low_check)
        top.addStretch(1)
        top.addWidget(self.count_label)

        self.table = list_table("stockTable", self.model, STOCK_WIDTHS)
        self.table.horizontalHeader().setStretchLastSection(False)   # the product name takes the spare width
        self.table.horizontalHeader().setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.ledger_title = QLabel(objectName="ledgerTitle")
        self.ledger_title.setStyleSheet("font-weight: 600;")
        self.ledger_position = QLabel(objectName="ledgerPosition")
        self.ledger_all_check = QCheckBox(objectName="ledgerAllWarehouses")
        ledger_top = QHBoxLayout()
        ledger_top.addWidget(self.ledger_title)
        ledger_top.addSpacing(12)
        ledger_top.addWidget(self.ledger_position, 1)
        ledger_top.addWidget(self.ledger_all_check)
        self.ledger_table = list_table("ledgerTable", self.ledger_model, LEDGER_WIDTHS)
        self.ledger_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        ledger = QWidget(objectName="ledgerPane")
        ledger_layout = QVBoxLayout(ledger)
        ledger_layout.setContentsMargins(0, 4, 0, 0)
        ledger_layout.setSpacing(4)
        ledger_layout.addLayout(ledger_top)
        ledger_layout.addWidget(self.ledger_table, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="inventorySplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(ledger)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self.find_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Find))
        self.refresh_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Refresh))
        for action in (self.find_action, self.refresh_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.setTabOrder(self.search_edit, self.warehouse_combo)
        self.setTabOrder(self.warehouse_combo, self.low_check)
        self.setTabOrder(self.low_check, self.table)
        self.setTabOrder(self.table, self.ledger_all_check)
        self.setTabOrder(self.ledger_all_check, self.ledger_table)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._save_timer = QTimer(self, singleShot=True, interval=500)

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._apply_filter)
        self._search_timer.timeout.connect(self._apply_filter)
        self.warehouse_combo.currentIndexChanged.connect(self._apply_filter)
        self.low_check.toggled.connect(self._apply_filter)
        self.ledger_all_check.toggled.connect(self._show_ledger)
        self.find_action.triggered.connect(self._focus_search)
        self.refresh_action.triggered.connect(self.reload)
        self.model.more_requested.connect(self._load_more)
        self.model.sort_key_changed.connect(self._on_sort_key)
        self.ledger_model.more_requested.connect(self._load_older_moves)
        self.table.selectionModel().currentRowChanged.connect(self._show_ledger)
        self.model.modelReset.connect(self._show_ledger)
        for header in (self.table.horizontalHeader(), self.ledger_table.horizontalHeader()):
            for signal in (header.sectionResized, header.sectionMoved, header.sortIndicatorChanged):
                signal.connect(self._schedule_save)
        self.splitter.splitterMoved.connect(self._schedule_save)
        self._save_timer.timeout.connect(self.save_layout)

    # -- text ------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.search_edit.setPlaceholderText(self.tr("Search SKU or product name…  (Ctrl+F)"))
        self.warehouse_combo.setItemText(0, self.tr("All warehouses"))
        self.low_check.setText(self.tr("Low stock only"))
        self.low_check.setToolTip(self.tr("Only items whose available stock is at or below the reorder point"))
        self.ledger_all_check.setText(self.tr("All warehouses"))
        self.ledger_all_check.setToolTip(self.tr("Show the product's movements in every warehouse"))
        self.model.retranslate()
        self.ledger_model.retranslate()
        self._update_count()
        self._update_ledger_heading()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_count(self) -> None:
        if self._error:
            self.count_label.setStyleSheet(ERROR_STYLE)
            self.count_label.setText(self.tr("Could not load stock: %1").replace("%1", self._error))
            return
        self.count_label.setStyleSheet("")
        if self._loading or self._count is None:
            self.count_label.setText(self.tr("Loading…"))
            return
        rows = self.locale().toString(self._count.rows)
        low = self.locale().toString(self._count.low)
        if self._count.rows == 1:
            text = self.tr("1 stock item, %2 low").replace("%2", low)
        else:
            text = self.tr("%1 stock items, %2 low").replace("%1", rows).replace("%2", low)
        self.count_label.setText(text)

    # -- filter and sort -------------------------------------------------------------------------
    def current_filter(self) -> StockFilter:
        return StockFilter(text=self.search_edit.text().strip(), warehouse_id=self.warehouse_combo.currentData(),
                           low_only=self.low_check.isChecked())

    def _apply_filter(self, *_args) -> None:
        self._search_timer.stop()
        wanted = self.current_filter()
        if wanted != self._filter:
            self._filter = wanted
            self.reload()

    def _focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _on_sort_key(self, sort: StockSort) -> None:
        self._show_sort_indicator(sort)
        self.reload()

    def _show_sort_indicator(self, sort: StockSort) -> None:
        header = self.table.horizontalHeader()
        blocker = QSignalBlocker(header)
        header.setSortIndicator(COLUMN_BY_SORT_FIELD[sort.field],
                                Qt.SortOrder.DescendingOrder if sort.descending else Qt.SortOrder.AscendingOrder)
        del blocker

    def _load_warehouses(self) -> None:
        uow_factory = self._uow_factory
        self.runner.submit(lambda: list_warehouses(uow=uow_factory()), self._on_warehouses)

    def _on_warehouses(self, warehouses) -> None:
        blocker = QSignalBlocker(self.warehouse_combo)
        chosen = self.warehouse_combo.currentData()
        while self.warehouse_combo.count() > 1:
            self.warehouse_combo.removeItem(1)
        for warehouse in warehouses:
            self.warehouse_combo.addItem(f"{warehouse.code} – {warehouse.name}", warehouse.id)
            self.warehouse_combo.setItemData(self.warehouse_combo.count() - 1, warehouse.name,
                                             Qt.ItemDataRole.ToolTipRole)
        index = self.warehouse_combo.findData(chosen)
        self.warehouse_combo.setCurrentIndex(max(0, index))
        del blocker

    # -- loading the list ------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._loading or self._refresh_in_flight or self._ledger_loading

    def reload(self) -> None:
        """Start over from the first page for the current filter and sort."""
        self._generation += 1
        generation, stock_filter, sort = self._generation, self._filter, self.model.sort_key
        self._loading, self._error = True, ""
        self._update_count()
        uow_factory, size = self._uow_factory, self._page_size

        def work():
            rows = fetch_stock(stock_filter, sort, limit=size, uow=uow_factory())
            return rows, count_stock(stock_filter, uow=uow_factory())
        self.runner.submit(work, lambda result: self._on_first_page(generation, *result),
                           lambda error: self._on_failed(generation, error))

    def _on_first_page(self, generation: int, rows, count) -> None:
        if generation != self._generation:
            return
        selected = self.selected_row()
        self._loading, self._count = False, count
        self.model.set_rows(rows, complete=len(rows) < self._page_size)
        self._update_count()
        position = self.model.row_of_id(selected.id) if selected is not None else None
        if position is not None:
            self.table.selectRow(position)
        elif self.model.rowCount():
            self.table.selectRow(0)
        self._queue_refresh(())   # live changes that came while this page was read

    def _load_more(self) -> None:
        last = self.model.row_at(self.model.rowCount() - 1)
        if last is None or self._loading:
            self.model.more_failed()
            return
        generation, stock_filter, sort = self._generation, self._filter, self.model.sort_key
        uow_factory, size = self._uow_factory, self._page_size
        self.runner.submit(lambda: fetch_stock(stock_filter, sort, after=last, limit=size, uow=uow_factory()),
                           lambda rows: self._on_more(generation, rows),
                           lambda error: self._on_failed(generation, error))

    def _on_more(self, generation: int, rows) -> None:
        if generation == self._generation:
            self.model.append_rows(rows, complete=len(rows) < self._page_size)

    def _on_failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.model.more_failed()
        self._error = error_text(error)
        self._update_count()

    # -- live ------------------------------------------------------------------------------------
    def _on_live_change(self, change_set) -> None:
        self.model.remove_ids(change_set.deleted)
        held = self.model.ids()
        new = [i for i in change_set.ids if i not in held][:MOST_NEW_IDS_PER_REFRESH]
        self._queue_refresh((change_set.ids & held) | set(new) | {-1})   # -1: recount even if nothing is held

    def _refresh_all(self) -> None:
        """The live feed lost track: re-read every held row (and the ledger)."""
        self._queue_refresh(self.model.ids() | {-1})

    def _queue_refresh(self, ids) -> None:
        self._refresh_wanted |= set(ids)
        if not self._refresh_wanted or self._refresh_in_flight or self._loading:
            return
        ids, self._refresh_wanted = self._refresh_wanted, set()
        self._refresh_in_flight = True
        generation, stock_filter, uow_factory = self._generation, self._filter, self._uow_factory
        ids.discard(-1)

        def work():
            rows = fetch_stock_rows(ids, filter=stock_filter, uow=uow_factory()) if ids else []
            return rows, count_stock(stock_filter, uow=uow_factory())
        self.runner.submit(work, lambda result: self._on_refreshed(generation, ids, *result),
                           lambda error: self._on_refresh_failed(generation, error))

    def _on_refreshed(self, generation: int, ids: set[int], rows, count) -> None:
        self._refresh_in_flight = False
        if generation == self._generation and not self._loading:
            found = {row.id for row in rows}
            self.model.remove_ids((ids & self.model.ids()) - found)   # no longer match the filter
            self.model.upsert_rows(rows)
            self._count = count
            self._update_count()
            selected = self.selected_row()
            if selected is not None and self._ledger_key is not None and self._ledger_key[0] == selected.id:
                if selected.id in ids or self._ledger_key[2] is None:
                    self._load_newer_moves()
                self._update_ledger_heading()
        self._queue_refresh(())

    def _on_refresh_failed(self, generation: int, error: Exception) -> None:
        self._refresh_in_flight = False
        if generation == self._generation:
            self._error = error_text(error)
            self._update_count()

    # -- the ledger ------------------------------------------------------------------------------
    def selected_row(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show_ledger(self, *_args) -> None:
        row = self.selected_row()
        key = None if row is None else (row.id, row.product_id,
                                         None if self.ledger_all_check.isChecked() else row.warehouse_id)
        self._update_ledger_heading()
        if key == self._ledger_key:
            return
        self._ledger_key = key
        self._ledger_generation += 1
        self.ledger_model.set_entries([], complete=True)
        if key is None:
            return
        generation, uow_factory, size = self._ledger_generation, self._uow_factory, self._ledger_page_size
        self._ledger_loading = True
        self.runner.submit(lambda: fetch_ledger(key[1], key[2], limit=size, uow=uow_factory()),
                           lambda entries: self._on_ledger(generation, entries),
                           lambda error: self._on_ledger_failed(generation, error))

    def _on_ledger(self, generation: int, entries) -> None:
        if generation != self._ledger_generation:
            return
        self._ledger_loading = False
        self.ledger_model.set_entries(entries, complete=len(entries) < self._ledger_page_size)
        if self._ledger_newer_wanted:
            self._ledger_newer_wanted = False
            self._load_newer_moves()

    def _on_ledger_failed(self, generation: int, error: Exception) -> None:
        if generation == self._ledger_generation:
            self._ledger_loading = False
            self.ledger_model.more_failed()
            self.ledger_position.setStyleSheet(ERROR_STYLE)
            self.ledger_position.setText(self.tr("Could not load the ledger: %1").replace("%1", error_text(error)))

    def _load_older_moves(self) -> None:
        key, oldest = self._ledger_key, self.ledger_model.oldest_id()
        if key is None or oldest is None:
            self.ledger_model.more_failed()
            return
        generation, uow_factory, size = self._ledger_generation, self._uow_factory, self._ledger_page_size
        self.runner.submit(lambda: fetch_ledger(key[1], key[2], before_id=oldest, limit=size, uow=uow_factory()),
                           lambda entries: self._on_older_moves(generation, entries),
                           lambda error: self._on_ledger_failed(generation, error))

    def _on_older_moves(self, generation: int, entries) -> None:
        if generation == self._ledger_generation:
            self.ledger_model.append_entries(entries, complete=len(entries) < self._ledger_page_size)

    def _load_newer_moves(self) -> None:
        """Movements recorded since the ledger was read go on top (a full reload after a long gap)."""
        key, newest = self._ledger_key, self.ledger_model.newest_id()
        if key is None:
            return
        if self._ledger_loading:
            self._ledger_newer_wanted = True
            return
        generation, uow_factory, size = self._ledger_generation, self._uow_factory, self._ledger_page_size
        self._ledger_loading = True
        self.runner.submit(lambda: fetch_ledger(key[1], key[2], after_id=newest, limit=size, uow=uow_factory()),
                           lambda entries: self._on_newer_moves(generation, entries),
                           lambda error: self._on_ledger_failed(generation, error))

    def _on_newer_moves(self, generation: int, entries) -> None:
        if generation != self._ledger_generation:
            return
        self._ledger_loading = False
        if len(entries) >= self._ledger_page_size:   # more arrived than a page: start the ledger over
            self._ledger_key = None
            self._show_ledger()
            return
        self.ledger_model.prepend_entries(entries)
        if self._ledger_newer_wanted:
            self._ledger_newer_wanted = False
            self._load_newer_moves()

    def _update_ledger_heading(self) -> None:
        row = self.selected_row()
        self.ledger_position.setStyleSheet("color: #5c636d;")
        if row is None:
            self.ledger_title.setText(self.tr("Stock ledger"))
            self.ledger_position.setText(self.tr("Select an item to see its stock movements."))
            return
        self.ledger_title.setText(self.tr("Stock ledger: %1 %2").replace("%1", row.sku).replace("%2", row.product_name))
        self.ledger_position.setText(
            self.tr("%1: on hand %2, reserved %3, available %4 %5")
            .replace("%1", row.warehouse_code).replace("%2", quantity(row.on_hand))
            .replace("%3", quantity(row.reserved)).replace("%4", quantity(row.available)).replace("%5", row.uom))

    # -- layout and shutdown ---------------------------------------------------------------------
    def _restore_layout(self) -> None:
        settings = QSettings()
        header = self.table.horizontalHeader()
        state = settings.value(STOCK_HEADER_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty() and header.restoreState(state):
            column = header.sortIndicatorSection()
            if column in SORT_FIELD_BY_COLUMN and header.count() == COLUMN_COUNT:
                descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
                self.model.set_sort_key(StockSort(SORT_FIELD_BY_COLUMN[column], descending))
        ledger_state = settings.value(LEDGER_HEADER_KEY)
        if isinstance(ledger_state, QByteArray) and not ledger_state.isEmpty():
            self.ledger_table.horizontalHeader().restoreState(ledger_state)
        splitter = settings.value(SPLITTER_KEY)
        if not (isinstance(splitter, QByteArray) and not splitter.isEmpty() and self.splitter.restoreState(splitter)):
            self.splitter.setSizes([430, 260])
        self._show_sort_indicator(self.model.sort_key)
        self.table.setSortingEnabled(True)

    def _schedule_save(self, *_args) -> None:
        self._save_timer.start()

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue(STOCK_HEADER_KEY, self.table.horizontalHeader().saveState())
        settings.setValue(LEDGER_HEADER_KEY, self.ledger_table.horizontalHeader().saveState())
        settings.setValue(SPLITTER_KEY, self.splitter.saveState())

    def shutdown(self) -> None:
        """Stop following live changes and wait for running queries (call before the engine goes away)."""
        self._save_timer.stop()
        self._search_timer.stop()
        self.save_layout()
        self.runner.shutdown()
        if self._subscription is not None:
            self._live_feed.unsubscribe(self._subscription)
            self._subscription = None
