"""Deviation alerts from a schedule: orders expected after their promise, overloaded lines.

An alert is raised once and stays open while the deviation lasts: a new ``deviation_alert`` row
(and a notification to the planners) only when no open alert of that kind exists for the
production order or line; open alerts whose deviation is gone are resolved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.services.notifications import notify_role_each
from app.services.scheduling.model import LineOverload, OrderOutcome, Schedule

LATE = "late_against_promise"
OVERLOADED = "line_overloaded"

_OPEN = text("""
    SELECT kind, production_order_id, production_line_id FROM deviation_alert
    WHERE resolved_at IS NULL AND kind IN ('late_against_promise', 'line_overloaded')
""")

_RAISE = text("""
    INSERT INTO deviation_alert (kind, sales_order_id, production_order_id, production_line_id, message)
    SELECT :kind, v.sales_order, v.production_order, v.line, v.message
    FROM unnest(CAST(:sales_orders AS bigint[]), CAST(:production_orders AS bigint[]), CAST(:lines AS bigint[]),
                CAST(:messages AS text[])) AS v(sales_order, production_order, line, message)
""")

_RESOLVE_ORDERS = text("""
    UPDATE deviation_alert SET resolved_at = now()
    WHERE kind = 'late_against_promise' AND resolved_at IS NULL AND production_order_id = ANY(CAST(:ids AS bigint[]))
""")

_RESOLVE_LINES = text("""
    UPDATE deviation_alert SET resolved_at = now()
    WHERE kind = 'line_overloaded' AND resolved_at IS NULL AND production_line_id = ANY(CAST(:ids AS bigint[]))
""")


@dataclass(frozen=True)
class AlertsRaised:
    late: tuple[int, ...] = ()        # production order ids newly alerted
    overloaded: tuple[int, ...] = ()  # line ids newly alerted
    resolved: int = 0


def late_message(outcome: OrderOutcome) -> str:
    days = outcome.tardiness.total_seconds() / 86_400
    behind = f"{days:.1f} days" if days >= 1 else f"{outcome.tardiness.total_seconds() / 3600:.1f} hours"
    promised = (outcome.due - timedelta(seconds=1)).date()  # due is the end of the promised day
    return (f"{outcome.number} is expected to finish on {outcome.completion:%Y-%m-%d %H:%M}, "
            f"{behind} after the promised date {promised:%Y-%m-%d}.")


def overload_message(code: str, overload: LineOverload) -> str:
    return (f"Line {code} is overloaded: {overload.demand_hours:.0f} h of work is due by the week of "
            f"{overload.week_start:%Y-%m-%d}, but its shifts give only {overload.capacity_hours:.0f} h until then.")


def raise_alerts(session: Session, schedule: Schedule, overloads: list[LineOverload]) -> AlertsRaised:
    """Raise and resolve late/overload alerts for the orders and lines of ``schedule``."""
    open_late, open_lines = set(), set()
    for kind, production_order, line in session.execute(_OPEN):
        if kind == LATE:
            open_late.add(production_order)
        else:
            open_lines.add(line)
    orders = {order.id: order for order in schedule.problem.orders}
    late = [o for o in schedule.outcomes.values() if o.late and o.completion is not None]
    on_time = [o.order_id for o in schedule.outcomes.values() if not o.late and o.completion is not None]
    new_late = [o for o in late if o.order_id not in open_late]
    resolved = 0
    if new_late:
        messages = [late_message(o) for o in new_late]
        session.execute(_RAISE, {"kind": LATE, "sales_orders": [orders[o.order_id].sales_order_id for o in new_late],
                                 "production_orders": [o.order_id for o in new_late],
                                 "lines": [None] * len(new_late), "messages": messages})
        notify_role_each(session, "op_planner", LATE, [
            (message, orders[o.order_id].sales_order_id, None) for o, message in zip(new_late, messages)])
    if on_time_open := [i for i in on_time if i in open_late]:
        resolved += session.execute(_RESOLVE_ORDERS, {"ids": on_time_open}).rowcount
    first: dict[int, LineOverload] = {}
    for overload in overloads:
        first.setdefault(overload.line_id, overload)
    codes = {line.id: line.code for line in schedule.problem.lines}
    new_lines = [line_id for line_id in first if line_id not in open_lines]
    if new_lines:
        messages = [overload_message(codes[line_id], first[line_id]) for line_id in new_lines]
        session.execute(_RAISE, {"kind": OVERLOADED, "sales_orders": [None] * len(new_lines),
                                 "production_orders": [None] * len(new_lines), "lines": new_lines,
                                 "messages": messages})
        notify_role_each(session, "op_planner", OVERLOADED, [(message, None, None) for message in messages])
    if fine := [line_id for line_id in open_lines if line_id in codes and line_id not in first]:
        resolved += session.execute(_RESOLVE_LINES, {"ids": fine}).rowcount
    return AlertsRaised(tuple(o.order_id for o in new_late), tuple(new_lines), resolved)
