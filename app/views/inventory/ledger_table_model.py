"""Table model of the stock ledger under the Inventory screen's list (app/views/inventory/inventory_page.py).

The movements of the selected product, newest first. Older movements come page by page through
``canFetchMore``/``fetchMore`` (``more_requested``; the page answers with ``append_entries``);
movements recorded after the list was read are put on top with ``prepend_entries``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from app.services.inventory_queries import LedgerEntry
from app.views.widgets.list_table_model import ListTableModel

(COL_TIME, COL_WAREHOUSE, COL_REASON, COL_ON_HAND, COL_RESERVED, COL_REFERENCE, COL_BY) = range(7)
COLUMN_COUNT = 7
IN_TEXT = QColor("#1f6b26")
OUT_TEXT = QColor("#a11d16")
Index = QModelIndex | QPersistentModelIndex


def signed(value) -> str:
    """A change of quantity: +5, −2.5 (a true minus sign), nothing for no change."""
    if not value:
        return ""
    text = f"{abs(value):,.3f}".rstrip("0").rstrip(".")
    return ("+" if value > 0 else "\u2212") + text


def reason_label(reason: str) -> str:
    """The services' reason codes in the user's language; other reasons (already words) as they are."""
    labels = {
        "reservation": QCoreApplication.translate("StockReason", "Reserved for order"),
        "release": QCoreApplication.translate("StockReason", "Reservation released"),
        "cancellation": QCoreApplication.translate("StockReason", "Released: order cancelled"),
        "opening balance": QCoreApplication.translate("StockReason", "Opening balance"),
        "adjustment": QCoreApplication.translate("StockReason", "Stock adjustment"),
    }
    return labels.get(reason, reason)


class LedgerTableModel(ListTableModel):
    """Stock movements, newest first (see the module docstring)."""

    column_count = COLUMN_COUNT
    number_columns = frozenset({COL_ON_HAND, COL_RESERVED})

    more_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list[LedgerEntry] = []
        self._complete = True
        self._more_pending = False
        self.retranslate()

    def retranslate(self) -> None:
        self._headers = (self.tr("Time"), self.tr("Warehouse"), self.tr("Reason"), self.tr("On hand ±"),
                         self.tr("Reserved ±"), self.tr("Order / reference"), self.tr("By"))
        if self._items:
            self.dataChanged.emit(self.index(0, COL_REASON), self.index(len(self._items) - 1, COL_REASON))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)

    # -- Qt model interface ----------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        entry, column = self._items[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(entry, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(column)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_ON_HAND and entry.on_hand_delta:
            return IN_TEXT if entry.on_hand_delta > 0 else OUT_TEXT
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_REASON and entry.reason != display_text(entry, column):
                return entry.reason
            if column == COL_BY:
                return entry.actor
            if column == COL_REFERENCE and entry.order_no and entry.reference:
                return entry.reference
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._complete and not self._more_pending

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if self.canFetchMore(parent):
            self._more_pending = True
            self.more_requested.emit()

    # -- rows ------------------------------------------------------------------------------------
    def set_entries(self, entries: list[LedgerEntry], complete: bool) -> None:
        self.beginResetModel()
        self._items = list(entries)
        self._complete = complete
        self._more_pending = False
        self.endResetModel()

    def append_entries(self, entries: list[LedgerEntry], complete: bool) -> None:
        """Older movements, after the oldest shown."""
        oldest = self.oldest_id()
        entries = [e for e in entries if oldest is None or e.id < oldest]
        self._complete, self._more_pending = complete, False
        if entries:
            self.beginInsertRows(QModelIndex(), len(self._items), len(self._items) + len(entries) - 1)
            self._items.extend(entries)
            self.endInsertRows()

    def prepend_entries(self, entries: list[LedgerEntry]) -> None:
        """Newer movements (newest first), above the newest shown."""
        newest = self.newest_id()
        entries = [e for e in entries if newest is None or e.id > newest]
        if entries:
            self.beginInsertRows(QModelIndex(), 0, len(entries) - 1)
            self._items[:0] = entries
            self.endInsertRows()

    def more_failed(self) -> None:
        self._more_pending = False

    def newest_id(self) -> int | None:
        return self._items[0].id if self._items else None

    def oldest_id(self) -> int | None:
        return self._items[-1].id if self._items else None

    def entry_at(self, row: int) -> LedgerEntry | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    @property
    def complete(self) -> bool:
        return self._complete


def display_text(entry: LedgerEntry, column: int) -> str:
    if column == COL_TIME:
        return entry.moved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    if column == COL_WAREHOUSE:
        return entry.warehouse_code
    if column == COL_REASON:
        return reason_label(entry.reason)
    if column == COL_ON_HAND:
        return signed(entry.on_hand_delta)
    if column == COL_RESERVED:
        return signed(entry.reserved_delta)
    if column == COL_REFERENCE:
        return entry.order_no or entry.reference or ""
    return entry.actor_name

