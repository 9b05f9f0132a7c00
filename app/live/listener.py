"""The listener: one dedicated autocommit connection that LISTENs, in a thread of its own.

It is driven by that thread's Qt event loop (a QSocketNotifier on the connection's socket), or,
where socket notifiers are unreliable, by a plain ``select`` loop in the same thread. Either way
the UI thread never waits on the server: connecting, catching up and reading all happen here,
and results reach the UI as queued signals.

After any disconnect it reconnects with backoff, LISTENs again and catches up from
``change_log`` by sequence number (see :mod:`app.live.positions` for why gaps are not skipped).
If the log was pruned past its position, it asks the views to reload instead of guessing.
"""

from __future__ import annotations

import logging
import select
import sys

import psycopg2
from PySide6.QtCore import QMetaObject, QObject, QSocketNotifier, Qt, QThread, QTimer, Signal, Slot

from app.live.events import CHANNEL, ChangeEvent, parse_payload
from app.live.positions import SeqTracker

log = logging.getLogger(__name__)

CONNECTED, RECONNECTING, OFFLINE = "connected", "reconnecting", "offline"
OFFLINE_AFTER_FAILURES = 3
PRUNE_FIRST_AFTER_MS = 60_000
PRUNE_EVERY_MS = 6 * 3600_000
CATCH_UP_BATCH = 5000
APPLICATION_NAME = "OrderPilot live"
CONNECTION_OPTIONS = (" keepalives=1 keepalives_idle=10 keepalives_interval=5 keepalives_count=3 connect_timeout=5"
                      f" application_name='{APPLICATION_NAME}'")

_CATCH_UP = """
    WITH snap AS (SELECT pg_current_snapshot() AS s)
    SELECT c.seq, c.table_name, c.row_id, c.operation, c.order_id,
           pg_snapshot_xmin(snap.s)::text::bigint, pg_snapshot_xmax(snap.s)::text::bigint,
           (SELECT pruned_through FROM change_log_pruned)
    FROM snap LEFT JOIN LATERAL (
        SELECT * FROM change_log WHERE seq > %s ORDER BY seq LIMIT %s) c ON true
"""


_START = """
    WITH snap AS (SELECT pg_current_snapshot() AS s),
         top AS (SELECT coalesce(max(seq), 0) AS m FROM change_log),
         floor AS (SELECT greatest(top.m - 1000, pruned_through + 1, 1) AS f FROM top, change_log_pruned)
    SELECT top.m, pg_snapshot_xmax(snap.s)::text::bigint,
           ARRAY(SELECT g FROM generate_series(floor.f, top.m) g
                 WHERE NOT EXISTS (SELECT 1 FROM change_log WHERE seq = g))
    FROM snap, top, floor
"""


class _Worker(QObject):
    """Lives in the listener thread; all database work happens here."""

    changes = Signal(object)
    state_changed = Signal(str)
    reload_required = Signal()

    def __init__(self, dsn: str, watermark: int | None, use_select: bool, backoff: tuple[float, float]):
        super().__init__()
        self._dsn = dsn + CONNECTION_OPTIONS
        self._tracker = SeqTracker(watermark) if watermark is not None else None
        self._use_select = use_select
        self._backoff_min, self._backoff_max = backoff
        self._delay = self._backoff_min
        self._failures = 0
        self._conn = None
        self._notifier: QSocketNotifier | None = None
        self._stopping = False
        self.state = OFFLINE

    # -- connection -------------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        self._gap_timer = QTimer(self, singleShot=True, interval=200)
        self._gap_timer.timeout.connect(self._catch_up_safely)
        self._retry_timer = QTimer(self, singleShot=True)
        self._retry_timer.timeout.connect(self._connect)
        self._heartbeat = QTimer(self, interval=10_000)
        self._heartbeat.timeout.connect(self._ping)
        self._pruning = QTimer(self, interval=PRUNE_EVERY_MS)
        self._pruning.timeout.connect(self._prune)
        self._connect()

    def _connect(self) -> None:
        if self._stopping:
            return
        try:
            conn = psycopg2.connect(self._dsn)
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute(f"LISTEN {CHANNEL}")
        except psycopg2.Error as error:
            log.info("live listener cannot connect: %s", str(error).strip())
            self._schedule_retry()
            return
        self._conn = conn
        self._failures = 0
        self._delay = self._backoff_min
        self._set_state(CONNECTED)
        if self._tracker is None:
            try:
                self._tracker = self._starting_position()
            except psycopg2.Error as error:
                self._lost(error)
                return
        self._catch_up_safely()  # what happened while we were away
        if self._use_select:
            QTimer.singleShot(0, self._select_step)
        else:
            self._notifier = QSocketNotifier(conn.fileno(), QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._on_readable)
        self._heartbeat.start()
        if not self._pruning.isActive():
            QTimer.singleShot(PRUNE_FIRST_AFTER_MS, self._prune)
            self._pruning.start()

    def _prune(self) -> None:
        """Any client may prune old log rows; the server lets one at a time do it and keeps a week."""
        if self._conn is None:
            return
        try:
            with self._conn.cursor() as cur:
                cur.execute("SELECT op_prune_change_log()")
        except psycopg2.Error as error:
            log.info("pruning the change log failed: %s", str(error).strip())

    def _schedule_retry(self) -> None:
        self._failures += 1
        self._set_state(OFFLINE if self._failures >= OFFLINE_AFTER_FAILURES else RECONNECTING)
        self._retry_timer.start(int(self._delay * 1000))
        self._delay = min(self._delay * 2, self._backoff_max)

    def _lost(self, error: Exception) -> None:
        log.info("live listener lost its connection: %s", str(error).strip())
        self._drop_connection()
        if not self._stopping:
            self._set_state(RECONNECTING)
            self._retry_timer.start(int(self._delay * 1000))
            self._delay = min(self._delay * 2, self._backoff_max)

    def _drop_connection(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        self._heartbeat.stop()
        if self._conn is not None:
            try:
                self._conn.close()
            except psycopg2.Error:
                pass
            self._conn = None

    @Slot()
    def stop(self) -> None:
        self._stopping = True
        for timer in (self._gap_timer, self._retry_timer, self._heartbeat, self._pruning):
            timer.stop()
        self._drop_connection()
        self._set_state(OFFLINE)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)

    # -- reading ----------------------------------------------------------------------
    def _on_readable(self) -> None:
        try:
            self._conn.poll()
        except (psycopg2.Error, AttributeError) as error:
            self._lost(error)
            return
        self._drain()

    def _select_step(self) -> None:
        """Fallback driver: one short select on the socket, then back to the event loop."""
        conn = self._conn
        if conn is None or self._stopping:
            return
        try:
            if select.select([conn], [], [], 0.05)[0]:
                conn.poll()
                self._drain()
        except (psycopg2.Error, OSError, ValueError) as error:
            self._lost(error)
            return
        if conn is self._conn:
            QTimer.singleShot(0, self._select_step)

    def _drain(self) -> None:
        conn = self._conn
        if conn is None:
            return
        events: list[ChangeEvent] = []
        needs_log = False
        while conn.notifies:
            announcement = parse_payload(conn.notifies.pop(0).payload)
            if announcement is None:
                continue
            listed = announcement.events()
            if listed is None:
                needs_log = True
            else:
                events.extend(listed)
        self._deliver(self._tracker.take_new(events))
        if needs_log or self._tracker.has_hole():
            self._catch_up_safely()

    def _deliver(self, events: list[ChangeEvent]) -> None:
        if events:
            self.changes.emit(events)

    def _catch_up_safely(self) -> None:
        if self._conn is None:
            return
        try:
            self._catch_up()
        except psycopg2.Error as error:
            self._lost(error)

    def _catch_up(self) -> None:
        """Read what the log holds beyond our watermark; settle or keep watching gaps."""
        while True:
            with self._conn.cursor() as cur:
                cur.execute(_CATCH_UP, (self._tracker.watermark, CATCH_UP_BATCH))
                rows = cur.fetchall()
            xmin, xmax, pruned_through = rows[0][5], rows[0][6], rows[0][7]
            if pruned_through > self._tracker.watermark:
                self._tracker = SeqTracker(max(pruned_through, max((r[0] for r in rows if r[0]), default=0)))
                self.reload_required.emit()
                return
            events = [ChangeEvent(r[0], r[1], r[2], r[3], r[4]) for r in rows if r[0] is not None]
            self._deliver(self._tracker.take_new(events))
            self._tracker.settle_gaps(xmin)
            self._tracker.note_gaps(xmax)
            if len(events) < CATCH_UP_BATCH:
                break
        if self._tracker.open_gaps:
            self._gap_timer.start()

    def _starting_position(self) -> SeqTracker:
        """Start at the end of the log; recent numbers not yet visible may still commit, so they
        start out as gaps to watch rather than being skipped."""
        with self._conn.cursor() as cur:
            cur.execute(_START)
            top, xmax, holes = cur.fetchone()
        tracker = SeqTracker(min(holes) - 1 if holes else top)
        tracker.take_new(ChangeEvent(seq, "", 0, "") for seq in range(tracker.watermark + 1, top + 1)
                         if seq not in set(holes))
        tracker.note_gaps(xmax)
        return tracker

    def _ping(self) -> None:
        try:
            with self._conn.cursor() as cur:
                cur.execute("SELECT 1")
            self._drain()
        except (psycopg2.Error, AttributeError) as error:
            self._lost(error)



class ChangeListener(QObject):
    """The client's live connection: start it once, connect to its signals, stop it at exit.

    ``changes`` carries lists of :class:`ChangeEvent` in sequence order, each change exactly once
    per listener; ``state_changed`` carries "connected", "reconnecting" or "offline";
    ``reload_required`` says the log no longer covers what was missed.
    """

    changes = Signal(object)
    state_changed = Signal(str)
    reload_required = Signal()

    def __init__(self, dsn: str, *, watermark: int | None = None, use_select: bool | None = None,
                 backoff: tuple[float, float] = (0.5, 30.0), parent: QObject | None = None):
        super().__init__(parent)
        self.state = OFFLINE
        self._thread = QThread()
        self._thread.setObjectName("orderpilot-live-listener")
        self._worker = _Worker(dsn, watermark, sys.platform == "win32" if use_select is None else use_select, backoff)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.start)
        self._worker.changes.connect(self.changes)
        self._worker.reload_required.connect(self.reload_required)
        self._worker.state_changed.connect(self._on_state)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        if self._thread.isRunning():
            QMetaObject.invokeMethod(self._worker, "stop", Qt.ConnectionType.BlockingQueuedConnection)
            self._thread.quit()
            self._thread.wait()

    def _on_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)
