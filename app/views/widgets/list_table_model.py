"""The part every flat table model of ours shares: rows in a list, translated headers, numbers right.

A subclass keeps its rows in ``self._items``, sets ``self._headers`` (in its language-dependent
``retranslate``), names its ``column_count`` and ``number_columns``, and answers ``data``.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ListTableModel(QAbstractTableModel):
    """A table over ``self._items`` with ``self._headers``; numeric columns align right."""

    column_count: int = 0
    number_columns: frozenset[int] = frozenset()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list = []
        self._headers: tuple[str, ...] = ()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.column_count

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.column_count:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if section < len(self._headers) else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.alignment(section)
        return None

    def alignment(self, column: int) -> Qt.AlignmentFlag:
        return RIGHT if column in self.number_columns else LEFT
