"""Table model of the Inventory screen's stock list (used by app/views/inventory/inventory_page.py).

One row per product and warehouse, in the order the server sorted them. Rows arrive in keyset
pages: Qt's ``canFetchMore``/``fetchMore`` ask for the next page when the view nears the end, the
model emits ``more_requested`` and the page's worker answers with ``append_rows``. Clicking a
header asks the page (``sort_key_changed``) to reload sorted by that column in SQL.

Live changes: ``upsert_rows`` updates rows in place (``dataChanged`` for the changed cells only)
and inserts new rows where they sort, when that lies within what is loaded; ``remove_ids``
removes rows. A changed row keeps its place even if its sort value changed, until the next reload.
Low stock (available at or below a set reorder point) is shaded and marked.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from decimal import Decimal

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from app.services.inventory_queries import StockRow, StockSort, sort_values
from app.views.widgets.list_table_model import ListTableModel

(COL_SKU, COL_NAME, COL_WAREHOUSE, COL_ON_HAND, COL_RESERVED, COL_AVAILABLE, COL_REORDER) = range(7)
COLUMN_COUNT = 7
SORT_FIELD_BY_COLUMN = {COL_SKU: "sku", COL_NAME: "name", COL_WAREHOUSE: "warehouse", COL_ON_HAND: "on_hand",
                        COL_RESERVED: "reserved", COL_AVAILABLE: "available", COL_REORDER: "reorder_point"}
COLUMN_BY_SORT_FIELD = {field: column for column, field in SORT_FIELD_BY_COLUMN.items()}
NUMBER_COLUMNS = frozenset({COL_ON_HAND, COL_RESERVED, COL_AVAILABLE, COL_REORDER})
LOW_BACKGROUND = QColor("#ffe2c6")
LOW_TEXT = QColor("#8a3e00")
Index = QModelIndex | QPersistentModelIndex


def quantity(value: Decimal) -> str:
    """A stock quantity as people write it: 1,250 or 12.5 (no trailing zeros)."""
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class StockTableModel(ListTableModel):
    """Stock rows of the Inventory screen (see the module docstring)."""

    column_count = COLUMN_COUNT
    number_columns = NUMBER_COLUMNS

    more_requested = Signal()
    sort_key_changed = Signal(object)   # StockSort

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list[StockRow] = []
        self._sort = StockSort()
        self._complete = True
        self._more_pending = False
        self._bold = QFont()
        self._bold.setBold(True)
        self.retranslate()

    def retranslate(self) -> None:
        self._headers = (self.tr("SKU"), self.tr("Product"), self.tr("Warehouse"), self.tr("On hand"),
                         self.tr("Reserved"), self.tr("Available"), self.tr("Reorder point"))
        self._low_tip = self.tr("Low stock: available is at or below the reorder point")
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)

    # -- Qt model interface ----------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        row, column = self._items[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(column)
        if row.low:
            if role == Qt.ItemDataRole.BackgroundRole:
                return LOW_BACKGROUND
            if role == Qt.ItemDataRole.ForegroundRole and column == COL_AVAILABLE:
                return LOW_TEXT
            if role == Qt.ItemDataRole.FontRole and column == COL_AVAILABLE:
                return self._bold
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._low_tip
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_WAREHOUSE:
            return row.warehouse_name
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._complete and not self._more_pending

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if self.canFetchMore(parent):
            self._more_pending = True
            self.more_requested.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Header clicks: ask for the rows sorted in SQL (the page reloads)."""
        field = SORT_FIELD_BY_COLUMN.get(column)
        if field is None:
            return
        wanted = StockSort(field, order == Qt.SortOrder.DescendingOrder)
        if wanted != self._sort:
            self._sort = wanted
            self.sort_key_changed.emit(wanted)

    # -- rows ------------------------------------------------------------------------------------
    @property
    def sort_key(self) -> StockSort:
        return self._sort

    def set_sort_key(self, sort: StockSort) -> None:
        self._sort = sort

    @property
    def complete(self) -> bool:
        return self._complete

    def set_rows(self, rows: list[StockRow], complete: bool) -> None:
        self.beginResetModel()
        self._items = list(rows)
        self._complete = complete
        self._more_pending = False
        self.endResetModel()

    def append_rows(self, rows: list[StockRow], complete: bool) -> None:
        """The next page (rows already held are skipped: a live insert may have brought them)."""
        held = self.ids()
        rows = [row for row in rows if row.id not in held]
        self._more_pending = False
        self._complete = complete
        if rows:
            self.beginInsertRows(QModelIndex(), len(self._items), len(self._items) + len(rows) - 1)
            self._items.extend(rows)
            self.endInsertRows()

    def more_failed(self) -> None:
        self._more_pending = False

    def upsert_rows(self, rows: Iterable[StockRow]) -> None:
        """Update held rows in place; insert new ones where they sort if that is within what is loaded."""
        for row in rows:
            position = self.row_of_id(row.id)
            if position is not None:
                self._update(position, row)
                continue
            keys = [self._key(held) for held in self._items]
            key = self._key(row)
            if not self._complete and (not keys or key > keys[-1]):
                continue   # beyond the loaded pages: it comes with a later page
            position = bisect.bisect_left(keys, key)
            self.beginInsertRows(QModelIndex(), position, position)
            self._items.insert(position, row)
            self.endInsertRows()

    def remove_ids(self, ids: Iterable[int]) -> None:
        ids = set(ids)
        for position in reversed(range(len(self._items))):
            if self._items[position].id in ids:
                self.beginRemoveRows(QModelIndex(), position, position)
                del self._items[position]
                self.endRemoveRows()

    def _update(self, position: int, row: StockRow) -> None:
        old = self._items[position]
        if old == row:
            return
        self._items[position] = row
        if old.low != row.low:   # the shading covers the whole row
            self.dataChanged.emit(self.index(position, 0), self.index(position, COLUMN_COUNT - 1))
            return
        changed = [c for c in range(COLUMN_COUNT) if display_text(old, c) != display_text(row, c)]
        if changed:
            self.dataChanged.emit(self.index(position, min(changed)), self.index(position, max(changed)))

    def _key(self, row: StockRow):
        """A key ordering rows as displayed (the SQL order; reversed for descending sorts)."""
        values = sort_values(self._sort, row)
        return _Reversed(values) if self._sort.descending else values

    def row_at(self, position: int) -> StockRow | None:
        return self._items[position] if 0 <= position < len(self._items) else None

    def row_of_id(self, stock_id: int) -> int | None:
        for position, row in enumerate(self._items):
            if row.id == stock_id:
                return position
        return None

    def ids(self) -> set[int]:
        return {row.id for row in self._items}


class _Reversed:
    """Wraps a key so that sorting ascending by it sorts descending by the key."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __lt__(self, other: "_Reversed") -> bool:
        return other.value < self.value

    def __gt__(self, other: "_Reversed") -> bool:
        return other.value > self.value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reversed) and other.value == self.value


def display_text(row: StockRow, column: int) -> str:
    if column == COL_SKU:
        return row.sku
    if column == COL_NAME:
        return row.product_name
    if column == COL_WAREHOUSE:
        return row.warehouse_code
    if column == COL_ON_HAND:
        return quantity(row.on_hand)
    if column == COL_RESERVED:
        return quantity(row.reserved)
    if column == COL_AVAILABLE:
        return quantity(row.available)
    return quantity(row.reorder_point)

