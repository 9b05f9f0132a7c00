"""Reads and marks the signed-in user's notifications on a worker thread (never on the UI thread)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from app.services.notifications import mark_all_read, mark_read, my_notifications, unread_count

log = logging.getLogger(__name__)

PANEL_ROWS = 100


class NotificationLoader(QObject):
    """Queued requests, one worker thread; results come back as signals on the UI thread."""

    count_loaded = Signal(int)
    rows_loaded = Signal(object)      # list[NotificationRow]
    marked = Signal(int)              # how many were unread and are read now
    failed = Signal(str)
    _done = Signal(object, object)

    def __init__(self, uow_factory: Callable, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._uow_factory = uow_factory
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)   # in order: a mark is done before the count that follows it
        self._closed = False
        self._done.connect(self._deliver)

    def load_count(self) -> None:
        self._submit(lambda: unread_count(uow=self._uow_factory()), self.count_loaded)

    def load_rows(self, limit: int = PANEL_ROWS) -> None:
        self._submit(lambda: my_notifications(uow=self._uow_factory(), limit=limit), self.rows_loaded)

    def mark_read(self, ids: list[int]) -> None:
        self._submit(lambda: mark_read(list(ids), uow=self._uow_factory()), self.marked)

    def mark_all_read(self) -> None:
        self._submit(lambda: mark_all_read(uow=self._uow_factory()), self.marked)

    def shutdown(self, wait_ms: int = 10_000) -> None:
        """Drop queued work and wait for the running query (call before the engine goes away)."""
        self._closed = True
        self._pool.clear()
        self._pool.waitForDone(wait_ms)

    def _submit(self, work: Callable, signal) -> None:
        if self._closed:
            return

        def run() -> None:
            try:
                result = work()
            except Exception as error:  # noqa: BLE001 - reported, never raised in a worker
                log.warning("notifications: %s", error)
                self._done.emit(self.failed, str(getattr(error, "orig", None) or error).strip().splitlines()[0])
                return
            self._done.emit(signal, result)

        self._pool.start(run)

    @Slot(object, object)
    def _deliver(self, signal, result) -> None:
        if not self._closed:
            signal.emit(result)
