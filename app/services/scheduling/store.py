"""The scheduler's database adapter: load the planning problem, save schedules, raise alerts.

Services (each takes a unit of work; all but ``current_plan`` commit it):

* ``current_plan(*, uow)`` — the saved plan, read-only, for the Gantt board;
* ``schedule_all(*, uow)`` — plan every open production order from scratch;
* ``reschedule_order(production_order_id, *, uow)`` — plan one order into the plan as it
  stands; only what conflicts moves;
* ``schedule_open_work(*, uow)`` — plan every order with operations that have no slot yet into
  the plan as it stands, most urgent first (the planner's "Schedule open work");
* ``move_operation(operation_id, expected_version, new_line_id, new_start, *, uow)`` — a drag on
  the Gantt board: checked by ``check_move``, saved with the operations it pushes right.

Times: the plant's wall clock is ``plant_setting.time_zone`` (else the database session's
``TimeZone``); moments are read as naive local times (``AT TIME ZONE``) and written back the
same way. ``new_start`` may be naive
(plant time) or aware. The promised moment of an order is the end of its promised day: the
sales order's promised date, else the production order's due date, else the requested date.
Material is there when the order has no open shortage; an open shortage is expected at its
``expected_at`` (set when the purchase is ordered), else ``lead_time_days`` of its supplier (14
without one) after it was recorded.

Scheduling writes are serialized by a transaction-level advisory lock, so two planners never
both fill the same slot; every operation row is written only if its ``version`` is the one
loaded (the server bumps it on each update), otherwise ``StaleOrder``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.services.errors import StaleOrder, ValidationFailed, translated_errors
from app.services.scheduling import changes
from app.services.scheduling.alerts import AlertsRaised, raise_alerts, raise_execution_alerts
from app.services.scheduling.dispatch import schedule
from app.services.scheduling.load import line_overloads
from app.services.scheduling.model import (
    Line,
    LineOverload,
    MoveResult,
    Operation,
    Order,
    OrderOutcome,
    Problem,
    Rule,
    Schedule,
    Shift,
)
from app.services.scheduling.plant import current_schedule

#: pg_advisory_xact_lock key of the scheduling lock ('OPSC')
SCHEDULING_LOCK = 0x4F505343

_LINES = text("SELECT id, code, efficiency_pct FROM production_line WHERE active ORDER BY code, id")
_CAPABILITIES = text("SELECT line_id, family_id FROM line_capability")
_SHIFTS = text("SELECT line_id, weekday, starts_at, ends_at FROM line_shift")
_DAYS_OFF = text("SELECT line_id, day FROM line_day_off WHERE day >= CAST(:today AS date) - 1")
_RULES = text("SELECT id, position, family_id, order_type, min_priority, line_id FROM line_assignment_rule "
              "WHERE active")
_FAMILIES = text("SELECT id, name FROM product_family")

_ORDERS = text("""
    SELECT po.id, po.production_no, po.priority, po.sales_order_id, p.family_id,
           coalesce(so.order_type, 'standard') AS order_type,
           coalesce(so.promised_date, po.due_date, so.requested_date) AS promised,
           (SELECT max(coalesce(md.expected_at, md.created_at + make_interval(days => coalesce(s.lead_time_days, 14))))
            FROM material_demand md LEFT JOIN supplier s ON s.id = md.supplier_id
            WHERE md.production_order_id = po.id AND md.status IN ('open', 'ordered') AND md.quantity_short > 0
           ) AT TIME ZONE :tz AS material_ready
    FROM production_order po
    JOIN product p ON p.id = po.product_id
    LEFT JOIN sales_order so ON so.id = po.sales_order_id
    WHERE po.status IN ('planned', 'released', 'in_progress')
""")

_OPERATIONS = text("""
    SELECT op.id, op.production_order_id, op.seq, op.name, op.setup_minutes, op.run_minutes, op.status,
           op.production_line_id, op.version,
           (CASE WHEN op.status IN ('in_progress', 'done') THEN coalesce(op.actual_start, op.planned_start)
                 ELSE op.planned_start END) AT TIME ZONE :tz AS start,
           (CASE WHEN op.status = 'done' THEN coalesce(op.actual_end, op.planned_end)
                 ELSE op.planned_end END) AT TIME ZONE :tz AS finish
    FROM production_operation op
    JOIN production_order po ON po.id = op.production_order_id
    WHERE po.status IN ('planned', 'released', 'in_progress')
    ORDER BY op.production_order_id, op.seq
""")

_SAVE_OPERATIONS = text("""
    UPDATE production_operation o
    SET production_line_id = v.line, planned_start = v.s AT TIME ZONE :tz, planned_end = v.e AT TIME ZONE :tz,
        status = 'scheduled'
    FROM unnest(CAST(:ids AS bigint[]), CAST(:versions AS integer[]), CAST(:lines AS bigint[]),
                CAST(:starts AS timestamp[]), CAST(:ends AS timestamp[])) AS v(id, version, line, s, e)
    WHERE o.id = v.id AND o.version = v.version AND o.status IN ('pending', 'scheduled')
    RETURNING o.id, o.version
""")

_UNPLAN_OPERATIONS = text("""
    UPDATE production_operation o SET planned_start = NULL, planned_end = NULL, status = 'pending'
    FROM unnest(CAST(:ids AS bigint[]), CAST(:versions AS integer[])) AS v(id, version)
    WHERE o.id = v.id AND o.version = v.version AND o.status IN ('pending', 'scheduled')
    RETURNING o.id, o.version
""")

_SAVE_ORDERS = text("""
    UPDATE production_order po
    SET expected_completion = v.c AT TIME ZONE :tz, production_line_id = coalesce(v.line, po.production_line_id)
    FROM unnest(CAST(:ids AS bigint[]), CAST(:completions AS timestamp[]), CAST(:lines AS bigint[]))
         AS v(id, c, line)
    WHERE po.id = v.id AND (po.expected_completion IS DISTINCT FROM v.c AT TIME ZONE :tz
                            OR po.production_line_id IS DISTINCT FROM coalesce(v.line, po.production_line_id))
""")


@dataclass(frozen=True)
class SavedPlan:
    """What a scheduling service wrote: the schedule, the rows changed and their new versions."""

    schedule: Schedule
    changed_operations: int
    versions: dict[int, int]
    late: tuple[OrderOutcome, ...]
    overloads: tuple[LineOverload, ...]
    alerts: AlertsRaised


@dataclass(frozen=True)
class _Loaded:
    problem: Problem
    tz: str


def plant_timezone(session: Session) -> str:
    """The plant's wall clock: ``plant_setting.time_zone``, else the server's ``TimeZone``."""
    return session.scalar(text(
        "SELECT coalesce((SELECT time_zone FROM plant_setting), current_setting('TimeZone'))"))


def load_problem(session: Session, tz: str | None = None) -> _Loaded:
    """Open production orders with their operations, and the plant, as a ``Problem``."""
    tz = tz or plant_timezone(session)
    now = session.scalar(text("SELECT date_trunc('minute', now() AT TIME ZONE :tz)"), {"tz": tz})
    families: dict[int, set] = {}
    for line_id, family_id in session.execute(_CAPABILITIES):
        families.setdefault(line_id, set()).add(family_id)
    shifts: dict[int, list[Shift]] = {}
    for line_id, weekday, starts_at, ends_at in session.execute(_SHIFTS):
        shifts.setdefault(line_id, []).append(Shift(weekday, starts_at, ends_at))
    days_off: dict[int, set] = {}
    for line_id, day in session.execute(_DAYS_OFF, {"today": now.date()}):
        days_off.setdefault(line_id, set()).add(day)
    lines = tuple(Line(i, code, frozenset(families.get(i, ())), tuple(shifts.get(i, ())),
                       frozenset(days_off.get(i, ())), efficiency)
                  for i, code, efficiency in session.execute(_LINES))
    rules = tuple(Rule(line_id=r.line_id, position=r.position, family_id=r.family_id, order_type=r.order_type,
                       min_priority=r.min_priority, id=r.id) for r in session.execute(_RULES))
    operations: dict[int, list[Operation]] = {}
    for r in session.execute(_OPERATIONS, {"tz": tz}):
        operations.setdefault(r.production_order_id, []).append(Operation(
            r.id, r.production_order_id, r.seq, r.setup_minutes, r.run_minutes, r.name, r.status,
            r.production_line_id, r.start, r.finish, r.version))
    orders = tuple(Order(
        r.id, r.production_no, tuple(operations.get(r.id, ())), r.family_id, r.priority,
        datetime.combine(r.promised + timedelta(days=1), time()) if r.promised else None,
        r.order_type, r.material_ready, r.sales_order_id) for r in session.execute(_ORDERS, {"tz": tz}))
    names = dict(session.execute(_FAMILIES).all())
    return _Loaded(Problem(now, lines, orders, rules, names), tz)


def _lock(session: Session) -> None:
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEDULING_LOCK})


def _label(problem: Problem, op_id: int) -> str:
    for order in problem.orders:
        for op in order.operations:
            if op.id == op_id:
                return f"Operation {op.seq} of {order.number}"
    return f"Operation {op_id}"


def save_schedule(session: Session, before: Schedule, after: Schedule, tz: str,
                  only: set[int] | None = None) -> dict[int, int]:
    """Write the slots that differ from ``before`` (or are not marked scheduled yet), and clear
    the slots of operations that can no longer be placed; returns the rows' new versions."""
    ops = {op.id: op for order in after.problem.orders for op in order.operations}
    rows = []
    for op_id, p in after.placements.items():
        op = ops.get(op_id)
        if op is None or op.status not in ("pending", "scheduled") or (only is not None and op_id not in only):
            continue
        old = before.placements.get(op_id)
        if op.status == "pending" or old is None or (old.line_id, old.start, old.end) != (p.line_id, p.start, p.end):
            rows.append((op_id, op.version, p.line_id, p.start, p.end))
    lost = [(op_id, ops[op_id].version) for op_id in after.unscheduled
            if op_id in before.placements and op_id in ops and (only is None or op_id in only)]
    versions: dict[int, int] = {}
    with translated_errors():
        if rows:
            ids, expected, lines, starts, ends = (list(column) for column in zip(*rows))
            versions.update(session.execute(_SAVE_OPERATIONS, {
                "tz": tz, "ids": ids, "versions": expected, "lines": lines, "starts": starts, "ends": ends}).all())
        if lost:
            versions.update(session.execute(_UNPLAN_OPERATIONS, {
                "ids": [i for i, _ in lost], "versions": [v for _, v in lost]}).all())
    if len(versions) < len(rows) + len(lost):
        missing = next(i for i in [r[0] for r in rows] + [i for i, _ in lost] if i not in versions)
        raise StaleOrder(f"{_label(after.problem, missing)} was changed by someone else meanwhile; "
                         "reload the plan and try again.")
    completions = []
    for order in after.problem.orders:
        outcome = after.outcomes.get(order.id)
        if outcome is None or outcome.completion is None:
            continue
        placed = {after.placements[op.id].line_id for op in order.operations if op.id in after.placements}
        completions.append((order.id, outcome.completion, placed.pop() if len(placed) == 1 else None))
    if completions:
        ids, moments, lines = (list(column) for column in zip(*completions))
        with translated_errors():
            session.execute(_SAVE_ORDERS, {"tz": tz, "ids": ids, "completions": moments, "lines": lines})
    return versions


def _finish(session: Session, before: Schedule, after: Schedule, tz: str, only: set[int] | None = None) -> SavedPlan:
    versions = save_schedule(session, before, after, tz, only)
    overloads = line_overloads(after)
    with translated_errors():
        alerts = raise_alerts(session, after, overloads)
        execution, resolved = raise_execution_alerts(session, tz)
    alerts = replace(alerts, behind=tuple(d.subject for d in execution if d.kind == "behind_plan"),
                     short=tuple(d.subject for d in execution if d.kind == "material_short"),
                     resolved=alerts.resolved + resolved)
    return SavedPlan(after, len(versions), versions, tuple(after.late_orders), tuple(overloads), alerts)


def current_plan(*, uow, tz: str | None = None) -> Schedule:
    """The saved plan as it stands (for the Gantt board): bars, outcomes, and in ``problem`` the
    operations with their versions; ``check_move`` can be called on it while dragging."""
    with uow:
        return current_schedule(load_problem(uow.session, tz).problem)


def schedule_all(*, uow, rule: str = "wmdd", tz: str | None = None) -> SavedPlan:
    """Plan every open production order from now on and save it."""
    with uow:
        _lock(uow.session)
        loaded = load_problem(uow.session, tz)
        before = current_schedule(loaded.problem, rule)
        saved = _finish(uow.session, before, schedule(loaded.problem, rule=rule), loaded.tz)
        uow.commit()
        return saved


def reschedule_order(production_order_id: int, *, uow, tz: str | None = None) -> SavedPlan:
    """Plan one production order into the saved plan; other operations move only on conflict."""
    with uow:
        _lock(uow.session)
        loaded = load_problem(uow.session, tz)
        order = next((o for o in loaded.problem.orders if o.id == production_order_id), None)
        if order is None:
            raise ValidationFailed(f"Production order {production_order_id} is not open for planning.")
        before = current_schedule(loaded.problem)
        saved = _finish(uow.session, before, changes.reschedule_order(before, order), loaded.tz)
        uow.commit()
        return saved


def move_operation(operation_id: int, expected_version: int, new_line_id: int, new_start: datetime, *,
                   uow, tz: str | None = None) -> MoveResult:
    """Move one operation (a Gantt drop); refused moves change nothing and say why."""
    with uow:
        _lock(uow.session)
        loaded = load_problem(uow.session, tz)
        op = next((op for o in loaded.problem.orders for op in o.operations if op.id == operation_id), None)
        if op is None:
            raise ValidationFailed(f"Operation {operation_id} does not belong to an open production order.")
        if op.version != expected_version:
            raise StaleOrder(f"{_label(loaded.problem, operation_id)} was changed by someone else meanwhile; "
                             "reload the plan and try again.")
        if new_start.tzinfo is not None:
            new_start = new_start.astimezone(ZoneInfo(loaded.tz)).replace(tzinfo=None)
        before = current_schedule(loaded.problem)
        result, after = changes.move_operation(before, operation_id, new_line_id, new_start)
        if not result.ok:
            return result
        written = {operation_id} | {p.operation_id for p in result.shifted}
        saved = _finish(uow.session, before, after, loaded.tz, written)
        uow.commit()
        return replace(result, versions=saved.versions)


@dataclass(frozen=True)
class OpenWorkPlan:
    """What ``schedule_open_work`` did: operations placed, of how many orders, and what is still unplaced."""

    placed_operations: int
    orders: int
    unplaced_operations: int
    saved: SavedPlan | None


def schedule_open_work(*, uow, tz: str | None = None) -> OpenWorkPlan:
    """Place the operations that have no slot yet (new or unplanned production) into the saved plan.

    Orders with such operations are planned in, most urgent first (promised date, then priority),
    with ``reschedule_order``'s rules: the rest of the plan keeps its slots (hand-made moves
    included) unless it must make way. When nothing is planned at all, the full scheduler plans
    everything. Alerts are raised and resolved as for any saved schedule.
    """
    with uow:
        _lock(uow.session)
        loaded = load_problem(uow.session, tz)
        before = current_schedule(loaded.problem)
        waiting = [order for order in loaded.problem.orders
                   if any(op.id in before.unscheduled for op in order.operations)]
        if not waiting:
            return OpenWorkPlan(0, 0, 0, None)
        wanted = {op.id for order in waiting for op in order.operations if op.id in before.unscheduled}
        if not before.placements:
            after = schedule(loaded.problem)
        else:
            after = before
            far = datetime.max
            for order in sorted(waiting, key=lambda o: (o.due or far, o.priority, o.id)):
                after = changes.reschedule_order(after, order)
        saved = _finish(uow.session, before, after, loaded.tz)
        uow.commit()
    placed = sum(1 for op_id in wanted if op_id in after.placements)
    return OpenWorkPlan(placed, len(waiting), len(wanted) - placed, saved)
