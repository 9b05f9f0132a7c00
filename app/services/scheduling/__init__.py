"""Production scheduling: a finite-capacity scheduler in plain Python, and its database adapter.

The core (``model``, ``calendar``, ``plant``, ``dispatch``, ``changes``, ``moves``) takes a
:class:`Problem` of plain dataclasses and returns a :class:`Schedule`; it never touches the
database. ``store`` loads the problem from PostgreSQL and saves schedules back (services
``schedule_all``, ``reschedule_order``, ``move_operation`` for the Gantt board).
"""

from app.services.scheduling.changes import move_operation, reschedule_order
from app.services.scheduling.dispatch import RULES, schedule
from app.services.scheduling.model import (
    PRIORITY_WEIGHTS,
    Line,
    LineOverload,
    MoveResult,
    Operation,
    Order,
    OrderOutcome,
    Placement,
    Problem,
    Rule,
    Schedule,
    Shift,
    work_seconds,
)
from app.services.scheduling.moves import check_move
from app.services.scheduling.plant import current_schedule

__all__ = [
    "PRIORITY_WEIGHTS", "RULES", "Line", "LineOverload", "MoveResult", "Operation", "Order", "OrderOutcome",
    "Placement", "Problem", "Rule", "Schedule", "Shift", "check_move", "current_schedule", "move_operation",
    "reschedule_order", "schedule", "work_seconds",
]
