#!/usr/bin/env python
"""Channel import throughput: a web shop's export of N orders (~3 lines each) through ``import_orders``.

    python bench/bench_import.py [--orders 100000] [--format csv|json] [--batch-size 2500] [--workers 2]
                                 [--database-url SUPERUSER_URL] [--twice]

Generates a realistic export (returning and new buyers, Chinese and German names, 1-5 lines per
order, a few make-to-order lines that become production demand, about 1 % bad orders) in a
temporary folder, creates a scratch database (a temporary embedded PostgreSQL, or the server of
--database-url / OP_BENCH_DATABASE_URL reached as a superuser), migrates it, loads master data
(products with stock, returning customers, an approval rule) and a sales login, then imports the
file as that login. Printed: orders/s, lines/s, elapsed per phase (read, then check + write), CPU
seconds of the importer and (embedded server) of the server, the load average (other work on
the machine skews the figures), the statuses the orders reached, and a check that no order was
left without its lines.
With --twice the same file is imported again (it must create nothing).

Figures are measured, not judged. The issue's goal: 100,000 orders in under 60 s.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import secrets
import shutil
import sys
import tempfile
import time
import warnings
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")

from app.db.engine import make_engine, unit_of_work_factory  # noqa: E402
from app.services.importing import import_orders  # noqa: E402
from bench.machine import load_average, process_tree_cpu  # noqa: E402
from bench.scratch import Server, start_server  # noqa: E402

FIELDS = ("order_ref", "order_date", "customer_email", "customer_code", "customer_name", "phone", "ship_to_name",
          "ship_to_address1", "ship_to_address2", "ship_to_city", "ship_to_region", "ship_to_postal_code",
          "ship_to_country", "currency", "requested_date", "notes", "sku", "quantity", "unit_price", "discount_pct")
HEADER = FIELDS[:16]

STOCK_PRODUCTS = 80
MTO_SKUS = ("CC-1", "VFD-15")
RETURNING_CUSTOMERS = 5_000
PLENTY = 100_000_000

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ("伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超")
CITIES_CN = (("上海", "上海", "200120"), ("北京", "北京", "100020"), ("苏州", "江苏", "215000"),
             ("杭州", "浙江", "310000"), ("广州", "广东", "510000"), ("成都", "四川", "610000"))
NAMES_DE = ("Anna Schmidt", "Jonas Müller", "Lena Fischer", "Paul Weber", "Mia Wagner", "Felix Becker")
CITIES_DE = (("Hamburg", "HH", "20095"), ("München", "BY", "80331"), ("Köln", "NW", "50667"))

MASTER_SQL = """
INSERT INTO product_family (code, name) VALUES ('PUMP', 'Pumps'), ('VALVE', 'Valves'), ('CAB', 'Control cabinets');
INSERT INTO warehouse (code, name) VALUES ('SH', 'Shanghai'), ('SZ', 'Suzhou');
INSERT INTO product (sku, name, family_id, supply, list_price, tax_rate)
SELECT format('WS-%%s', lpad(n::text, 4, '0')), format('Web shop article %%s', n),
       CASE WHEN n %% 2 = 0 THEN 1 ELSE 2 END, CASE WHEN n %% 3 = 0 THEN 'buy' ELSE 'make_to_stock' END,
       round((20 + (n * 37) %% 2980)::numeric, 2), 13
FROM generate_series(1, %(stock_products)s) n;
INSERT INTO product (sku, name, family_id, supply, list_price, tax_rate) VALUES
    ('CC-1', 'Control cabinet 控制柜 CC-1', 3, 'make_to_order', 3000, 13),
    ('VFD-15', 'Inverter cabinet 变频柜 VFD-15', 3, 'make_to_order', 5200, 13);
SELECT set_config('orderpilot.stock_reason', 'opening balance', false);
INSERT INTO stock_level (product_id, warehouse_id, on_hand)
SELECT p.id, w.id, CASE WHEN p.supply = 'make_to_order' THEN 0 ELSE %(plenty)s END
FROM product p CROSS JOIN warehouse w;
INSERT INTO production_line (code, name) VALUES ('L1', 'Assembly line 1'), ('L2', 'Cabinet line');
INSERT INTO line_capability (line_id, family_id) VALUES (1, 1), (1, 2), (2, 3);
INSERT INTO routing (product_id) SELECT id FROM product WHERE supply = 'make_to_order';
INSERT INTO routing_operation (routing_id, seq, name, setup_minutes, run_minutes_per_unit)
SELECT r.id, o.seq, o.name, o.setup, o.run FROM routing r
CROSS JOIN (VALUES (10, 'Wiring', 30, 45), (20, 'Testing', 10, 15)) AS o(seq, name, setup, run);
INSERT INTO customer (code, name, email, country, language, currency)
SELECT format('C%%s', lpad(n::text, 5, '0')), format('老客户 %%s', n), format('buyer%%s@example.cn', n), 'CN', 'zh_CN', 'CNY'
FROM generate_series(1, %(customers)s) n;
INSERT INTO customer_price (customer_id, product_id, valid_from, unit_price)
SELECT c.id, p.id, current_date - 30, round(p.list_price * 0.9, 2)
FROM customer c JOIN product p ON p.id %% 10 = 1 WHERE c.id %% 50 = 0;
INSERT INTO approval_rule (name, condition, threshold, approver_role, required_approvals, position)
VALUES ('Orders over 15,000', 'order_total_over', 15000, 'op_approver', 1, 10);
"""


# --------------------------------------------------------------------------------------------
# The export file
# --------------------------------------------------------------------------------------------

def generate_rows(orders: int, seed: int, mto_share: float, bad_share: float):
    """Flat export rows, one per order line, order fields repeated on every line."""
    rng = random.Random(seed)
    skus = [f"WS-{n:04d}" for n in range(1, STOCK_PRODUCTS + 1)]
    new_buyers = max(1, orders // 3)
    today = date.today()
    for n in range(1, orders + 1):
        if rng.random() < 0.6:
            who = rng.randint(1, RETURNING_CUSTOMERS)
            email, name = f"buyer{who}@example.cn", f"老客户 {who}"
            city, region, postal = rng.choice(CITIES_CN)
            country, currency = "CN", "CNY"
        else:
            who = rng.randint(1, new_buyers)
            if who % 5 == 0:
                email, name = f"kunde{who}@example.de", NAMES_DE[who % len(NAMES_DE)]
                city, region, postal = CITIES_DE[who % len(CITIES_DE)]
                country, currency = "DE", "EUR"
            else:
                email, name = f"new{who}@example.cn", SURNAMES[who % len(SURNAMES)] + GIVEN[who % len(GIVEN)]
                city, region, postal = CITIES_CN[who % len(CITIES_CN)]
                country, currency = "CN", "CNY"
        ordered = datetime.combine(today - timedelta(days=rng.randint(0, 20)), datetime.min.time()) \
            + timedelta(minutes=rng.randint(0, 1439))
        header = {
            "order_ref": f"#{100000 + n}", "order_date": ordered.strftime("%Y-%m-%dT%H:%M:%S+08:00"),
            "customer_email": email, "customer_name": name, "phone": f"+86 139 {n % 10000:04d} {who % 10000:04d}",
            "ship_to_name": name, "ship_to_address1": f"{rng.randint(1, 300)} 号 / Street {rng.randint(1, 99)}",
            "ship_to_city": city, "ship_to_region": region, "ship_to_postal_code": postal,
            "ship_to_country": country, "currency": currency,
            "requested_date": (today + timedelta(days=rng.randint(3, 40))).isoformat() if rng.random() < 0.3 else "",
            "notes": "请工作日送货" if rng.random() < 0.1 else "",
        }
        bad = rng.random() < bad_share
        for line in range(rng.choice((1, 2, 3, 3, 4, 5))):
            sku = rng.choice(MTO_SKUS) if rng.random() < mto_share else rng.choice(skus)
            row = dict(header, sku=sku, quantity=str(rng.randint(1, 4)),
                       unit_price=f"{rng.randint(2000, 90000) / 100:.2f}" if rng.random() < 0.5 else "",
                       discount_pct="5" if rng.random() < 0.05 else "")
            if bad and line == 0:
                row["quantity"] = rng.choice(("zwei", "-1", "0"))
            yield row


def write_file(folder: Path, fmt: str, rows) -> Path:
    path = folder / f"shop-export.{fmt}"
    if fmt == "csv":
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.DictWriter(out, FIELDS)
            writer.writeheader()
            writer.writerows(rows)
    else:
        orders: dict[str, dict] = {}
        for row in rows:
            order = orders.setdefault(row["order_ref"], {**{k: row[k] for k in HEADER if row.get(k)}, "lines": []})
            order["lines"].append({k: row[k] for k in ("sku", "quantity", "unit_price", "discount_pct") if row.get(k)})
        path.write_text(json.dumps({"orders": list(orders.values())}, ensure_ascii=False), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# The scratch database
# --------------------------------------------------------------------------------------------

def create_database(server: Server, database: str, login: str) -> str:
    """Create, migrate and fill ``database`` with a sales login; returns the login's URL."""
    server.create_database(database)
    url = server.add_login(database, login, "op_sales", "Web shop import")
    conn = server.connect(database)
    with conn.cursor() as cur:
        cur.execute(MASTER_SQL, {"stock_products": STOCK_PRODUCTS, "plenty": PLENTY, "customers": RETURNING_CUSTOMERS})
        cur.execute("ANALYZE")
    conn.close()
    return url


def query(server: Server, database: str, statement: str, *params):
    conn = server.connect(database)
    with conn.cursor() as cur:
        cur.execute(statement, params)
        rows = cur.fetchall()
    conn.close()
    return rows


def run_import(path: Path, url: str, batch_size: int, workers: int, postmaster: int | None):
    marks = {}

    def progress(stage: str, fraction: float) -> None:
        marks.setdefault(stage.split()[0], time.perf_counter())

    engine = make_engine(url)
    try:
        server_before, client_before = process_tree_cpu(postmaster), time.process_time()
        started = time.perf_counter()
        report = import_orders(path, "web_shop", uow_factory=unit_of_work_factory(engine), batch_size=batch_size,
                               progress=progress, workers=workers)
        finished = time.perf_counter()
        client, server_after = time.process_time() - client_before, process_tree_cpu(postmaster)
    finally:
        engine.dispose()
    writing = marks.get("Importing", finished)
    server = None if server_before is None else server_after - server_before
    return report, writing - started, finished - writing, client, server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--format", choices=("csv", "json"), default="csv")
    parser.add_argument("--batch-size", type=int, default=2500)
    parser.add_argument("--workers", type=int, default=2, help="batches written at once (connections)")
    parser.add_argument("--mto-share", type=float, default=0.005, help="share of lines for make-to-order products")
    parser.add_argument("--bad-share", type=float, default=0.01, help="share of orders with a bad line")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--twice", action="store_true", help="import the same file a second time")
    parser.add_argument("--database-url", default=os.environ.get("OP_BENCH_DATABASE_URL"),
                        help="superuser URL of a server to use (default: a temporary embedded one)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="orderpilot-import-file-"))
    server = start_server(args.database_url, prefix="orderpilot-bench-import-")
    tag = secrets.token_hex(3)
    database, login = f"opbench_import_{tag}", f"opbench_import_{tag}_web"
    try:
        t0 = time.perf_counter()
        path = write_file(folder, args.format, generate_rows(args.orders, args.seed, args.mto_share, args.bad_share))
        print(f"file: {path.name}, {path.stat().st_size / 1e6:.1f} MB, {args.orders:,} orders, "
              f"generated in {time.perf_counter() - t0:.1f} s")
        url = create_database(server, database, login)
        print(f"server: {'embedded (temporary)' if server.embedded else server.admin_url.host}, "
              f"database {database}, importing as {login} (op_sales), batch size {args.batch_size}")

        postmaster = server.postmaster_pid() if server.embedded else None
        print(f"load average before: {load_average(1, ', ')} on {os.cpu_count()} CPUs")
        report, reading, writing, client, server_cpu = run_import(path, url, args.batch_size, args.workers, postmaster)
        print(report.summary())
        print(f"elapsed {report.elapsed:.1f} s (reading until the first batch {reading:.1f} s, then checking, "
              f"writing and submitting {writing:.1f} s): "
              f"{report.created / report.elapsed:,.0f} orders/s, {report.lines_created / report.elapsed:,.0f} lines/s")
        print(f"CPU: importer {client:.1f} s" + (f", server {server_cpu:.1f} s" if server_cpu is not None else "")
              + f"; load average after: {load_average(1, ', ')}")
        statuses = query(server, database,
                         "SELECT status, count(*) FROM sales_order GROUP BY status ORDER BY count(*) DESC")
        print("statuses: " + ", ".join(f"{status} {count:,}" for status, count in statuses))
        partial = query(server, database, "SELECT count(*) FROM sales_order o WHERE channel = 'web_shop' "
                        "AND NOT EXISTS (SELECT 1 FROM sales_order_line l WHERE l.order_id = o.id)")[0][0]
        stored = query(server, database, "SELECT count(*), sum(line_count) FROM sales_order WHERE channel = 'web_shop'")[0]
        print(f"check: {stored[0]:,} orders with {stored[1] or 0:,} lines stored (reported {report.created:,} / "
              f"{report.lines_created:,}); orders without lines: {partial}; "
              f"goal 100,000 orders < 60 s: {'met' if args.orders >= 100_000 and report.elapsed < 60 else 'n/a' if args.orders < 100_000 else 'MISSED'}")
        if args.twice:
            again, *_ = run_import(path, url, args.batch_size, args.workers, postmaster)
            print(f"second import: {again.summary()}")
    finally:
        server.close()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
