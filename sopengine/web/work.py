"""What a user may see and do, from the engine's records: the inbox of every
position held, and whether a task or an SOP start is theirs."""

from __future__ import annotations

from dataclasses import dataclass

import sopengine
from sopengine.web.office import Office
from sopengine.web.positions import held_actors, may_act, position_of
from sopengine.web.security import PageError


@dataclass(frozen=True)
class InboxItem:
    task: sopengine.Task
    instance: sopengine.Instance
    sop: sopengine.Sop
    actor: str  # the actor id the user acts as

    @property
    def step(self) -> sopengine.Step:
        return self.sop.step(self.task.step)


def inbox(office: Office, user: sopengine.User, limit: int = 200) -> list[InboxItem]:
    """Ready tasks of every position the user holds, soonest due first."""
    actor_ids = {a for loaded in office.sops.values() if loaded.sop
                 for a in held_actors(loaded.sop, user.positions)}
    seen: dict[int, InboxItem] = {}
    instances: dict[int, sopengine.Instance] = {}
    for actor in sorted(actor_ids):
        for task in office.engine.tasks(actor=actor, limit=limit):
            if task.id in seen:
                continue
            inst = instances.get(task.instance_id) or office.engine.instance(task.instance_id)
            instances[inst.id] = inst
            sop, _ = office.engine.definition(inst.definition)
            mine = may_act(sop, task.actors, user.positions)
            if mine:
                seen[task.id] = InboxItem(task, inst, sop, mine)
    return sorted(seen.values(), key=lambda i: (i.task.due_at, i.task.id))[:limit]


def inbox_count(office: Office, user: sopengine.User) -> int:
    return len(inbox(office, user))


def actor_names(sop: sopengine.Sop, actors: tuple[str, ...]) -> str:
    return ", ".join(position_of(sop.actors.get(a, a)) for a in actors)


def find_task(office: Office, instance_id: int,
              task_id: int) -> tuple[sopengine.Instance, sopengine.Task, sopengine.Sop]:
    try:
        inst = office.engine.instance(instance_id)
    except sopengine.NotFound:
        raise PageError(404, "err_404") from None
    task = next((t for t in office.engine.all_tasks(inst.id) if t.id == task_id), None)
    if task is None:
        raise PageError(404, "err_404")
    sop, _ = office.engine.definition(inst.definition)
    return inst, task, sop


def acting_as(sop: sopengine.Sop, task: sopengine.Task, user: sopengine.User) -> str:
    """The actor id the user completes ``task`` as; 403 when they hold none of its actors."""
    actor = may_act(sop, task.actors, user.positions)
    if actor is None:
        raise PageError(403, "err_403_task", actors=actor_names(sop, task.actors))
    return actor


def startable(office: Office, user: sopengine.User) -> list[sopengine.LoadedSop]:
    """The SOPs whose first step's actor the user holds."""
    return [loaded for loaded in office.sops.values() if loaded.sop
            and may_act(loaded.sop, loaded.sop.steps[0].actor, user.positions)]


def display_name(user: sopengine.User) -> str:
    return user.full_name if user.full_name == user.name else f"{user.full_name} ({user.name})"


def flowchart(office: Office, sha: str, sop: sopengine.Sop, step: str | None, lang: str) -> str:
    """The flowchart SVG with ``step`` marked, drawn once per worker."""
    key = (sha, step, lang)
    if key not in office.charts:
        if len(office.charts) > 500:
            office.charts.clear()
        office.charts[key] = sopengine.flowchart_svg(sop, mark=step, lang=lang)
    return office.charts[key]
