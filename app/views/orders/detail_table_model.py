"""A small read-only table model over plain rows, with columns described as data.

Used by the order detail page (app/views/orders/order_detail.py) for approvals, lines, production
operations and shipments. ``set_rows`` updates in place when the same rows come back (a live
refresh): only changed cells signal ``dataChanged``, so selection and scroll position stay.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column:
    """One column: its (translated) title, the text of a row, and optional looks."""

    title: Callable[[], str]
    text: Callable[[object], str]
    right: bool = False
    colours: Callable[[object], tuple[QColor, QColor] | None] | None = None   # (background, text)
    tooltip: Callable[[object], str | None] | None = None


class DetailTableModel(QAbstractTableModel):
    """Rows keyed by ``key(row)``; see the module docstring."""

    def __init__(self, columns: Sequence[Column], key: Callable[[object], object] = lambda row: row.id,
                 parent=None):
        super().__init__(parent)
        self._columns = tuple(columns)
        self._key = key
        self._rows: list = []
        self._cells: list[tuple[str, ...]] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if self._columns[section].right else LEFT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.right else LEFT
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) and column.colours:
            colours = column.colours(row)
            if colours is not None:
                return colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1]
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.tooltip is not None:
                return column.tooltip(row)
            text = self._cells[index.row()][index.column()]
            return text if len(text) > 30 or "\n" in text else None
        return None

    # -- what the page uses ------------------------------------------------------------------------
    def set_rows(self, rows: Sequence) -> None:
        rows = list(rows)
        cells = [self._texts(row) for row in rows]
        if [self._key(r) for r in rows] != [self._key(r) for r in self._rows]:
            self.beginResetModel()
            self._rows, self._cells = rows, cells
            self.endResetModel()
            return
        old = self._cells
        self._rows, self._cells = rows, cells
        for number, (before, after) in enumerate(zip(old, cells)):
            changed = [c for c, (a, b) in enumerate(zip(before, after)) if a != b]
            if changed:
                self.dataChanged.emit(self.index(number, min(changed)), self.index(number, max(changed)))

    def retranslate(self) -> None:
        """Titles and texts again (statuses and units are translated)."""
        self._cells = [self._texts(row) for row in self._rows]
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1))

    def row_at(self, number: int):
        return self._rows[number]

    def rows(self) -> list:
        return list(self._rows)

    def _texts(self, row) -> tuple[str, ...]:
        return tuple(column.text(row) for column in self._columns)
