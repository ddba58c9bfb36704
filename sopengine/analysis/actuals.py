"""How long steps really take: actual working time against the standard, per step.

Actual time is the working time (on the office calendar) from when a task became
ready to when it was done; late means done after its due time. Instances may run
older versions of the SOP (each is pinned to the definition it started with):
given those versions, a step of any of them has its row.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
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
    #: False: the step is only in older versions of the SOP (its standard is the
    #: newest of those that have it)
    in_newest: bool = True
    #: the standard minutes of each version having the step, newest first, when they
    #: differ (``standard_minutes`` is the first); empty when all agree
    standards: tuple[float, ...] = ()


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) by linear interpolation between closest ranks."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def compare_actuals(sop: Sop, done: Iterable[DoneTask], calendar: WorkingCalendar,
                    working_time: WorkingTime, *,
                    older: Sequence[Sop] = ()) -> list[StepActuals]:
    """One row per step of ``sop``, in row order, over the done tasks given; then one
    per step that only ``older`` versions of it have (newest first), so the tasks of
    instances pinned to an older version are counted too. Rows group by step id."""
    actual: dict[str, list[float]] = defaultdict(list)
    late: dict[str, int] = defaultdict(int)
    for task in done:
        if task.done_at is None:
            continue
        actual[task.step].append(calendar.between(task.ready_at, task.done_at))
        late[task.step] += task.done_at > task.due_at
    standards: dict[str, list[float]] = {}
    for version in (sop, *older):
        for step in version.steps:
            standards.setdefault(step.id, []).append(step.time.minutes(working_time))
    newest = {step.id for step in sop.steps}
    rows = []
    for step_id, minutes in standards.items():
        values = actual.get(step_id, [])
        distinct = tuple(dict.fromkeys(minutes))
        rows.append(StepActuals(
            step_id, minutes[0], len(values),
            statistics.median(values) if values else None,
            percentile(values, 0.9) if values else None,
            late[step_id] / len(values) if values else None,
            in_newest=step_id in newest, standards=distinct if len(distinct) > 1 else ()))
    return rows
