"""The notifications panel: a popup under the toolbar's bell listing the user's newest notifications.

It also keeps the unread count current for the toolbar badge: the live feed reports every change
to the ``notification`` table, and the panel re-counts (one indexed query on a worker thread).
Clicking a notification (or Enter) marks it read and opens its order.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from app.views.notifications.notification_loader import NotificationLoader
from app.views.notifications.notification_table_model import (COL_KIND, COL_ORDER, COL_TIME, COL_TITLE,
                                                              NotificationTableModel)

PANEL_SIZE = (720, 380)
# Samples of the widest text per column; widths follow the (bold) font, so Chinese fits too.
_COLUMN_SAMPLES = {COL_TIME: "2026-12-31 12:55 PM", COL_ORDER: "SO-2026-0000000"}
_KIND_WIDTH_EM = 9


class NotificationsPanel(QFrame):
    """Popup list of the signed-in user's notifications; emits ``unread_count_changed`` and ``order_activated``.

    ``uow_factory`` makes units of work for the loader's thread; ``live_feed`` (optional) keeps the
    count and the list current. Call ``shutdown`` before the engine is disposed.
    """

    unread_count_changed = Signal(int)
    order_activated = Signal(int)

    def __init__(self, uow_factory: Callable, live_feed=None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("notificationsPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.unread_count = 0
        self.loaded = False                 # rows arrived at least once
        self._rows_pending = 0
        self.loader = NotificationLoader(uow_factory, self)
        self.loader.count_loaded.connect(self._on_count)
        self.loader.rows_loaded.connect(self._on_rows)
        self.loader.marked.connect(lambda _n: self.loader.load_count())
        self.loader.failed.connect(self._on_failed)
        self.model = NotificationTableModel(self)
        self._build()
        self._subscription = None
        if live_feed is not None:
            self._subscription = live_feed.subscribe("notification")
            self._subscription.changed.connect(lambda _changes: self.refresh())
            self._subscription.reload.connect(self.refresh)
        self.retranslate_ui()
        self.loader.load_count()

    def _build(self) -> None:
        self.title_label = QLabel(objectName="notificationsTitle")
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title_label.setFont(font)
        self.mark_all_button = QPushButton(objectName="markAllRead")
        self.mark_all_button.clicked.connect(self.mark_all_read)
        top = QHBoxLayout()
        top.addWidget(self.title_label)
        top.addStretch(1)
        top.addWidget(self.mark_all_button)

        self.table = QTableView(objectName="notificationsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        for column, sample in _COLUMN_SAMPLES.items():
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 16)
        header.resizeSection(COL_KIND, metrics.horizontalAdvance("M") * _KIND_WIDTH_EM)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.clicked.connect(self.activate)
        self.table.installEventFilter(self)

        self.empty_label = QLabel(objectName="notificationsEmpty", alignment=Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #55606e;")
        self.status_label = QLabel(objectName="notificationsStatus", wordWrap=True)
        self.status_label.setStyleSheet("color: #b3261e;")
        self.status_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.status_label)
        self.resize(*PANEL_SIZE)
        self._show_empty_state()

    # -- translation -------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.title_label.setText(self.tr("Notifications"))
        self.mark_all_button.setText(self.tr("Mark all &read"))
        self.empty_label.setText(self.tr("No notifications yet.") if self.loaded else self.tr("Loading…"))
        self.table.setAccessibleName(self.tr("Notifications"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- showing -----------------------------------------------------------------------------------
    def show_at(self, anchor: QWidget) -> None:
        """Pop up below ``anchor`` (the toolbar button), right edges aligned, inside the screen."""
        below = anchor.mapToGlobal(QPoint(anchor.width(), anchor.height()))
        position = QPoint(below.x() - self.width(), below.y() + 2)
        screen = anchor.screen().availableGeometry() if anchor.screen() else None
        if screen is not None:
            position.setX(max(screen.left(), min(position.x(), screen.right() - self.width())))
            position.setY(max(screen.top(), min(position.y(), screen.bottom() - self.height())))
        self.move(position)
        self.show()
        self.raise_()
        self.activateWindow()
        self.table.setFocus()
        self.refresh()

    def refresh(self) -> None:
        """Re-count, and re-read the list when it is on screen."""
        self.loader.load_count()
        if self.isVisible():
            self._rows_pending += 1
            self.loader.load_rows()

    # -- acting on notifications -------------------------------------------------------------------
    def activate(self, index) -> None:
        """Mark the notification read and open its order (if it has one)."""
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return
        if row.unread:
            self.model.set_read({row.id})
            self._set_count(max(0, self.unread_count - 1))
            self.loader.mark_read([row.id])
            self._show_empty_state()
        if row.order_id is not None:
            self.hide()
            self.order_activated.emit(row.order_id)

    def mark_all_read(self) -> None:
        self.model.set_read(None)
        self._set_count(0)
        self._show_empty_state()
        self.loader.mark_all_read()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activate(self.table.currentIndex())
            return True
        return super().eventFilter(watched, event)

    # -- results -----------------------------------------------------------------------------------
    def _on_count(self, count: int) -> None:
        self._set_count(count)

    def _set_count(self, count: int) -> None:
        if count != self.unread_count:
            self.unread_count = count
            self.unread_count_changed.emit(count)

    @property
    def loading(self) -> bool:
        """Rows were asked for and have not arrived yet."""
        return self._rows_pending > 0

    def _on_rows(self, rows) -> None:
        self._rows_pending = max(0, self._rows_pending - 1)
        current = self.table.currentIndex().row()
        self.loaded = True
        self.status_label.hide()
        self.model.set_rows(rows)
        if rows:
            self.table.setCurrentIndex(self.model.index(min(max(current, 0), len(rows) - 1), 0))
        self._show_empty_state()
        self.retranslate_ui()

    def _on_failed(self, message: str) -> None:
        self._rows_pending = 0
        self.status_label.setText(self.tr("Notifications could not be loaded: {reason}").format(reason=message))
        self.status_label.show()

    def _show_empty_state(self) -> None:
        empty = self.model.rowCount() == 0
        self.table.setVisible(not empty)
        self.empty_label.setVisible(empty)
        self.mark_all_button.setEnabled(bool(self.model.unread_ids()))

    def shutdown(self) -> None:
        """Stop the loader's thread (before the engine goes away)."""
        self.loader.shutdown()
