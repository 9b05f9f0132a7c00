"""One batch of orders through its whole life, stage by stage, in one transaction.

Every step is a set-based statement over the batch's order ids, run as the login whose job
it is. The database guards check every move exactly as they check a clerk's click: legal
transition for the role, approvals complete, lines fully reserved, stock within limits.
"""

from __future__ import annotations

from collections import defaultdict

from app.services.demo_data import aftersales, approvals, production, shipping, stock
from app.services.demo_data.logins import MANAGER, PLANNER, WAREHOUSE
from app.services.demo_data.order_copy import copy_orders
from app.services.demo_data.plan import (APPROVED, CLOSED, DELIVERED, DRAFT, IN_PRODUCTION, PENDING, READY, SHIPPED,
                                         PlannedOrder)
from app.services.demo_data.session import acting_as


def _by_login(orders) -> dict[str, list[PlannedOrder]]:
    groups: dict[str, list[PlannedOrder]] = defaultdict(list)
    for order in orders:
        groups[order.login].append(order)
    return groups


def _ids(orders) -> list[int]:
    return [o.id for o in orders]


def _hold(cur, orders) -> None:
    for login, own in sorted(_by_login(orders).items()):
        with acting_as(cur, login):
            cur.execute("""
                UPDATE sales_order o SET status = 'on_hold', hold_kind = v.kind, hold_reason = v.reason,
                                         status_note = v.reason
                FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS v(id, kind, reason)
                WHERE o.id = v.id""",
                        (_ids(own), [o.hold_kind or "manual" for o in own],
                         [o.hold_reason or "Manual hold" for o in own]))


def _cancel(cur, orders, reference: str, stage: int) -> None:
    for login, own in sorted(_by_login(orders).items()):
        with acting_as(cur, login):
            cur.execute("""
                UPDATE sales_order o SET status = 'cancelled', status_note = v.note
                FROM unnest(%s::bigint[], %s::text[]) AS v(id, note)
                WHERE o.id = v.id""", (_ids(own), [o.note for o in own]))
    if stage >= APPROVED:
        with acting_as(cur, WAREHOUSE):
            stock.release(cur, _ids(orders), reference)
    if stage >= IN_PRODUCTION:
        with acting_as(cur, PLANNER):
            production.cancel(cur, _ids(orders))


def _stop_at(cur, orders, stage: int, reference: str) -> None:
    """Orders whose path ends at ``stage``: put on hold, or cancelled (some after a hold)."""
    held = [o for o in orders if o.reach == stage and (o.end == "on_hold" or (o.end == "cancelled" and o.hold_first))]
    if held:
        _hold(cur, held)
    cancelled = [o for o in orders if o.reach == stage and o.end == "cancelled"]
    if cancelled:
        _cancel(cur, cancelled, reference, stage)


def _drop_stuck(orders, stuck: set[int], *, reach: int) -> None:
    """Orders the rules would not let through stay where they are (none, normally)."""
    for order in orders:
        if order.id in stuck:
            order.reach, order.end, order.hold_release, order.hold_first = reach, None, False, False


def run_batch(cur, orders: list[PlannedOrder], warehouses: dict[str, int], reference: str) -> None:
    copy_orders(cur, orders, warehouses)
    _stop_at(cur, orders, DRAFT, reference)

    approvals.submit(cur, [o for o in orders if o.reach >= PENDING])
    rejected = [o for o in orders if o.end in ("rejected", "rejected_cancelled")]
    _drop_stuck(orders, approvals.reject(cur, rejected), reach=PENDING)
    to_approve = [o for o in orders if o.reach >= APPROVED]
    _drop_stuck(orders, approvals.approve(cur, to_approve), reach=PENDING)
    withdrawn = [o for o in orders if o.end == "rejected_cancelled"]
    if withdrawn:
        _cancel(cur, withdrawn, reference, PENDING)
    approvals.notify_approvers(cur, [o for o in orders if o.reach == PENDING and o.end is None])
    _stop_at(cur, orders, PENDING, reference)

    reserving = [o for o in orders if o.reach >= APPROVED and o.end not in ("rejected", "rejected_cancelled")
                 and (o.reach > APPROVED or o.end is not None or o.reserve_when_approved)]
    with acting_as(cur, WAREHOUSE):
        stock.replenish_for(cur, _ids(reserving), reference)
        stock.reserve(cur, _ids(reserving), reference)
        stock.flag_shortages(cur, _ids(o for o in reserving if o.has_mto))
    prepayment = [o for o in orders if o.hold_release]
    if prepayment:
        _hold(cur, prepayment)
        with acting_as(cur, MANAGER):  # only a manager may lift a credit hold
            cur.execute("UPDATE sales_order SET status = 'approved', "
                        "status_note = '预付款已到账，经理解除暂停 / Prepayment received, hold released by manager' "
                        "WHERE id = ANY(%s::bigint[]) AND status = 'on_hold'", (_ids(prepayment),))
    _stop_at(cur, orders, APPROVED, reference)

    built = [o for o in orders if o.reach >= IN_PRODUCTION and o.has_mto]
    with acting_as(cur, PLANNER):
        production.start(cur, _ids(built))
    from_stock = [o for o in orders if o.reach >= READY and not o.has_mto]
    if from_stock:
        with acting_as(cur, WAREHOUSE):
            cur.execute("UPDATE sales_order SET status = 'ready_to_ship', "
                        "status_note = '库存备齐 / All lines reserved from stock' "
                        "WHERE id = ANY(%s::bigint[]) AND status = 'approved'", (_ids(from_stock),))
    _stop_at(cur, orders, IN_PRODUCTION, reference)

    finished = [o for o in orders if o.reach >= READY and o.has_mto]
    if finished:
        with acting_as(cur, PLANNER):
            production.complete(cur, _ids(finished))
        with acting_as(cur, WAREHOUSE):
            stock.receive_production(cur, _ids(finished), reference)
            stock.reserve(cur, _ids(finished), reference, made_to_order=True)
        for login, part in ((PLANNER, [o for o in finished if o.id % 2 == 0]),
                            (WAREHOUSE, [o for o in finished if o.id % 2 == 1])):
            with acting_as(cur, login):
                cur.execute("UPDATE sales_order SET status = 'ready_to_ship', "
                            "status_note = '生产完工入库 / Production finished, goods in stock' "
                            "WHERE id = ANY(%s::bigint[]) AND status = 'in_production'", (_ids(part),))
    _stop_at(cur, orders, READY, reference)

    shipping.ship(cur, _ids(o for o in orders if o.reach >= SHIPPED), reference)
    shipping.deliver(cur, _ids(o for o in orders if o.reach >= DELIVERED))
    shipping.close(cur, [o for o in orders if o.reach >= CLOSED])
    aftersales.record(cur, _ids(o for o in orders if o.reach >= DELIVERED))


def issue_components(cur, orders, factory_id: int, reference: str) -> None:
    """The factory issues the components of the batch's finished production orders.

    Its own short transaction (after the batch's): raw materials are shared by all batches, so
    parallel batches never wait for each other on them.
    """
    with acting_as(cur, WAREHOUSE):
        stock.issue_components(cur, _ids(o for o in orders if o.reach >= READY and o.has_mto), factory_id, reference)


def status_counts(cur, orders) -> dict[str, int]:
    cur.execute("SELECT status, count(*) FROM sales_order WHERE id = ANY(%s::bigint[]) GROUP BY status",
                (_ids(orders),))
    return dict(cur.fetchall())
