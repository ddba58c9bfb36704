"""Critical path method over an SOP's flow, in one forward and one backward pass.

The graph is the flow without its loop-back edges; rows are already in a
topological order, so each pass is linear in steps plus edges. A decision's
alternatives and parallel branches both meet with ``max`` going forward (the
longest alternative counts, a join waits for the slowest branch) and ``min``
going back. Times are minutes, from each step's nominal time (``likely`` for a
three-point estimate).

>>> from sopengine.definition.model import Sop
>>> sop = Sop.model_validate({"sop": 1, "id": "x", "title": "X", "actors": {"a": "A"},
...     "steps": [{"id": "s", "actor": "a", "action": "Mulai", "time": 10, "next": ["p", "q"]},
...               {"id": "p", "actor": "a", "action": "P", "time": 30, "next": "j"},
...               {"id": "q", "actor": "a", "action": "Q", "time": 20},
...               {"id": "j", "actor": "a", "action": "Gabung", "time": 5}]})
>>> cp = critical_path(sop)
>>> cp.total_minutes, cp.critical_path, cp.step("q").slack
(45.0, ('s', 'p', 'j'), 10.0)
"""

from __future__ import annotations

from dataclasses import dataclass

from sopengine.definition.duration import DEFAULT_WORKING_TIME, WorkingTime
from sopengine.definition.flow import Flow
from sopengine.definition.model import END, Sop

EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class StepTimes:
    id: str
    duration: float
    earliest_start: float
    earliest_finish: float
    latest_start: float
    latest_finish: float
    slack: float  # total slack (float): how late it may finish without delaying the end
    free_slack: float  # how late it may finish without delaying any follower
    critical: bool


@dataclass(frozen=True, slots=True)
class ActorLoad:
    minutes: float
    steps: int


@dataclass(frozen=True)
class CriticalPath:
    sop_id: str
    total_minutes: float
    critical_path: tuple[str, ...]
    steps: tuple[StepTimes, ...]
    actors: dict[str, ActorLoad]
    working_time: WorkingTime
    rework_only: tuple[str, ...] = ()  # steps that run only when work is sent back

    @property
    def total_hours(self) -> float:
        return self.total_minutes / 60

    @property
    def total_days(self) -> float:
        return self.total_minutes / self.working_time.day_minutes

    def step(self, step_id: str) -> StepTimes:
        return next(s for s in self.steps if s.id == step_id)


def critical_path(sop: Sop, flow: Flow | None = None,
                  working_time: WorkingTime = DEFAULT_WORKING_TIME) -> CriticalPath:
    """Earliest/latest times, slack and the critical steps of a valid SOP."""
    flow = flow or Flow(sop)
    main = flow.main_line  # rework-only steps do not run on the path without rework
    order = [sid for sid in flow.ids if sid in main]
    dur = {s.id: s.time.minutes(working_time) for s in sop.steps}
    es = _earliest(flow, order, dur)
    total = es[END]
    times = _backward(flow, order, dur, es, total)
    return CriticalPath(
        sop_id=sop.id, total_minutes=total,
        critical_path=tuple(t.id for t in times if t.critical),
        steps=times, actors=_actor_loads(sop, dur), working_time=working_time,
        rework_only=tuple(sid for sid in flow.ids if sid in flow.reachable
                          and sid not in main))


def _earliest(flow: Flow, order: list[str], dur: dict[str, float]) -> dict[str, float]:
    """Earliest start of each step on the main line, and of END (the total)."""
    es: dict[str, float] = {}
    finish: dict[str, float] = {}
    for sid in (*order, END):
        start = 0.0
        for e in flow.forward_in(sid):
            f = finish.get(e.source)  # None: a rework-only step
            if f is not None and f > start:
                start = f
        es[sid] = start
        if sid != END:
            finish[sid] = start + dur[sid]
    return es


def _backward(flow: Flow, order: list[str], dur: dict[str, float], es: dict[str, float],
              total: float) -> tuple[StepTimes, ...]:
    """Latest times, total and free slack, from the end back (one pass)."""
    ls: dict[str, float] = {END: total}
    out: list[StepTimes] = []
    for sid in reversed(order):
        latest = early_next = total
        for e in flow.forward_out(sid):
            late = ls.get(e.target)
            if late is None:  # not on the main line
                continue
            latest = min(latest, late)
            early_next = min(early_next, es[e.target])
        d, start = dur[sid], es[sid]
        ls[sid] = latest - d
        slack = latest - d - start
        out.append(StepTimes(sid, d, start, start + d, latest - d, latest, slack,
                             early_next - (start + d), abs(slack) <= EPSILON))
    out.reverse()
    return tuple(out)


def _actor_loads(sop: Sop, dur: dict[str, float]) -> dict[str, ActorLoad]:
    loads = {aid: [0.0, 0] for aid in sop.actors}
    for step in sop.steps:
        for actor in step.actor:
            if actor in loads:
                loads[actor][0] += dur[step.id]
                loads[actor][1] += 1
    return {aid: ActorLoad(m, int(n)) for aid, (m, n) in loads.items()}
