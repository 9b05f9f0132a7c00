"""Deviation alerts: raise each once while it lasts, resolve it when it is gone.

An alert is about one subject: the operation (``behind_plan``), the production order
(``late_against_promise``, ``material_short``) or the line (``line_overloaded``). The database
keeps one open alert per kind and subject (a unique index on ``(kind, subject_id)`` while
unresolved), so raisers upsert: a new row (and a notification to the planners) only when none is
open, a refreshed message when one is; open alerts whose deviation is gone are resolved.

``raise_alerts`` does this for what a schedule shows (orders expected after their promise,
overloaded lines); ``sync_alerts`` is the general form other checks use.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.services.notifications import notify_role_each
from app.services.scheduling.model import LineOverload, OrderOutcome, Schedule

LATE = "late_against_promise"
OVERLOADED = "line_overloaded"
BEHIND = "behind_plan"
MATERIAL = "material_short"


@dataclass(frozen=True)
class Deviation:
    """One deviation found now; ``subject`` is the operation, order or line id its kind names."""

    kind: str
    subject: int
    message: str
    sales_order_id: int | None = None
    production_order_id: int | None = None
    production_operation_id: int | None = None
    production_line_id: int | None = None


_UPSERT = """
    INSERT INTO deviation_alert (kind, sales_order_id, production_order_id, production_operation_id,
                                 production_line_id, message)
    SELECT :kind, v.sales_order, v.production_order, v.operation, v.line, v.message
    FROM unnest(CAST(:sales_orders AS bigint[]), CAST(:production_orders AS bigint[]),
                CAST(:operations AS bigint[]), CAST(:lines AS bigint[]), CAST(:messages AS text[]))
         AS v(sales_order, production_order, operation, line, message)
    ON CONFLICT (kind, subject_id) WHERE resolved_at IS NULL
"""
_REFRESH = text(_UPSERT + """
    DO UPDATE SET message = EXCLUDED.message WHERE deviation_alert.message IS DISTINCT FROM EXCLUDED.message
    RETURNING subject_id, xmax = 0 AS inserted
""")
_RAISE_ONLY = text(_UPSERT + " DO NOTHING RETURNING subject_id, true AS inserted")

_RESOLVE = text("""
    UPDATE deviation_alert SET resolved_at = now()
    WHERE kind = :kind AND resolved_at IS NULL
      AND (CAST(:within AS bigint[]) IS NULL OR subject_id = ANY(CAST(:within AS bigint[])))
      AND NOT subject_id = ANY(CAST(:keep AS bigint[]))
""")


@dataclass(frozen=True)
class AlertsRaised:
    late: tuple[int, ...] = ()        # production order ids newly alerted
    overloaded: tuple[int, ...] = ()  # line ids newly alerted
    resolved: int = 0


def sync_alerts(session: Session, kind: str, found: Iterable[Deviation], *,
                within: Collection[int] | None = None, keep: Collection[int] = (),
                refresh: bool = True) -> tuple[list[Deviation], int]:
    """Make the open alerts of ``kind`` match ``found``; returns (newly raised, resolved count).

    Open alerts of the kind whose subject is in ``within`` (every subject when ``None``) and is
    neither found nor in ``keep`` are resolved. ``refresh=False`` only inserts (for roles that may
    raise alerts but not reword them). Planners hear of every newly raised one.
    """
    found = list({d.subject: d for d in found}.values())
    raised: list[Deviation] = []
    if found:
        rows = session.execute(_REFRESH if refresh else _RAISE_ONLY, {
            "kind": kind, "sales_orders": [d.sales_order_id for d in found],
            "production_orders": [d.production_order_id for d in found],
            "operations": [d.production_operation_id for d in found],
            "lines": [d.production_line_id for d in found], "messages": [d.message for d in found]}).all()
        new = {subject for subject, inserted in rows if inserted}
        raised = [d for d in found if d.subject in new]
        notify_role_each(session, "op_planner", kind, [(d.message, d.sales_order_id, None) for d in raised])
    resolved = 0
    if within is None or within:
        resolved = session.execute(_RESOLVE, {
            "kind": kind, "within": None if within is None else list(within),
            "keep": sorted({d.subject for d in found} | set(keep))}).rowcount
    return raised, resolved


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
    """Raise and resolve late/overload alerts for the orders and lines of ``schedule``.

    Orders the schedule could not finish (no completion) keep whatever alert they have; orders no
    longer open (completed, cancelled) lose theirs.
    """
    orders = {order.id: order for order in schedule.problem.orders}
    late = [Deviation(LATE, o.order_id, late_message(o), sales_order_id=orders[o.order_id].sales_order_id,
                      production_order_id=o.order_id)
            for o in schedule.outcomes.values() if o.late and o.completion is not None]
    unknown = [i for i in orders if schedule.outcomes.get(i) is None or schedule.outcomes[i].completion is None]
    new_late, resolved_late = sync_alerts(session, LATE, late, keep=unknown)

    first: dict[int, LineOverload] = {}
    for overload in overloads:
        first.setdefault(overload.line_id, overload)
    codes = {line.id: line.code for line in schedule.problem.lines}
    overloaded = [Deviation(OVERLOADED, line_id, overload_message(codes[line_id], o), production_line_id=line_id)
                  for line_id, o in first.items()]
    new_lines, resolved_lines = sync_alerts(session, OVERLOADED, overloaded)
    return AlertsRaised(tuple(d.subject for d in new_late), tuple(d.subject for d in new_lines),
                        resolved_late + resolved_lines)
