"""The Orders list's columns: numbers, which sort each offers, and how a row's values are shown."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.services.order_queries import OrderRow
from app.views.orders.order_status import channel_label, status_label

(COL_ORDER_NO, COL_STATUS, COL_CUSTOMER, COL_ORDER_DATE, COL_REQUESTED, COL_PRIORITY, COL_CHANNEL, COL_TOTAL,
 COL_CREATED_BY, COL_UPDATED) = range(10)
COLUMN_COUNT = 10
SORT_FIELD_BY_COLUMN = {COL_ORDER_NO: "order_no", COL_STATUS: "status", COL_CUSTOMER: "customer",
                        COL_ORDER_DATE: "order_date", COL_REQUESTED: "requested_date", COL_TOTAL: "total"}
COLUMN_BY_SORT_FIELD = {field: column for column, field in SORT_FIELD_BY_COLUMN.items()}


def display_text(row: OrderRow, column: int) -> str:
    if column == COL_ORDER_NO:
        return row.order_no
    if column == COL_STATUS:
        return status_label(row.status)
    if column == COL_CUSTOMER:
        return row.customer_name
    if column == COL_ORDER_DATE:
        return row.order_date.isoformat()
    if column == COL_REQUESTED:
        return row.requested_date.isoformat() if row.requested_date else ""
    if column == COL_PRIORITY:
        return str(row.priority)
    if column == COL_CHANNEL:
        return channel_label(row.channel)
    if column == COL_TOTAL:
        return f"{row.total_amount:,.2f} {row.currency}"
    if column == COL_CREATED_BY:
        return row.created_by
    return row.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")


def alignment(column: int):
    if column == COL_TOTAL:
        return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    if column == COL_PRIORITY:
        return Qt.AlignmentFlag.AlignCenter
    return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def column_runs(columns: list[int]) -> list[tuple[int, int]]:
    """Contiguous runs of column numbers: [1, 2, 5] -> [(1, 2), (5, 5)]."""
    runs: list[tuple[int, int]] = []
    for column in columns:
        if runs and runs[-1][1] == column - 1:
            runs[-1] = (runs[-1][0], column)
        else:
            runs.append((column, column))
    return runs
