"""What the production Gantt board reads and writes: lines with calendars, bars, open alerts, drops.

Services (each takes a unit of work):

* ``load_board(window_start, window_end, *, uow)`` — the active lines with their shifts and days
  off, every operation with a slot overlapping the window (done ones too: history stays on the
  board), the open deviation alerts, and "now" on the plant's wall clock;
* ``load_bars(operation_ids, *, uow)`` — those operations again (after a live change), with the
  ids that no longer have a slot on the board;
* ``load_alerts(*, uow)`` — the open deviation alerts;
* ``move_bar(operation_id, expected_version, line_id, start, *, uow)`` — a drop: checked by the
  scheduling core (capability, operation order, calendar, overlap) and saved with whatever it
  pushes right; a refused drop changes nothing and says why in one sentence.

Moments are naive plant-local times, as in ``app.services.scheduling.store``. A bar is *late*
when its production order is expected to finish after the end of its promised day (the sales
order's promised date, else the production due date, else the requested date).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import text

from app.services.errors import OrderPilotError
from app.services.scheduling import store

_LINES = text("""
    SELECT l.id, l.code, l.name, l.efficiency_pct,
           coalesce((SELECT array_agg(c.family_id ORDER BY c.family_id) FROM line_capability c
                     WHERE c.line_id = l.id), '{}') AS families
    FROM production_line l WHERE l.active ORDER BY l.code, l.id
""")
_SHIFTS = text("SELECT line_id, weekday, starts_at, ends_at FROM line_shift ORDER BY line_id, weekday, starts_at")
_DAYS_OFF = text("SELECT line_id, day, reason FROM line_day_off WHERE day BETWEEN :first AND :last")
_NOW = text("SELECT date_trunc('second', now() AT TIME ZONE :tz)")

_BAR_COLUMNS = """
    SELECT op.id, op.production_order_id, op.seq, op.name, op.status, op.production_line_id AS line_id,
           op.version, op.quantity_done, op.quantity_scrap, op.setup_minutes, op.run_minutes,
           (CASE WHEN op.status IN ('in_progress', 'done') THEN coalesce(op.actual_start, op.planned_start)
                 ELSE op.planned_start END) AT TIME ZONE :tz AS start,
           (CASE WHEN op.status = 'done' THEN coalesce(op.actual_end, op.planned_end)
                 ELSE op.planned_end END) AT TIME ZONE :tz AS finish,
           po.production_no, po.quantity, po.status AS order_status, po.priority, p.family_id,
           po.expected_completion AT TIME ZONE :tz AS expected_completion,
           coalesce(so.promised_date, po.due_date, so.requested_date) AS promised,
           so.order_no, c.name AS customer, p.sku, p.name AS product
    FROM production_operation op
    JOIN production_order po ON po.id = op.production_order_id
    JOIN product p ON p.id = po.product_id
    LEFT JOIN sales_order so ON so.id = po.sales_order_id
    LEFT JOIN customer c ON c.id = so.customer_id
    WHERE po.status <> 'cancelled' AND op.production_line_id IS NOT NULL
      AND op.planned_start IS NOT NULL AND op.planned_end IS NOT NULL
"""
_BARS_IN_WINDOW = text(_BAR_COLUMNS + """
      AND op.planned_start < CAST(:window_end AS timestamp) AT TIME ZONE :tz
      AND coalesce(op.actual_end, op.planned_end) > CAST(:window_start AS timestamp) AT TIME ZONE :tz
    ORDER BY op.production_line_id, op.planned_start, op.id
""")
_BARS_BY_ID = text(_BAR_COLUMNS + " AND op.id = ANY(CAST(:ids AS bigint[])) ORDER BY op.id")
_ALERTS = text("""
    SELECT a.id, a.kind, a.message, a.production_order_id, a.production_operation_id, a.production_line_id,
           a.raised_at AT TIME ZONE :tz AS raised_at, po.production_no, op.seq AS operation_seq,
           so.order_no AS sales_order_no, focus.planned_start AT TIME ZONE :tz AS focus_start,
           focus.production_line_id AS focus_line_id
    FROM deviation_alert a
    LEFT JOIN production_order po ON po.id = a.production_order_id
    LEFT JOIN production_operation op ON op.id = a.production_operation_id
    LEFT JOIN sales_order so ON so.id = a.sales_order_id
    LEFT JOIN LATERAL (
        SELECT f.planned_start, f.production_line_id FROM production_operation f
        WHERE f.planned_start IS NOT NULL AND f.production_line_id IS NOT NULL
          AND (f.id = a.production_operation_id
               OR (a.production_operation_id IS NULL AND f.production_order_id = a.production_order_id))
        ORDER BY f.id = a.production_operation_id DESC, f.status = 'done',
                 (CASE WHEN a.kind = 'material_short' THEN f.seq ELSE -f.seq END)
        LIMIT 1) focus ON true
    WHERE a.resolved_at IS NULL ORDER BY a.raised_at, a.id
""")


@dataclass(frozen=True)
class BoardShift:
    """A weekly working window of a line (ISO weekday, 1 = Monday)."""

    weekday: int
    starts_at: time
    ends_at: time


@dataclass(frozen=True)
class BoardLine:
    """A row of the board: the line, what it can make and when it works."""

    id: int
    code: str
    name: str
    efficiency_pct: Decimal
    family_ids: frozenset[int]
    shifts: tuple[BoardShift, ...]
    days_off: dict[date, str] = field(default_factory=dict)


@dataclass(frozen=True)
class BoardBar:
    """One operation on the board, with what its bar shows and its tooltip tells."""

    id: int
    order_id: int
    production_no: str
    seq: int
    name: str
    status: str
    line_id: int
    start: datetime
    end: datetime
    version: int
    quantity: Decimal
    quantity_done: Decimal
    quantity_scrap: Decimal
    work_minutes: Decimal
    order_status: str
    priority: int
    family_id: int | None
    sku: str
    product: str
    promised: date | None
    expected_completion: datetime | None
    sales_order_no: str | None = None
    customer: str | None = None

    @property
    def progress(self) -> float:
        """Share of the order's quantity reported done for this operation (1 when done)."""
        if self.status == "done":
            return 1.0
        return max(0.0, min(1.0, float(self.quantity_done / self.quantity))) if self.quantity else 0.0

    @property
    def due(self) -> datetime | None:
        """The promised moment: the end of the promised day."""
        return datetime.combine(self.promised + timedelta(days=1), time()) if self.promised else None

    @property
    def late(self) -> bool:
        """The order is expected to finish after its promise (done work is never late any more)."""
        if self.due is None or self.status == "done":
            return False
        return (self.expected_completion or self.end) > self.due

    @property
    def movable(self) -> bool:
        return self.status in ("pending", "scheduled")


@dataclass(frozen=True)
class BoardAlert:
    """An open deviation alert; on a bar when it names its order or operation, else on a line."""

    id: int
    kind: str
    message: str
    production_order_id: int | None
    operation_id: int | None
    line_id: int | None
    raised_at: datetime
    production_no: str | None = None
    operation_seq: int | None = None
    sales_order_no: str | None = None
    focus_start: datetime | None = None   # where the board shows it: the operation, or the order's
    focus_line_id: int | None = None      # marked bar (first open one when short, else the last)


@dataclass(frozen=True)
class BoardData:
    """Everything the board draws for a window."""

    now: datetime
    window_start: datetime
    window_end: datetime
    lines: tuple[BoardLine, ...]
    bars: tuple[BoardBar, ...]
    alerts: tuple[BoardAlert, ...]


@dataclass(frozen=True)
class ChangedBars:
    """Operations read again after a change: their bars, and the ids that left the board."""

    bars: tuple[BoardBar, ...]
    gone: frozenset[int]


@dataclass(frozen=True)
class MoveOutcome:
    """The verdict on a drop: ``ok`` with the bars now changed, or ``reason`` (one sentence) and ``rule``."""

    ok: bool
    reason: str | None = None
    rule: str | None = None
    bars: tuple[BoardBar, ...] = ()


def _bar(r) -> BoardBar:
    return BoardBar(
        r.id, r.production_order_id, r.production_no, r.seq, r.name, r.status, r.line_id, r.start,
        max(r.start, r.finish), r.version, r.quantity, r.quantity_done, r.quantity_scrap,
        r.setup_minutes + r.run_minutes, r.order_status, r.priority, r.family_id, r.sku, r.product, r.promised,
        r.expected_completion, r.order_no, r.customer)


def _alerts(session, tz: str) -> tuple[BoardAlert, ...]:
    return tuple(BoardAlert(r.id, r.kind, r.message, r.production_order_id, r.production_operation_id,
                            r.production_line_id, r.raised_at, r.production_no, r.operation_seq,
                            r.sales_order_no, r.focus_start, r.focus_line_id)
                 for r in session.execute(_ALERTS, {"tz": tz}))


def _lines(session, first: date, last: date) -> tuple[BoardLine, ...]:
    shifts: dict[int, list[BoardShift]] = {}
    for line_id, weekday, starts_at, ends_at in session.execute(_SHIFTS):
        shifts.setdefault(line_id, []).append(BoardShift(weekday, starts_at, ends_at))
    days_off: dict[int, dict[date, str]] = {}
    for line_id, day, reason in session.execute(_DAYS_OFF, {"first": first, "last": last}):
        days_off.setdefault(line_id, {})[day] = reason or ""
    return tuple(BoardLine(r.id, r.code, r.name, r.efficiency_pct, frozenset(r.families),
                           tuple(shifts.get(r.id, ())), days_off.get(r.id, {}))
                 for r in session.execute(_LINES))


def load_board(window_start: datetime, window_end: datetime, *, uow) -> BoardData:
    """Lines, the bars overlapping ``[window_start, window_end)``, open alerts and now."""
    with uow:
        session = uow.session
        tz = store.plant_timezone(session)
        now = session.scalar(_NOW, {"tz": tz})
        lines = _lines(session, window_start.date() - timedelta(days=1), window_end.date() + timedelta(days=366))
        bars = tuple(_bar(r) for r in session.execute(
            _BARS_IN_WINDOW, {"tz": tz, "window_start": window_start, "window_end": window_end}))
        return BoardData(now, window_start, window_end, lines, bars, _alerts(session, tz))


def load_bars(operation_ids: Iterable[int], *, uow) -> ChangedBars:
    """The bars of these operations as they are now; ids without a slot (or gone) in ``gone``."""
    ids = sorted(set(operation_ids))
    if not ids:
        return ChangedBars((), frozenset())
    with uow:
        session = uow.session
        tz = store.plant_timezone(session)
        bars = tuple(_bar(r) for r in session.execute(_BARS_BY_ID, {"tz": tz, "ids": ids}))
    return ChangedBars(bars, frozenset(ids) - {bar.id for bar in bars})


def load_order_bars(production_order_ids: Iterable[int], *, uow) -> tuple[BoardBar, ...]:
    """Every bar of these production orders (their promise or expected completion changed)."""
    ids = sorted(set(production_order_ids))
    if not ids:
        return ()
    with uow:
        session = uow.session
        tz = store.plant_timezone(session)
        query = text(_BAR_COLUMNS + " AND op.production_order_id = ANY(CAST(:ids AS bigint[])) ORDER BY op.id")
        return tuple(_bar(r) for r in session.execute(query, {"tz": tz, "ids": ids}))


def load_alerts(*, uow) -> tuple[BoardAlert, ...]:
    with uow:
        return _alerts(uow.session, store.plant_timezone(uow.session))


def move_bar(operation_id: int, expected_version: int, line_id: int, start: datetime, *, uow,
             reread_uow=None) -> MoveOutcome:
    """Move an operation to ``line_id`` from ``start`` (plant time), as a planner dropping a bar.

    The scheduling core checks the move and saves it with the operations it pushes right. A
    refused move, a stale version or a missing privilege comes back as ``ok=False`` with the
    reason; nothing is saved then. With ``reread_uow`` (a second unit of work), the changed bars
    are read back after the commit.
    """
    try:
        result = store.move_operation(operation_id, expected_version, line_id, start, uow=uow)
    except OrderPilotError as error:
        return MoveOutcome(False, str(error), type(error).__name__)
    if not result.ok:
        return MoveOutcome(False, result.reason, result.rule)
    bars: tuple[BoardBar, ...] = ()
    if reread_uow is not None:
        bars = load_bars({operation_id, *(p.operation_id for p in result.shifted)}, uow=reread_uow).bars
    return MoveOutcome(True, bars=bars)
