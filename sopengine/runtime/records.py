"""Plain records the engine hands out: instances, tasks, events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class Instance:
    id: int
    sop_id: str
    definition: str  # sha256 of the exact YAML the instance runs
    status: str  # running | completed | cancelled
    started_at: dt.datetime
    finished_at: dt.datetime | None
    clock: str  # real | virtual
    title: str | None = None  # e.g. "Pengukuran kinerja TW IV 2026"
    started_by: str | None = None  # the user name of whoever started it


@dataclass(frozen=True)
class Task:
    id: int
    instance_id: int
    step: str
    actors: tuple[str, ...]
    state: str  # ready | done | cancelled
    ready_at: dt.datetime
    due_at: dt.datetime
    done_at: dt.datetime | None = None
    done_by: str | None = None
    actor: str | None = None
    branch: str | None = None
    note: str | None = None

    def is_late(self, now: dt.datetime) -> bool:
        """Done after its due time, or still open past it."""
        return (self.done_at or now) > self.due_at if self.state != "cancelled" else False


@dataclass(frozen=True)
class Event:
    seq: int
    kind: str  # started | completed | cancelled
    at: dt.datetime
    step: str | None = None
    actor: str | None = None
    by: str | None = None
    branch: str | None = None
    note: str | None = None
    outputs: tuple[str, ...] = ()
    task_id: int | None = None


class StepTime(NamedTuple):
    """When a done task became ready, was due and was done: what a report reads of it
    (``analysis.actuals.DoneTask``)."""

    step: str
    ready_at: dt.datetime
    due_at: dt.datetime
    done_at: dt.datetime
