"""Table model of the approvals inbox (used by app/views/approvals/approvals_page.py).

One row per order waiting for the signed-in approver, in the order the server gives (oldest
submission first). The inbox is bounded (the service reads at most a few hundred orders), so the
model holds every row; ``set_entries`` merges a fresh read in place — rows that left are removed,
new ones inserted where they belong, changed cells signalled with ``dataChanged`` — so selection
and scroll position survive live refreshes.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from app.services.approvals import InboxEntry
from app.views.approvals.approval_texts import money, reason_detail, reasons_summary, rule_summary
from app.views.widgets.list_table_model import ListTableModel

(COL_ORDER_NO, COL_CUSTOMER, COL_TOTAL, COL_REASONS, COL_REQUESTED, COL_SUBMITTED_BY, COL_SUBMITTED) = range(7)
COLUMN_COUNT = 7
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OVER_LIMIT_TEXT = QColor("#8a3e00")
Index = QModelIndex | QPersistentModelIndex


class InboxTableModel(ListTableModel):
    """Orders waiting for this approver (see the module docstring)."""

    column_count = COLUMN_COUNT
    number_columns = frozenset({COL_TOTAL})

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list[InboxEntry] = []
        self._limit: Decimal | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        self.retranslate()

    def retranslate(self) -> None:
        self._headers = (self.tr("Order no."), self.tr("Customer"), self.tr("Total"), self.tr("Why approval is needed"),
                         self.tr("Requested"), self.tr("Submitted by"), self.tr("Submitted"))
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, COLUMN_COUNT - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)

    # -- Qt model interface ----------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        entry, column = self._items[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(entry, column)
        if role == SORT_ROLE:
            return _sort_value(entry, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_REASONS:
                lines = (": ".join(filter(None, (rule_summary(hit), reason_detail(hit)))) for hit in entry.rules)
                return "\n".join(lines)
            if self.over_limit(entry) and column == COL_TOTAL:
                return self.tr("Above your approval limit of %1").replace("%1", money(self._limit))
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_TOTAL and self.over_limit(entry):
            return OVER_LIMIT_TEXT
        if role == Qt.ItemDataRole.FontRole and column == COL_ORDER_NO:
            return self._bold
        return None

    # -- rows ------------------------------------------------------------------------------------
    def set_limit(self, limit: Decimal | None) -> None:
        """The signed-in approver's limit: totals above it are marked."""
        if limit != self._limit:
            self._limit = limit
            if self._items:
                self.dataChanged.emit(self.index(0, COL_TOTAL), self.index(len(self._items) - 1, COL_TOTAL))

    def over_limit(self, entry: InboxEntry) -> bool:
        return self._limit is not None and entry.total_amount > self._limit

    def set_entries(self, entries: Iterable[InboxEntry]) -> None:
        """Make the rows equal ``entries`` (in that order) by removing, inserting and updating in place."""
        entries = list(entries)
        wanted = {entry.order_id for entry in entries}
        self.remove_ids({entry.order_id for entry in self._items} - wanted)
        for position, entry in enumerate(entries):
            row = self.row_of_id(entry.order_id)
            if row is None:
                self.beginInsertRows(QModelIndex(), position, position)
                self._items.insert(position, entry)
                self.endInsertRows()
                continue
            if row != position:  # rows before ``position`` are in place already, so row > position
                self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), position)
                self._items.insert(position, self._items.pop(row))
                self.endMoveRows()
            self._update(position, entry)

    def remove_ids(self, ids: Iterable[int]) -> None:
        ids = set(ids)
        for row in reversed(range(len(self._items))):
            if self._items[row].order_id in ids:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._items[row]
                self.endRemoveRows()

    def _update(self, row: int, entry: InboxEntry) -> None:
        old = self._items[row]
        if old == entry:
            return
        self._items[row] = entry
        changed = [column for column in range(COLUMN_COUNT) if _display(old, column) != _display(entry, column)]
        if changed:
            self.dataChanged.emit(self.index(row, min(changed)), self.index(row, max(changed)))

    def entry_at(self, row: int) -> InboxEntry | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of_id(self, order_id: int) -> int | None:
        for row, entry in enumerate(self._items):
            if entry.order_id == order_id:
                return row
        return None

    def order_ids(self) -> set[int]:
        return {entry.order_id for entry in self._items}

    def entries(self) -> list[InboxEntry]:
        return list(self._items)


def _display(entry: InboxEntry, column: int) -> str:
    if column == COL_ORDER_NO:
        return entry.order_no
    if column == COL_CUSTOMER:
        return entry.customer_name
    if column == COL_TOTAL:
        return f"{money(entry.total_amount)} {entry.currency}"
    if column == COL_REQUESTED:
        return entry.requested_date.isoformat() if entry.requested_date else ""
    if column == COL_SUBMITTED_BY:
        return entry.created_by_name
    if column == COL_SUBMITTED:
        return entry.submitted_at.astimezone().strftime("%Y-%m-%d %H:%M") if entry.submitted_at else ""
    return reasons_summary(entry)


def _sort_value(entry: InboxEntry, column: int):
    if column == COL_TOTAL:
        return float(entry.total_amount)
    if column == COL_REQUESTED:
        return entry.requested_date.isoformat() if entry.requested_date else "9999"
    if column == COL_SUBMITTED:
        return entry.submitted_at.isoformat() if entry.submitted_at else ""
    return _display(entry, column)



__all__ = ["COL_CUSTOMER", "COL_ORDER_NO", "COL_REASONS", "COL_REQUESTED", "COL_SUBMITTED", "COL_SUBMITTED_BY",
           "COL_TOTAL", "COLUMN_COUNT", "InboxTableModel", "SORT_ROLE"]
