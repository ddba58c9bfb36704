"""Due times on the office calendar: the cost of one `add` as the span grows.

The seed office's calendar (sops/calendar.yaml: two windows a day, national
holidays and cuti bersama of Indonesia) adds working time spanning a day, a
month, a year and ten years from 5 January 2026; for each span, the time of
`WorkingCalendar.add` against a plain day-by-day walk of the same windows (the
reference of tests/test_calendar_properties.py), both in this run. Their
results must agree.

Then what a report does a million times: the working minutes a done task took,
`WorkingCalendar.between(ready, done)`, over ``--pairs`` pairs spread over 2026
(each task up to four days long), against the least a report could do per pair,
the wall-clock minutes `(done - ready) / 60 s`, in the same run (median of 5).

    python bench/due_times.py [--repeat 200] [--pairs 200000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
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
    parser.add_argument("--pairs", type=int, default=200_000)
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
    report_pairs(calendar, args.pairs)


def report_pairs(calendar: WorkingCalendar, n: int) -> None:
    """`between` over ``n`` done tasks, against the wall-clock minutes of the same."""
    rank = random.Random(1)
    year = dt.datetime(2026, 1, 1, 7, 30)
    pairs = []
    for _ in range(n):
        ready = year + dt.timedelta(minutes=rank.randrange(365 * 24 * 60))
        pairs.append((ready, ready + dt.timedelta(minutes=rank.randrange(4 * 24 * 60))))
    minute = dt.timedelta(minutes=1)
    worked, clock = [], []
    for _ in range(5):
        fresh = WorkingCalendar(**{f: getattr(calendar, f) for f in (
            "start", "end", "weekdays", "holidays", "hours", "national", "cuti_bersama",
            "day_hours")})  # its kept days empty again: each run finds them anew
        start = time.perf_counter()
        total = sum(fresh.between(a, b) for a, b in pairs)
        worked.append(time.perf_counter() - start)
        start = time.perf_counter()
        plain = sum((b - a) / minute for a, b in pairs)
        clock.append(time.perf_counter() - start)
    per, floor = statistics.median(worked) / n * 1e6, statistics.median(clock) / n * 1e6
    print(f"a report's working minutes, {n:,} done tasks over 2026 (median of 5): between "
          f"{per:.2f} us ({min(worked) / n * 1e6:.2f}-{max(worked) / n * 1e6:.2f}) per task, "
          f"wall-clock minutes {floor:.2f} us: {per / floor:.1f}x; "
          f"{total / n:.0f} working of {plain / n:.0f} minutes on average")


if __name__ == "__main__":
    main()
