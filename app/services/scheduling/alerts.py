"""Deviation alerts: raise each once while it lasts, resolve it when it is gone.

An alert is about one subject: the operation (``behind_plan``), the production order
(``late_against_promise``, ``material_short``) or the line (``line_overloaded``). The database
keeps one open alert per kind and subject (a unique index on ``(kind, subject_id)`` while
unresolved), so raisers upsert: a new row (and a notification to the planners) only when none is
open, a refreshed message when one is; open alerts whose deviation is gone are resolved.

``raise_alerts`` does this for what a schedule shows (orders expected after their promise,
overloaded lines), ``raise_execution_alerts`` for what the shop floor shows (operations behind
plan, production short of material); ``sync_alerts`` is the general form.
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
    behind: tuple[int, ...] = ()      # operation ids newly alerted as behind plan
    short: tuple[int, ...] = ()       # production order ids newly alerted as short of material


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


# -- execution: operations behind plan, production short of material ---------------------------

#: An operation counts as late to start or finish this long after its planned moment.
BEHIND_GRACE_MINUTES = 15
#: An operation in progress is behind when the share done trails the share of its planned time
#: gone by more than this.
BEHIND_MARGIN = 0.25

_OPERATIONS_DUE = text("""
    SELECT op.id, op.seq, op.name, op.status, op.production_order_id, po.production_no, po.sales_order_id,
           op.production_line_id, po.quantity, op.quantity_done, op.quantity_scrap,
           op.planned_start AT TIME ZONE :tz AS planned_start, op.planned_end AT TIME ZONE :tz AS planned_end,
           now() AT TIME ZONE :tz AS now
    FROM production_operation op JOIN production_order po ON po.id = op.production_order_id
    WHERE po.status IN ('planned', 'released', 'in_progress') AND op.status <> 'done'
      AND op.planned_start < now() - make_interval(mins => :grace)
      AND (CAST(:orders AS bigint[]) IS NULL OR op.production_order_id = ANY(CAST(:orders AS bigint[])))
""")

_OPERATIONS_OF = text("SELECT id FROM production_operation WHERE production_order_id = ANY(CAST(:orders AS bigint[]))")

_SHORT = text("""
    SELECT po.id, po.production_no, po.sales_order_id, count(*) AS n,
           string_agg(p.sku || ' ' || trim_scale(md.quantity_short)::text, ', ' ORDER BY p.sku) AS what,
           max(md.expected_at) AT TIME ZONE :tz AS expected
    FROM material_demand md
    JOIN production_order po ON po.id = md.production_order_id AND po.status IN ('planned', 'released', 'in_progress')
    JOIN product p ON p.id = md.product_id
    WHERE md.status IN ('open', 'ordered') AND md.quantity_short > 0
      AND (CAST(:orders AS bigint[]) IS NULL OR po.id = ANY(CAST(:orders AS bigint[])))
    GROUP BY po.id
""")


def _number(quantity) -> str:
    return f"{quantity.normalize():f}"


def behind_plan(session: Session, tz: str, production_order_ids: list[int] | None = None) -> list[Deviation]:
    """Operations not started or not finished by their planned moment, or whose progress trails
    the share of their planned time gone by (wall-clock time between planned start and end)."""
    found = []
    grace = timedelta(minutes=BEHIND_GRACE_MINUTES)
    for r in session.execute(_OPERATIONS_DUE, {"tz": tz, "grace": BEHIND_GRACE_MINUTES,
                                               "orders": production_order_ids}):
        what = f"Operation {r.seq} ({r.name}) of {r.production_no}"
        done = r.quantity_done + r.quantity_scrap
        if r.status in ("pending", "scheduled"):
            message = f"{what} was planned to start at {r.planned_start:%Y-%m-%d %H:%M} and has not started."
        elif r.planned_end is not None and r.planned_end + grace < r.now:
            message = (f"{what} was planned to finish at {r.planned_end:%Y-%m-%d %H:%M} and is not finished "
                       f"({_number(r.quantity_done)} of {_number(r.quantity)} done).")
        elif r.planned_end is not None and r.planned_end > r.planned_start and r.quantity > 0:
            planned_share = (r.now - r.planned_start) / (r.planned_end - r.planned_start)
            share = float(done / r.quantity)
            if planned_share - share <= BEHIND_MARGIN:
                continue
            message = f"{what} is behind plan: {share:.0%} done, {planned_share:.0%} planned by now."
        else:
            continue
        found.append(Deviation(BEHIND, r.id, message, sales_order_id=r.sales_order_id,
                               production_order_id=r.production_order_id, production_operation_id=r.id,
                               production_line_id=r.production_line_id))
    return found


def material_short(session: Session, tz: str, production_order_ids: list[int] | None = None) -> list[Deviation]:
    """Open production orders with components still missing."""
    found = []
    for r in session.execute(_SHORT, {"tz": tz, "orders": production_order_ids}):
        expected = f" Expected by {r.expected:%Y-%m-%d}." if r.expected is not None else ""
        found.append(Deviation(MATERIAL, r.id, f"{r.production_no} is short of {r.n} component(s): {r.what}.{expected}",
                               sales_order_id=r.sales_order_id, production_order_id=r.id))
    return found


def raise_material_alerts(session: Session, tz: str, production_order_ids: list[int], *,
                          refresh: bool = True) -> tuple[list[Deviation], int]:
    """Material-short alerts of these production orders, raised or resolved.

    ``refresh=False`` only raises new ones (for whoever creates production, who may raise but
    not reword or resolve alerts).
    """
    found = material_short(session, tz, production_order_ids)
    if refresh:
        return sync_alerts(session, MATERIAL, found, within=production_order_ids)
    return sync_alerts(session, MATERIAL, found, within=(), refresh=False)


def raise_execution_alerts(session: Session, tz: str,
                           production_order_ids: list[int] | None = None) -> tuple[list[Deviation], int]:
    """Behind-plan and material-short alerts, for some production orders or (``None``) all open ones."""
    within_ops = None
    if production_order_ids is not None:
        within_ops = list(session.execute(_OPERATIONS_OF, {"orders": production_order_ids}).scalars())
    behind, resolved_behind = sync_alerts(session, BEHIND, behind_plan(session, tz, production_order_ids),
                                          within=within_ops)
    short, resolved_short = sync_alerts(session, MATERIAL, material_short(session, tz, production_order_ids),
                                        within=production_order_ids)
    return behind + short, resolved_behind + resolved_short
