"""Properties of working time on generated calendars: adding is monotone and
additive, never lands in a break or on a closed day, agrees with a plain day by
day walk, and `between` undoes it."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from sopengine.definition.calendar import WorkingCalendar

MS = dt.timedelta(milliseconds=1)


@st.composite
def days_windows(draw: st.DrawFn) -> tuple[tuple[float, float], ...]:
    """A weekday's windows: sorted cut points of the day, paired (breaks between)."""
    cuts = sorted(draw(st.sets(st.integers(0, 1439), max_size=6)))
    cuts = cuts[: len(cuts) // 2 * 2]
    return tuple((cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2))


@st.composite
def calendars(draw: st.DrawFn) -> WorkingCalendar:
    week = draw(st.lists(days_windows(), min_size=7, max_size=7).filter(any))
    closed = draw(st.frozensets(st.dates(dt.date(2025, 12, 1), dt.date(2027, 6, 30)),
                                max_size=40))
    national = draw(st.sampled_from([None, "ID"]))
    return WorkingCalendar(hours=tuple(week), holidays=closed, national=national,
                           cuti_bersama=draw(st.booleans()))


MOMENTS = st.datetimes(dt.datetime(2026, 1, 1), dt.datetime(2026, 12, 31))


def amounts(calendar: WorkingCalendar) -> st.SearchStrategy[int]:
    """Up to sixty of the calendar's weeks: one to several years of working time."""
    return st.integers(0, int(calendar.week_minutes * 60))


def _walk(calendar: WorkingCalendar, moment: dt.datetime, minutes: float) -> dt.datetime:
    """The reference: day by day, window by window."""
    day, left = moment.date(), float(minutes)
    after = moment - dt.datetime.combine(day, dt.time(0))
    while True:
        for opens, closes in calendar.windows_on(day):
            start = max(dt.timedelta(minutes=opens), after)
            room = dt.timedelta(minutes=closes) - start
            if room <= dt.timedelta(0):
                continue
            if dt.timedelta(minutes=left) <= room:
                return dt.datetime.combine(day, dt.time(0)) + start + dt.timedelta(minutes=left)
            left -= room.total_seconds() / 60
        day, after = day + dt.timedelta(days=1), dt.timedelta(0)


def _in_working_time(calendar: WorkingCalendar, moment: dt.datetime) -> bool:
    minute = (moment - dt.datetime.combine(moment.date(), dt.time(0))).total_seconds() / 60
    return any(s - 1e-6 <= minute <= e + 1e-6 for s, e in calendar.windows_on(moment.date()))


@given(calendars(), MOMENTS, st.data())
def test_adding_is_monotone_and_additive(calendar, moment, data) -> None:
    a, b = data.draw(amounts(calendar)), data.draw(amounts(calendar))
    low, high = sorted((a, b))
    assert calendar.add(moment, low) <= calendar.add(moment, high)
    if b > 0:
        assert abs(calendar.add(calendar.add(moment, a), b) - calendar.add(moment, a + b)) <= MS


@given(calendars(), MOMENTS, st.data())
def test_it_never_lands_in_a_break_or_on_a_closed_day(calendar, moment, data) -> None:
    due = calendar.add(moment, data.draw(amounts(calendar)))
    assert due >= moment
    assert calendar.is_working_day(due.date())
    assert _in_working_time(calendar, due)


@given(calendars(), MOMENTS, st.data())
def test_it_agrees_with_a_day_by_day_walk_and_between_undoes_it(calendar, moment,
                                                                 data) -> None:
    minutes = data.draw(amounts(calendar))
    due = calendar.add(moment, minutes)
    assert abs(due - _walk(calendar, moment, minutes)) <= MS
    assert abs(calendar.between(moment, due) - minutes) < 1e-3


def _counted(calendar: WorkingCalendar, a: dt.datetime, b: dt.datetime) -> float:
    """The reference for `between`: day by day, window by window."""
    total, day = 0.0, a.date()
    while day <= b.date():
        midnight = dt.datetime.combine(day, dt.time(0))
        for opens, closes in calendar.windows_on(day):
            lo = max(midnight + dt.timedelta(minutes=opens), a)
            hi = min(midnight + dt.timedelta(minutes=closes), b)
            total += max(0.0, (hi - lo).total_seconds() / 60)
        day += dt.timedelta(days=1)
    return total


@given(calendars(), st.datetimes(dt.datetime(2018, 1, 1), dt.datetime(2030, 12, 31)),
       st.integers(0, 3 * 24 * 60), st.data())
def test_between_counts_what_a_day_by_day_walk_counts(calendar, a, minutes, data) -> None:
    """Before and after the Monday from which it counts (2024-01-01), within a day and
    over days, the same calendar asked again and again (its kept days)."""
    b = a + dt.timedelta(minutes=minutes, seconds=data.draw(st.integers(0, 59)))
    for _ in range(2):
        assert abs(calendar.between(a, b) - _counted(calendar, a, b)) < 1e-6
    assert calendar.between(b, a) == 0.0
    later = b + dt.timedelta(days=data.draw(st.integers(0, 900)))
    assert abs(calendar.between(a, later) - calendar.between(a, b)
               - calendar.between(b, later)) < 1e-6
