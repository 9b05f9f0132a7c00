"""The open deviation alerts as a table, for the alert list beside the production board.

Rows are ``BoardAlert``s, newest first. ``set_alerts`` replaces them in place (the model resets
only when the set of alerts changes, otherwise changed rows are updated), so a live refresh
keeps the user's selection. The line codes come from the board (``set_line_codes``).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QLocale, QModelIndex, Qt
from PySide6.QtGui import QColor

from app.services.production_board import BoardAlert
from app.views.production.alert_messages import translated_alert
from app.views.production.bar_style import alert_label
from app.views.production.board_axes import qdatetime

COL_KIND, COL_ORDER, COL_WHERE, COL_SINCE, COL_MESSAGE = range(5)
#: The alert itself (a ``BoardAlert``), for the panel.
ALERT_ROLE = Qt.ItemDataRole.UserRole + 1
#: A value to sort by (``Qt.ItemDataRole.UserRole``).
SORT_ROLE = Qt.ItemDataRole.UserRole
_KIND_COLOURS = {"late_against_promise": QColor("#a11d16"), "behind_plan": QColor("#8a4b00"),
                 "material_short": QColor("#6d3fa0"), "line_overloaded": QColor("#1f5fa8")}


def _headers() -> tuple[str, ...]:
    return (QCoreApplication.translate("AlertTableModel", "Kind"),
            QCoreApplication.translate("AlertTableModel", "Order"),
            QCoreApplication.translate("AlertTableModel", "Operation / line"),
            QCoreApplication.translate("AlertTableModel", "Since"),
            QCoreApplication.translate("AlertTableModel", "Message"))


class AlertTableModel(QAbstractTableModel):
    """Open alerts for ``AlertPanel``; ``alert(row)`` gives the ``BoardAlert`` of a row."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._alerts: list[BoardAlert] = []
        self._line_codes: dict[int, str] = {}

    # -- data in ---------------------------------------------------------------------------------
    def set_alerts(self, alerts) -> None:
        """Show these alerts, newest first; rows of unchanged alerts stay where they are."""
        alerts = sorted(alerts, key=lambda a: (a.raised_at, a.id), reverse=True)
        if [a.id for a in alerts] != [a.id for a in self._alerts]:
            self.beginResetModel()
            self._alerts = alerts
            self.endResetModel()
            return
        for row, alert in enumerate(alerts):
            if alert != self._alerts[row]:
                self._alerts[row] = alert
                self.dataChanged.emit(self.index(row, 0), self.index(row, COL_MESSAGE))

    def set_line_codes(self, codes: dict[int, str]) -> None:
        self._line_codes = dict(codes)
        if self._alerts:
            self.dataChanged.emit(self.index(0, COL_WHERE), self.index(len(self._alerts) - 1, COL_WHERE))

    def alert(self, row: int) -> BoardAlert | None:
        return self._alerts[row] if 0 <= row < len(self._alerts) else None

    def row_of(self, alert_id: int) -> int:
        return next((row for row, alert in enumerate(self._alerts) if alert.id == alert_id), -1)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COL_MESSAGE)
        if self._alerts:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._alerts) - 1, COL_MESSAGE))

    # -- Qt model --------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._alerts)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else COL_MESSAGE + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section <= COL_MESSAGE:
            return _headers()[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._alerts):
            return None
        alert, column = self._alerts[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(alert, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return translated_alert(alert.message)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_KIND:
            return _KIND_COLOURS.get(alert.kind)
        if role == SORT_ROLE:
            return self._sort_key(alert, column)
        if role == ALERT_ROLE:
            return alert
        return None

    def _display(self, alert: BoardAlert, column: int) -> str:
        if column == COL_KIND:
            return alert_label(alert.kind)
        if column == COL_ORDER:
            number = alert.production_no or ""
            if alert.sales_order_no:
                return f"{number} · {alert.sales_order_no}" if number else alert.sales_order_no
            return number
        if column == COL_WHERE:
            return self._where(alert)
        if column == COL_SINCE:
            return _since(alert.raised_at)
        return translated_alert(alert.message)

    def _where(self, alert: BoardAlert) -> str:
        line_id = alert.line_id or alert.focus_line_id
        line = self._line_codes.get(line_id, "") if line_id is not None else ""
        if alert.operation_seq is not None:
            operation = QCoreApplication.translate("AlertTableModel", "Op %1").replace("%1", str(alert.operation_seq))
            return f"{operation} · {line}" if line else operation
        if alert.production_order_id is None and line:
            return QCoreApplication.translate("AlertTableModel", "Line %1").replace("%1", line)
        return line

    def _sort_key(self, alert: BoardAlert, column: int):
        if column == COL_SINCE:
            return alert.raised_at.isoformat()
        return self._display(alert, column)


def _since(moment: datetime) -> str:
    return QLocale().toString(qdatetime(moment), QCoreApplication.translate("AlertTableModel", "ddd d MMM HH:mm"))
