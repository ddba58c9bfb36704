"""Due times on the office calendar: the cost of one `add` as the span grows.

The seed office's calendar (sops/calendar.yaml: two windows a day, national
holidays and cuti bersama of Indonesia) adds working time spanning a day, a
month, a year and ten years from 5 January 2026; for each span, the time of
`WorkingCalendar.add` against a plain day-by-day walk of the same windows (the
reference of tests/test_calendar_properties.py), both in this run. Their
results must agree.

    python bench/due_times.py [--repeat 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sopengine.definition.calendar import WorkingCalendar
from sopengine.definition.calendar_file import load_calendar

ROOT = Path(__file__).resolve().parent.parent


def walk(calendar: WorkingCalendar, moment: dt.datetime, minutes: float) -> dt.datetime:
    """Day by day, window by window."""
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


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    calendar = load_calendar(ROOT / "sops")
    start = dt.datetime(2026, 1, 5, 7, 30)
    print(f"machine: {platform.machine()}, CPython {platform.python_version()}; "
          f"median of {args.repeat}")
    for name, days in (("a day", 1), ("a month", 21), ("a year", 245), ("ten years", 2450)):
        minutes = days * calendar.day_minutes
        fast, due = timed(lambda m=minutes: calendar.add(start, m), args.repeat)
        slow, ref = timed(lambda m=minutes: walk(calendar, start, m), max(3, args.repeat // 20))
        assert abs(due - ref) <= dt.timedelta(milliseconds=1), (due, ref)
        print(f"  {name:>9} ({days:>5} working days): add {fast * 1e6:8.1f} us, "
              f"day-by-day walk {slow * 1e6:10.1f} us, ratio {slow / fast:6.1f}x  -> {due}")


if __name__ == "__main__":
    main()
