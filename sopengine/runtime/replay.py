"""Rebuild an instance from its history alone, and compare with the stored state.

The history (``events``) is the truth; ``instances``/``tasks`` are a cache of it
kept for queries. ``replay`` recomputes every task (step, state, who, branch,
when) and the join counters from the events and the pinned definition, and
returns the differences with what is stored: none, for a healthy instance.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import select

from sopengine.runtime.engine import Engine
from sopengine.runtime.records import Event, Task
from sopengine.runtime.routing import route
from sopengine.runtime.schema import instances


@dataclass
class Replayed:
    status: str = "running"
    finished_at: dt.datetime | None = None
    arrivals: dict[str, int] = field(default_factory=dict)
    tasks: list[tuple[object, ...]] = field(default_factory=list)  # one row per task


def rebuild(engine: Engine, instance_id: int) -> Replayed:
    inst = engine.instance(instance_id)
    sop, flow = engine.definition(inst.definition)
    history = engine.history(instance_id)
    state = Replayed()
    ready: dict[str, int] = {}  # step -> index in state.tasks

    def make_ready(step: str, at: dt.datetime) -> None:
        due = engine.calendar.add(at, sop.step(step).time.minutes(engine.working_time))
        ready[step] = len(state.tasks)
        state.tasks.append((step, "ready", at, due, None, None, None, None, None))

    for ev in history:
        if ev.kind == "started":
            make_ready(sop.steps[0].id, ev.at)
        elif ev.kind == "completed":
            _complete(state, ready, ev)
            move = route(flow, str(ev.step), ev.branch, state.arrivals)
            state.arrivals = move.arrivals
            for step in move.ready:
                make_ready(step, ev.at)
            if move.reached_end and not ready:
                state.status, state.finished_at = "completed", ev.at
        elif ev.kind == "cancelled":
            for i in ready.values():
                state.tasks[i] = (*state.tasks[i][:1], "cancelled", *state.tasks[i][2:4], ev.at,
                                  None, None, None, None)
            ready.clear()
            state.status, state.finished_at = "cancelled", ev.at
    return state


def _complete(state: Replayed, ready: dict[str, int], ev: Event) -> None:
    i = ready.pop(str(ev.step))
    step, _, at, due, *_ = state.tasks[i]
    state.tasks[i] = (step, "done", at, due, ev.at, ev.by, ev.actor, ev.branch, ev.note)


def stored(engine: Engine, instance_id: int) -> Replayed:
    with engine.store.reading() as conn:
        row = conn.execute(select(instances).where(instances.c.id == instance_id)).one()
    tasks: list[Task] = engine.all_tasks(instance_id)
    return Replayed(row.status, row.finished_at, json.loads(row.arrivals),
                    [(t.step, t.state, t.ready_at, t.due_at, t.done_at, t.done_by, t.actor,
                      t.branch, t.note) for t in tasks])


def replay_differences(engine: Engine, instance_id: int) -> list[str]:
    """What differs between the stored state and the replay of the history (ideally [])."""
    want, have = rebuild(engine, instance_id), stored(engine, instance_id)
    out = [f"{name}: stored {getattr(have, name)!r}, replayed {getattr(want, name)!r}"
           for name in ("status", "finished_at", "arrivals")
           if getattr(have, name) != getattr(want, name)]
    if len(want.tasks) != len(have.tasks):
        out.append(f"tasks: stored {len(have.tasks)}, replayed {len(want.tasks)}")
    out += [f"task {i + 1}: stored {h}, replayed {w}"
            for i, (h, w) in enumerate(zip(have.tasks, want.tasks, strict=False)) if h != w]
    return out
