"""The company the order throughput benchmark works for: a small pump maker's master data and logins.

Scarce products have little stock, so concurrent orders compete for it (and run short);
make-to-order cabinets always become production demand. Before every round the stock is
restored, and after it the database is checked for oversell.
"""

from __future__ import annotations

from dataclasses import dataclass

from bench.scratch import Server

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


def build_company(server: Server, tag: str, clerk_count: int) -> Company:
    """Database, schema, master data and logins (the server drops them again unless kept)."""
    database = f"opbench_{tag}"
    server.create_database(database)

    conn = server.connect(database)
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
    conn.close()

    def login(short: str, group: str, limit: int | None, display: str) -> Login:
        name = f"opbench_{tag}_{short}"
        return Login(name, server.add_login(database, name, group, display, limit), limit)

    clerks = [login(f"clerk{i}", "op_sales", None, f"Sales clerk {i}") for i in range(1, clerk_count + 1)]
    approvers = [login(short, group, limit, short.title()) for short, group, limit in APPROVERS]
    login("warehouse", "op_warehouse", None, "Warehouse")   # receives the short/low stock notices
    return Company(database, customers, products, stock_ids, clerks, approvers)


def restock(server: Server, company: Company) -> None:
    """Give every stock row its starting availability again (on hand = reserved + target)."""
    targets = stock_targets()
    conn = server.connect(company.database)
    with conn.cursor() as cur:
        cur.execute("BEGIN")
        cur.execute("SELECT set_config('orderpilot.stock_reason', 'bench restock', true)")
        cur.execute("UPDATE stock_level s SET on_hand = s.reserved + d.qty "
                    "FROM unnest(%s::bigint[], %s::numeric[]) AS d(id, qty) WHERE s.id = d.id",
                    ([company.stock_ids[k] for k in targets], list(targets.values())))
        cur.execute("COMMIT")
        cur.execute("VACUUM ANALYZE")
    conn.close()


def oversell_check(server: Server, company: Company) -> dict[str, int]:
    """Counts of stock rows breaking each rule (all zero: nothing oversold, every unit accounted for)."""
    conn = server.connect(company.database)
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


