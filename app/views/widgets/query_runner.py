"""Runs service calls on worker threads and hands their results back on the UI thread.

A screen gives a function (which opens its own unit of work, so its own connection) and what to
do with the result or the error; the function runs on a small QThreadPool, never on the UI
thread, and the callbacks run on the UI thread through a queued signal. After ``shutdown``
nothing new starts and no callback runs, so a closing screen never hears from a late query.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class QueryRunner(QObject):
    """A small thread pool for one screen's queries and actions."""

    busy_changed = Signal(bool)
    _finished = Signal(int, bool, object)   # ticket, ok, result or exception

    def __init__(self, parent: QObject | None = None, threads: int = 2):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._tickets = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable, Callable | None]] = {}
        self._closed = False
        self.worker_threads: set[int] = set()   # idents of threads that ran work (for tests)
        self._finished.connect(self._deliver)

    def submit(self, work: Callable[[], object], on_done: Callable[[object], None],
               on_error: Callable[[Exception], None] | None = None) -> int:
        """Run ``work()`` on a worker; then ``on_done(result)`` or ``on_error(exception)`` on the UI thread."""
        if self._closed:
            return 0
        ticket = next(self._tickets)
        was_busy = bool(self._callbacks)
        self._callbacks[ticket] = (on_done, on_error)
        if not was_busy:
            self.busy_changed.emit(True)

        def run() -> None:
            self.worker_threads.add(threading.get_ident())
            try:
                result, ok = work(), True
            except Exception as error:  # noqa: BLE001 - handed to the screen, never raised in a worker
                log.debug("background work failed: %s", error)
                result, ok = error, False
            if not self._closed:
                self._finished.emit(ticket, ok, result)

        self._pool.start(run)
        return ticket

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    @Slot(int, bool, object)
    def _deliver(self, ticket: int, ok: bool, result: object) -> None:
        callbacks = self._callbacks.pop(ticket, None)
        if not self._callbacks:
            self.busy_changed.emit(False)
        if callbacks is None or self._closed:
            return
        on_done, on_error = callbacks
        if ok:
            on_done(result)
        elif on_error is not None:
            on_error(result)
        else:
            log.warning("background work failed: %s", result)

    def shutdown(self, wait_ms: int = 10_000) -> None:
        """Start nothing more, drop queued work, wait for running work, deliver nothing."""
        self._closed = True
        self._pool.clear()
        self._pool.waitForDone(wait_ms)
        self._callbacks.clear()


def error_text(error: Exception) -> str:
    """One line for an unexpected error (domain errors are one sentence already)."""
    original = getattr(error, "orig", None) or error
    message = str(original).strip()
    return message.splitlines()[0] if message else type(error).__name__
