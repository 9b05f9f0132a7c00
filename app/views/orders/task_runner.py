"""Runs a screen's service calls on worker threads and hands the results back on the UI thread.

Used by the order form (lookups, loading, saving) and the order detail page (the timeline).
Each call has a *key*; when a newer call with the same key was started meanwhile, the older
result is dropped (the user typed on, or a refresh overtook another), so callbacks only ever
see the latest answer. Callbacks run on the UI thread; business errors reach ``on_error``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class TaskRunner(QObject):
    """``run(key, work, on_done, on_error)``; ``busy_changed(bool)`` while anything runs."""

    busy_changed = Signal(bool)
    _finished = Signal(str, int, bool, object)   # key, serial, ok, result or error

    def __init__(self, parent: QObject | None = None, threads: int = 2):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._serials: dict[str, int] = {}
        self._callbacks: dict[tuple[str, int], tuple[Callable, Callable | None]] = {}
        self._outstanding = 0
        self._closed = False
        self.worker_threads: set[int] = set()     # idents of threads that ran work (for tests)
        self._finished.connect(self._deliver)

    def run(self, key: str, work: Callable[[], object], on_done: Callable[[object], None],
            on_error: Callable[[Exception], None] | None = None) -> None:
        if self._closed:
            return
        serial = self._serials.get(key, 0) + 1
        self._serials[key] = serial
        self._callbacks[(key, serial)] = (on_done, on_error)
        self._set_outstanding(+1)

        def task() -> None:
            if self._serials.get(key) != serial or self._closed:   # overtaken before it started
                self._finished.emit(key, serial, False, None)
                return
            self.worker_threads.add(threading.get_ident())
            try:
                result, ok = work(), True
            except Exception as error:  # noqa: BLE001 - handed to the screen, never raised in a worker
                result, ok = error, False
            self._finished.emit(key, serial, ok, result)

        self._pool.start(task)

    def cancel(self, key: str) -> None:
        """Drop the pending answer for ``key`` (it still runs, but nobody hears of it)."""
        self._serials[key] = self._serials.get(key, 0) + 1

    @property
    def busy(self) -> bool:
        return self._outstanding > 0

    def is_running(self, key: str) -> bool:
        return any(k == key for k, _ in self._callbacks)

    def shutdown(self, wait_ms: int = 10_000) -> None:
        """Stop taking work, drop queued work and wait for running calls (before the engine goes)."""
        self._closed = True
        self._pool.clear()
        self._pool.waitForDone(wait_ms)

    @Slot(str, int, bool, object)
    def _deliver(self, key: str, serial: int, ok: bool, result: object) -> None:
        on_done, on_error = self._callbacks.pop((key, serial), (None, None))
        self._set_outstanding(-1)
        if self._closed or on_done is None or self._serials.get(key) != serial:
            return
        if ok:
            on_done(result)
        elif result is not None:
            if on_error is None:
                log.warning("%s failed: %s", key, result)
            else:
                on_error(result)

    def _set_outstanding(self, delta: int) -> None:
        before = self._outstanding > 0
        self._outstanding += delta
        if before != (self._outstanding > 0):
            self.busy_changed.emit(self._outstanding > 0)
