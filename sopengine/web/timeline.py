"""An instance's timeline: each step's actual working time against its
standard, late or not (its Gantt chart is web.gantt's)."""

from __future__ import annotations

from dataclasses import dataclass

import sopengine
from sopengine.web.office import Office


@dataclass(frozen=True)
class Row:
    task: sopengine.Task
    number: int
    action: str
    actor: str
    standard: float
    actual: float | None
    late: bool


def timeline(office: Office, inst: sopengine.Instance, sop: sopengine.Sop) -> list[Row]:
    engine, now = office.engine, office.engine.clock()
    numbers = {s.id: n for n, s in enumerate(sop.steps, 1)}
    rows = []
    for task in engine.all_tasks(inst.id):
        if task.state == "cancelled":
            continue
        step = sop.step(task.step)
        rows.append(Row(
            task, numbers[task.step], step.action,
            sop.actors.get(task.actor or "", "") or ", ".join(sop.actors[a] for a in task.actors),
            step.time.minutes(engine.working_time),
            engine.calendar.between(task.ready_at, task.done_at) if task.done_at else None,
            task.is_late(now)))
    return rows
