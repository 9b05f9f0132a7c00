#!/usr/bin/env python
"""Inventory view and approvals inbox at scale: stock pages, searches, a long stock ledger, a full inbox.

    python bench/bench_inventory.py [--products 5000] [--moves 2000000] [--pending 3000] [--repeat 5]
                                    [--database-url SUPERUSER_URL] [--keep]

Builds a scratch database (an embedded server unless ``--database-url`` names a superuser URL of
an empty database): ``--products`` products in 3 warehouses (stock rows, a fifth of them low),
``--moves`` stock ledger rows of which half belong to one product ("the busy product"), and
``--pending`` orders waiting for approval. Prints, for the service calls (median ms of
``--repeat`` runs, SQL on one connection): the first stock page in several sorts, the last page,
searches, the low-stock filter, the counts, ledger pages of the busy product (newest, deep in its
history, all warehouses merged) and the inbox; then end to end through the screens (offscreen
QApplication, worker threads, event loop): opening InventoryPage to its first rows, selecting the
busy product to its ledger rows, opening ApprovalsPage to its rows; and the process's peak RSS.
The load average is printed next to the figures. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")

import psycopg2  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app.db.engine import make_engine, psycopg2_dsn, unit_of_work_factory  # noqa: E402
from app.db.migrate import upgrade  # noqa: E402
from app.services.approvals import approval_inbox  # noqa: E402
from app.services.inventory_queries import (StockFilter, StockSort, count_stock, fetch_ledger,  # noqa: E402
                                            fetch_stock)
from app.services.session_info import SessionInfo  # noqa: E402
from bench.machine import load_average  # noqa: E402
from bench.scratch import open_database  # noqa: E402
from bench.timing import median_ms  # noqa: E402

APPROVER = "bench_approver"

DATA = """
INSERT INTO warehouse (code, name) VALUES ('SH', 'Shanghai'), ('SZ', 'Suzhou'), ('BJ', 'Beijing');
INSERT INTO product_family (code, name) VALUES ('GEN', 'General');
INSERT INTO product (sku, name, family_id, supply, list_price)
SELECT 'SKU-' || lpad(n::text, 6, '0'),
       (ARRAY['Gear pump', 'Seal ring', '电机 Motor', 'Valve body', 'Bearing kit', 'Control cable'])[n %% 6 + 1]
       || ' ' || n, 1, 'buy', 10 + n %% 500
FROM generate_series(1, %(products)s) AS n;
INSERT INTO stock_level (product_id, warehouse_id, on_hand, reserved, reorder_point)
SELECT p.id, w.id, 100 + (p.id * 7 + w.id * 13) %% 900, (p.id * 3 + w.id) %% 90,
       CASE WHEN p.id %% 5 = 0 THEN 950 ELSE 50 END
FROM product p CROSS JOIN warehouse w;
"""

MOVES = """
INSERT INTO stock_move (product_id, warehouse_id, on_hand_delta, reserved_delta, reason, reference, actor, moved_at)
SELECT CASE WHEN n %% 2 = 0 THEN %(busy)s ELSE 1 + n %% %(products)s END, 1 + n %% 3,
       CASE WHEN n %% 3 = 0 THEN 5 ELSE 0 END, CASE WHEN n %% 3 = 0 THEN 0 ELSE 1 END,
       CASE WHEN n %% 3 = 0 THEN 'adjustment' ELSE 'reservation' END, 'B-' || n, current_user,
       now() - make_interval(secs => %(moves)s - n)
FROM generate_series(1, %(moves)s) AS n;
"""

PENDING = """
INSERT INTO customer (code, name) VALUES ('BENCH', 'Bench Trading Co.');
INSERT INTO approval_rule (name, condition, threshold, approver_role, required_approvals, position)
VALUES ('Orders over 1,000', 'order_total_over', 1000, 'op_approver', 1, 10);
WITH made AS (
    INSERT INTO sales_order (customer_id, channel, priority)
    SELECT (SELECT id FROM customer WHERE code = 'BENCH'), 'phone', 3 FROM generate_series(1, %(pending)s)
    RETURNING id)
INSERT INTO sales_order_line (order_id, line_no, product_id, quantity, unit_price)
SELECT id, 1, 1 + id %% 50, 10, 250 FROM made;
UPDATE sales_order SET status = 'pending_approval' WHERE status = 'draft';
"""


def prepare(args):
    url, server = open_database(args.database_url, "inventory", keep=args.keep,
                                prefix="orderpilot-bench-inventory-")
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    conn = psycopg2.connect(psycopg2_dsn(url))
    conn.autocommit = True
    cur = conn.cursor()
    started = time.perf_counter()
    cur.execute(DATA, {"products": args.products})
    busy = args.products // 2
    cur.execute(MOVES, {"busy": busy, "products": args.products, "moves": args.moves})
    cur.execute(PENDING, {"pending": args.pending})
    cur.execute(f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{APPROVER}') THEN "
                f"CREATE ROLE {APPROVER} LOGIN; END IF; END $$")
    cur.execute(f"GRANT op_approver, op_warehouse TO {APPROVER}")
    cur.execute("INSERT INTO app_user (login, display_name, approval_limit) VALUES (%s, 'Bench approver', 1000000) "
                "ON CONFLICT DO NOTHING", (APPROVER,))
    cur.execute("VACUUM ANALYZE")
    cur.execute("SELECT count(*) FROM stock_level")
    stock_rows = cur.fetchone()[0]
    cur.execute("SELECT (SELECT sku FROM product WHERE id = %s), "
                "(SELECT min(id) FROM stock_move WHERE product_id = %s AND warehouse_id = 1)", (busy, busy))
    busy_sku, oldest = cur.fetchone()
    conn.close()
    print(f"data: {args.products:,} products, {stock_rows:,} stock rows, {args.moves:,} ledger rows "
          f"({args.moves // 2:,} of product {busy}), {args.pending:,} pending orders; "
          f"built in {time.perf_counter() - started:.0f} s", flush=True)
    user_url = make_url(url).set(username=APPROVER, password=None).render_as_string(hide_password=False)
    return user_url, busy, busy_sku, oldest, server


def service_figures(uow, busy: int, oldest: int, repeat: int) -> None:
    print(f"\nservice calls (median ms of {repeat}; load average {load_average()})")
    first = fetch_stock(StockFilter(), StockSort(), uow=uow())
    every = []
    after = None
    while True:   # walk once to find the last page's cursor
        page = fetch_stock(StockFilter(), StockSort(), after=after, limit=1000, uow=uow())
        every += page
        if len(page) < 1000:
            break
        after = page[-1]
    cases = [
        ("stock: first page by SKU", lambda: fetch_stock(StockFilter(), StockSort(), uow=uow())),
        ("stock: next page", lambda: fetch_stock(StockFilter(), StockSort(), after=first[-1], uow=uow())),
        ("stock: last page", lambda: fetch_stock(StockFilter(), StockSort(), after=every[-150], uow=uow())),
        ("stock: first page by available, desc",
         lambda: fetch_stock(StockFilter(), StockSort("available", True), uow=uow())),
        ("stock: first page by product name", lambda: fetch_stock(StockFilter(), StockSort("name"), uow=uow())),
        ("stock: search SKU prefix 'sku-0012'", lambda: fetch_stock(StockFilter(text="sku-0012"), StockSort(),
                                                                     uow=uow())),
        ("stock: search name part 'motor'", lambda: fetch_stock(StockFilter(text="motor"), StockSort(), uow=uow())),
        ("stock: low stock only", lambda: fetch_stock(StockFilter(low_only=True), StockSort(), uow=uow())),
        ("stock: counts (all / low)", lambda: count_stock(StockFilter(), uow=uow())),
    ]
    newest = fetch_ledger(busy, 1, uow=uow())
    cases += [
        ("ledger: newest 100, one warehouse", lambda: fetch_ledger(busy, 1, uow=uow())),
        ("ledger: newest 100, all warehouses", lambda: fetch_ledger(busy, None, uow=uow())),
        ("ledger: 100 older than the first page", lambda: fetch_ledger(busy, 1, before_id=newest[-1].id, uow=uow())),
        ("ledger: 100 at the start of its history",
         lambda: fetch_ledger(busy, 1, before_id=oldest + 5000, uow=uow())),
        ("ledger: newer than the newest (live)", lambda: fetch_ledger(busy, 1, after_id=newest[0].id, uow=uow())),
        ("inbox: oldest 500 pending with rules", lambda: approval_inbox(uow=uow(), limit=500)),
    ]
    for label, fn in cases:
        print(f"  {label:44} {median_ms(fn, repeat):8.1f}")


def screen_figures(uow_factory, busy_sku: str) -> None:
    from PySide6.QtCore import QCoreApplication

    from app.views.approvals.approvals_page import ApprovalsPage
    from app.views.inventory.inventory_page import InventoryPage
    from app.views.launch import apply_style, create_application

    app = create_application([])
    apply_style(app)
    session = SessionInfo(APPROVER, "Bench approver", ("op_approver", "op_warehouse"))

    def until(condition, limit_s: float = 60.0) -> float:
        started = time.perf_counter()
        while not condition():
            QCoreApplication.processEvents()
            if time.perf_counter() - started > limit_s:
                raise TimeoutError
            time.sleep(0.001)
        return (time.perf_counter() - started) * 1000

    print(f"\nscreens end to end (ms; load average {load_average()})")
    started = time.perf_counter()
    page = InventoryPage(uow_factory, session)
    page.resize(1280, 800)
    page.show()
    constructed = (time.perf_counter() - started) * 1000
    shown = constructed + until(lambda: page.model.rowCount() > 0 and not page.loading)
    print(f"  {'InventoryPage: constructor returns':44} {constructed:8.1f}")
    print(f"  {'InventoryPage: first rows shown':44} {shown:8.1f}")
    for _ in range(3):
        page.table.scrollToBottom()
        until(lambda: not page.runner.busy)
    started = time.perf_counter()
    prefix = busy_sku[:-2]
    page.search_edit.setText(prefix.lower())
    page._apply_filter()
    searched = until(lambda: not page.loading and page.model.rowCount() and
                     page.model.row_at(0).sku.startswith(prefix))
    print(f"  {'InventoryPage: SKU search to rows shown':44} {searched:8.1f}")
    page.search_edit.setText(busy_sku)
    page._apply_filter()
    until(lambda: not page.loading and page.model.rowCount() == 3)
    page.table.selectRow(1)   # the selection moves from the first warehouse's row to the second's
    ledger = until(lambda: page.ledger_model.rowCount() > 0 and not page.loading)
    print(f"  {'InventoryPage: select busy product to ledger':44} {ledger:8.1f}")
    page.shutdown()

    started = time.perf_counter()
    inbox = ApprovalsPage(uow_factory, session)
    inbox.resize(1280, 800)
    inbox.show()
    rows = until(lambda: inbox.model.rowCount() > 0 and not inbox.loading)
    print(f"  {'ApprovalsPage: open to rows shown':44} {rows:8.1f}   ({inbox.count_label.text()})")
    inbox.shutdown()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this process: {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=5000)
    parser.add_argument("--moves", type=int, default=2_000_000)
    parser.add_argument("--pending", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    url, busy, busy_sku, oldest, server = prepare(args)
    engine = make_engine(url, pool_size=5)
    uow_factory = unit_of_work_factory(engine)
    try:
        service_figures(uow_factory, busy, oldest, args.repeat)
        screen_figures(uow_factory, busy_sku)
    finally:
        engine.dispose()
        if server is not None:
            server.close()


if __name__ == "__main__":
    main()
