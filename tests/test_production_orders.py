"""Production orders: components from a multi-level bill of materials reserved from stock,
shortages for the buyer, stock replenishment, and the scheduler waiting for purchases."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal as D

import pytest

from app.services.errors import ValidationFailed
from app.services.lifecycle import cancel_order
from app.services.production_orders import (
    cover_shortages,
    create_replenishment_orders,
    order_purchase,
    purchase_suggestions,
)
from app.services.scheduling import store
from tests.production_support import cabinet_order, demands, with_boms


@pytest.fixture
def plant(company):
    return with_boms(company)


def stock(company, sku):
    return company.rows("SELECT s.on_hand, s.reserved FROM stock_level s JOIN product p ON p.id = s.product_id "
                        "WHERE p.sku = %s", sku)[0]


def test_an_approved_cabinet_order_reserves_its_components_through_the_panel_and_records_the_short_wire(plant):
    _, mo = cabinet_order(plant, quantity=2)
    # 2 cabinets: 4 valves; the panel is made to order, so its wire is needed: 2 x 3 m + 10 % = 6.6 m, 4 m in stock
    assert demands(plant, mo) == {"V-20": (D("4.000"), D("4.000"), D("0.000"), "covered"),
                                  "CU-1": (D("6.600"), D("4.000"), D("2.600"), "open")}
    assert stock(plant, "CU-1") == (D("4.000"), D("4.000"))
    assert stock(plant, "V-20") == (D("500.000"), D("4.000"))
    moves = plant.rows("SELECT reason, reference FROM stock_move m JOIN product p ON p.id = m.product_id "
                       "WHERE p.sku = 'CU-1' AND reason = 'component reservation'")
    assert moves == [("component reservation", plant.scalar("SELECT production_no FROM production_order"))]

    alert = plant.rows("SELECT kind, production_order_id, message FROM deviation_alert WHERE resolved_at IS NULL")
    assert [(kind, po) for kind, po, _ in alert] == [("material_short", mo)]
    assert alert[0][2].endswith("is short of 1 component(s): CU-1 2.6.")
    told = {r for (r,) in plant.rows("SELECT recipient FROM notification WHERE kind = 'material_short'")}
    assert plant.logins["planner"].name in told


def test_two_orders_approved_at_once_never_reserve_more_wire_than_is_on_hand(plant):
    results, barrier = [], threading.Barrier(2)

    def approve():
        barrier.wait()
        results.append(cabinet_order(plant, quantity=1))

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    got = [demands(plant, mo)["CU-1"] for _, mo in results]
    assert sorted(r[1] for r in got) == [D("0.700"), D("3.300")]  # 3.3 m each needed, 4 m there
    assert stock(plant, "CU-1") == (D("4.000"), D("4.000"))


def test_the_buyer_sees_shortages_per_product_and_supplier_and_the_scheduler_waits_for_the_purchase(plant):
    _, first = cabinet_order(plant, quantity=2, requested_date=date.today() + timedelta(days=30))
    _, second = cabinet_order(plant, quantity=1, requested_date=date.today() + timedelta(days=20))
    suggestions = purchase_suggestions(uow=plant.uow("planner"))
    assert [(s.sku, s.supplier_code, s.quantity, len(s.production_orders)) for s in suggestions] == [
        ("CU-1", "S-WIRE", D("5.900"), 2)]  # 2.6 + 3.3
    wire = suggestions[0]
    assert wire.needed_by == date.today() + timedelta(days=20), "the earlier order's date (not scheduled yet)"
    assert wire.lead_time_days == 10 and wire.order_by == wire.needed_by - timedelta(days=10)

    arrives = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=3)
    assert order_purchase(wire.product_id, wire.supplier_id, arrives, uow=plant.uow("planner")) == 2
    assert purchase_suggestions(uow=plant.uow("planner")) == []
    with pytest.raises(ValidationFailed, match="no open shortage"):
        order_purchase(wire.product_id, wire.supplier_id, arrives, uow=plant.uow("planner"))

    store.schedule_all(uow=plant.uow("planner"))
    starts = plant.rows("SELECT min(planned_start) FROM production_operation WHERE production_order_id IN (%s, %s) "
                        "GROUP BY production_order_id", first, second)
    assert all(start >= arrives for (start,) in starts), "no work starts before the wire is in"


def test_wire_that_comes_in_covers_the_shortage_and_resolves_the_material_alert(plant):
    _, mo = cabinet_order(plant, quantity=2)
    plant.rows("UPDATE stock_level SET on_hand = on_hand + 10 WHERE product_id = %s RETURNING id", plant.ids["cu"])
    assert cover_shortages(uow=plant.uow("planner")) == 1
    assert demands(plant, mo)["CU-1"] == (D("6.600"), D("6.600"), D("0.000"), "covered")
    assert stock(plant, "CU-1") == (D("14.000"), D("6.600"))
    assert plant.scalar("SELECT count(*) FROM deviation_alert WHERE resolved_at IS NULL") == 0


def test_low_stock_of_a_made_to_stock_pump_creates_one_replenishment_order(plant):
    plant.rows("INSERT INTO routing (product_id) VALUES (%s) RETURNING id", plant.ids["pump"])
    plant.rows("INSERT INTO routing_operation (routing_id, seq, name, setup_minutes, run_minutes_per_unit) "
               "SELECT id, 10, 'Assembly', 20, 30 FROM routing WHERE product_id = %s RETURNING id", plant.ids["pump"])
    plant.rows("UPDATE stock_level SET reorder_point = 3, reorder_qty = 20, reserved = 8 WHERE product_id = %s "
               "RETURNING id", plant.ids["pump"])  # 10 on hand, 8 reserved: 2 available, below 3
    created = create_replenishment_orders(uow=plant.uow("planner"))
    assert [(o.sku, o.quantity, o.projected) for o in created] == [("P-100", D("20.000"), D("2.000"))]
    mo = created[0]
    row = plant.rows("SELECT sales_order_id, priority, production_line_id, status FROM production_order WHERE id = %s",
                     mo.production_order_id)
    assert row == [(None, 4, plant.ids["L1"], "planned")]
    assert plant.scalar("SELECT count(*) FROM production_operation WHERE production_order_id = %s",
                        mo.production_order_id) == 1
    assert create_replenishment_orders(uow=plant.uow("planner")) == [], "open replenishment counts"


def test_cancelling_the_order_gives_its_components_back_to_stock(plant):
    order_id, mo = cabinet_order(plant, quantity=2)
    cancel_order(order_id, "customer changed their mind", uow=plant.uow("clerk"))
    assert stock(plant, "V-20") == (D("500.000"), D("0.000"))
    assert stock(plant, "CU-1") == (D("4.000"), D("0.000"))
    assert {status for *_, status in demands(plant, mo).values()} == {"cancelled"}
    assert purchase_suggestions(uow=plant.uow("planner")) == []
