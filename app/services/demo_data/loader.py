"""``load_demo_data``: demo logins, master data and orders, through the real rules."""

from __future__ import annotations

import datetime as dt
import math
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from app.services.demo_data import pipeline, plan
from app.services.demo_data.generate import OrderGenerator
from app.services.demo_data.logins import DEMO_LOGINS, PLANNER
from app.services.demo_data.master import MasterData, ensure_master_data
from app.services.demo_data.production import raise_alerts, schedule_open_work
from app.services.demo_data.session import acting_as, is_superuser
from app.services.errors import AdminError

Progress = Callable[[str, float], None]
BATCH_SIZE = 100_000
_MIN_BATCHES = 6  # small loads still come in waves, so "first order of a new customer" fades out
_ANALYZE = ("ANALYZE sales_order, sales_order_line, approval_request, approval_decision, order_status_history, "
            "production_order, production_operation, material_demand, deviation_alert, shipment, stock_level")


@dataclass
class DemoSummary:
    """What a demo-data run created."""

    orders: int
    lines: int
    by_status: dict[str, int]
    customers: int
    products: int
    materials: int
    elapsed_seconds: float
    logins: tuple[str, ...] = field(default_factory=tuple)

    @property
    def orders_per_second(self) -> float:
        return self.orders / self.elapsed_seconds if self.elapsed_seconds > 0 else 0.0

    def __str__(self) -> str:
        statuses = ", ".join(f"{s} {self.by_status[s]}" for s in plan.TARGET_NAMES if self.by_status.get(s))
        return (f"{self.orders} orders with {self.lines} lines in {self.elapsed_seconds:.1f} s "
                f"({self.orders_per_second:,.0f} orders/s); {statuses}; {self.customers} customers, "
                f"{self.products} products, {self.materials} materials; logins: {', '.join(self.logins)}")


def batch_sizes(orders: int, batch_size: int = BATCH_SIZE) -> list[int]:
    """Split ``orders`` into chronological batches of at most ``batch_size``."""
    if orders <= 0:
        return []
    count = max(math.ceil(orders / batch_size), min(_MIN_BATCHES, math.ceil(orders / 40)))
    base, extra = divmod(orders, count)
    return [base + (1 if n < extra else 0) for n in range(count)]


class _Connections:
    """Superuser connections from the engine: one for the loader, one per parallel worker.

    On success each is reset to the superuser and returned to the pool; after a failure they are
    discarded, so a connection still acting as a demo login never goes back into the pool.
    """

    def __init__(self, engine, count: int):
        self._raw = [engine.raw_connection() for _ in range(count)]
        self.conns = [raw.driver_connection for raw in self._raw]

    def close(self, ok: bool) -> None:
        for raw, conn in zip(self._raw, self.conns):
            if ok:
                conn.cursor().execute("RESET SESSION AUTHORIZATION")
                conn.commit()
                raw.close()
            else:
                raw.invalidate()


def _run_part(conn, orders, master: MasterData, reference: str) -> dict[str, int]:
    """One warehouse's share of a batch, in its own transaction."""
    cur = conn.cursor()
    try:
        pipeline.run_batch(cur, orders, master.warehouses, reference)
        counts = pipeline.status_counts(cur, orders)
        conn.commit()
        return counts
    except BaseException:
        conn.rollback()
        raise


def load_demo_data(engine, *, orders: int = 2000, seed: int = 7, progress: Progress | None = None,
                   batch_size: int = BATCH_SIZE, workers: int = 2) -> DemoSummary:
    """Create demo logins, master data and ``orders`` orders spread over every status.

    ``engine`` must connect as a superuser (the administrator running ``orderpilot demo-data``):
    the loader acts as each demo login in turn with ``SET SESSION AUTHORIZATION``, so orders are
    created by the sales logins, approved by the approvers, reserved by the warehouse, built by
    the planner, shipped by shipping and closed by after-sales, every step checked by the
    database's guards exactly as for a person at a desktop. Orders are COPYed and moved with
    set-based statements in chronological batches of at most ``batch_size`` orders, one
    transaction per batch and warehouse; with ``workers=2`` the Shanghai and Suzhou halves of a
    batch run in parallel on two connections (they touch disjoint stock rows).

    Idempotent: logins, customers, products, plant and rules are created only when missing and
    are otherwise reused (master data is the same whatever the seed), so running it again on a
    database that already has demo data adds ``orders`` more orders without failing. Web-shop and
    marketplace references continue after the highest existing order id, so they stay unique per
    channel. Batches already committed stay if a later batch fails. ``progress(stage, fraction)``
    is called from the calling thread as the work advances.
    """
    started = time.perf_counter()
    report = progress or (lambda stage, fraction: None)
    today = dt.date.today()
    workers = max(1, min(2, workers))
    pool = _Connections(engine, 1 + workers)
    main, parts = pool.conns[0], pool.conns[1:]
    ok = False
    try:
        cur = main.cursor()
        if not is_superuser(cur):
            raise AdminError("Loading demo data acts as each demo login and needs a superuser connection "
                             "(for example the server's postgres login).")
        main.rollback()
        report("Creating demo logins and master data", 0.01)
        master = ensure_master_data(cur, today)
        main.commit()
        report("Master data ready", 0.05)

        cur.execute("SELECT coalesce(max(id), 0) FROM sales_order")
        generator = OrderGenerator(master.customers, master.products, today, ref_base=cur.fetchone()[0] + 1)
        main.commit()
        headers = plan.plan_headers(orders, seed)
        sizes = batch_sizes(orders, batch_size)
        starts = [sum(sizes[:n]) for n in range(len(sizes))]
        totals: Counter[str] = Counter()
        line_count = done = 0
        with ThreadPoolExecutor(max_workers=len(parts), thread_name_prefix="demo-data") as executor:
            batch = generator.chunk(headers[:sizes[0]], 0, seed * 1_000_003 + 1) if sizes else []
            for number, size in enumerate(sizes, start=1):
                report(f"Orders {done:,} / {orders:,} (batch {number} of {len(sizes)})", 0.05 + 0.9 * done / orders)
                reference = f"demo-data batch {number}/{len(sizes)}"
                shares = ([[o for o in batch if o.warehouse == "SH"], [o for o in batch if o.warehouse != "SH"]]
                          if len(parts) == 2 else [batch])
                futures = [executor.submit(_run_part, conn, share, master, reference)
                           for conn, share in zip(parts, shares) if share]
                upcoming = None
                if number < len(sizes):  # generate the next batch while the server works
                    first = starts[number]
                    upcoming = generator.chunk(headers[first:first + sizes[number]], first,
                                               seed * 1_000_003 + number + 1)
                errors = []
                for future in futures:
                    try:
                        totals.update(future.result())
                    except BaseException as exc:  # wait for every worker before giving up
                        errors.append(exc)
                if errors:
                    raise errors[0]
                pipeline.issue_components(cur, batch, master.warehouses["SZ"], reference)
                main.commit()
                line_count += sum(len(o.lines) for o in batch)
                done += size
                # Fresh statistics after every batch (ANALYZE samples, so it costs about a second): a
                # server without autovacuum would otherwise plan the next batch with stale counts.
                main.autocommit = True
                cur.execute(_ANALYZE)
                main.autocommit = False
                batch = upcoming
        del headers

        report("Scheduling open production", 0.96)
        with acting_as(cur, PLANNER):
            schedule_open_work(cur, master.warehouses["SZ"])
        main.commit()
        main.autocommit = True
        cur.execute("ANALYZE material_demand, deviation_alert, production_order")
        main.autocommit = False
        with acting_as(cur, PLANNER):
            raise_alerts(cur)
        main.commit()
        ok = True
    finally:
        if not ok:
            for conn in pool.conns:
                try:
                    conn.rollback()
                except Exception:  # noqa: BLE001 - the connection is discarded anyway
                    pass
        pool.close(ok)
    summary = DemoSummary(
        orders=orders, lines=line_count, by_status=dict(totals), customers=len(master.customers),
        products=len(master.products), materials=len(master.materials),
        elapsed_seconds=time.perf_counter() - started, logins=tuple(u.login for u in DEMO_LOGINS))
    report("Demo data loaded", 1.0)
    return summary
