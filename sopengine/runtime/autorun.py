"""Run an instance to its end without asking anything, on a virtual clock.

A discrete-event simulation through the real engine: each ready task finishes
its standard time (nominal minutes, on the working calendar) after it became
ready; the earliest finish is completed next. Decisions take the branch given by
``decide`` (``{"koreksi": "Tidak"}``) or draw one by the branches' chances from
a seeded generator, so a run is repeatable.
"""

from __future__ import annotations

import datetime as dt
import heapq
import random
from collections.abc import Mapping

from sopengine.definition.calendar import WorkingCalendar
from sopengine.definition.flow import Edge, Flow
from sopengine.definition.loader import LoadedSop
from sopengine.errors import EngineError
from sopengine.runtime.engine import Completion, Engine
from sopengine.runtime.records import Instance, Task
from sopengine.runtime.routing import branch_chances, choose_branch

MAX_LOOP_ROUNDS = 1_000  # times one loop-back edge may be taken in one run


def next_working_start(calendar: WorkingCalendar, now: dt.datetime) -> dt.datetime:
    """The next working day's opening time: a round, repeatable start for a virtual
    run (a run started on a Friday evening begins on Monday morning)."""
    tomorrow = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(0),
                                   tzinfo=now.tzinfo)
    return calendar.next_working(tomorrow)


def run_auto(engine: Engine, loaded: LoadedSop, *, seed: int | None = None,
             decide: Mapping[str, str] | None = None,
             start: dt.datetime | None = None) -> tuple[Instance, list[Completion]]:
    """Start an instance and drive it to its end; returns it and every completion."""
    rng = random.Random(seed)
    decide = dict(decide or {})
    start = start or next_working_start(engine.calendar, engine.clock())
    instance = engine.start(loaded, at=start, virtual=True)
    sop, flow = engine.definition(instance.definition)
    for step, branch in decide.items():  # fail before running, not half-way
        choose_branch(flow, step, branch)
    queue: list[tuple[dt.datetime, int, Task]] = []
    order = 0

    def schedule(task: Task) -> None:
        nonlocal order
        minutes = sop.step(task.step).time.minutes(engine.working_time)
        heapq.heappush(queue, (engine.calendar.add(task.ready_at, minutes), order, task))
        order += 1

    for task in engine.tasks(instance_id=instance.id):
        schedule(task)
    done: list[Completion] = []
    rounds: dict[Edge, int] = {}
    while queue:
        finish, _, task = heapq.heappop(queue)
        branch = decide.get(task.step) or _draw(flow, task.step, rng)
        completion = engine.complete(instance.id, task.step, branch=branch, at=finish)
        done.append(completion)
        _count_rounds(flow, completion, rounds)
        for new in completion.new_tasks:
            schedule(new)
    final = engine.instance(instance.id)
    if final.status == "running":
        raise EngineError(_stuck_message(flow, final, done))
    return final, done


def _count_rounds(flow: Flow, completion: Completion, rounds: dict[Edge, int]) -> None:
    """Count the loop-back edges this completion took; stop a loop taken too often
    (however long the SOP, a run without rework never stops here)."""
    for edge in flow.out_edges(completion.task.step):
        if edge.back and (edge.kind != "branch" or edge.label == completion.branch):
            rounds[edge] = rounds.get(edge, 0) + 1
            if rounds[edge] >= MAX_LOOP_ROUNDS:
                raise EngineError(
                    f"stopped after step '{edge.source}' sent the work back to step "
                    f"'{edge.target}' {MAX_LOOP_ROUNDS:,} times: a rework loop kept "
                    "repeating (check --decide and the chances)")


def _stuck_message(flow: Flow, instance: Instance, done: list[Completion]) -> str:
    """No task is open, yet the instance has not ended: name the joins left waiting."""
    ran = {c.task.step for c in done} | {t.step for c in done for t in c.new_tasks}
    waiting = sorted({e.target for c in done for e in flow.out_edges(c.task.step)
                      if e.target not in ran and flow.structure.awaits.get(e.target, 1) > 1})
    where = (f" (step {', '.join(repr(w) for w in waiting)} still waits for branches that "
             "never came)") if waiting else ""
    return (f"instance {instance.id} can make no progress: no task is open but the SOP has not "
            f"reached its end{where}; it stays running. Check the SOP with "
            "`sopengine validate`: a definition stored before a rule existed can have such a "
            "join")


def _draw(flow: object, step: str, rng: random.Random) -> str | None:
    options = branch_chances(flow, step)  # type: ignore[arg-type]
    if not options:
        return None
    labels, weights = zip(*options, strict=True)
    if sum(weights) <= 0:
        return str(labels[0])
    return str(rng.choices(labels, weights=weights)[0])
