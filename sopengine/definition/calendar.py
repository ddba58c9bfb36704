"""Working time: when a task is due, and how much working time a task took.

A calendar has working windows per weekday (the gaps between them are breaks:
Friday's is longer), and closed days: national holidays and cuti bersama from
the ``holidays`` library (``national="ID"``) and the office's own. The office
configures it in ``calendar.yaml`` beside the SOPs (calendar_file.py). The
default calendar: Monday to Friday, 07:30-15:00, no holidays (7.5 hours, the
working day the SOP analysis uses).

Adding and counting working time jumps over whole weeks and subtracts the
closed days inside them, so the cost grows with the closed days spanned, not
with the minutes or the days; a moment past the year 9999 is a CalendarError.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

from sopengine.definition.national_holidays import closed_days, known_years
from sopengine.errors import CalendarError

Window = tuple[float, float]  # minutes from midnight: opens, closes
_DAY = 24 * 60
_LAST_ORDINAL = dt.date.max.toordinal()
_ANCHOR = dt.date(2024, 1, 1)  # a Monday: between() counts each day's minutes from it
_KEPT_DAYS = 20_000  # days between() keeps (55 years of them)


@dataclass(frozen=True)
class WorkingCalendar:
    """``hours`` (seven tuples of windows, Monday first) overrides the simple
    ``start``/``end``/``weekdays`` form."""

    start: dt.time = dt.time(7, 30)
    end: dt.time = dt.time(15, 0)
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday = 0
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    hours: tuple[tuple[Window, ...], ...] | None = None
    national: str | None = None  # a country code of the holidays library, e.g. "ID"
    cuti_bersama: bool = True
    day_hours: float | None = None

    def __post_init__(self) -> None:
        windows = self.hours if self.hours is not None else tuple(
            ((_minutes(self.start), _minutes(self.end)),) if d in self.weekdays else ()
            for d in range(7))
        problem = windows_problem(windows)
        if problem:
            raise CalendarError(problem)
        object.__setattr__(self, "_windows", windows)
        object.__setattr__(self, "_capacity", tuple(sum(e - s for s, e in w) for w in windows))
        object.__setattr__(self, "_closed", tuple(sorted(self.holidays)))
        object.__setattr__(self, "_days", {})  # between(): per day, see _day

    @classmethod
    def with_holidays(cls, days: Iterable[dt.date], **kwargs: object) -> WorkingCalendar:
        return cls(holidays=frozenset(days), **kwargs)  # type: ignore[arg-type]

    @property
    def week_minutes(self) -> float:
        return sum(self._capacity)

    @property
    def day_minutes(self) -> float:
        """A working day's length (durations in d and w): ``day_hours``, else the
        median of the working weekdays' lengths."""
        if self.day_hours is not None:
            return self.day_hours * 60
        return float(statistics.median(c for c in self._capacity if c > 0))

    # -- days ---------------------------------------------------------------------

    def is_closed(self, day: dt.date) -> bool:
        """A holiday, cuti bersama or the office's own closed day."""
        if day in self.holidays:
            return True
        return bool(self.national) and day in closed_days(self.national, day.year,
                                                          self.cuti_bersama)

    def is_working_day(self, day: dt.date) -> bool:
        return self._capacity[day.weekday()] > 0 and not self.is_closed(day)

    def windows_on(self, day: dt.date) -> tuple[Window, ...]:
        """The day's working windows (none on a closed day)."""
        return () if self.is_closed(day) else self._windows[day.weekday()]

    def closed_between(self, first: dt.date, last: dt.date) -> set[dt.date]:
        """The closed days from ``first`` to ``last``, both included."""
        found = set(self._closed[bisect.bisect_left(self._closed, first):
                                 bisect.bisect_right(self._closed, last)])
        if self.national:
            known = known_years(self.national)
            for year in range(max(first.year, known.start), min(last.year + 1, known.stop)):
                days = closed_days(self.national, year, self.cuti_bersama)
                found.update(d for d in days if first <= d <= last)
        return found

    def minutes_on_days(self, first: dt.date, days: int) -> float:
        """Working minutes of the ``days`` whole days from ``first``."""
        if days <= 0:
            return 0.0
        weeks, rest = divmod(days, 7)
        total = weeks * self.week_minutes + sum(
            self._capacity[(first.weekday() + k) % 7] for k in range(rest))
        last = _plus_days(first, days - 1)
        return total - sum(self._capacity[d.weekday()] for d in self.closed_between(first, last))

    # -- moments ------------------------------------------------------------------

    def add(self, moment: dt.datetime, minutes: float) -> dt.datetime:
        """The moment ``minutes`` working minutes after ``moment`` (always inside a
        working window, or at its closing time)."""
        left = max(0.0, float(minutes))
        if not math.isfinite(left) or left > self._upper_bound(moment.date()):
            raise CalendarError(f"{minutes} working minutes after {moment:%Y-%m-%d} would "
                                "fall after the year 9999")
        day = moment.date()
        found, left = self._consume(day, _minute_of(moment), left)
        while found is None:
            day = _plus_days(day, 1)
            day, left = self._jump(day, left)
            found, left = self._consume(day, 0.0, left)
        return _at(day, found, moment.tzinfo)

    def _consume(self, day: dt.date, after: float, left: float) -> tuple[float | None, float]:
        """Where on ``day`` (from minute ``after``) ``left`` minutes run out, or None
        and what is left after the day's windows."""
        for opens, closes in self.windows_on(day):
            if after >= closes:
                continue
            begin = max(opens, after)
            if left <= closes - begin:
                return begin + left, 0.0
            left -= closes - begin
        return None, left

    def _jump(self, day: dt.date, left: float) -> tuple[dt.date, float]:
        """Skip whole weeks while more than two weeks' minutes are left."""
        week = self.week_minutes
        while left > 2 * week:
            days = 7 * (int(left // week) - 1)
            left -= self.minutes_on_days(day, days)
            day = _plus_days(day, days)
        return day, left

    def _upper_bound(self, day: dt.date) -> float:
        """At least the working minutes from ``day`` to the end of the year 9999."""
        return ((_LAST_ORDINAL - day.toordinal()) // 7 + 1) * self.week_minutes

    def between(self, a: dt.datetime, b: dt.datetime) -> float:
        """Working minutes from ``a`` to ``b`` (0 when ``b`` is not after ``a``).

        The working minutes before each moment's day, counted from a fixed Monday, are
        kept per day once found (a report asks for a million pairs over a few hundred
        days): a pair costs two lookups and the two days' windows."""
        if b <= a:
            return 0.0
        return self._worked_by(b) - self._worked_by(a)

    def _worked_by(self, moment: dt.datetime) -> float:
        """Working minutes from the anchor Monday to ``moment``."""
        found = self._days.get(moment.toordinal()) or self._day(moment.date())
        worked, minute = found[0], _minute_of(moment)
        for opens, closes in found[1]:
            if minute <= opens:
                break
            worked += (closes if minute > closes else minute) - opens
        return worked  # type: ignore[no-any-return]

    def _day(self, day: dt.date) -> tuple[float, tuple[Window, ...]]:
        """The working minutes from the anchor Monday to the start of ``day`` (negative
        before it), and the day's windows; kept (bounded) for the next pair."""
        span = day.toordinal() - _ANCHOR.toordinal()
        before = (self.minutes_on_days(_ANCHOR, span) if span >= 0
                  else -self.minutes_on_days(day, -span))
        if len(self._days) >= _KEPT_DAYS:
            self._days.clear()
        found = self._days[day.toordinal()] = (before, self.windows_on(day))
        return found

    def next_working(self, moment: dt.datetime) -> dt.datetime:
        """``moment`` if inside a working window, else the start of the next one."""
        return self.add(moment, 0)


def windows_problem(windows: tuple[tuple[Window, ...], ...]) -> str:
    """Why these weekday windows make no calendar ('' when they do)."""
    if len(windows) != 7:
        return "working hours need seven weekdays, Monday first"
    for day in windows:
        for i, (s, e) in enumerate(day):
            if not 0 <= s < e <= _DAY:
                return f"a working window must open before it closes, within the day ({s}-{e})"
            if i and day[i - 1][1] > s:
                return "a day's working windows must follow each other without overlapping"
    if not any(windows):
        return "the calendar has no working time in the week"
    return ""


def _minutes(t: dt.time) -> float:
    return t.hour * 60 + t.minute + t.second / 60


def _minute_of(moment: dt.datetime) -> float:
    return moment.hour * 60 + moment.minute + (moment.second + moment.microsecond / 1e6) / 60


def _plus_days(day: dt.date, days: int) -> dt.date:
    if day.toordinal() + days > _LAST_ORDINAL:
        raise CalendarError("the working time would fall after the year 9999")
    return day + dt.timedelta(days=days)


def _at(day: dt.date, minute: float, tz: dt.tzinfo | None) -> dt.datetime:
    start = dt.datetime.combine(day, dt.time(0), tzinfo=tz)
    if minute >= _DAY:  # a window closing at 24:00
        return _at(_plus_days(day, 1), minute - _DAY, tz)
    return start + dt.timedelta(minutes=minute)
