"""Realistic demo data for a small manufacturer of pumps, valves, motors and control cabinets,
created through the same rules as real work: demo logins take, approve, reserve, build, ship
and close the orders, and the database's guards check every step.

Modules: ``logins`` (the demo users), ``customers``/``catalog``/``products``/``plant``/``master``
(master data), ``stock``, ``plan``/``generate`` (what the orders are), ``order_copy``,
``approvals``, ``production``, ``shipping``, ``aftersales`` (their life), ``pipeline`` (one batch
end to end) and ``loader`` (:func:`load_demo_data`).
"""

from app.services.demo_data.loader import DemoSummary, load_demo_data
from app.services.demo_data.logins import DEMO_LOGINS, DemoLogin

__all__ = ["DEMO_LOGINS", "DemoLogin", "DemoSummary", "load_demo_data"]
