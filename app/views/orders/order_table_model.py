"""Table model of the Orders list (used by app/views/orders/orders_page.py).

The model stands for every matching order — a *virtual* row count from the (estimated) count —
but holds only one contiguous block of rows around the visible area (at most ``max_rows``).
Rows outside the block show a "Loading…" placeholder. The model never queries: it emits
``window_requested`` and the page's loader answers on a worker thread with ``apply_window``.

- Scrolling near the block's edge extends it by a keyset window after its last (before its first) row.
- Jumping far away (the scrollbar dragged) asks for a *seek*: a window from about that far into the
  list (a sample of the sorted keys), placed at the row looked at. Positions in a long list are thus
  approximate; reaching an end of the list corrects the row count there, so the ends are exact.
- Live changes: ``upsert_rows`` updates cached rows in place (``dataChanged`` for the changed cells
  only) and inserts new rows when they fall inside the cached range; ``remove_ids`` removes rows.
  A changed row keeps its place even if its sort value changed, until the next reload.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from app.services.order_queries import OrderRow, SortKey, ascending_key, cursor_of
from app.views.orders.order_columns import (
    COL_CHANNEL, COL_CREATED_BY, COL_CUSTOMER, COL_ORDER_DATE, COL_ORDER_NO, COL_PRIORITY, COL_REQUESTED, COL_STATUS,
    COL_TOTAL, COL_UPDATED, COLUMN_BY_SORT_FIELD, COLUMN_COUNT, SORT_FIELD_BY_COLUMN, alignment, column_runs,
    display_text)
from app.views.orders.order_status import FINISHED_STATUSES, FINISHED_TEXT, status_colours
from app.views.orders.row_loader import WindowRequest, WindowResult

__all__ = ["COL_CHANNEL", "COL_CREATED_BY", "COL_CUSTOMER", "COL_ORDER_DATE", "COL_ORDER_NO", "COL_PRIORITY",
           "COL_REQUESTED", "COL_STATUS", "COL_TOTAL", "COL_UPDATED", "COLUMN_BY_SORT_FIELD", "OrderTableModel"]
PLACEHOLDER_TEXT = QColor("#9aa3ad")
Index = QModelIndex | QPersistentModelIndex


class OrderTableModel(QAbstractTableModel):
    """Orders list rows: a bounded block of a virtual list (see the module docstring)."""

    window_requested = Signal(object)   # WindowRequest
    sort_key_changed = Signal(object)   # SortKey
    count_changed = Signal()

    def __init__(self, parent=None, *, window_size: int = 200, max_rows: int = 1000):
        super().__init__(parent)
        self.window_size = window_size
        self.max_rows = max(max_rows, 3 * window_size)
        self._sort = SortKey()
        self._generation = 0
        self._rows: list[OrderRow] = []
        self._first = 0                    # virtual row of _rows[0]
        self._row_count = 0
        self._at_start = self._at_end = True
        self._count_exact = True
        self._offsets: dict[int, int] | None = None
        self._pending: dict[str, WindowRequest] = {}
        self._positions = None
        self._visible = (0, -1)
        self._loading = False
        self.retranslate()

    # -- Qt model interface ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._row_count

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == COL_PRIORITY:
            return self.tr("1 = most urgent, 5 = least urgent")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return alignment(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        column = index.column()
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole and column == COL_ORDER_NO:
                return self._loading_text
            if role == Qt.ItemDataRole.ForegroundRole:
                return PLACEHOLDER_TEXT
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return alignment(column)
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_STATUS:
            return status_colours(row.status)[0]
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_STATUS:
                return status_colours(row.status)[1]
            if row.status in FINISHED_STATUSES:
                return QColor(FINISHED_TEXT)
            return None
        if role == Qt.ItemDataRole.FontRole and column == COL_STATUS:
            return self._status_font
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting happens in SQL: a new sort key makes the page reload from the server."""
        field = SORT_FIELD_BY_COLUMN.get(column)
        if field is not None:
            self._sort = SortKey(field, order == Qt.SortOrder.DescendingOrder)
        self.sort_key_changed.emit(self._sort)  # unsortable columns: the page puts the indicator back

    # -- what the page reads -------------------------------------------------------------------
    def retranslate(self) -> None:
        self._headers = (self.tr("Order no."), self.tr("Status"), self.tr("Customer"), self.tr("Order date"),
                         self.tr("Requested"), self.tr("Priority"), self.tr("Channel"), self.tr("Total"),
                         self.tr("Created by"), self.tr("Updated"))
        self._loading_text = self.tr("Loading…")
        self._status_font = QFont()
        self._status_font.setBold(True)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)

    @property
    def sort_key(self) -> SortKey:
        return self._sort

    def set_sort_key(self, sort: SortKey) -> None:
        self._sort = sort

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def loading(self) -> bool:
        """A reload is under way (the rows shown are the previous ones until it arrives)."""
        return self._loading

    @property
    def count_exact(self) -> bool:
        return self._count_exact or (self._at_start and self._at_end)

    @property
    def cached_row_count(self) -> int:
        return len(self._rows)

    @property
    def cached_range(self) -> tuple[int, int]:
        return self._first, self._first + len(self._rows)

    def row_at(self, row: int) -> OrderRow | None:
        offset = row - self._first
        return self._rows[offset] if 0 <= offset < len(self._rows) else None

    def row_of_id(self, order_id: int) -> int | None:
        offset = self._id_offsets().get(order_id)
        return None if offset is None else self._first + offset

    def cached_ids(self) -> frozenset[int]:
        return frozenset(self._id_offsets())

    # -- loading -------------------------------------------------------------------------------
    def begin_reload(self) -> int:
        """A new filter or sort: returns the generation the page's loader must tag its work with."""
        self._generation += 1
        self._pending.clear()
        self._positions = None
        self._loading = True
        return self._generation

    def set_rows(self, rows: Iterable[OrderRow], total: int | None = None, *, exact: bool = True,
                 generation: int | None = None) -> None:
        """Start over with the list's first rows; ``total`` rows in all (None: ``rows`` is the whole list)."""
        if generation is not None and generation != self._generation:
            return
        rows = list(rows)
        self.beginResetModel()
        self._rows, self._first, self._offsets = rows, 0, None
        self._at_start = True
        self._at_end = total is None or total <= len(rows)
        self._row_count = len(rows) if self._at_end else total
        self._count_exact = exact or self._at_end
        self._loading = False
        self.endResetModel()
        self.count_changed.emit()
        self._plan()

    def set_visible_rows(self, first: int, last: int) -> None:
        """The rows the view shows; the model fetches what is missing around them."""
        self._visible = (first, last)
        self._plan()

    def apply_window(self, result: WindowResult) -> None:
        request = result.request
        if request.generation != self._generation:
            return
        kind = "jump" if request.kind in ("start", "end", "seek") else request.kind
        if self._pending.get(kind) is not request:
            return
        del self._pending[kind]
        if result.positions is not None:
            self._positions = result.positions
        if kind == "jump":
            self._place(request, result)
        elif kind == "after" and self._rows and cursor_of(self._sort, self._rows[-1]) == request.cursor:
            self._append(result.rows, reached_end=len(result.rows) < request.limit)
        elif kind == "before" and self._rows and cursor_of(self._sort, self._rows[0]) == request.cursor:
            self._prepend(result.rows, reached_start=len(result.rows) < request.limit)
        self._trim()
        self._plan()

    def fail_pending(self) -> None:
        """A load failed: forget what was asked, so scrolling asks again."""
        self._pending.clear()
        self._loading = False

    # -- live changes --------------------------------------------------------------------------
    def upsert_rows(self, rows: Iterable[OrderRow]) -> None:
        """Update cached rows in place; insert new ones where they fall inside the cached range."""
        for row in rows:
            offset = self._id_offsets().get(row.id)
            if offset is not None:
                self._update(offset, row)
            else:
                self._insert(row)

    def remove_ids(self, ids: Iterable[int]) -> None:
        offsets = sorted((o for o in map(self._id_offsets().get, ids) if o is not None), reverse=True)
        for offset in offsets:
            row = self._first + offset
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[offset]
            self._row_count -= 1
            self._offsets = None
            self.endRemoveRows()
        if offsets:
            self.count_changed.emit()

    def _update(self, offset: int, row: OrderRow) -> None:
        old = self._rows[offset]
        if old == row:
            return
        self._rows[offset] = row
        changed = [c for c in range(COLUMN_COUNT) if display_text(old, c) != display_text(row, c)]
        if old.status != row.status:
            changed = sorted(set(changed) | set(range(COLUMN_COUNT)))  # colours follow the status
        virtual = self._first + offset
        for first, last in column_runs(changed):
            self.dataChanged.emit(self.index(virtual, first), self.index(virtual, last))

    def _insert(self, row: OrderRow) -> None:
        descending = self._sort.descending
        key = ascending_key(self._sort, row)
        position = len(self._rows)
        for offset, cached in enumerate(self._rows):
            other = ascending_key(self._sort, cached)
            if (other > key) if not descending else (other < key):
                position = offset
                break
        if (position == 0 and not self._at_start) or (position == len(self._rows) and not self._at_end):
            return  # it belongs outside the rows we hold: the next reload shows it
        virtual = self._first + position
        self.beginInsertRows(QModelIndex(), virtual, virtual)
        self._rows.insert(position, row)
        self._row_count += 1
        self._offsets = None
        self.endInsertRows()
        self.count_changed.emit()

    # -- the block -----------------------------------------------------------------------------
    def _plan(self) -> None:
        """Ask for what the visible rows need: extend the block, or jump when it is far away."""
        if self._loading or self._row_count == 0 or "jump" in self._pending:
            return
        first = max(0, min(self._visible[0], self._row_count - 1))
        last = max(first, min(self._visible[1], self._row_count - 1))
        low, high = self._first, self._first + len(self._rows) - 1
        margin = self.window_size // 2
        if not self._rows or last < low - 2 * self.window_size or first > high + 2 * self.window_size:
            self._jump(first, last)
            return
        if first - margin < low and not self._at_start and "before" not in self._pending:
            self._request("before", cursor=cursor_of(self._sort, self._rows[0]))
        if last + margin > high and not self._at_end and "after" not in self._pending:
            self._request("after", cursor=cursor_of(self._sort, self._rows[-1]))

    def _jump(self, first: int, last: int) -> None:
        if first == 0:
            self._request("start", key="jump")
        elif last >= self._row_count - 1:
            self._request("end", key="jump")
        else:
            target = max(0, first - self.window_size // 4)
            self._request("seek", key="jump", fraction=target / self._row_count, positions=self._positions,
                          target=target)

    def _request(self, kind: str, key: str | None = None, **fields) -> None:
        request = WindowRequest(self._generation, kind, self.window_size, **fields)
        self._pending[key or kind] = request
        self.window_requested.emit(request)

    def _place(self, request: WindowRequest, result: WindowResult) -> None:
        """A jump's rows become the block: at the top, at the bottom, or at the row looked at."""
        rows, target = result.rows, request.target
        reached_end = len(rows) < request.limit
        if request.kind == "end":
            first = max(0, self._row_count - len(rows))
            at_start, at_end = reached_end, True
        elif request.kind == "start":
            first, at_start, at_end = 0, True, reached_end
        else:
            first, at_start, at_end = target, result.from_start and target == 0, reached_end
        self._set_block(first, rows)
        self._at_start, self._at_end = at_start, at_end
        self._settle_ends()

    def _append(self, rows: list[OrderRow], reached_end: bool) -> None:
        start = self._first + len(self._rows)
        self._rows.extend(rows)
        self._offsets = None
        self._at_end = reached_end
        self._settle_ends()
        if rows:
            self._changed(start, self._first + len(self._rows) - 1)

    def _prepend(self, rows: list[OrderRow], reached_start: bool) -> None:
        if len(rows) > self._first:
            self._resize(0, len(rows) - self._first)
        self._first -= len(rows)
        self._rows[:0] = rows
        self._offsets = None
        self._at_start = reached_start
        self._settle_ends()
        if rows:
            self._changed(self._first, self._first + len(rows) - 1)

    def _settle_ends(self) -> None:
        """Make the row count agree with what the server said about the list's ends."""
        end = self._first + len(self._rows)
        if end > self._row_count:
            self._resize(self._row_count, end - self._row_count)
        if self._at_end and end < self._row_count:
            self._resize(end, end - self._row_count)
        if self._at_start and self._first > 0:
            self._resize(0, -self._first)

    def _resize(self, row: int, count: int) -> None:
        """Insert (count > 0) or remove (count < 0) placeholder rows at ``row``, outside the block."""
        if count > 0:
            self.beginInsertRows(QModelIndex(), row, row + count - 1)
        else:
            self.beginRemoveRows(QModelIndex(), row, row - count - 1)
        self._row_count += count
        if row < self._first or (row == 0 and count > 0):
            self._first += count
        self.endInsertRows() if count > 0 else self.endRemoveRows()
        self.count_changed.emit()

    def _set_block(self, first: int, rows: list[OrderRow]) -> None:
        old = (self._first, self._first + len(self._rows) - 1) if self._rows else None
        self._first, self._rows, self._offsets = first, list(rows), None
        if old is not None:
            self._changed(*old)
        if rows:
            self._changed(first, first + len(rows) - 1)

    def _trim(self) -> None:
        """Keep at most ``max_rows`` rows, centred on the visible ones."""
        keep = max(self.max_rows, self._visible[1] - self._visible[0] + 1 + 3 * self.window_size)
        if len(self._rows) <= keep:
            return
        centre = (self._visible[0] + self._visible[1]) // 2 - self._first
        keep_from = max(0, min(centre - keep // 2, len(self._rows) - keep))
        keep_to = keep_from + keep
        dropped = [(self._first, self._first + keep_from - 1), (self._first + keep_to, self._first + len(self._rows) - 1)]
        if keep_from:
            self._at_start = False
        if keep_to < len(self._rows):
            self._at_end = False
        self._rows = self._rows[keep_from:keep_to]
        self._first += keep_from
        self._offsets = None
        for low, high in dropped:
            if high >= low:
                self._changed(low, high)

    def _changed(self, first: int, last: int) -> None:
        first, last = max(0, first), min(last, self._row_count - 1)
        if first <= last:
            self.dataChanged.emit(self.index(first, 0), self.index(last, COLUMN_COUNT - 1))

    def _id_offsets(self) -> dict[int, int]:
        if self._offsets is None:
            self._offsets = {row.id: offset for offset, row in enumerate(self._rows)}
        return self._offsets
