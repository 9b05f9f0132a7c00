"""Line load against capacity, week by week: which lines are asked for more than they can give.

A finite-capacity schedule never overfills a line; it makes orders late instead. So overload is
measured on demand: for each line and ISO week, the work planned on the line for orders promised
by the end of that week (promises already past count in the first week) against the working
time of its shifts from now to the end of that week. Capacity left over in one week can serve
the next (work can be done early), so both sides are cumulated: a line is overloaded in a week
when the work due by then exceeds its capacity until then.
"""

from __future__ import annotations

from datetime import timedelta

from app.services.scheduling.calendar import DAY
from app.services.scheduling.model import LineOverload, Schedule
from app.services.scheduling.plant import working_state


def line_overloads(schedule: Schedule) -> list[LineOverload]:
    """Every (line, week) where the work due by the end of the week exceeds the capacity until then."""
    plant, _ = working_state(schedule, private=False)
    first_monday = plant.epoch - timedelta(days=plant.epoch.weekday())
    base = (first_monday - plant.epoch).days * DAY
    demand: dict[int, dict[int, int]] = {}
    for placement in schedule.placements.values():
        order = plant.orders.get(placement.order_id)
        if order is None or order.due is None:
            continue
        week = max(0, (plant.sec(order.due) - 1 - base) // (7 * DAY))
        per_week = demand.setdefault(placement.line_id, {})
        per_week[week] = per_week.get(week, 0) + plant.work(placement.operation_id, placement.line_id)
    found = []
    for line_id, per_week in sorted(demand.items()):
        calendar = plant.calendars[line_id]
        due = available = 0
        for week in range(max(per_week) + 1):
            week_end = base + (week + 1) * 7 * DAY
            due += per_week.get(week, 0)
            available = calendar.capacity_between(plant.start, week_end) if calendar.has_capacity else 0
            if due > available:
                found.append(LineOverload(line_id, first_monday + timedelta(weeks=week), due / 3600,
                                          available / 3600, (due - available) / 3600))
    return found
