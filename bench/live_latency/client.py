"""One listening desktop (or several) in a spawned process: Qt app, ChangeListener, LiveFeed, stock model.

Runs in the client processes that :class:`~bench.live_latency.fleet.Fleet` spawns. Each client
records when its model emitted ``dataChanged`` for every change number, when change_log seqs
reached its GUI thread and, on a plain psycopg2 LISTEN connection of its own, when the raw
baseline NOTIFYs arrived; at "finish" it sends everything back to the parent.
"""

from __future__ import annotations

import os
import select
import threading
import time
import traceback
import warnings
from pathlib import Path

import psycopg2

RAW_CHANNEL = "orderpilot_bench_raw"
STOCK_COLUMNS = ("SKU", "Product", "Warehouse", "On hand", "Reserved", "Available", "Reorder point", "Updated")
STOCK_SELECT = """
    SELECT s.id, p.sku, p.name, w.code, s.on_hand, s.reserved, s.on_hand - s.reserved, s.reorder_point, s.updated_at
    FROM stock_level s JOIN product p ON p.id = s.product_id JOIN warehouse w ON w.id = s.warehouse_id
"""
REORDER_POINT_COLUMN = 7            # index in a fetched row (0 is the id)


def _instrument_listener_worker(worker_log: list) -> bool:
    """Note when the listener thread read a NOTIFY and handed its events on (wraps, no edits).

    Returns False when the listener's internals changed names; the breakdown then lacks the
    listener-thread stage but everything else is measured the same.
    """
    from app.live import listener as listener_module

    worker = getattr(listener_module, "_Worker", None)
    if worker is None or not all(hasattr(worker, name) for name in ("_on_readable", "_select_step", "_deliver")):
        return False
    on_readable, deliver = worker._on_readable, worker._deliver

    def timed_on_readable(self):
        self._bench_read_at = time.time()
        return on_readable(self)

    def timed_deliver(self, events):
        if events:
            read_at, self._bench_read_at = getattr(self, "_bench_read_at", None), None
            worker_log.append((read_at, time.time(), [e.seq for e in events]))
        return deliver(self, events)

    worker._on_readable = timed_on_readable
    worker._deliver = timed_deliver
    return True


class _RawListener(threading.Thread):
    """A plain psycopg2 LISTEN connection: the fan-out baseline, nothing but select + poll."""

    def __init__(self, dsn: str, total: int, on_complete):
        super().__init__(daemon=True, name="raw-listener")
        self.conn = psycopg2.connect(dsn)
        self.conn.autocommit = True
        with self.conn.cursor() as cur:
            cur.execute(f"LISTEN {RAW_CHANNEL}")
        self.received: list[tuple[int, float]] = []
        self.total = total
        self.on_complete = on_complete
        self.stopping = threading.Event()

    def run(self) -> None:
        seen = set()
        completed = False
        while not self.stopping.is_set():
            if not select.select([self.conn], [], [], 0.2)[0]:
                continue
            self.conn.poll()
            now = time.time()
            while self.conn.notifies:
                number = int(self.conn.notifies.pop(0).payload)
                self.received.append((number, now))
                seen.add(number)
            if not completed and len(seen) >= self.total:
                completed = True
                self.on_complete()

    def stop(self) -> None:
        self.stopping.set()
        self.join(2)
        self.conn.close()


def client_process(process_index: int, client_ids: list[int], dsn: str, settings: dict, control, reports) -> None:
    """One desktop (or several, with --processes): Qt app, listeners, feeds, models; report back."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    started = time.time()
    if settings["own_session"]:
        # A desktop of its own: with the kernel's autogroup scheduling, CPU is shared between
        # sessions, and every PostgreSQL backend is a session of its own (it calls setsid) —
        # 50 clients left in one session would share one slot against each busy backend.
        try:
            os.setsid()
        except OSError:
            pass
    try:
        from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSocketNotifier, Qt
        from PySide6.QtWidgets import QApplication

        from app.live.feed import LiveFeed
        from app.live.listener import ChangeListener

        class StockModel(QAbstractTableModel):
            """The stock list: one row per stock_level row; updates in place from ChangeSets."""

            def __init__(self, model_dsn: str):
                super().__init__()
                self.conn = psycopg2.connect(model_dsn)
                self.conn.autocommit = True
                self.rows: list[tuple] = []
                self.row_of: dict[int, int] = {}
                self.batches: list[tuple[float, float, int]] = []   # (ChangeSet in, re-fetch done, ids)
                self.reload()

            def reload(self) -> None:
                self.beginResetModel()
                with self.conn.cursor() as cur:
                    cur.execute(STOCK_SELECT + " ORDER BY p.sku, w.code")
                    self.rows = cur.fetchall()
                self.row_of = {row[0]: i for i, row in enumerate(self.rows)}
                self.endResetModel()

            # -- Qt model interface
            def rowCount(self, parent=QModelIndex()):  # noqa: B008 - Qt's signature
                return 0 if parent.isValid() else len(self.rows)

            def columnCount(self, parent=QModelIndex()):  # noqa: B008
                return 0 if parent.isValid() else len(STOCK_COLUMNS)

            def data(self, index, role=Qt.ItemDataRole.DisplayRole):
                if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
                    return None
                value = self.rows[index.row()][index.column() + 1]
                return None if value is None else str(value)

            def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
                if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
                    return STOCK_COLUMNS[section]
                return None

            # -- live updates
            def apply(self, change_set) -> None:
                received = time.time()
                for row_id in sorted(change_set.deleted):
                    position = self.row_of.get(row_id)
                    if position is not None:
                        self.beginRemoveRows(QModelIndex(), position, position)
                        del self.rows[position]
                        self.row_of = {row[0]: i for i, row in enumerate(self.rows)}
                        self.endRemoveRows()
                if not change_set.ids:
                    return
                with self.conn.cursor() as cur:
                    cur.execute(STOCK_SELECT + " WHERE s.id = ANY(%s)", (sorted(change_set.ids),))
                    fetched = cur.fetchall()
                self.batches.append((received, time.time(), len(change_set.ids)))
                last_column = len(STOCK_COLUMNS) - 1
                for row in fetched:
                    position = self.row_of.get(row[0])
                    if position is None:        # a new row: append it
                        position = len(self.rows)
                        self.beginInsertRows(QModelIndex(), position, position)
                        self.rows.append(row)
                        self.row_of[row[0]] = position
                        self.endInsertRows()
                        continue
                    self.rows[position] = row
                    self.dataChanged.emit(self.index(position, 0), self.index(position, last_column))

        class Client:
            """One listening client and everything it records."""

            def __init__(self, client_id: int):
                self.client_id = client_id
                self.model = StockModel(dsn)
                self.updates: list[tuple[int, int, float, int]] = []     # (row id, change number, t, batch)
                self.gui: list[tuple[float, list[int]]] = []            # events reaching the GUI thread
                self.states: list[str] = []
                self.reloads = 0
                self.seen: set[int] = set()
                self.completed = False
                self.model.dataChanged.connect(self.on_data_changed)
                self.listener = ChangeListener(dsn)
                self.listener.changes.connect(self.on_changes)          # before the feed's own slot
                self.listener.state_changed.connect(self.states.append)
                self.listener.reload_required.connect(self.on_reload)
                self.feed = LiveFeed(self.listener, window_ms=settings["window_ms"])
                self.subscription = self.feed.subscribe("stock_level")
                self.subscription.changed.connect(self.model.apply)
                self.subscription.reload.connect(self.model.reload)
                self.raw = _RawListener(dsn, settings["raw_total"],
                                        lambda: reports.put(("raw_complete", process_index, client_id)))

            def start(self) -> None:
                self.raw.start()
                self.listener.start()

            def on_data_changed(self, top_left, bottom_right) -> None:
                now = time.time()
                batch = len(self.model.batches) - 1
                for position in range(top_left.row(), bottom_right.row() + 1):
                    row = self.model.rows[position]
                    number = int(row[REORDER_POINT_COLUMN])
                    self.updates.append((row[0], number, now, batch))
                    if number > 0:
                        self.seen.add(number)
                if not self.completed and len(self.seen) >= settings["changes_total"]:
                    self.completed = True
                    reports.put(("complete", process_index, self.client_id))

            def on_changes(self, events) -> None:
                self.gui.append((time.time(), [e.seq for e in events]))

            def on_reload(self) -> None:
                self.reloads += 1

            def results(self) -> dict:
                return dict(client=self.client_id, updates=self.updates, gui=self.gui, batches=self.model.batches,
                            raw=self.raw.received, states=self.states, reloads=self.reloads)

            def stop(self) -> None:
                self.listener.stop()
                self.raw.stop()
                self.model.conn.close()

        worker_log: list = []
        instrumented = _instrument_listener_worker(worker_log)
        app = QApplication(["orderpilot-bench-client"])
        clients = [Client(cid) for cid in client_ids]
        announced = False

        def check_ready(*_):
            nonlocal announced
            if not announced and all(c.listener.state == "connected" for c in clients):
                announced = True
                reports.put(("ready", process_index, dict(pid=os.getpid(), startup=time.time() - started)))

        for client in clients:
            client.listener.state_changed.connect(check_ready)
            client.start()

        def on_control(*_):
            try:
                command = control.recv() if control.poll() else None
            except (EOFError, OSError):
                command = "finish"          # the parent went away
            if command != "finish":
                return
            notifier.setEnabled(False)
            for client in clients:
                client.stop()
            # With several clients per process the listener-thread log cannot be told apart by
            # client (all see the same seqs), so the listener-thread stages are left out then.
            times = os.times()
            rss_kb = 0
            try:
                for line in Path("/proc/self/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        rss_kb = int(line.split()[1])
            except OSError:
                pass
            reports.put(("results", process_index, dict(
                pid=os.getpid(), clients=[c.results() for c in clients], worker=worker_log if len(clients) == 1 else [],
                instrumented=instrumented, cpu=times.user + times.system, rss_kb=rss_kb)))
            app.quit()

        notifier = QSocketNotifier(control.fileno(), QSocketNotifier.Type.Read)
        notifier.activated.connect(on_control)
        app.exec()
    except BaseException:  # noqa: BLE001 - everything goes back to the parent
        reports.put(("error", process_index, traceback.format_exc()))
