"""Table model of the notifications panel: time, kind, order number and text; unread rows in bold."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.services.notifications import NotificationRow

COL_TIME, COL_KIND, COL_ORDER, COL_TITLE = range(4)
COLUMN_COUNT = 4
UNREAD_ROLE = Qt.ItemDataRole.UserRole + 1
ORDER_ID_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


def kind_label(kind: str) -> str:
    """What a notification is about, in the user's language (the stored title stays English)."""
    labels = {
        "approval_needed": QCoreApplication.translate("NotificationKinds", "Approval needed"),
        "order_approved": QCoreApplication.translate("NotificationKinds", "Order approved"),
        "order_rejected": QCoreApplication.translate("NotificationKinds", "Order rejected"),
        "credit_hold": QCoreApplication.translate("NotificationKinds", "Credit hold"),
        "stock_short": QCoreApplication.translate("NotificationKinds", "Stock short"),
        "stock_low": QCoreApplication.translate("NotificationKinds", "Low stock"),
        "production_cancelled": QCoreApplication.translate("NotificationKinds", "Production cancelled"),
        "late_against_promise": QCoreApplication.translate("NotificationKinds", "Late against promise"),
        "line_overloaded": QCoreApplication.translate("NotificationKinds", "Line overloaded"),
    }
    return labels.get(kind, kind.replace("_", " ").capitalize())


class NotificationTableModel(QAbstractTableModel):
    """Used by the notifications panel; holds at most the newest hundred rows of one user."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[NotificationRow] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Time"), self.tr("About"), self.tr("Order"), self.tr("Notification"))

    # -- Qt --------------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < COLUMN_COUNT:
            return self.headers()[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_TIME:
                return format_time(row.created_at)
            if column == COL_KIND:
                return kind_label(row.kind)
            if column == COL_ORDER:
                return row.order_no or ""
            if column == COL_TITLE:
                return row.title
        elif role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(part for part in (row.title, row.body) if part)
        elif role == Qt.ItemDataRole.FontRole and row.unread:
            return self._bold
        elif role == UNREAD_ROLE:
            return row.unread
        elif role == ORDER_ID_ROLE:
            return row.order_id
        return None

    # -- rows ------------------------------------------------------------------------------------
    def set_rows(self, rows: list[NotificationRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> NotificationRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def set_read(self, ids: set[int] | None = None) -> None:
        """Show rows as read at once (``None``: all); the server is told separately."""
        now = datetime.now().astimezone()
        for number, row in enumerate(self._rows):
            if row.unread and (ids is None or row.id in ids):
                self._rows[number] = _read(row, now)
                self.dataChanged.emit(self.index(number, 0), self.index(number, COLUMN_COUNT - 1),
                                      [Qt.ItemDataRole.FontRole, UNREAD_ROLE])

    def unread_ids(self) -> list[int]:
        return [row.id for row in self._rows if row.unread]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_KIND), self.index(len(self._rows) - 1, COL_KIND),
                                  [Qt.ItemDataRole.DisplayRole])


def format_time(moment: datetime) -> str:
    """Today's notices by time, older ones with their date, in the user's locale."""
    local = moment.astimezone()
    locale = QLocale()
    if local.date() == datetime.now().astimezone().date():
        return locale.toString(local.time(), QLocale.FormatType.ShortFormat)
    return f"{locale.toString(local.date(), QLocale.FormatType.ShortFormat)} " \
           f"{locale.toString(local.time(), QLocale.FormatType.ShortFormat)}"


def _read(row: NotificationRow, when: datetime) -> NotificationRow:
    return replace(row, read_at=when)
