"""Where things sit on the production board: time ↔ x, line ↔ row, and each line's working time.

Scene x is minutes since the board's epoch (a Monday midnight, plant time); zooming scales the
view, never the scene, so zooming moves no item. Scene y is pixels: one row per line.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from app.services.production_board import BoardLine

ROW_HEIGHT = 46
BAR_MARGIN = 5
BAR_HEIGHT = ROW_HEIGHT - 2 * BAR_MARGIN
MINUTES_PER_DAY = 24 * 60


def _minutes(moment: time, *, end: bool = False) -> int:
    minutes = moment.hour * 60 + moment.minute + (1 if moment.second or moment.microsecond else 0)
    return MINUTES_PER_DAY if end and minutes == 0 else minutes  # a shift ending at 24:00 reads as 00:00


class BoardLayout:
    """Rows of the board's lines and the mapping between plant time and scene coordinates."""

    def __init__(self, epoch: datetime):
        self.epoch = epoch
        self.lines: list[BoardLine] = []
        self.row_of: dict[int, int] = {}
        self._patterns: dict[int, dict[int, list[tuple[int, int]]]] = {}

    @staticmethod
    def epoch_for(now: datetime) -> datetime:
        """The Monday midnight of ``now``'s week."""
        day = now.date() - timedelta(days=now.weekday())
        return datetime.combine(day, time())

    def set_lines(self, lines) -> None:
        self.lines = list(lines)
        self.row_of = {line.id: row for row, line in enumerate(self.lines)}
        self._patterns = {line.id: _weekly_pattern(line) for line in self.lines}

    # -- time ------------------------------------------------------------------------------------
    def x_of(self, moment: datetime) -> float:
        delta = moment - self.epoch
        return delta.days * MINUTES_PER_DAY + delta.seconds / 60

    def time_at(self, x: float) -> datetime:
        return self.epoch + timedelta(minutes=x)

    # -- rows ------------------------------------------------------------------------------------
    @property
    def height(self) -> float:
        return max(1, len(self.lines)) * ROW_HEIGHT

    @staticmethod
    def row_top(row: int) -> float:
        return row * ROW_HEIGHT

    @staticmethod
    def bar_top(row: int) -> float:
        return row * ROW_HEIGHT + BAR_MARGIN

    def row_at(self, y: float) -> int:
        """The row under scene ``y``, clamped to the board's rows."""
        return max(0, min(len(self.lines) - 1, int(y // ROW_HEIGHT)))

    def line_at_row(self, row: int) -> BoardLine | None:
        return self.lines[row] if 0 <= row < len(self.lines) else None

    # -- calendars -------------------------------------------------------------------------------
    def working_minutes(self, line: BoardLine, day: date) -> list[tuple[int, int]]:
        """The line's working windows on ``day`` as minutes of the day (empty on a day off)."""
        if day in line.days_off:
            return []
        return self._patterns.get(line.id, {}).get(day.isoweekday(), [])

    def off_shift(self, line: BoardLine, first: float, last: float) -> list[tuple[float, float, bool]]:
        """Non-working stretches of the line between scene ``first`` and ``last``: (x0, x1, day_off)."""
        pieces = []
        day = self.time_at(first).date()
        while True:
            base = self.x_of(datetime.combine(day, time()))
            if base >= last:
                break
            if day in line.days_off:
                pieces.append((base, base + MINUTES_PER_DAY, True))
            else:
                cursor = 0
                for start, end in self.working_minutes(line, day):
                    if start > cursor:
                        pieces.append((base + cursor, base + start, False))
                    cursor = end
                if cursor < MINUTES_PER_DAY:
                    pieces.append((base + cursor, base + MINUTES_PER_DAY, False))
            day += timedelta(days=1)
        merged: list[tuple[float, float, bool]] = []
        for piece in pieces:
            if merged and merged[-1][1] == piece[0] and merged[-1][2] == piece[2]:
                merged[-1] = (merged[-1][0], piece[1], piece[2])
            else:
                merged.append(piece)
        return merged

    def shift_edges(self, line: BoardLine, first: float, last: float) -> list[float]:
        """Scene x of every shift start and end of the line in ``[first, last]`` (shift gridlines)."""
        edges = []
        day = self.time_at(first).date()
        while (base := self.x_of(datetime.combine(day, time()))) <= last:
            if day not in line.days_off:
                for start, end in _raw_windows(line, day.isoweekday()):
                    edges += [base + start, base + end]
            day += timedelta(days=1)
        return edges


def _raw_windows(line: BoardLine, weekday: int) -> list[tuple[int, int]]:
    return sorted((_minutes(s.starts_at), _minutes(s.ends_at, end=True)) for s in line.shifts if s.weekday == weekday)


def _weekly_pattern(line: BoardLine) -> dict[int, list[tuple[int, int]]]:
    """Merged working windows (minutes of the day) per ISO weekday."""
    pattern: dict[int, list[tuple[int, int]]] = {}
    for weekday in range(1, 8):
        merged: list[list[int]] = []
        for start, end in _raw_windows(line, weekday):
            if end <= start:
                continue
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        if merged:
            pattern[weekday] = [(s, e) for s, e in merged]
    return pattern
