"""The working calendar: adding working minutes, counting them, and where a
virtual run begins."""

import datetime as dt

from sopengine.definition.calendar import WorkingCalendar
from sopengine.runtime.autorun import next_working_start

FRIDAY_EVENING = dt.datetime(2026, 11, 27, 18, 0)
MONDAY_OPEN = dt.datetime(2026, 11, 30, 7, 30)


def test_adding_minutes_crosses_the_weekend() -> None:
    calendar = WorkingCalendar()
    # 30 minutes before Friday's close, then 60 more on Monday.
    after = calendar.add(dt.datetime(2026, 11, 27, 14, 30), 90)
    assert after == MONDAY_OPEN.replace(hour=8, minute=30)


def test_between_counts_only_working_windows() -> None:
    calendar = WorkingCalendar()
    monday_eight = MONDAY_OPEN.replace(hour=8, minute=0)
    assert calendar.between(dt.datetime(2026, 11, 27, 14, 0), monday_eight) == 90


def test_holidays_are_skipped() -> None:
    calendar = WorkingCalendar.with_holidays([MONDAY_OPEN.date()])
    assert calendar.next_working(FRIDAY_EVENING) == MONDAY_OPEN + dt.timedelta(days=1)


def test_a_virtual_run_started_at_the_weekend_begins_on_monday() -> None:
    calendar = WorkingCalendar()
    assert next_working_start(calendar, FRIDAY_EVENING) == MONDAY_OPEN
    assert next_working_start(calendar, dt.datetime(2026, 11, 28, 4, 36)) == MONDAY_OPEN
    # On a weekday evening: the next morning.
    monday_evening = MONDAY_OPEN.replace(hour=20)
    assert next_working_start(calendar, monday_evening) == MONDAY_OPEN + dt.timedelta(days=1)
