"""Product families, finished goods, materials, bills of materials and routings (as demo_admin)."""

from __future__ import annotations

from dataclasses import dataclass

from psycopg2.extras import execute_values

from app.services.demo_data import catalog


@dataclass(frozen=True)
class Product:
    """A sellable product as the order generator sees it."""

    id: int
    sku: str
    name: str
    family: str
    supply: str
    price: float  # CNY list price
    weight: float
    lead_days: int


def ensure_families(cur) -> dict[str, int]:
    execute_values(cur, "INSERT INTO product_family (code, name) VALUES %s ON CONFLICT (code) DO NOTHING",
                   list(catalog.FAMILIES))
    cur.execute("SELECT code, id FROM product_family WHERE code = ANY(%s)", ([f[0] for f in catalog.FAMILIES],))
    return dict(cur.fetchall())


def ensure_products(cur, families: dict[str, int], suppliers: dict[str, int]) -> list[Product]:
    """Insert missing products, BOMs and routings; return the finished goods as stored."""
    materials = [
        (m.sku, f"{m.zh} {m.en}", None, None, m.kind, "buy", m.uom, round(m.cost * 1.3, 2), m.cost, 13,
         0, suppliers[m.supplier], 0)
        for m in catalog.MATERIALS
    ]
    finished = [
        (f.sku, f"{f.sku} {f.zh} {f.en}", f"{f.zh}，型号 {f.sku} / {f.en}, model {f.sku}", families[f.family],
         "finished", f.supply, "pcs", f.price, round(f.price * 0.62, 2), 13, f.weight, None, f.lead_days)
        for f in catalog.FINISHED_GOODS
    ]
    execute_values(
        cur,
        "INSERT INTO product (sku, name, description, family_id, kind, supply, uom, list_price, standard_cost, "
        "tax_rate, weight_kg, default_supplier_id, lead_time_days) VALUES %s ON CONFLICT (sku) DO NOTHING",
        materials + finished)
    skus = [m.sku for m in catalog.MATERIALS] + [f.sku for f in catalog.FINISHED_GOODS]
    cur.execute("SELECT sku, id FROM product WHERE sku = ANY(%s)", (skus,))
    ids = dict(cur.fetchall())

    fg_ids = [ids[f.sku] for f in catalog.FINISHED_GOODS]
    execute_values(cur, "INSERT INTO bom (product_id, version) VALUES %s ON CONFLICT DO NOTHING",
                   [(pid, 1) for pid in fg_ids])
    execute_values(cur, "INSERT INTO routing (product_id, version) VALUES %s ON CONFLICT DO NOTHING",
                   [(pid, 1) for pid in fg_ids])
    cur.execute("SELECT product_id, id FROM bom WHERE product_id = ANY(%s) AND active", (fg_ids,))
    boms = dict(cur.fetchall())
    cur.execute("SELECT product_id, id FROM routing WHERE product_id = ANY(%s) AND active", (fg_ids,))
    routings = dict(cur.fetchall())
    cur.execute("SELECT DISTINCT bom_id FROM bom_line WHERE bom_id = ANY(%s)", (list(boms.values()),))
    filled_boms = {r[0] for r in cur.fetchall()}
    cur.execute("SELECT DISTINCT routing_id FROM routing_operation WHERE routing_id = ANY(%s)",
                (list(routings.values()),))
    filled_routings = {r[0] for r in cur.fetchall()}

    bom_rows, op_rows = [], []
    for fg in catalog.FINISHED_GOODS:
        pid = ids[fg.sku]
        if pid in boms and boms[pid] not in filled_boms:
            bom_rows += [(boms[pid], ids[sku], qty, scrap) for sku, qty, scrap in catalog.bom_for(fg)]
        if pid in routings and routings[pid] not in filled_routings:
            op_rows += [(routings[pid], seq, name, setup, run) for seq, name, setup, run in catalog.routing_for(fg)]
    if bom_rows:
        execute_values(cur, "INSERT INTO bom_line (bom_id, component_id, quantity, scrap_pct) VALUES %s "
                            "ON CONFLICT DO NOTHING", bom_rows)
    if op_rows:
        execute_values(cur, "INSERT INTO routing_operation (routing_id, seq, name, setup_minutes, "
                            "run_minutes_per_unit) VALUES %s ON CONFLICT DO NOTHING", op_rows)

    cur.execute(
        "SELECT p.id, p.sku, p.name, f.code, p.supply, p.list_price, p.weight_kg, p.lead_time_days "
        "FROM product p JOIN product_family f ON f.id = p.family_id "
        "WHERE p.sku = ANY(%s) AND p.active ORDER BY p.sku",
        ([f.sku for f in catalog.FINISHED_GOODS],))
    return [Product(id=r[0], sku=r[1], name=r[2], family=r[3], supply=r[4], price=float(r[5]),
                    weight=float(r[6]), lead_days=r[7]) for r in cur.fetchall()]


def material_ids(cur) -> list[int]:
    cur.execute("SELECT id FROM product WHERE sku = ANY(%s) ORDER BY sku", ([m.sku for m in catalog.MATERIALS],))
    return [r[0] for r in cur.fetchall()]
