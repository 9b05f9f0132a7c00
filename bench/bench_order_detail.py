"""Order detail and order form: how long "where is order X?" and typing ahead take on demo data.

    python bench/bench_order_detail.py [--orders 10000] [--samples 200] [--database-url SUPERUSER_URL] [--keep]

Prints the median and 95th percentile of: ``load_timeline`` for random orders (every status),
the customer and product lookups behind the form's completion, and, in the client, the time from
``show_order`` to the detail page showing the order and from opening a draft in the form to its
fields being filled (both load on a worker thread). Also the machine's load average, since client
and server share its CPUs.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QElapsedTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import text  # noqa: E402

from app.db.engine import make_engine, unit_of_work_factory  # noqa: E402
from app.services.lookups import find_customers, find_products  # noqa: E402
from app.services.order_timeline import load_timeline  # noqa: E402
from app.services.session_info import SessionInfo  # noqa: E402
from bench.machine import load_average  # noqa: E402
from bench.scratch import Server, migrate_with_demo_orders, open_database  # noqa: E402


def prepare(args) -> tuple[str, Server | None]:
    url, server = open_database(args.database_url, "order_detail", keep=args.keep, prefix="orderpilot-bench-detail-")
    migrate_with_demo_orders(url, args.orders)
    engine = make_engine(url)
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
    engine.dispose()
    return url, server


def figures(label: str, times_ms: list[float]) -> None:
    times = sorted(times_ms)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"  {label:52} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   (n={len(times)})")


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--database-url", default=os.environ.get("OP_BENCH_DATABASE_URL"))
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)
    url, server = prepare(args)
    engine = make_engine(url, pool_size=4)
    uow = unit_of_work_factory(engine)
    rng = random.Random(5)
    try:
        with engine.connect() as conn:
            ids = [r[0] for r in conn.execute(text("SELECT id FROM sales_order ORDER BY random() LIMIT :n"),
                                              {"n": args.samples})]
            busiest = conn.execute(text(
                "SELECT order_id FROM order_status_history GROUP BY order_id ORDER BY count(*) DESC LIMIT 1")).scalar()
            drafts = [r[0] for r in conn.execute(text("SELECT id FROM sales_order WHERE status = 'draft' LIMIT 20"))]
            names = [r[0] for r in conn.execute(text("SELECT name FROM customer ORDER BY random() LIMIT 50"))]
            skus = [r[0] for r in conn.execute(text("SELECT sku FROM product WHERE active ORDER BY random() LIMIT 50"))]
            total = conn.execute(text("SELECT count(*) FROM sales_order")).scalar()
        print(f"{total:,} orders; machine: {os.cpu_count()} CPUs, load average {load_average()}")
        print("\nservice calls (own unit of work each)")
        load_timeline(ids[0], uow=uow())   # warm the pool
        figures("load_timeline, random orders", [timed(lambda i=i: load_timeline(i, uow=uow())) for i in ids])
        figures("load_timeline, the order with the longest history",
                [timed(lambda: load_timeline(busiest, uow=uow())) for _ in range(20)])
        prefixes = [name[: rng.choice((1, 2, 3))] for name in names]
        figures("find_customers (1-3 first characters of a name)",
                [timed(lambda p=p: find_customers(p, uow=uow())) for p in prefixes])
        figures("find_products (SKU prefix)",
                [timed(lambda s=s: find_products(s[: rng.choice((2, 3, 4))], uow=uow())) for s in skus])

        app = QApplication.instance() or QApplication([])
        from app.views.orders.order_detail import OrderDetailPage
        from app.views.orders.order_form import OrderForm
        session = SessionInfo(login="postgres", display_name="Bench", roles=("op_sales",))
        page = OrderDetailPage(uow, session)
        page.resize(1280, 820)
        page.show()
        shown = []
        for order_id in ids[:40]:
            clock = QElapsedTimer()
            clock.start()
            page.timeline = None
            page.show_order(order_id)
            while page.timeline is None or page.timeline.header.id != order_id:
                app.processEvents()
            shown.append(clock.nsecsElapsed() / 1e6)
        page.shutdown()
        print("\nclient (loading on a worker thread, until shown)")
        figures("detail page: show_order → order shown", shown)
        opened = []
        for order_id in drafts:
            clock = QElapsedTimer()
            clock.start()
            form = OrderForm(uow, session, order_id)
            while form.version is None:
                app.processEvents()
            opened.append(clock.nsecsElapsed() / 1e6)
            form.shutdown()
            form.deleteLater()
        if opened:
            figures("order form: open a draft → fields filled", opened)
        print("\nload average after: " + load_average())
    finally:
        engine.dispose()
        if server is not None:
            server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
