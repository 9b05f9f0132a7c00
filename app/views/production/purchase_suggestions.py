"""The buyer's and planner's list of what production is short of, and what to do about it.

Open shortages per product and supplier (``purchase_suggestions``): select rows and "Mark
ordered" with the day the purchase arrives (``order_purchases``, all selected rows or none, so
the scheduler waits for the material), or "Cover from stock" when stock has come in
(``cover_shortages``). Every call runs on a worker thread; the outcome is one sentence under the
table, repeated by ``changed(str)`` for the board's banner.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QEvent, QLocale, QSettings, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from app.services.errors import OrderPilotError
from app.services.production_orders import cover_shortages, order_purchases, purchase_suggestions
from app.views.production.board_axes import qdate
from app.views.production.purchase_suggestion_model import (
    COL_LEAD_TIME,
    COL_NAME,
    COL_NEEDED_BY,
    COL_ORDER_BY,
    COL_PRODUCT,
    COL_QUANTITY,
    COL_SUPPLIER,
    SORT_ROLE,
    PurchaseSuggestionModel,
)
from app.views.widgets.query_runner import QueryRunner, error_text

EDITOR_ROLES = ("op_planner", "op_manager")
GEOMETRY_KEY = "purchase_suggestions/geometry"
COLUMNS_KEY = "purchase_suggestions/columns"
_WIDTHS = {COL_PRODUCT: 125, COL_NAME: 180, COL_SUPPLIER: 170, COL_QUANTITY: 90, COL_NEEDED_BY: 95,
           COL_ORDER_BY: 95, COL_LEAD_TIME: 80}
_MESSAGE_STYLES = {"info": "color: #1d5a22;", "error": "color: #a11d16;"}


class PurchaseSuggestionsDialog(QDialog):
    """Purchase suggestions for ``session``'s login; ``loaded`` after each read, ``changed(str)`` after a save."""

    loaded = Signal()
    changed = Signal(str)

    def __init__(self, uow_factory: Callable, session, parent=None):
        super().__init__(parent)
        self.setObjectName("purchaseSuggestionsDialog")
        self._uow_factory = uow_factory
        self.editable = any(session.has_role(role) for role in EDITOR_ROLES)
        self.runner = QueryRunner(self)
        self.model = PurchaseSuggestionModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self._build()
        self.runner.busy_changed.connect(self._on_busy)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.retranslate()
        self._restore()
        self.refresh()

    def _build(self) -> None:
        self.intro = QLabel(objectName="purchaseIntro", wordWrap=True)
        self.intro.setStyleSheet("color: #4a5562;")
        self.table = QTableView(objectName="purchaseTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_ORDER_BY, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in _WIDTHS.items():
            header.resizeSection(column, width)
        self.summary = QLabel(objectName="purchaseSummary")
        self.summary.setStyleSheet("color: #55606e;")
        self.arrival_label = QLabel(objectName="arrivalLabel")
        self.arrival_edit = QDateEdit(objectName="arrivalEdit", calendarPopup=True)
        self.arrival_edit.setDisplayFormat("yyyy-MM-dd")
        self.arrival_edit.setMinimumDate(QDate.currentDate())
        self.arrival_edit.setDate(QDate.currentDate().addDays(7))
        self.arrival_label.setBuddy(self.arrival_edit)
        self.order_button = QPushButton(objectName="markOrderedButton", enabled=False, default=True)
        self.cover_button = QPushButton(objectName="coverButton")
        self.busy = QProgressBar(objectName="purchaseBusy", maximum=0, textVisible=False)
        self.busy.setFixedSize(90, 8)
        self.busy.hide()
        self.message_label = QLabel(objectName="purchaseMessage", wordWrap=True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.refresh_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ResetRole)
        self.refresh_button.setObjectName("refreshButton")
        self.refresh_button.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.arrival_label)
        actions.addWidget(self.arrival_edit)
        actions.addWidget(self.order_button)
        actions.addSpacing(16)
        actions.addWidget(self.cover_button)
        actions.addStretch(1)
        actions.addWidget(self.busy)
        for widget in (self.arrival_label, self.arrival_edit, self.order_button, self.cover_button):
            widget.setVisible(self.editable)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(actions)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self.order_button.clicked.connect(self.mark_ordered)
        self.cover_button.clicked.connect(self.cover_from_stock)
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        self.resize(1060, 480)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Purchase suggestions"))
        self.intro.setText(self.tr(
            "Components production is short of, per product and supplier, most urgent first. Select what you "
            "have ordered and mark it with the day it arrives: the scheduler then plans the work after it."))
        self.arrival_label.setText(self.tr("Expected &arrival:"))
        self.arrival_edit.setToolTip(self.tr("The day the ordered material arrives"))
        self.order_button.setText(self.tr("Mark ordered"))
        self.order_button.setToolTip(self.tr("Mark the selected shortages as ordered, arriving on the day given"))
        self.cover_button.setText(self.tr("Cover from stock"))
        self.cover_button.setToolTip(self.tr("Reserve stock that has come in for the open shortages"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.model.retranslate()
        self._update_summary()

    # -- reading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.runner.submit(lambda: purchase_suggestions(uow=self._uow_factory()), self._on_loaded, self._on_error)

    def _on_loaded(self, suggestions) -> None:
        self.model.set_rows(suggestions)
        self._update_summary()
        self._on_selection()
        self.loaded.emit()

    def _update_summary(self) -> None:
        count = self.model.rowCount()
        if count == 0:
            text = self.tr("No open shortages: production has its components, or they are on order.")
        elif count == 1:
            text = self.tr("1 product to order.")
        else:
            text = self.tr("%1 products to order.").replace("%1", QLocale().toString(count))
        overdue = sum(1 for row in range(count) if self.model._overdue(self.model.suggestion(row)))
        if overdue:
            urgent = self.tr("1 should be ordered today or is overdue.") if overdue == 1 else \
                self.tr("%1 should be ordered today or are overdue.").replace("%1", QLocale().toString(overdue))
            text = self.tr("%1 %2", "two sentences in a row").replace("%1", text, 1).replace("%2", urgent, 1)
        self.summary.setText(text)

    def selected(self) -> list:
        rows = sorted({self.proxy.mapToSource(index).row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.suggestion(row) for row in rows]

    def _on_selection(self, *_args) -> None:
        chosen = self.selected()
        self.order_button.setEnabled(bool(chosen) and not self.runner.busy)
        if chosen:
            lead = max(s.lead_time_days for s in chosen)
            self.arrival_edit.setDate(qdate(date.today() + timedelta(days=max(1, lead))))

    # -- saving ----------------------------------------------------------------------------------
    def mark_ordered(self) -> None:
        chosen = self.selected()
        if not chosen or self.runner.busy:
            return
        day = self.arrival_edit.date().toPython()
        arrives = datetime.combine(day, time()).astimezone()  # the start of that day, on this desk's clock
        purchases = [(s.product_id, s.supplier_id) for s in chosen]
        self.runner.submit(lambda: order_purchases(purchases, arrives, uow=self._uow_factory()),
                           lambda count: self._saved(self._ordered_text(count, day)), self._on_error)

    def cover_from_stock(self) -> None:
        if self.runner.busy:
            return
        self.runner.submit(lambda: cover_shortages(uow=self._uow_factory()),
                           lambda count: self._saved(self._covered_text(count)), self._on_error)

    def _ordered_text(self, count: int, day: date) -> str:
        when = QLocale().toString(qdate(day), "yyyy-MM-dd")
        text = self.tr("Marked 1 shortage as ordered, arriving on %2.") if count == 1 else \
            self.tr("Marked %1 shortages as ordered, arriving on %2.").replace("%1", QLocale().toString(count))
        return text.replace("%2", when)

    def _covered_text(self, count: int) -> str:
        if count == 0:
            return self.tr("No stock has come in for the open shortages.")
        if count == 1:
            return self.tr("Reserved stock that came in for 1 shortage.")
        return self.tr("Reserved stock that came in for %1 shortages.").replace("%1", QLocale().toString(count))

    def _saved(self, text: str) -> None:
        self._show(text, "info")
        self.changed.emit(text)
        self.refresh()

    def _on_error(self, error: Exception) -> None:
        self._show(self._error_text(error), "error")

    def _error_text(self, error: Exception) -> str:
        """The services' sentences in the user's language; others as they came."""
        if not isinstance(error, OrderPilotError):
            return error_text(error)
        text = str(error)
        gone = re.fullmatch(r"There is no open shortage of (\S+) to order any more; refresh the list\.", text)
        if gone:
            return self.tr("There is no open shortage of %1 to order any more; refresh the list.").replace(
                "%1", gone.group(1))
        if text == "There is no open shortage of this product to order.":
            return self.tr("There is no open shortage of this product to order.")
        return text

    def _show(self, text: str, kind: str) -> None:
        self.message_label.setStyleSheet(_MESSAGE_STYLES[kind])
        self.message_label.setText(text)
        self.message_label.show()

    def _on_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.cover_button.setEnabled(not busy)
        self.refresh_button.setEnabled(not busy)
        self.order_button.setEnabled(not busy and bool(self.selected()))

    # -- layout ----------------------------------------------------------------------------------
    def _restore(self) -> None:
        settings = QSettings()
        geometry, columns = settings.value(GEOMETRY_KEY), settings.value(COLUMNS_KEY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        if columns is not None:
            self.table.horizontalHeader().restoreState(columns)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(COLUMNS_KEY, self.table.horizontalHeader().saveState())

    def done(self, result: int) -> None:
        self.save_layout()
        super().done(result)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def shutdown(self) -> None:
        """Stop the worker (waits for a running call); nothing is delivered afterwards."""
        self.runner.shutdown()
