"""An instance's timeline: each done step's actual working time against its
standard, late or not, and bars for a small SVG chart (drawn by the template)."""

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
    start: float  # working minutes from the instance's start, for the chart
    end: float


def timeline(office: Office, inst: sopengine.Instance, sop: sopengine.Sop) -> list[Row]:
    engine, now = office.engine, office.engine.clock()
    numbers = {s.id: n for n, s in enumerate(sop.steps, 1)}
    rows = []
    for task in engine.all_tasks(inst.id):
        if task.state == "cancelled":
            continue
        step = sop.step(task.step)
        finish = task.done_at or now
        rows.append(Row(
            task, numbers[task.step], step.action,
            sop.actors.get(task.actor or "", "") or ", ".join(sop.actors[a] for a in task.actors),
            step.time.minutes(engine.working_time),
            engine.calendar.between(task.ready_at, task.done_at) if task.done_at else None,
            task.is_late(now), engine.calendar.between(inst.started_at, task.ready_at),
            engine.calendar.between(inst.started_at, finish)))
    return rows


def chart_scale(rows: list[Row], width: float = 600) -> float:
    """Pixels per working minute so the last bar ends at ``width``."""
    longest = max((r.end for r in rows), default=0) or 1
    return width / longest
