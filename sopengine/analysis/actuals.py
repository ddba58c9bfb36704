"""How long steps really take: actual working time against the standard, per step.

Actual time is the working time (on the office calendar) from when a task became
ready to when it was done; late means done after its due time.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from sopengine.definition.calendar import WorkingCalendar
from sopengine.definition.duration import WorkingTime
from sopengine.definition.model import Sop


class DoneTask(Protocol):
    """What the comparison reads of a task: the runtime's Task record has it."""

    @property
    def step(self) -> str: ...
    @property
    def ready_at(self) -> dt.datetime: ...
    @property
    def due_at(self) -> dt.datetime: ...
    @property
    def done_at(self) -> dt.datetime | None: ...


@dataclass(frozen=True)
class StepActuals:
    step: str
    standard_minutes: float
    count: int
    median_minutes: float | None
    p90_minutes: float | None
    share_late: float | None


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) by linear interpolation between closest ranks."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def compare_actuals(sop: Sop, done: Iterable[DoneTask], calendar: WorkingCalendar,
                    working_time: WorkingTime) -> list[StepActuals]:
    """One row per step of ``sop``, in row order, over the done tasks given."""
    actual: dict[str, list[float]] = defaultdict(list)
    late: dict[str, int] = defaultdict(int)
    for task in done:
        if task.done_at is None:
            continue
        actual[task.step].append(calendar.between(task.ready_at, task.done_at))
        late[task.step] += task.done_at > task.due_at
    rows = []
    for step in sop.steps:
        values = actual.get(step.id, [])
        rows.append(StepActuals(
            step.id, step.time.minutes(working_time), len(values),
            statistics.median(values) if values else None,
            percentile(values, 0.9) if values else None,
            late[step.id] / len(values) if values else None))
    return rows
