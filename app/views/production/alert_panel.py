"""The list of open deviation alerts under the production board.

Shows kind, order, operation or line, since when and the message of every open alert (newest
first, sortable). Clicking an alert, or Enter on it, emits ``alert_activated(BoardAlert)``; the
board then scrolls to its bar or line. Column widths persist with QSettings.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSettings, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout

from app.views.production.alert_table_model import (
    ALERT_ROLE,
    COL_KIND,
    COL_ORDER,
    COL_SINCE,
    COL_WHERE,
    SORT_ROLE,
    AlertTableModel,
)

COLUMNS_KEY = "production_board/alert_columns"
_WIDTHS = {COL_KIND: 150, COL_ORDER: 250, COL_WHERE: 120, COL_SINCE: 130}


class AlertPanel(QFrame):
    """Open alerts as a table; ``alert_activated(BoardAlert)`` when the user picks one."""

    alert_activated = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("alertPanel")
        self.setStyleSheet("QFrame#alertPanel { border: 1px solid #cdd3db; background: #ffffff; }"
                           " QLabel#alertPanelTitle { font-weight: 600; color: #2b3440; }")
        self.model = AlertTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.title = QLabel(objectName="alertPanelTitle")
        self.hint = QLabel(objectName="alertPanelHint")
        self.hint.setStyleSheet("color: #6b7684;")
        self.table = QTableView(objectName="alertTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_SINCE, Qt.SortOrder.DescendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setFrameShape(QFrame.Shape.NoFrame)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in _WIDTHS.items():
            header.resizeSection(column, width)
        self._restore_columns()
        top = QHBoxLayout()
        top.setContentsMargins(10, 6, 10, 2)
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.table.clicked.connect(self._activate)
        self.table.activated.connect(self._activate)
        header.sectionResized.connect(lambda *_: self.save_columns())
        self.model.modelReset.connect(self._update_title)
        self.retranslate()

    def set_alerts(self, alerts) -> None:
        self.model.set_alerts(alerts)
        self._update_title()

    def set_line_codes(self, codes: dict[int, str]) -> None:
        self.model.set_line_codes(codes)

    def retranslate(self) -> None:
        self.hint.setText(self.tr("Click an alert to show it on the board."))
        self.model.retranslate()
        self._update_title()

    def _update_title(self) -> None:
        count = self.model.rowCount()
        self.title.setText(self.tr("No open alerts") if count == 0 else
                           self.tr("Open alerts: %1").replace("%1", str(count)))
        self.hint.setVisible(count > 0)

    def _activate(self, index) -> None:
        alert = self.proxy.data(index, ALERT_ROLE)
        if alert is not None:
            self.alert_activated.emit(alert)

    def select_row(self, row: int) -> None:
        """Select the ``row``-th alert as shown (sorted) and pick it, as a click would."""
        index = self.proxy.index(row, COL_ORDER)
        self.table.setCurrentIndex(index)
        self._activate(index)

    def save_columns(self) -> None:
        QSettings().setValue(COLUMNS_KEY, self.table.horizontalHeader().saveState())

    def _restore_columns(self) -> None:
        state = QSettings().value(COLUMNS_KEY)
        if state is not None:
            self.table.horizontalHeader().restoreState(state)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

