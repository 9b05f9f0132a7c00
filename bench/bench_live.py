#!/usr/bin/env python
"""Live status latency: commit → table model updated in N listening clients, beside raw NOTIFY fan-out.

    python bench/bench_live.py [--clients 50] [--changes 500] [--database-url SUPERUSER_URL]

Every client is a separate OS process (``multiprocessing``, spawn) standing in for one desktop:
a ``QApplication`` (offscreen), the production :class:`~app.live.listener.ChangeListener` (its own
QThread and autocommit LISTEN connection), a :class:`~app.live.feed.LiveFeed` with the production
coalescing window, a subscription to ``stock_level`` and a real ``QAbstractTableModel`` over the
stock rows (loaded with one SELECT at start; on every ChangeSet it re-fetches only the affected
rows with one query on its own connection and emits ``dataChanged`` for them). Each process also
runs a plain psycopg2 LISTEN connection in a thread on a channel of its own: the raw fan-out
baseline.

Once every client reports ready, the writer (this process) first sends ``--changes`` plain
NOTIFYs on the baseline channel, then commits ``--changes`` changes at a steady pace, each a
single ``UPDATE stock_level SET reorder_point = <change number>`` of one row in its own
transaction. The wall clock (``time.time()``, one clock for every process on the machine) is
taken right after the commit (or the NOTIFY statement) returns; clients note the time their
model emitted ``dataChanged`` for the row carrying that number (or the time the NOTIFY was read).
Printed: p50 / p95 / p99 / max of both, their ratio, lost or duplicated changes (every client
must see every change exactly once, checked by change number and by change_log seq), where the
time goes (NOTIFY delivery, the queued signal hop to the GUI thread, the coalescing window, the
re-fetch) and how busy the machine was. Nothing is asserted: the issue's goal is p99 ≤ 50 ms
end to end.

Each client process starts a session of its own (``setsid``): with the kernel's autogroup
scheduling CPU is shared between sessions, every PostgreSQL backend is a session of its own, and
50 clients left in the benchmark's session would share one scheduling slot against each busy
backend and every other session on the machine (``--same-session`` measures that case).
``--processes P`` (< clients) hosts several clients per process (each with its own listener
thread, connections and model, sharing the process's GUI thread); the output says so.

Without ``--database-url`` (or ``OP_BENCH_DATABASE_URL``) a temporary embedded PostgreSQL is
started (max_connections raised to fit 3 connections per client) and deleted afterwards. With
it, a scratch database ``opbench_live_<tag>`` is created and dropped afterwards (``--keep``
keeps it); the server must allow 3 connections per client.
"""

from __future__ import annotations

import argparse
import inspect
import math
import multiprocessing
import os
import queue as queue_module
import secrets
import select
import shutil
import statistics
import sys
import tempfile
import threading
import time
import traceback
import warnings
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")

import psycopg2  # noqa: E402
from psycopg2 import sql  # noqa: E402

from app.db.engine import make_engine, normalise_url, psycopg2_dsn  # noqa: E402
from app.db.migrate import upgrade  # noqa: E402

RAW_CHANNEL = "orderpilot_bench_raw"
CONNECTIONS_PER_CLIENT = 3          # live listener, model, raw baseline listener
STOCK_COLUMNS = ("SKU", "Product", "Warehouse", "On hand", "Reserved", "Available", "Reorder point", "Updated")
STOCK_SELECT = """
    SELECT s.id, p.sku, p.name, w.code, s.on_hand, s.reserved, s.on_hand - s.reserved, s.reorder_point, s.updated_at
    FROM stock_level s JOIN product p ON p.id = s.product_id JOIN warehouse w ON w.id = s.warehouse_id
"""
REORDER_POINT_COLUMN = 7            # index in a fetched row (0 is the id)


def default_window_ms() -> int:
    """The production coalescing window (LiveFeed's default), without importing Qt here."""
    from app.live.feed import LiveFeed

    return int(inspect.signature(LiveFeed.__init__).parameters["window_ms"].default)


# ============================================================================================
# Client side (runs in the spawned processes)
# ============================================================================================

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


def _client_process(process_index: int, client_ids: list[int], dsn: str, settings: dict, control, reports) -> None:
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


# ============================================================================================
# Parent side: server, data, writer, report
# ============================================================================================

class Target:
    """The PostgreSQL server under test, reached as a superuser."""

    def __init__(self, admin_url: str, embedded=None, folder: Path | None = None):
        self.admin_url = normalise_url(admin_url)
        self.embedded = embedded
        self.folder = folder

    def url(self, database: str) -> str:
        return self.admin_url.set(database=database).render_as_string(hide_password=False)

    def connect(self, database: str | None = None):
        conn = psycopg2.connect(psycopg2_dsn(self.url(database or self.admin_url.database or "postgres")))
        conn.autocommit = True
        return conn

    def close(self) -> None:
        if self.embedded is not None:
            self.embedded.stop()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def start_target(database_url: str | None) -> Target:
    if database_url:
        return Target(database_url)
    from app.db.embedded import EmbeddedServer

    folder = Path(tempfile.mkdtemp(prefix="orderpilot-bench-live-"))
    server = EmbeddedServer(folder / "pgdata", delete_on_exit=True)
    return Target(server.url("postgres"), embedded=server, folder=folder)


def ensure_connections(target: Target, needed: int, step) -> int:
    """max_connections fit for ``needed`` more connections (raised and restarted when embedded)."""
    conn = target.connect()
    with conn.cursor() as cur:
        cur.execute("SELECT current_setting('max_connections')::int, current_setting('superuser_reserved_connections')::int, "
                    "(SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')")
        limit, reserved, used = cur.fetchone()
        # Superusers may also use the reserved slots; leave those for the administrator anyway.
        free = limit - reserved - used
        if free >= needed:
            conn.close()
            return limit
        if target.embedded is None:
            conn.close()
            raise SystemExit(f"the server allows {limit} connections ({used} in use, {reserved} reserved); "
                             f"the benchmark needs {needed} more: raise max_connections or use fewer --clients")
        wanted = needed + used + reserved + 20
        step(f"raising max_connections of the embedded server from {limit} to {wanted} (restart)")
        cur.execute(sql.SQL("ALTER SYSTEM SET max_connections = {}").format(sql.Literal(wanted)))
    conn.close()
    target.embedded.halt()
    target.embedded.resume()
    return wanted


def build_database(target: Target, database: str, rows: int, seed: int) -> list[int]:
    """Create, migrate, and load products × warehouses = ``rows`` stock rows; returns their ids."""
    admin = target.connect()
    with admin.cursor() as cur:
        cur.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(sql.Identifier(database)))
    admin.close()
    engine = make_engine(target.url(database))
    upgrade(engine)
    engine.dispose()
    warehouses = 10 if rows >= 10 else 1
    products = math.ceil(rows / warehouses)
    conn = target.connect(database)
    with conn.cursor() as cur:
        cur.execute("SELECT set_config('orderpilot.stock_reason', 'opening balance', false)")
        cur.execute("INSERT INTO product_family (code, name) VALUES ('PUMP', 'Pumps') RETURNING id")
        family = cur.fetchone()[0]
        cur.execute("INSERT INTO product (sku, name, family_id, list_price) "
                    "SELECT format('P-%%s', lpad(g::text, 4, '0')), format('Centrifugal pump CP-%%s', g), %s, 100 + g "
                    "FROM generate_series(1, %s) g", (family, products))
        cur.execute("INSERT INTO warehouse (code, name) SELECT format('W%%s', lpad(g::text, 2, '0')), "
                    "format('Warehouse %%s', g) FROM generate_series(1, %s) g", (warehouses,))
        cur.execute("""
            INSERT INTO stock_level (product_id, warehouse_id, on_hand, reorder_point)
            SELECT p.id, w.id, (hashtext(p.sku || w.code || %s::text) & 1023) + 1, 0
            FROM product p CROSS JOIN warehouse w ORDER BY p.id, w.id LIMIT %s""", (seed, rows))
        cur.execute("SELECT id FROM stock_level ORDER BY id")
        ids = [r[0] for r in cur.fetchall()]
    conn.close()
    return ids


class CpuMeter:
    """CPU seconds (Linux /proc): the whole machine, the server's processes, the clients, this writer."""

    def __init__(self, postmaster_pid: int | None):
        self.hz = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        self.postmaster = postmaster_pid if postmaster_pid and Path(f"/proc/{postmaster_pid}/stat").exists() else None
        self.available = Path("/proc/stat").exists()
        self.client_pids: list[int] = []

    def _fields(self, pid) -> list[str] | None:
        try:
            raw = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return None
        return raw[raw.rindex(")") + 2:].split()      # from field 3 (state) on

    def _cpu(self, pid) -> float:
        fields = self._fields(pid)
        return 0.0 if fields is None else (int(fields[11]) + int(fields[12])) / self.hz

    def _server(self) -> float | None:
        if self.postmaster is None:
            return None
        own = self._fields(self.postmaster)
        if own is None:
            return None
        total = sum(int(x) for x in own[11:15])       # with exited children (cutime, cstime)
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                fields = self._fields(entry.name)
                if fields is not None and fields[1] == str(self.postmaster):
                    total += int(fields[11]) + int(fields[12])
        return total / self.hz

    def sample(self) -> dict | None:
        if not self.available:
            return None
        with open("/proc/stat") as stat:
            ticks = [int(x) for x in stat.readline().split()[1:]]
        idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)
        times = os.times()
        return dict(wall=time.perf_counter(), machine=(sum(ticks[:8]) - idle) / self.hz,
                    writer=times.user + times.system, clients=sum(self._cpu(pid) for pid in self.client_pids),
                    server=self._server())

    @staticmethod
    def spent(before: dict | None, after: dict | None) -> dict | None:
        if before is None or after is None:
            return None
        out = {key: (None if before[key] is None or after[key] is None else after[key] - before[key]) for key in before}
        out["other"] = out["machine"] - out["writer"] - out["clients"] - (out["server"] or 0.0)
        return out


def find_postmaster(target: Target) -> int | None:
    if target.embedded is not None:
        return target.embedded.postmaster_pid()
    conn = target.connect()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT pg_backend_pid()")
            backend = cur.fetchone()[0]
        if b"postgres" not in Path(f"/proc/{backend}/cmdline").read_bytes():
            return None
        raw = Path(f"/proc/{backend}/stat").read_text()
        return int(raw[raw.rindex(")") + 2:].split()[1])
    except OSError:
        return None
    finally:
        conn.close()


def busy_share(meter: CpuMeter, seconds: float) -> float | None:
    """How busy the machine is (0..1 of all its CPUs) over ``seconds`` while the writer sleeps."""
    before = meter.sample()
    time.sleep(seconds)
    spent = CpuMeter.spent(before, meter.sample())
    return None if spent is None else spent["machine"] / spent["wall"] / (os.cpu_count() or 1)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


# --------------------------------------------------------------------------------------------
# Clients: start, wait, collect.
# --------------------------------------------------------------------------------------------

class Fleet:
    def __init__(self, clients: int, processes: int, dsn: str, settings: dict):
        context = multiprocessing.get_context("spawn")
        self.reports = context.Queue()
        self.processes = []
        self.controls = []
        groups = [list(range(p, clients, processes)) for p in range(processes)]
        for index, group in enumerate(groups):
            parent_end, child_end = context.Pipe()
            process = context.Process(target=_client_process, name=f"bench-client-{index}",
                                      args=(index, group, dsn, settings, child_end, self.reports), daemon=True)
            self.processes.append(process)
            self.controls.append(parent_end)
        self.ready: dict[int, dict] = {}
        self.complete: set[tuple[int, int]] = set()
        self.raw_complete: set[tuple[int, int]] = set()
        self.results: dict[int, dict] = {}
        self.errors: list[str] = []

    def start(self) -> None:
        for process in self.processes:
            process.start()

    def pump(self, timeout: float) -> None:
        """Take one report (or none within ``timeout``)."""
        try:
            kind, index, payload = self.reports.get(timeout=timeout)
        except queue_module.Empty:
            return
        if kind == "ready":
            self.ready[index] = payload
        elif kind == "complete":
            self.complete.add((index, payload))
        elif kind == "raw_complete":
            self.raw_complete.add((index, payload))
        elif kind == "results":
            self.results[index] = payload
        elif kind == "error":
            self.errors.append(f"client process {index}:\n{payload}")

    def wait(self, condition, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while not condition():
            if self.errors:
                raise SystemExit("a client failed:\n" + self.errors[0])
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if not any(p.is_alive() for p in self.processes) and self.reports.empty():
                return False
            self.pump(min(left, 0.2))
        return True

    def finish(self, seconds: float = 60) -> None:
        for control in self.controls:
            try:
                control.send("finish")
            except OSError:
                pass
        self.wait(lambda: len(self.results) + len(self.errors) >= len(self.processes), seconds)

    def close(self) -> None:
        for process in self.processes:
            process.join(5)
            if process.is_alive():
                process.terminate()
                process.join(5)


# --------------------------------------------------------------------------------------------
# The writer.
# --------------------------------------------------------------------------------------------

def paced(count: int, interval: float):
    """Yield 1..count, one per ``interval``; a writer that falls behind goes on at the same pace
    from where it is instead of catching up in a burst."""
    due = time.perf_counter()
    for n in range(1, count + 1):
        now = time.perf_counter()
        if due > now:
            time.sleep(due - now)
        elif now - due > interval:
            due = now
        yield n
        due += interval


def send_raw(dsn: str, count: int, interval: float) -> tuple[dict, dict, float]:
    """Plain NOTIFYs (each its own transaction); returns the time before and after each statement."""
    conn = psycopg2.connect(dsn)
    conn.autocommit = True
    called, returned = {}, {}
    started = time.perf_counter()
    with conn.cursor() as cur:
        for n in paced(count, interval):
            called[n] = time.time()
            cur.execute(f"NOTIFY {RAW_CHANNEL}, '{n}'")
            returned[n] = time.time()
    elapsed = time.perf_counter() - started
    conn.close()
    return called, returned, elapsed


def commit_changes(dsn: str, stock_ids: list[int], count: int, interval: float) -> tuple[dict, dict, dict, float]:
    """One UPDATE per transaction. Returns the time before and after each commit, the change_log
    seq of each change number, and the elapsed time."""
    conn = psycopg2.connect(dsn)
    called, returned, row_of = {}, {}, {}
    with conn.cursor() as cur:
        cur.execute("SELECT coalesce(max(seq), 0) FROM change_log")
        start_seq = cur.fetchone()[0]
        conn.commit()
        started = time.perf_counter()
        for n in paced(count, interval):
            row = stock_ids[(n - 1) % len(stock_ids)]
            cur.execute("UPDATE stock_level SET reorder_point = %s WHERE id = %s", (n, row))
            called[n] = time.time()
            conn.commit()
            returned[n] = time.time()
            row_of[n] = row
        elapsed = time.perf_counter() - started
        # One writer, one row per transaction, committed one after the other: the log rows after
        # start_seq are the changes in order (checked against the rows written).
        cur.execute("SELECT seq, table_name, row_id FROM change_log WHERE seq > %s ORDER BY seq", (start_seq,))
        logged = cur.fetchall()
        conn.commit()
    conn.close()
    if [(t, r) for _, t, r in logged] != [("stock_level", row_of[n]) for n in range(1, count + 1)]:
        raise SystemExit("change_log does not hold exactly the benchmark's changes in order; was something else writing?")
    seq_of = {n: seq for n, (seq, _, _) in zip(range(1, count + 1), logged)}
    return called, returned, seq_of, elapsed


def raise_writer_priority() -> str:
    """The writer is the reference clock: let it read the time as soon as its commit returns."""
    try:
        os.setpriority(os.PRIO_PROCESS, 0, -10)
        return "writer at nice -10 (so its clock reading right after commit is not delayed by the load)"
    except (AttributeError, OSError):
        return "writer at normal priority (raising it was not permitted)"


# --------------------------------------------------------------------------------------------
# Analysis and report.
# --------------------------------------------------------------------------------------------

def ms(values: list[float]) -> list[float]:
    return [v * 1000 for v in values]


def row_stats(label: str, values_ms: list[float], width: int = 44) -> str:
    if not values_ms:
        return f"  {label:<{width}} (no samples)"
    return (f"  {label:<{width}} {percentile(values_ms, .5):8.1f} {percentile(values_ms, .95):8.1f} "
            f"{percentile(values_ms, .99):8.1f} {max(values_ms):8.1f} {statistics.fmean(values_ms):8.1f}  n={len(values_ms)}")


def analyse(fleet: Fleet, warmup: int, total: int, writes: dict) -> dict:
    """Latencies (ms) and delivery checks. ``writes`` holds per change number the writer's clock
    before and after each commit (``commit_called``, ``commit_returned``), the change_log seq
    (``seq_of``) and the same for the plain NOTIFYs (``raw_called``, ``raw_returned``)."""
    measured = range(warmup + 1, total + 1)
    called, returned, seq_of = writes["commit_called"], writes["commit_returned"], writes["seq_of"]
    raw_called, raw_returned = writes["raw_called"], writes["raw_returned"]
    known_seqs = set(seq_of.values())
    series = defaultdict(list)
    e2e_worst: dict[int, float] = defaultdict(lambda: -math.inf)
    e2e_best: dict[int, float] = defaultdict(lambda: math.inf)
    raw_worst: dict[int, float] = defaultdict(lambda: -math.inf)
    stage = defaultdict(list)
    missing = duplicated = raw_missing = raw_duplicated = 0
    seq_missing = seq_duplicated = foreign = 0
    batches_per_client, reloads, state_changes, not_instrumented = [], 0, 0, 0
    for result in fleet.results.values():
        if not result["instrumented"] or not result["worker"]:
            not_instrumented += 1
        worker_at = {}
        for read_at, delivered_at, seqs in result["worker"]:
            for seq in seqs:
                worker_at.setdefault(seq, (read_at, delivered_at))
        for client in result["clients"]:
            reloads += client["reloads"]
            state_changes += max(0, len(client["states"]) - 1)
            batches = client["batches"]
            batches_per_client.append(len(batches))
            # -- change numbers shown by the model: each exactly once
            counts = Counter(n for _, n, _, _ in client["updates"] if n > 0)
            missing += sum(1 for n in range(1, total + 1) if counts[n] == 0)
            duplicated += sum(c - 1 for c in counts.values() if c > 1)
            first_update = {}
            for _, n, t, batch in client["updates"]:
                first_update.setdefault(n, (t, batch))
            # -- change_log seqs reaching the GUI thread: each exactly once, none unknown
            gui_at = {}
            seq_counts = Counter()
            for t, seqs in client["gui"]:
                for seq in seqs:
                    seq_counts[seq] += 1
                    gui_at.setdefault(seq, t)
            seq_missing += sum(1 for seq in known_seqs if seq_counts[seq] == 0)
            seq_duplicated += sum(c - 1 for c in seq_counts.values() if c > 1)
            foreign += sum(1 for seq in seq_counts if seq not in known_seqs)
            for n in measured:
                if n not in first_update:
                    continue
                t_model, batch = first_update[n]
                series["e2e"].append(t_model - returned[n])
                series["e2e_called"].append(t_model - called[n])
                e2e_worst[n] = max(e2e_worst[n], t_model - returned[n])
                e2e_best[n] = min(e2e_best[n], t_model - returned[n])
                seq = seq_of.get(n)
                t_gui = gui_at.get(seq)
                in_at, fetched_at, _ = batches[batch] if 0 <= batch < len(batches) else (None, None, 0)
                if seq in worker_at and worker_at[seq][0] is not None:
                    read_at, delivered_at = worker_at[seq]
                    stage["notify"].append(read_at - returned[n])
                    stage["parse"].append(delivered_at - read_at)
                    if t_gui is not None:
                        stage["hop"].append(t_gui - delivered_at)
                elif t_gui is not None:
                    stage["to_gui"].append(t_gui - returned[n])
                if t_gui is not None and in_at is not None:
                    stage["window"].append(in_at - t_gui)
                if in_at is not None:
                    stage["fetch"].append(fetched_at - in_at)
                    stage["emit"].append(t_model - fetched_at)
            # -- raw baseline
            raw_counts = Counter(n for n, _ in client["raw"])
            raw_missing += sum(1 for n in raw_returned if raw_counts[n] == 0)
            raw_duplicated += sum(c - 1 for c in raw_counts.values() if c > 1)
            first_raw = {}
            for n, t in client["raw"]:
                first_raw.setdefault(n, t)
            for n in measured:
                if n in first_raw and n in raw_returned:
                    series["raw"].append(first_raw[n] - raw_returned[n])
                    series["raw_called"].append(first_raw[n] - raw_called[n])
                    raw_worst[n] = max(raw_worst[n], first_raw[n] - raw_returned[n])
    batch_sizes = [b[2] for r in fleet.results.values() for c in r["clients"] for b in c["batches"]]
    writer = dict(commit=ms([returned[n] - called[n] for n in measured]),
                  notify=ms([raw_returned[n] - raw_called[n] for n in measured]))
    return dict(**{k: ms(v) for k, v in series.items()},
                e2e_worst=ms(list(e2e_worst.values())), raw_worst=ms(list(raw_worst.values())),
                e2e_best=ms(list(e2e_best.values())),
                e2e_spread=ms([e2e_worst[n] - e2e_best[n] for n in e2e_worst]),
                stage={k: ms(v) for k, v in stage.items()}, writer=writer, missing=missing, duplicated=duplicated,
                seq_missing=seq_missing, seq_duplicated=seq_duplicated, foreign=foreign,
                raw_missing=raw_missing, raw_duplicated=raw_duplicated, batches_per_client=batches_per_client,
                batch_sizes=batch_sizes, reloads=reloads, state_changes=state_changes,
                not_instrumented=not_instrumented)


def cpu_line(label: str, spent: dict | None, per: int, per_label: str) -> str:
    if spent is None:
        return f"  {label}: (no /proc: CPU not measured)"
    cpus = os.cpu_count() or 1
    wall = spent["wall"]
    server = "n/a (remote)" if spent["server"] is None else f"{spent['server'] / wall:.2f}"
    per_text = ""
    if per:
        per_text = (f"; per {per_label}: clients {1000 * spent['clients'] / per:.1f} ms"
                    + ("" if spent["server"] is None else f", server {1000 * spent['server'] / per:.1f} ms"))
    return (f"  {label}: machine {100 * spent['machine'] / wall / cpus:.0f} % of {cpus} CPUs over {wall:.1f} s; "
            f"CPUs busy with — clients {spent['clients'] / wall:.2f}, server {server}, writer {spent['writer'] / wall:.2f}, "
            f"other {spent['other'] / wall:.2f}{per_text}")


def scheduling_note(args) -> str:
    try:
        autogroup = Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1"
    except OSError:
        autogroup = False
    if not autogroup:
        return "kernel autogroup scheduling off: CPU shared per thread"
    if args.same_session:
        return ("kernel autogroup on and --same-session: all clients share ONE scheduling group, against one group "
                "per PostgreSQL backend and per other session on the machine")
    return "kernel autogroup on: each client process is its own session (own scheduling group), like the server's backends"


def print_report(args, description: str, fleet: Fleet, stats: dict, loads: dict, timing: dict) -> None:
    clients, processes = args.clients, args.processes
    per_process = math.ceil(clients / processes)
    rss = [r["rss_kb"] for r in fleet.results.values()]
    startups = [r["startup"] for r in fleet.ready.values()]
    print()
    print("=" * 100)
    print("OrderPilot live status: commit → table model updated (dataChanged), beside raw NOTIFY fan-out")
    print("=" * 100)
    print(f"server:   {description}")
    if processes == clients:
        layout = f"{clients} separate processes, one client each"
    else:
        layout = (f"{processes} processes hosting {clients} clients (up to {per_process} per process, each with its own "
                  f"listener thread and connections; models share the process's GUI thread) — NOT one process per desktop")
    print(f"clients:  {clients} ({layout}): QApplication offscreen + ChangeListener + "
          f"LiveFeed(window {args.window_ms} ms) + stock model over {args.rows} rows; "
          f"start-up {statistics.fmean(startups):.1f} s mean, {max(startups):.1f} s max"
          + (f"; RSS {statistics.fmean(rss) / 1024:.0f} MB per process" if rss and rss[0] else ""))
    print(f"sched:    {scheduling_note(args)}")
    print(f"changes:  {args.changes} measured (+{args.warmup} warm-up), one UPDATE per transaction every "
          f"{args.interval_ms:g} ms (achieved {timing['e2e_rate']:.1f}/s); raw NOTIFYs: the same count and pace, "
          f"sent before the changes (achieved {timing['raw_rate']:.1f}/s)")
    print(f"clock:    one machine clock, time.time(): in the writer right after commit (NOTIFY) returns "
          f"[\"from return\"] and right before it is called [\"from call\"]; in each client when the model's "
          f"dataChanged slot runs (the LISTEN thread reads the NOTIFY); {timing['priority']}")
    print()
    print(f"  {'latency, ms (all clients × changes)':<44} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8} {'mean':>8}")
    print(row_stats("end to end: commit → model dataChanged", stats.get("e2e", [])))
    print(row_stats("raw NOTIFY fan-out (psycopg2 LISTEN thread)", stats.get("raw", [])))
    print(row_stats("end to end, slowest client per change", stats["e2e_worst"]))
    print(row_stats("raw fan-out, slowest client per message", stats["raw_worst"]))
    print(row_stats("end to end, fastest client per change", stats["e2e_best"]))
    print(row_stats("spread: slowest − fastest client per change", stats["e2e_spread"]))
    print(row_stats("end to end, from call (incl. commit itself)", stats.get("e2e_called", [])))
    print(row_stats("raw fan-out, from call (incl. NOTIFY itself)", stats.get("raw_called", [])))
    print(row_stats("writer: commit round trip (UPDATE's txn)", stats["writer"]["commit"]))
    print(row_stats("writer: NOTIFY round trip (own txn)", stats["writer"]["notify"]))
    e2e, raw = stats.get("e2e", []), stats.get("raw", [])
    if e2e and raw:
        parts = []
        for label, a_values, b_values in (("from return", e2e, raw),
                                          ("from call", stats.get("e2e_called", []), stats.get("raw_called", []))):
            for q in (.5, .99):
                numerator, denominator = percentile(a_values, q), percentile(b_values, q)
                text = f"{numerator / denominator:.1f}×" if denominator >= 0.05 else "n/a (raw ≈ 0)"
                parts.append(f"p{round(q * 100)} {label} {text}")
        print(f"  ratio end to end / raw fan-out: {', '.join(parts)}")
        early = sum(1 for v in raw if v < 0)
        if early:
            print(f"  ({early} raw samples arrived before the writer's NOTIFY call returned: the listeners are "
                  f"signalled during the commit, before its reply reaches the writer)")
    print()
    lost = stats["missing"] + stats["duplicated"] + stats["seq_missing"] + stats["seq_duplicated"] + stats["foreign"]
    print(f"messages lost: {stats['missing']} (change numbers never shown by a client's model; "
          f"{stats['duplicated']} shown twice; listener seqs missing {stats['seq_missing']}, duplicated "
          f"{stats['seq_duplicated']}, unknown {stats['foreign']}) → "
          + ("every client saw every change exactly once" if lost == 0 else "NOT exactly once"))
    print(f"raw NOTIFY lost: {stats['raw_missing']}, duplicated {stats['raw_duplicated']}; "
          f"listener reconnects {stats['state_changes']}, reloads {stats['reloads']}; clients that did not complete "
          f"in time: e2e {timing['incomplete']}, raw {timing['raw_incomplete']}")
    print()
    print(f"  {'where the time goes, ms':<44} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8} {'mean':>8}")
    stage = stats["stage"]
    if "notify" in stage:
        print(row_stats("commit → listener thread reads NOTIFY", stage["notify"]))
        print(row_stats("parse + seq tracking in listener thread", stage["parse"]))
        print(row_stats("queued signal hop → GUI thread", stage.get("hop", [])))
    if "to_gui" in stage:
        print(row_stats("commit → GUI thread (read by heartbeat etc.)", stage["to_gui"]))
    print(row_stats(f"coalescing window ({args.window_ms} ms timer) → ChangeSet", stage.get("window", [])))
    print(row_stats("re-fetch query (GUI thread, own connection)", stage.get("fetch", [])))
    print(row_stats("re-fetch returned → dataChanged", stage.get("emit", [])))
    sizes = stats["batch_sizes"]
    if sizes:
        print(f"  coalescing: {statistics.fmean(stats['batches_per_client']):.0f} re-fetches per client for "
              f"{args.changes + args.warmup} changes ({statistics.fmean(sizes):.2f} rows per re-fetch)")
    if stats["not_instrumented"]:
        print(f"  ({stats['not_instrumented']} processes without listener-thread timing: several clients per "
              f"process, or the listener's internals changed)")
    print()
    print("machine load:")
    if loads.get("loadavg"):
        print(f"  load average before the run: {loads['loadavg'][0]:.2f} / {loads['loadavg'][1]:.2f} / "
              f"{loads['loadavg'][2]:.2f} (1/5/15 min) on {os.cpu_count()} CPUs")
    if loads.get("idle_before") is not None:
        print(f"  before any client started: machine {100 * loads['idle_before']:.0f} % busy (other work on the machine)")
    if loads.get("idle_clients") is not None:
        print(f"  {clients} clients connected and idle: machine {100 * loads['idle_clients']:.0f} % busy")
    print(cpu_line("raw NOTIFY phase", loads.get("raw"), args.changes + args.warmup, "message"))
    print(cpu_line("end-to-end phase", loads.get("e2e"), args.changes + args.warmup, "change"))
    if loads.get("e2e") is not None:
        spent = loads["e2e"]
        demand = (spent["clients"] + (spent["server"] or 0) + spent["writer"]) / spent["wall"]
        print(f"  CPU demand of the benchmark during the changes: {demand:.2f} of {os.cpu_count()} CPUs "
              f"({100 * demand / (os.cpu_count() or 1):.0f} %); the rest of the machine used {spent['other'] / spent['wall']:.2f}")
    print()
    if e2e:
        p99 = percentile(e2e, .99)
        print(f"goal: p99 ≤ 50 ms end to end — measured p99 {p99:.1f} ms "
              f"({'within' if p99 <= 50 else 'above'} the goal; printed, not asserted)")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50, help="listening clients (default 50)")
    parser.add_argument("--changes", type=int, default=500, help="measured changes and raw NOTIFYs (default 500)")
    parser.add_argument("--processes", type=int, default=None,
                        help="client processes (default: one per client; fewer hosts several clients per process)")
    parser.add_argument("--warmup", type=int, default=20, help="changes before the measured ones (default 20)")
    parser.add_argument("--interval-ms", type=float, default=20, help="pace of the writer (default 20 ms)")
    parser.add_argument("--window-ms", type=int, default=None, help="LiveFeed coalescing window (default: production's)")
    parser.add_argument("--same-session", action="store_true",
                        help="keep the client processes in this session (default: each its own session, so that "
                             "autogroup scheduling treats them as separate desktops)")
    parser.add_argument("--rows", type=int, default=200, help="stock rows in the watched table (default 200)")
    parser.add_argument("--database-url", default=os.environ.get("OP_BENCH_DATABASE_URL"),
                        help="superuser URL of an existing server (default: OP_BENCH_DATABASE_URL, "
                             "else a temporary embedded server)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database (external server)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.clients < 1 or args.changes < 1 or args.rows < 1 or args.warmup < 0 or args.interval_ms < 0:
        parser.error("--clients, --changes and --rows must be ≥ 1; --warmup and --interval-ms ≥ 0")
    args.processes = args.clients if args.processes is None else max(1, min(args.processes, args.clients))
    if args.window_ms is None:
        args.window_ms = default_window_ms()
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tag = secrets.token_hex(3)
    database = f"opbench_live_{tag}"
    step = lambda message: print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)  # noqa: E731
    loads: dict = {"loadavg": os.getloadavg() if hasattr(os, "getloadavg") else None}
    step("starting a temporary embedded PostgreSQL" if not args.database_url else "using --database-url")
    target = start_target(args.database_url)
    fleet = None
    created = False
    try:
        ensure_connections(target, args.clients * CONNECTIONS_PER_CLIENT + 4, step)
        step(f"creating, migrating and loading {database} ({args.rows} stock rows)")
        stock_ids = build_database(target, database, args.rows, args.seed)
        created = True
        dsn = psycopg2_dsn(target.url(database))
        conn = target.connect(database)
        with conn.cursor() as cur:
            cur.execute("SELECT split_part(current_setting('server_version'), ' ', 1), current_setting('max_connections'), "
                        "current_setting('synchronous_commit'), current_setting('fsync')")
            version, max_conn, sync, fsync = cur.fetchone()
        conn.close()
        kind = "embedded (temporary)" if target.embedded is not None else "--database-url"
        description = (f"PostgreSQL {version}, {kind}; max_connections={max_conn}, synchronous_commit={sync}, "
                       f"fsync={fsync}; client processes and server share one machine with {os.cpu_count()} CPUs")
        meter = CpuMeter(find_postmaster(target))
        loads["idle_before"] = busy_share(meter, 1.0)

        total = args.warmup + args.changes
        settings = dict(window_ms=args.window_ms, changes_total=total, raw_total=total,
                        own_session=not args.same_session)
        fleet = Fleet(args.clients, args.processes, dsn, settings)
        step(f"starting {args.clients} clients in {args.processes} processes")
        fleet.start()
        meter.client_pids = [p.pid for p in fleet.processes]
        if not fleet.wait(lambda: len(fleet.ready) == len(fleet.processes), 300):
            raise SystemExit(f"only {len(fleet.ready)} of {len(fleet.processes)} client processes became ready")
        step("all clients connected; letting them settle")
        time.sleep(1.0)
        loads["idle_clients"] = busy_share(meter, 2.0)
        interval = args.interval_ms / 1000
        priority = raise_writer_priority()     # after spawning: the clients must not inherit it

        step(f"raw fan-out: {total} NOTIFYs on {RAW_CHANNEL}")
        before = meter.sample()
        raw_called, raw_returned, raw_elapsed = send_raw(dsn, total, interval)
        fleet.wait(lambda: len(fleet.raw_complete) >= args.clients, 30)
        loads["raw"] = CpuMeter.spent(before, meter.sample())
        raw_incomplete = args.clients - len(fleet.raw_complete)
        time.sleep(0.5)

        step(f"end to end: {total} committed changes of stock_level, one every {args.interval_ms:g} ms")
        before = meter.sample()
        commit_called, commit_returned, seq_of, e2e_elapsed = commit_changes(dsn, stock_ids, total, interval)
        fleet.wait(lambda: len(fleet.complete) >= args.clients, 30)
        loads["e2e"] = CpuMeter.spent(before, meter.sample())
        incomplete = args.clients - len(fleet.complete)

        step("collecting")
        fleet.finish()
        if fleet.errors:
            raise SystemExit("a client failed:\n" + fleet.errors[0])
        stats = analyse(fleet, args.warmup, total, dict(
            commit_called=commit_called, commit_returned=commit_returned, seq_of=seq_of,
            raw_called=raw_called, raw_returned=raw_returned))
        timing = dict(e2e_rate=total / e2e_elapsed, raw_rate=total / raw_elapsed, incomplete=incomplete,
                      raw_incomplete=raw_incomplete, priority=priority)
        print_report(args, description, fleet, stats, loads, timing)
    finally:
        if fleet is not None:
            if not fleet.results:
                fleet.finish(10)
            fleet.close()
        if target.embedded is None and created and not args.keep:
            conn = target.connect()
            with conn.cursor() as cur:
                cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
            conn.close()
        target.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
