"""Many clerks reserving the same scarce stock at once: no oversell, no lost reservation."""

import random
import threading

from app.services.lifecycle import submit_order
from app.services.orders import create_order

THREADS = 8
ORDERS_PER_THREAD = 5


def test_concurrent_reservations_never_oversell_and_account_for_every_unit(company):
    with company.admin.cursor() as cur:
        cur.execute("UPDATE stock_level SET on_hand = 30 WHERE product_id = %s", (company.ids["valve"],))
    factory = company.uow_factory("clerk")
    start = threading.Barrier(THREADS)
    demanded = {"pump": 0, "valve": 0}
    failures, statuses = [], []
    lock = threading.Lock()

    def clerk(seed):
        rng = random.Random(seed)
        start.wait()
        for _ in range(ORDERS_PER_THREAD):
            lines = [("pump", rng.randint(1, 3), 100), ("valve", rng.randint(1, 4), 10)]
            rng.shuffle(lines)  # lines in either order: locking must not deadlock
            try:
                order = create_order(company.order(*lines), uow=factory())
                outcome = submit_order(order.id, uow=factory())
            except Exception as error:  # noqa: BLE001 - any failure is a test failure
                with lock:
                    failures.append(repr(error))
                continue
            with lock:
                statuses.append(outcome.order.status)
                for product, quantity, _ in lines:
                    demanded[product] += quantity

    threads = [threading.Thread(target=clerk, args=(seed,)) for seed in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert failures == []
    assert len(statuses) == THREADS * ORDERS_PER_THREAD
    assert set(statuses) <= {"approved", "ready_to_ship"}
    for product, on_hand in (("pump", 10), ("valve", 30)):
        stock_on_hand, stock_reserved = company.rows(
            "SELECT on_hand, reserved FROM stock_level WHERE product_id = %s", company.ids[product])[0]
        lines_reserved = company.scalar(
            "SELECT sum(reserved_qty) FROM sales_order_line WHERE product_id = %s", company.ids[product])
        ledger = company.scalar(
            "SELECT sum(reserved_delta) FROM stock_move WHERE product_id = %s", company.ids[product])
        assert stock_on_hand == on_hand and stock_reserved <= stock_on_hand
        assert stock_reserved == lines_reserved == ledger == min(demanded[product], on_hand)
