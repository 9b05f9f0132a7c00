"""Loads the Orders list's windows and rows on worker threads (QThreadPool), never on the UI thread.

Each query runs in a unit of work of its own from ``uow_factory`` (so on a connection of its own
from the engine's pool). Results come back as queued signals. Work belongs to a *generation*
(one filter and sort); when the list starts over, queued work of older generations is skipped,
their running queries are cancelled on the server, and their results are dropped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from app.services.order_queries import (Cursor, OrderCount, OrderFilter, OrderRow, PositionMap, SortKey,
                                        estimate_count, fetch_rows, fetch_window, seek_positions)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WindowRequest:
    """What the model asks for: the first or last rows, rows after/before a cursor, or a jump (seek)."""

    generation: int
    kind: str                       # "start", "end", "after", "before", "seek"
    limit: int
    cursor: Cursor | None = None    # after/before: the block's edge row
    fraction: float = 0.0           # seek: where in the list the window should start (0..1)
    positions: PositionMap | None = None  # seek: positions known from an earlier seek
    target: int = 0                 # seek: the virtual row the model will place the window at
    serial: int = 0                 # the page's live-change counter when the request left


@dataclass(frozen=True)
class WindowResult:
    request: WindowRequest
    rows: list[OrderRow]
    positions: PositionMap | None = None
    start_fraction: float = 0.0     # seek: estimated place of the first row in the list (0..1)
    from_start: bool = False        # seek: the window starts at the list's first row


@dataclass(frozen=True)
class FirstWindow:
    generation: int
    rows: list[OrderRow]
    count: OrderCount
    complete: bool                  # the window holds the whole list
    serial: int = 0


@dataclass(frozen=True)
class LoadedRows:
    generation: int
    ids: frozenset[int]
    rows: list[OrderRow] = field(default_factory=list)


class _TrackedUnitOfWork:
    """A unit of work whose connection can be cancelled from the UI thread while it runs."""

    def __init__(self, loader: "RowLoader", generation: int, uow):
        self._loader = loader
        self._generation = generation
        self._uow = uow
        self.session = None

    def __enter__(self):
        self._uow.__enter__()
        self.session = self._uow.session
        self._loader._track(self, self._generation, self.session.connection().connection.dbapi_connection)
        return self

    def __exit__(self, *exc):
        self._loader._untrack(self)
        return self._uow.__exit__(*exc)

    def commit(self):
        self._uow.commit()

    def rollback(self):
        self._uow.rollback()


class RowLoader(QObject):
    """Runs order_queries on a small thread pool for one OrdersPage."""

    first_loaded = Signal(object)    # FirstWindow
    window_loaded = Signal(object)   # WindowResult
    rows_loaded = Signal(object)     # LoadedRows
    failed = Signal(int, str)        # generation, message
    busy_changed = Signal(bool)
    _done = Signal()

    def __init__(self, uow_factory: Callable, parent: QObject | None = None, threads: int = 2):
        super().__init__(parent)
        self._uow_factory = uow_factory
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._generation = 0
        self._lock = threading.Lock()
        self._running: dict[int, tuple[int, object]] = {}
        self._outstanding = 0
        self._closed = False
        self.worker_threads: set[int] = set()   # idents of threads that ran queries (for tests)
        self._done.connect(self._on_done)

    # -- requests (UI thread) --------------------------------------------------------------------
    def start_generation(self, generation: int) -> None:
        """Start over: older queued work is skipped and running queries of older generations cancelled."""
        self._generation = generation
        with self._lock:
            stale = [conn for gen, conn in self._running.values() if gen < generation]
        for conn in stale:
            try:
                conn.cancel()
            except Exception:  # noqa: BLE001 - the query may have finished meanwhile
                pass

    def load_first(self, generation: int, filter: OrderFilter, sort: SortKey, limit: int, serial: int = 0) -> None:
        def work(uow):
            rows = fetch_window(filter, sort, limit=limit, uow=uow())
            complete = len(rows) < limit
            count = OrderCount(len(rows), True) if complete else estimate_count(filter, uow=uow())
            return FirstWindow(generation, rows, count, complete, serial)
        self._submit(generation, work, self.first_loaded)

    def load_window(self, request: WindowRequest, filter: OrderFilter, sort: SortKey) -> None:
        def work(uow):
            if request.kind == "seek":
                return self._seek(request, filter, sort, uow)
            after = request.cursor if request.kind == "after" else None
            before = request.cursor if request.kind == "before" else None
            rows = fetch_window(filter, sort, after=after, before=before, limit=request.limit,
                                from_end=request.kind == "end", uow=uow())
            return WindowResult(request, rows)
        self._submit(request.generation, work, self.window_loaded)

    def load_rows(self, generation: int, ids: Iterable[int], filter: OrderFilter) -> None:
        ids = frozenset(ids)

        def work(uow):
            return LoadedRows(generation, ids, fetch_rows(ids, filter=filter, uow=uow()))
        self._submit(generation, work, self.rows_loaded)

    def shutdown(self, wait_ms: int = 10_000) -> None:
        """Cancel everything and wait for the workers (call before the engine goes away)."""
        self._closed = True
        self._pool.clear()
        self.start_generation(self._generation + 1)
        self._pool.waitForDone(wait_ms)

    @property
    def busy(self) -> bool:
        return self._outstanding > 0

    # -- workers ---------------------------------------------------------------------------------
    def _seek(self, request: WindowRequest, filter: OrderFilter, sort: SortKey, uow) -> WindowResult:
        positions = request.positions or seek_positions(filter, sort, uow=uow())
        wanted = request.fraction * positions.total
        j = -1
        for index in range(len(positions.cursors)):  # the last cursor lying before the wanted place
            if positions.rank(index) + 1 > wanted:
                break
            j = index
        if j < 0:
            rows = fetch_window(filter, sort, limit=request.limit, uow=uow())
            return WindowResult(request, rows, positions, 0.0, from_start=True)
        rows = fetch_window(filter, sort, after=positions.cursors[j], limit=request.limit, uow=uow())
        start = (positions.rank(j) + 1) / positions.total if positions.total else 0.0
        return WindowResult(request, rows, positions, min(1.0, start))

    def _submit(self, generation: int, work: Callable, signal) -> None:
        if self._closed:
            return
        self._set_outstanding(+1)

        def run() -> None:
            result, ok = None, False
            try:
                if generation == self._generation:
                    self.worker_threads.add(threading.get_ident())
                    result = work(lambda: _TrackedUnitOfWork(self, generation, self._uow_factory()))
                    ok = True
            except Exception as error:  # noqa: BLE001 - reported to the page, never raised in a worker
                if generation == self._generation and not self._closed:
                    log.warning("loading orders failed: %s", error)
                    self.failed.emit(generation, _message(error))
            if ok and generation == self._generation and not self._closed:
                signal.emit(result)
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

    def _track(self, key, generation: int, conn) -> None:
        with self._lock:
            self._running[id(key)] = (generation, conn)

    def _untrack(self, key) -> None:
        with self._lock:
            self._running.pop(id(key), None)


def _message(error: Exception) -> str:
    original = getattr(error, "orig", None) or error
    return str(original).strip().splitlines()[0] if str(original).strip() else type(error).__name__
