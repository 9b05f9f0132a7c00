"""A line's working time as a list of windows in seconds, with cumulative work for fast lookups.

Moments are whole seconds from midnight of an epoch day. Windows come from the weekly shifts
(overlapping shifts of a day merge), skipping days off; they are built lazily, four weeks at a
time, up to a horizon. ``finish(t, work)`` is a binary search on cumulative working seconds,
so placing an operation costs O(log windows) however many breaks it spans.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, datetime, timedelta

from app.services.scheduling.model import Line

DAY = 86_400
_CHUNK_DAYS = 28


class BeyondHorizon(Exception):
    """The work does not fit before the end of the planning horizon."""


def seconds_of(moment: datetime, epoch: date) -> int:
    delta = moment - datetime.combine(epoch, datetime.min.time())
    return delta.days * DAY + delta.seconds + (1 if delta.microseconds else 0)


def moment_of(seconds: int, epoch: date) -> datetime:
    return datetime.combine(epoch, datetime.min.time()) + timedelta(seconds=seconds)


def _seconds_of_day(t) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


def weekly_pattern(line: Line) -> dict[int, list[tuple[int, int]]]:
    """Merged working windows (seconds of day) per ISO weekday."""
    pattern: dict[int, list[tuple[int, int]]] = {}
    for shift in line.shifts:
        s, e = _seconds_of_day(shift.starts_at), _seconds_of_day(shift.ends_at)
        if e == 0:  # a shift ending at 24:00 is read back from PostgreSQL as 00:00
            e = DAY
        if e > s:
            pattern.setdefault(shift.weekday, []).append((s, e))
    for weekday, windows in pattern.items():
        windows.sort()
        merged = [list(windows[0])]
        for s, e in windows[1:]:
            if s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        pattern[weekday] = [(s, e) for s, e in merged]
    return pattern


class LineCalendar:
    """Working windows of one line from ``epoch`` on, extended on demand up to ``horizon_days``."""

    def __init__(self, line: Line, epoch: date, horizon_days: int):
        self.line = line
        self.epoch = epoch
        self.pattern = weekly_pattern(line)
        self.has_capacity = bool(self.pattern)
        self.horizon_days = horizon_days
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.cumend: list[int] = []  # working seconds up to the end of window i
        self._days = 0

    # -- building -------------------------------------------------------------------------
    def _extend(self) -> None:
        if not self.has_capacity or self._days >= self.horizon_days:
            raise BeyondHorizon(self.line.code)
        total = self.cumend[-1] if self.cumend else 0
        for n in range(self._days, min(self._days + _CHUNK_DAYS, self.horizon_days)):
            day = self.epoch + timedelta(days=n)
            if day in self.line.days_off:
                continue
            for s, e in self.pattern.get(day.isoweekday(), ()):
                total += e - s
                self.starts.append(n * DAY + s)
                self.ends.append(n * DAY + e)
                self.cumend.append(total)
        self._days = min(self._days + _CHUNK_DAYS, self.horizon_days)

    def _cover(self, t: int) -> None:
        while not self.ends or self.ends[-1] <= t:
            self._extend()

    def _cover_work(self, work: int) -> None:
        while not self.cumend or self.cumend[-1] < work:
            self._extend()

    # -- queries --------------------------------------------------------------------------
    def snap(self, t: int) -> int:
        """The earliest working moment at or after ``t``."""
        self._cover(t)
        i = bisect_right(self.ends, t)
        return max(t, self.starts[i])

    def is_working(self, t: int) -> bool:
        return self.snap(t) == t

    def work_before(self, t: int) -> int:
        """Working seconds between the epoch and ``t``."""
        self._cover(t)
        i = bisect_right(self.ends, t)
        before = self.cumend[i - 1] if i else 0
        return before + max(0, t - self.starts[i])

    def finish(self, start: int, work: int) -> int:
        """When ``work`` seconds started at the working moment ``start`` are done."""
        if work <= 0:
            return start
        target = self.work_before(start) + work
        self._cover_work(target)
        k = bisect_left(self.cumend, target)
        return self.ends[k] - (self.cumend[k] - target)

    def work_between(self, a: int, b: int) -> int:
        return self.work_before(b) - self.work_before(a) if b > a else 0

    def segments(self, a: int, b: int) -> list[tuple[int, int]]:
        """The working pieces of ``[a, b)``."""
        self._cover(b)
        pieces = []
        i = bisect_right(self.ends, a)
        while i < len(self.starts) and self.starts[i] < b:
            pieces.append((max(a, self.starts[i]), min(b, self.ends[i])))
            i += 1
        return pieces

    def windows_on(self, day: date) -> list[tuple[int, int]]:
        """The working windows of a calendar day (seconds from the epoch); empty on a day off."""
        if day in self.line.days_off:
            return []
        base = (day - self.epoch).days * DAY
        return [(base + s, base + e) for s, e in self.pattern.get(day.isoweekday(), ())]

    def capacity_between(self, a: int, b: int) -> int:
        """Working seconds in ``[a, b)``, 0 past the horizon."""
        try:
            return self.work_between(a, b)
        except BeyondHorizon:
            return 0
