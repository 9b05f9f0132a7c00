"""Progress per operation: the production order and the sales order follow, finished work is
received into stock, the database refuses implausible progress, and deviations raise alerts."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal as D

import psycopg2
import pytest

from app.services.errors import NotAllowed, NotEditable, StaleOrder, ValidationFailed
from app.services.production_deviations import alerts_for_order, check_deviations
from app.services.production_progress import load_progress, report_progress
from app.services.scheduling import store
from tests.production_support import cabinet_order, with_boms


@pytest.fixture
def plant(company):
    """Cabinets with components in stock (enough wire), scheduled on the cabinet line."""
    with_boms(company)
    company.rows("UPDATE stock_level SET on_hand = 100 WHERE product_id = %s RETURNING id", company.ids["cu"])
    return company


def now():
    return datetime.now(timezone.utc).replace(microsecond=0)


def operations(company, production_order_id):
    return company.rows("SELECT id, seq, version FROM production_operation WHERE production_order_id = %s "
                        "ORDER BY seq", production_order_id)


def report(company, op, who="planner", **values):
    values = {"quantity_done": 0, "quantity_scrap": 0, "started_at": None, "finished_at": None, **values}
    version = company.scalar("SELECT version FROM production_operation WHERE id = %s", op)
    return report_progress(op, version, uow=company.uow(who), **values)


def test_finishing_the_last_operation_receives_the_cabinets_and_makes_the_order_ready_to_ship(plant, make_login):
    shipper = make_login("shipper", "op_shipping")
    order_id, mo = cabinet_order(plant, quantity=2)
    store.schedule_all(uow=plant.uow("planner"))
    (wiring, _, _), (testing, _, _) = operations(plant, mo)
    start = now() - timedelta(hours=3)

    first = report(plant, wiring, quantity_done=1, started_at=start)
    assert (first.operation.status, first.operation.updated_by) == ("in_progress", plant.logins["planner"].name)
    assert plant.scalar("SELECT status FROM production_order WHERE id = %s", mo) == "in_progress"
    assert first.sales_order_status == "in_production" and not first.production_completed

    report(plant, wiring, quantity_done=2, started_at=start, finished_at=start + timedelta(hours=1))
    last = report(plant, testing, quantity_done=2, started_at=start + timedelta(hours=1),
                  finished_at=start + timedelta(hours=2))
    assert last.production_completed and last.received_qty == D("2.000")
    assert last.sales_order_status == "ready_to_ship"
    assert plant.rows("SELECT status, quantity_done, received_qty FROM production_order WHERE id = %s", mo) == [
        ("completed", D("2.000"), D("2.000"))]
    cabinets = plant.rows("SELECT on_hand, reserved FROM stock_level WHERE product_id = %s", plant.ids["cabinet"])
    assert cabinets == [(D("2.000"), D("2.000"))], "received and reserved for the order"
    assert plant.rows("SELECT reserved_qty FROM sales_order_line WHERE order_id = %s", order_id) == [(D("2.000"),)]
    valves = plant.rows("SELECT on_hand, reserved FROM stock_level WHERE product_id = %s", plant.ids["valve"])
    assert valves == [(D("496.000"), D("0.000"))], "the reserved components were consumed"
    history = plant.rows("SELECT to_status, actor FROM order_status_history WHERE order_id = %s ORDER BY id", order_id)
    assert history[-1] == ("ready_to_ship", plant.logins["planner"].name)
    told = plant.rows("SELECT recipient, title FROM notification WHERE kind = 'order_ready' AND order_id = %s", order_id)
    assert [r for r, _ in told] == [shipper.name] and told[0][1].endswith("is ready to ship")

    with pytest.raises(NotEditable, match="already received into stock"):
        report(plant, testing, quantity_done=1, started_at=start + timedelta(hours=1),
               finished_at=start + timedelta(hours=2))


def test_the_service_names_the_field_that_is_wrong(plant):
    _, mo = cabinet_order(plant, quantity=2)
    (wiring, _, _), _ = operations(plant, mo)
    cases = [({"quantity_done": 2, "quantity_scrap": 1, "started_at": now()}, "quantity_done", "more than the 2"),
             ({"finished_at": now()}, "started_at", "cannot be finished before it has started"),
             ({"started_at": now(), "finished_at": now() - timedelta(hours=1)}, "finished_at", "cannot finish before"),
             ({"started_at": now() + timedelta(days=1)}, "started_at", "in the future"),
             ({"quantity_done": 1}, "started_at", "give its start time")]
    for values, field, words in cases:
        with pytest.raises(ValidationFailed, match=words) as refused:
            report(plant, wiring, **values)
        assert refused.value.field == field


def test_a_report_on_an_operation_someone_else_just_changed_is_refused_with_their_name(plant):
    _, mo = cabinet_order(plant, quantity=2)
    (wiring, _, version), _ = operations(plant, mo)
    report(plant, wiring, started_at=now())
    with pytest.raises(StaleOrder, match="changed by Planner meanwhile"):
        report_progress(wiring, version, quantity_done=1, quantity_scrap=0, started_at=now(), finished_at=None,
                        uow=plant.uow("planner"))


def test_only_planners_report_progress(plant):
    _, mo = cabinet_order(plant, quantity=2)
    (wiring, _, _), _ = operations(plant, mo)
    for who in ("clerk", "warehouse"):
        with pytest.raises(NotAllowed):
            report(plant, wiring, who=who, started_at=now())
    assert load_progress(wiring, uow=plant.uow("clerk")).status == "pending", "everyone may look"


def test_the_database_refuses_implausible_progress_whoever_sends_it(plant):
    _, mo = cabinet_order(plant, quantity=2)
    (wiring, _, _), _ = operations(plant, mo)
    planner = plant.logins["planner"].connect(autocommit=True)
    refused = [
        ("UPDATE production_operation SET quantity_done = 2, quantity_scrap = 1, actual_start = now() WHERE id = %s",
         "OPV10", "more than the 2 ordered"),
        ("UPDATE production_operation SET actual_end = now() WHERE id = %s", "OPV11", "before it has started"),
        ("UPDATE production_operation SET actual_start = now(), actual_end = now() - interval '1 hour' WHERE id = %s",
         "OPV12", "cannot finish before it started"),
        ("UPDATE production_operation SET actual_start = now() + interval '2 hours' WHERE id = %s", "OPV13",
         "in the future"),
        ("UPDATE production_operation SET status = 'done' WHERE id = %s", "OPV14", "without its start time"),
        ("UPDATE production_operation SET quantity_done = 1 WHERE id = %s", "OPV14", "give its start time"),
    ]
    with planner.cursor() as cur:
        for sql, code, words in refused:
            with pytest.raises(psycopg2.Error) as caught:
                cur.execute(sql, (wiring,))
            assert (caught.value.pgcode, words in caught.value.diag.message_primary) == (code, True), sql
        cur.execute("UPDATE production_operation SET actual_start = now() - interval '1 hour' WHERE id = %s "
                    "RETURNING status, updated_by", (wiring,))
        assert cur.fetchone() == ("in_progress", plant.logins["planner"].name), "the status follows the times"
        with pytest.raises(psycopg2.Error) as caught:
            cur.execute("SELECT op_post_production(%s, 1)", (mo,))
        assert caught.value.pgcode == "OPV17", "only completed production is received"
    planner.close()

    for who in ("clerk", "warehouse"):
        conn = plant.logins[who].connect(autocommit=True)
        with conn.cursor() as cur, pytest.raises(psycopg2.errors.InsufficientPrivilege):
            cur.execute("UPDATE production_operation SET quantity_done = 1 WHERE id = %s", (wiring,))
        conn.close()
    clerk = plant.logins["clerk"].connect(autocommit=True)
    with clerk.cursor() as cur, pytest.raises(psycopg2.errors.InsufficientPrivilege):
        cur.execute("SELECT op_post_production(%s, 1)", (mo,))
    clerk.close()


def test_an_operation_not_started_in_time_raises_one_behind_plan_alert_until_it_starts(plant):
    order_id, mo = cabinet_order(plant, quantity=2)
    (wiring, _, _), _ = operations(plant, mo)
    plant.rows("UPDATE production_operation SET status = 'scheduled', planned_start = now() - interval '2 hours', "
               "planned_end = now() + interval '10 hours' WHERE id = %s RETURNING id", wiring)
    checked = check_deviations(uow=plant.uow("planner"))
    assert checked.raised["behind_plan"] == (wiring,)
    alerts = alerts_for_order(order_id, uow=plant.uow("clerk"), include_resolved=False)
    assert [(a.kind, a.operation_seq) for a in alerts] == [("behind_plan", 10)]
    assert "was planned to start at" in alerts[0].message and "has not started" in alerts[0].message
    told = {r for (r,) in plant.rows("SELECT recipient FROM notification WHERE kind = 'behind_plan'")}
    assert plant.logins["planner"].name in told
    assert check_deviations(uow=plant.uow("planner")).raised["behind_plan"] == (), "raised once"

    report(plant, wiring, started_at=now() - timedelta(minutes=30))
    assert alerts_for_order(order_id, uow=plant.uow("clerk"), include_resolved=False) == []
    assert [a.resolved_at is not None for a in alerts_for_order(order_id, uow=plant.uow("clerk"))] == [True]


def test_progress_trailing_the_planned_time_is_behind_plan(plant):
    _, mo = cabinet_order(plant, quantity=2)
    (wiring, _, _), _ = operations(plant, mo)
    plant.rows("UPDATE production_operation SET status = 'scheduled', planned_start = now() - interval '8 hours', "
               "planned_end = now() + interval '2 hours' WHERE id = %s RETURNING id", wiring)
    report(plant, wiring, started_at=now() - timedelta(hours=8))  # 0 of 2 done, 80 % of the time gone
    message = plant.scalar("SELECT message FROM deviation_alert WHERE kind = 'behind_plan' AND resolved_at IS NULL")
    assert message.endswith("is behind plan: 0% done, 80% planned by now.")
    report(plant, wiring, quantity_done=2, started_at=now() - timedelta(hours=8))
    assert plant.scalar("SELECT count(*) FROM deviation_alert WHERE kind = 'behind_plan' AND resolved_at IS NULL") == 0


def test_two_planners_reporting_the_same_operation_at_once_cannot_both_win(plant, make_login):
    import threading

    plant.logins["planner2"] = make_login("planner2", "op_planner", display_name="Wang Fang")
    _, mo = cabinet_order(plant, quantity=2)
    (wiring, _, version), _ = operations(plant, mo)
    barrier, results = threading.Barrier(2), {}

    def send(who, done):
        uow = plant.uow(who)
        barrier.wait()
        try:
            results[who] = report_progress(wiring, version, quantity_done=done, quantity_scrap=0,
                                           started_at=now() - timedelta(hours=1), finished_at=None, uow=uow)
        except StaleOrder as error:
            results[who] = error

    threads = [threading.Thread(target=send, args=args) for args in (("planner", 1), ("planner2", 2))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lost = [who for who, r in results.items() if isinstance(r, StaleOrder)]
    assert len(lost) == 1
    winner = ({"planner", "planner2"} - set(lost)).pop()
    assert plant.scalar("SELECT updated_by FROM production_operation WHERE id = %s", wiring) == \
        plant.logins[winner].name


def test_the_plant_time_zone_is_a_setting_only_an_administrator_changes_and_it_must_exist(plant, make_login):
    admin = make_login("plant_admin", "op_admin").connect(autocommit=True)
    with admin.cursor() as cur:
        with pytest.raises(psycopg2.Error) as caught:
            cur.execute("UPDATE plant_setting SET time_zone = 'Mars/Olympus_Mons'")
        assert caught.value.pgcode == "OPV15"
        cur.execute("UPDATE plant_setting SET time_zone = 'Asia/Shanghai'")
    admin.close()
    planner = plant.logins["planner"].connect(autocommit=True)
    with planner.cursor() as cur, pytest.raises(psycopg2.errors.InsufficientPrivilege):
        cur.execute("UPDATE plant_setting SET time_zone = 'UTC'")
    planner.close()
    with plant.uow("planner") as uow:
        assert store.plant_timezone(uow.session) == "Asia/Shanghai"
