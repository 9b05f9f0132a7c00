"""Deviation checks over the whole plant, and the alerts of one sales order (for its timeline).

``check_deviations`` looks at the plan as saved and at the shop floor: orders now expected after
their promise, overloaded lines, operations behind plan, production short of material. Each
deviation is one open ``deviation_alert`` while it lasts (planners are notified when it is
raised) and is resolved when it is gone. Scheduling and progress reports run the same checks for
what they touched; this service is for a periodic or on-demand full check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text

from app.services.errors import translated_errors
from app.services.scheduling.alerts import raise_alerts, raise_execution_alerts
from app.services.scheduling.load import line_overloads
from app.services.scheduling.plant import current_schedule
from app.services.scheduling.store import load_problem


@dataclass(frozen=True)
class DeviationCheck:
    """What a check raised (subject ids per kind) and how many open alerts it resolved."""

    raised: dict[str, tuple[int, ...]]
    resolved: int


@dataclass(frozen=True)
class OrderAlert:
    """A deviation alert as the order timeline shows it."""

    id: int
    kind: str
    message: str
    production_no: str | None
    operation_seq: int | None
    line_code: str | None
    raised_at: datetime
    resolved_at: datetime | None


_ORDER_ALERTS = text("""
    SELECT a.id, a.kind, a.message, po.production_no, op.seq AS operation_seq, pl.code AS line_code,
           a.raised_at, a.resolved_at
    FROM deviation_alert a
    LEFT JOIN production_order po ON po.id = a.production_order_id
    LEFT JOIN production_operation op ON op.id = a.production_operation_id
    LEFT JOIN production_line pl ON pl.id = a.production_line_id
    WHERE a.sales_order_id = :order AND (:include_resolved OR a.resolved_at IS NULL)
    ORDER BY a.raised_at, a.id
""")


def check_deviations(*, uow) -> DeviationCheck:
    """Raise and resolve every kind of deviation alert for the open production; commits."""
    with uow:
        session = uow.session
        loaded = load_problem(session)
        schedule = current_schedule(loaded.problem)
        with translated_errors():
            planned = raise_alerts(session, schedule, line_overloads(schedule))
            execution, resolved = raise_execution_alerts(session, loaded.tz)
        uow.commit()
    raised = {"late_against_promise": planned.late, "line_overloaded": planned.overloaded,
              "behind_plan": tuple(d.subject for d in execution if d.kind == "behind_plan"),
              "material_short": tuple(d.subject for d in execution if d.kind == "material_short")}
    return DeviationCheck(raised, planned.resolved + resolved)


def alerts_for_order(sales_order_id: int, *, uow, include_resolved: bool = True) -> list[OrderAlert]:
    """The deviation alerts of a sales order's production, oldest first (for its timeline)."""
    with uow:
        rows = uow.session.execute(_ORDER_ALERTS, {"order": sales_order_id,
                                                   "include_resolved": include_resolved}).all()
    return [OrderAlert(**row._asdict()) for row in rows]
