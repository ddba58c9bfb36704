"""Working time: when a task is due, and how much working time a task took.

A calendar has working weekdays, one working window per day and a holiday
list. Adding working minutes walks the windows; the defaults follow a kecamatan
office: Monday to Friday, 07:30-15:00 (7.5 hours, the working day the SOP
analysis uses).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass(frozen=True)
class WorkingCalendar:
    start: dt.time = dt.time(7, 30)
    end: dt.time = dt.time(15, 0)
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday = 0
    holidays: frozenset[dt.date] = field(default_factory=frozenset)

    @classmethod
    def with_holidays(cls, days: Iterable[dt.date], **kwargs: object) -> WorkingCalendar:
        return cls(holidays=frozenset(days), **kwargs)  # type: ignore[arg-type]

    @property
    def day_minutes(self) -> float:
        return _minutes(self.end) - _minutes(self.start)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() in self.weekdays and day not in self.holidays

    def add(self, moment: dt.datetime, minutes: float) -> dt.datetime:
        """The moment ``minutes`` working minutes after ``moment``."""
        left = max(0.0, minutes)
        current = self.next_working(moment)
        while True:
            window_end = _at(current.date(), self.end, current.tzinfo)
            available = (window_end - current).total_seconds() / 60
            if left <= available:
                return current + dt.timedelta(minutes=left)
            left -= available
            current = self.next_working(window_end + dt.timedelta(seconds=1))

    def between(self, a: dt.datetime, b: dt.datetime) -> float:
        """Working minutes from ``a`` to ``b`` (0 when ``b`` is not after ``a``)."""
        if b <= a:
            return 0.0
        total, day = 0.0, a.date()
        while day <= b.date():
            if self.is_working_day(day):
                lo = max(a, _at(day, self.start, a.tzinfo))
                hi = min(b, _at(day, self.end, a.tzinfo))
                total += max(0.0, (hi - lo).total_seconds() / 60)
            day += dt.timedelta(days=1)
        return total

    def next_working(self, moment: dt.datetime) -> dt.datetime:
        """``moment`` if inside a working window, else the start of the next one."""
        day = moment.date()
        for _ in range(3660):  # ten years of holidays would be a broken calendar
            if self.is_working_day(day):
                opens = _at(day, self.start, moment.tzinfo)
                closes = _at(day, self.end, moment.tzinfo)
                if moment < opens:
                    return opens
                if moment < closes:
                    return moment
            day += dt.timedelta(days=1)
            moment = _at(day, dt.time(0), moment.tzinfo)
        raise ValueError("the calendar has no working time in the next ten years")


def _minutes(t: dt.time) -> float:
    return t.hour * 60 + t.minute + t.second / 60


def _at(day: dt.date, t: dt.time, tz: dt.tzinfo | None) -> dt.datetime:
    return dt.datetime.combine(day, t, tzinfo=tz)


def read_holidays(path: Path) -> frozenset[dt.date]:
    """Holiday dates from a file: a YAML list, or one YYYY-MM-DD per line (# comments)."""
    from sopengine.errors import SopFileError

    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        data = None
    items = data if isinstance(data, list) else [
        line.split("#")[0].strip() for line in text.splitlines()]
    days: set[dt.date] = set()
    for item in items:
        if not item:
            continue
        try:
            days.add(item if isinstance(item, dt.date) else dt.date.fromisoformat(str(item)))
        except ValueError:
            raise SopFileError(str(path), f"'{item}' is not a date (write YYYY-MM-DD)") \
                from None
    return frozenset(days)
