"""A small company for service tests: master data, logins for each job, units of work per login."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from app.db.engine import make_engine, unit_of_work_factory
from app.services.orders import LineInput, OrderInput


@dataclass
class Company:
    ids: dict
    logins: dict
    admin: object
    _engines: list = field(default_factory=list)

    def uow(self, who: str):
        """A fresh unit of work connected as the login ``who`` (clerk, approver1, manager...)."""
        engine = make_engine(self.logins[who].url, pool_size=2)
        self._engines.append(engine)
        return unit_of_work_factory(engine)()

    def uow_factory(self, who: str):
        engine = make_engine(self.logins[who].url, pool_size=10)
        self._engines.append(engine)
        return unit_of_work_factory(engine)

    def order(self, *lines: tuple[str, int | str, int | str | None], customer: str = "customer", **header) -> OrderInput:
        return OrderInput(customer_id=self.ids[customer], lines=tuple(
            LineInput(product_id=self.ids[p], quantity=Decimal(str(q)),
                      unit_price=None if price is None else Decimal(str(price))) for p, q, price in lines), **header)

    def scalar(self, sql: str, *params):
        with self.admin.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchone()[0]

    def rows(self, sql: str, *params):
        with self.admin.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()

    def close(self):
        for engine in self._engines:
            engine.dispose()
        self.admin.close()


MASTER_DATA = """
INSERT INTO customer (code, name, email, credit_limit) VALUES
    ('C001', '上海浦江机械有限公司', 'buy@pujiang.cn', NULL),
    ('C002', 'Hansen Pumpen GmbH', 'einkauf@hansen.de', 1000),
    ('C003', 'Blocked Trading Ltd', 'ap@blocked.example', NULL);
UPDATE customer SET blocked = true, blocked_reason = 'unpaid invoices' WHERE code = 'C003';
INSERT INTO product_family (code, name) VALUES ('PUMP', 'Pumps'), ('CAB', 'Control cabinets');
INSERT INTO product (sku, name, family_id, supply, list_price, tax_rate) VALUES
    ('P-100', 'Centrifugal pump CP-100', 1, 'make_to_stock', 1200, 13),
    ('V-20', 'Ball valve DN20', 1, 'buy', 80, 13),
    ('CAB-1', 'Control cabinet 控制柜 CC-1', 2, 'make_to_order', 3000, 13),
    ('OLD-1', 'Retired pump', 1, 'make_to_stock', 10, 13);
UPDATE product SET active = false WHERE sku = 'OLD-1';
INSERT INTO warehouse (code, name) VALUES ('SH', 'Shanghai');
INSERT INTO stock_level (product_id, warehouse_id, on_hand, reorder_point) VALUES (1, 1, 10, 3), (2, 1, 500, 0), (3, 1, 0, 0);
INSERT INTO production_line (code, name) VALUES ('L1', 'Assembly line 1'), ('L2', 'Cabinet line');
INSERT INTO line_capability VALUES (1, 1), (2, 2);
INSERT INTO line_assignment_rule (position, family_id, line_id) VALUES (10, 2, 2);
INSERT INTO routing (product_id) VALUES (3);
INSERT INTO routing_operation (routing_id, seq, name, setup_minutes, run_minutes_per_unit) VALUES
    (1, 10, 'Wiring', 30, 45), (1, 20, 'Testing', 10, 15);
INSERT INTO approval_rule (name, condition, threshold, approver_role, required_approvals, position) VALUES
    ('Orders over 10,000', 'order_total_over', 10000, 'op_approver', 1, 10),
    ('Orders over 50,000', 'order_total_over', 50000, 'op_approver', 2, 20);
"""


@pytest.fixture
def company(database, make_login):
    admin = database.admin()
    with admin.cursor() as cur:
        cur.execute(MASTER_DATA)
        cur.execute("SELECT 'customer', id FROM customer WHERE code = 'C001' UNION ALL "
                    "SELECT 'credit_customer', id FROM customer WHERE code = 'C002' UNION ALL "
                    "SELECT 'blocked_customer', id FROM customer WHERE code = 'C003' UNION ALL "
                    "SELECT lower(split_part(sku, '-', 1)), id FROM product UNION ALL "
                    "SELECT 'warehouse', id FROM warehouse")
        ids = dict(cur.fetchall())
    ids = {"pump": ids["p"], "valve": ids["v"], "cabinet": ids["cab"], "retired": ids["old"], **ids}
    logins = {
        "clerk": make_login("clerk", "op_sales", display_name="Zhang Wei"),
        "clerk2": make_login("clerk2", "op_sales", display_name="Li Na"),
        "approver1": make_login("approver1", "op_approver", approval_limit=100_000),
        "approver2": make_login("approver2", "op_approver", approval_limit=100_000),
        "junior": make_login("junior", "op_approver", approval_limit=5_000),
        "manager": make_login("manager", "op_manager"),
        "warehouse": make_login("warehouse", "op_warehouse"),
        "planner": make_login("planner", "op_planner"),
    }
    company = Company(ids=ids, logins=logins, admin=admin)
    yield company
    company.close()
