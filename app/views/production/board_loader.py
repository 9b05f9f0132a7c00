"""Runs the production board's queries and drops on worker threads, never on the UI thread.

Each job opens its own units of work from ``uow_factory`` and reports back through a queued
signal: ``finished(kind, payload, result)`` on success, ``failed(kind, payload, message)`` on
an error. ``shutdown`` drops queued jobs and waits for the running ones.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from app.services import production_board

log = logging.getLogger(__name__)


class BoardLoader(QObject):
    """The board's worker: windows, changed bars, alerts, and moves."""

    finished = Signal(str, object, object)   # kind, payload, result
    failed = Signal(str, object, str)         # kind, payload, message
    busy_changed = Signal(bool)
    _done = Signal()

    def __init__(self, uow_factory: Callable, parent: QObject | None = None, threads: int = 2):
        super().__init__(parent)
        self._uow_factory = uow_factory
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._outstanding = 0
        self._closed = False
        self._done.connect(self._on_done)

    # -- jobs (UI thread) ------------------------------------------------------------------------
    def load_window(self, window: tuple) -> None:
        """``window`` = (start, end, ...): the rest is handed back untouched."""
        start, end = window[0], window[1]
        self._submit("window", window,
                     lambda: production_board.load_board(start, end, uow=self._uow_factory()))

    def load_bars(self, ids: frozenset[int]) -> None:
        self._submit("bars", ids, lambda: production_board.load_bars(ids, uow=self._uow_factory()))

    def load_order_bars(self, order_ids: frozenset[int]) -> None:
        self._submit("order_bars", order_ids,
                     lambda: production_board.load_order_bars(order_ids, uow=self._uow_factory()))

    def load_alerts(self) -> None:
        self._submit("alerts", None, lambda: production_board.load_alerts(uow=self._uow_factory()))

    def move(self, drop: tuple) -> None:
        """``drop`` = (operation id, expected version, line id, start)."""
        op_id, version, line_id, start = drop
        self._submit("move", drop, lambda: production_board.move_bar(
            op_id, version, line_id, start, uow=self._uow_factory(), reread_uow=self._uow_factory()))

    def shutdown(self, wait_ms: int = 10_000) -> None:
        self._closed = True
        self._pool.clear()
        self._pool.waitForDone(wait_ms)

    @property
    def busy(self) -> bool:
        return self._outstanding > 0

    # -- workers ---------------------------------------------------------------------------------
    def _submit(self, kind: str, payload, work: Callable) -> None:
        if self._closed:
            return
        self._set_outstanding(+1)

        def run() -> None:
            try:
                result = work()
            except Exception as error:  # noqa: BLE001 - reported to the page, never raised in a worker
                if not self._closed:
                    log.warning("production board %s failed: %s", kind, error)
                    self.failed.emit(kind, payload, _message(error))
            else:
                if not self._closed:
                    self.finished.emit(kind, payload, result)
            self._done.emit()

        self._pool.start(run)

    @Slot()
    def _on_done(self) -> None:
        self._set_outstanding(-1)

    def _set_outstanding(self, delta: int) -> None:
        before = self._outstanding > 0
        self._outstanding += delta
        if before != (self._outstanding > 0):
            self.busy_changed.emit(self._outstanding > 0)


def _message(error: Exception) -> str:
    original = getattr(error, "orig", None) or error
    return str(original).strip().splitlines()[0] if str(original).strip() else type(error).__name__
