"""Purchase suggestions as a table, for the purchase suggestions dialog of the production board.

One row per product and supplier with open shortages (``PurchaseSuggestion``): what to order,
how much, from whom, when production needs it and when it must be ordered by (red once that day
has come). ``set_rows`` replaces the rows; ``suggestion(row)`` gives a row's suggestion.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QLocale, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from app.services.production_orders import PurchaseSuggestion
from app.views.production.bar_style import quantity_text
from app.views.production.board_axes import qdate

(COL_PRODUCT, COL_NAME, COL_SUPPLIER, COL_QUANTITY, COL_NEEDED_BY, COL_ORDER_BY, COL_LEAD_TIME,
 COL_PRODUCTION) = range(8)
#: A value to sort by.
SORT_ROLE = Qt.ItemDataRole.UserRole
_OVERDUE = QColor("#a11d16")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _headers() -> tuple[str, ...]:
    return (QCoreApplication.translate("PurchaseSuggestionModel", "Product"),
            QCoreApplication.translate("PurchaseSuggestionModel", "Description"),
            QCoreApplication.translate("PurchaseSuggestionModel", "Supplier"),
            QCoreApplication.translate("PurchaseSuggestionModel", "Quantity"),
            QCoreApplication.translate("PurchaseSuggestionModel", "Needed by"),
            QCoreApplication.translate("PurchaseSuggestionModel", "Order by"),
            QCoreApplication.translate("PurchaseSuggestionModel", "Lead time"),
            QCoreApplication.translate("PurchaseSuggestionModel", "For production"))


class PurchaseSuggestionModel(QAbstractTableModel):
    """Rows of ``PurchaseSuggestionsDialog``; ``today`` decides which order-by dates are due."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[PurchaseSuggestion] = []
        self.today = date.today()

    def set_rows(self, suggestions, today: date | None = None) -> None:
        self.beginResetModel()
        self._rows = list(suggestions)
        self.today = today or date.today()
        self.endResetModel()

    def suggestion(self, row: int) -> PurchaseSuggestion | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COL_PRODUCTION)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COL_PRODUCTION))

    # -- Qt model --------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else COL_PRODUCTION + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section <= COL_PRODUCTION:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (COL_QUANTITY, COL_LEAD_TIME):
            return _RIGHT
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_QUANTITY, COL_LEAD_TIME):
            return _RIGHT
        if column == COL_ORDER_BY and self._overdue(row):
            if role == Qt.ItemDataRole.ForegroundRole:
                return _OVERDUE
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate("PurchaseSuggestionModel",
                                                  "Order now: the supplier's lead time is longer than the time left.")
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_PRODUCTION:
            return ", ".join(row.production_orders)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        return None

    def _overdue(self, row: PurchaseSuggestion) -> bool:
        return row.order_by is not None and row.order_by <= self.today

    def _display(self, row: PurchaseSuggestion, column: int) -> str:
        if column == COL_PRODUCT:
            return row.sku
        if column == COL_NAME:
            return row.product_name
        if column == COL_SUPPLIER:
            if row.supplier_code is None:
                return QCoreApplication.translate("PurchaseSuggestionModel", "No supplier named")
            return f"{row.supplier_code} · {row.supplier_name}" if row.supplier_name else row.supplier_code
        if column == COL_QUANTITY:
            return f"{quantity_text(row.quantity)} {row.uom}".strip()
        if column in (COL_NEEDED_BY, COL_ORDER_BY):
            day = row.needed_by if column == COL_NEEDED_BY else row.order_by
            return QLocale().toString(qdate(day), "yyyy-MM-dd") if day else "—"
        if column == COL_LEAD_TIME:
            return QCoreApplication.translate("PurchaseSuggestionModel", "%1 d").replace("%1", str(row.lead_time_days))
        return ", ".join(row.production_orders)

    def _sort_key(self, row: PurchaseSuggestion, column: int):
        if column == COL_QUANTITY:
            return float(row.quantity)
        if column == COL_LEAD_TIME:
            return row.lead_time_days
        if column in (COL_NEEDED_BY, COL_ORDER_BY):
            day = row.needed_by if column == COL_NEEDED_BY else row.order_by
            return day.isoformat() if day else "9999"
        return self._display(row, column)
