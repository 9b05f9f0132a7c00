"""A synthetic plan for the board benchmark: N operations packed on L lines, two shifts Mon–Fri."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from app.services.production_board import BoardAlert, BoardBar, BoardData, BoardLine, BoardShift

SHIFTS = tuple(BoardShift(d, time(s), time(e)) for d in range(1, 6) for s, e in ((6, 14), (14, 22)))
PRODUCTS = (("CP-100", "Centrifugal pump CP-100"), ("CC-1", "Control cabinet CC-1"), ("BV-20", "Ball valve DN20"),
            ("M-7", "Motor 7.5 kW"), ("SK-3", "Seal kit SK-3"))


def _working(moment: datetime) -> datetime:
    """The next moment within the two weekday shifts."""
    while True:
        if moment.isoweekday() <= 5 and time(6) <= moment.time() < time(22):
            return moment
        if moment.isoweekday() <= 5 and moment.time() < time(6):
            return datetime.combine(moment.date(), time(6))
        moment = datetime.combine(moment.date() + timedelta(days=1), time(6))


def synthetic_board(bars: int = 5000, lines: int = 12, now: datetime | None = None, seed: int = 1) -> BoardData:
    rng = random.Random(seed)
    now = now or datetime.now().replace(second=0, microsecond=0)
    start = datetime.combine(now.date() - timedelta(days=10), time(6))
    board_lines = tuple(BoardLine(i + 1, f"L{i + 1}", f"Line {i + 1}", Decimal(100), frozenset({i % 4 + 1}), SHIFTS,
                                  {date(2030, 1, 1): "New Year"}) for i in range(lines))
    made = []
    cursors = {line.id: start for line in board_lines}
    for n in range(bars):
        line = board_lines[n % lines]
        begin = _working(cursors[line.id] + timedelta(minutes=rng.choice((0, 0, 15, 30, 60))))
        minutes = rng.randint(45, 300)
        end = begin + timedelta(minutes=minutes)
        cursors[line.id] = end
        status = "done" if end < now else ("in_progress" if begin <= now else "scheduled")
        sku, product = PRODUCTS[n % len(PRODUCTS)]
        quantity = Decimal(rng.randint(1, 40))
        done = quantity if status == "done" else (quantity * Decimal(rng.randint(0, 9)) / 10 if status == "in_progress"
                                                  else Decimal(0))
        promised = (end + timedelta(days=rng.randint(-1, 12))).date()
        made.append(BoardBar(n + 1, n // 2 + 1, f"MO-2026-{n // 2 + 1:07d}", 10 * (n % 2 + 1), "Assembly", status,
                             line.id, begin, end, 2, quantity, done, Decimal(0), Decimal(minutes), "released", 3,
                             line.id % 4 + 1, sku, product, promised, end, f"SO-2026-{n // 2 + 1:07d}", "Customer"))
    alerts = tuple(BoardAlert(i, "material_short", "Short of components.", i * 37, None, None, now)
                   for i in range(1, bars // 200))
    return BoardData(now, start - timedelta(days=1), max(cursors.values()) + timedelta(days=1), board_lines,
                     tuple(made), alerts)
