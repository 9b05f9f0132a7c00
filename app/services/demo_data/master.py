"""Master data for the demo company, inserted as demo_admin (stock as demo_warehouse).

Every step inserts only what is missing and then reads back what is stored, so a second run
reuses the first run's customers, products and plant instead of failing on unique codes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.services.demo_data import catalog, customers, plant, products, stock
from app.services.demo_data.customers import Customer
from app.services.demo_data.logins import ADMIN, WAREHOUSE, ensure_demo_logins
from app.services.demo_data.products import Product
from app.services.demo_data.session import acting_as


@dataclass(frozen=True)
class MasterData:
    customers: list[Customer]
    products: list[Product]  # finished goods, what orders are made of
    materials: list[int]
    warehouses: dict[str, int]
    carriers: dict[str, int]
    lines: dict[str, int]


def ensure_master_data(cur, today: dt.date) -> MasterData:
    """Logins, customers, partners, catalogue, plant, rules and opening stock (one transaction)."""
    ensure_demo_logins(cur)
    with acting_as(cur, ADMIN):
        families = products.ensure_families(cur)
        suppliers = plant.ensure_suppliers(cur, catalog.SUPPLIERS)
        finished = products.ensure_products(cur, families, suppliers)
        materials = products.material_ids(cur)
        demo_customers = customers.ensure_customers(cur)
        carriers = plant.ensure_carriers(cur)
        warehouses = plant.ensure_warehouses(cur)
        lines = plant.ensure_lines(cur, families, today)
        plant.ensure_approval_rules(cur)
    with acting_as(cur, WAREHOUSE):
        stock.ensure_opening_stock(cur, finished, materials, warehouses)
    return MasterData(customers=demo_customers, products=finished, materials=materials, warehouses=warehouses,
                      carriers=carriers, lines=lines)
