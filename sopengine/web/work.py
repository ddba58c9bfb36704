"""What a user may see and do, from the engine's records: the inbox of every
position held, and whether a task or an SOP start is theirs."""

from __future__ import annotations

from dataclasses import dataclass

import sopengine
from sopengine.web.office import Office
from sopengine.web.positions import held, may_act, position_of
from sopengine.web.security import PageError
from sopengine.web.uploads import Upload

INBOX_LIMIT = 200  # the most tasks counted in the nav bar (beyond it: "200+")
PAGE = 50  # tasks per page of Tugas saya
MAX_PAGE = 100  # the deepest page served (5,000 tasks): the inbox stays bounded


@dataclass(frozen=True)
class InboxItem:
    task: sopengine.Task
    instance: sopengine.Instance
    sop: sopengine.Sop
    actor: str  # the actor id the user acts as

    @property
    def step(self) -> sopengine.Step:
        return self.sop.step(self.task.step)

    @property
    def actor_name(self) -> str:
        return self.sop.actors[self.actor]


Reach = tuple[tuple[str, ...], frozenset[tuple[str, str]]]  # see _reach


def inbox(office: Office, user: sopengine.User, limit: int = INBOX_LIMIT,
          reach: Reach | None = None) -> list[InboxItem]:
    """Ready tasks of every position the user holds, soonest due first."""
    items = []
    held_here = held(office.org, user.positions)
    ids, _ = reach or _reach(office, user)
    for task, inst in office.engine.inbox(ids, limit=limit):
        actor = _acting_as(office, held_here, inst.definition, task.actors)
        if actor:
            sop, _ = office.engine.definition(inst.definition)
            items.append(InboxItem(task, inst, sop, actor))
    return items


def inbox_count(request: object, office: Office, user: sopengine.User,
                reach: Reach | None = None) -> int:
    """How many tasks wait for the user, counted up to ``INBOX_LIMIT + 1`` (one more: is
    there more?), once per request (the nav bar's badge and the Tugas saya page)."""
    state = getattr(request, "state")  # noqa: B009
    if "inbox_count" not in state._state:
        ids, skip = reach or _reach(office, user)
        state.inbox_count = office.engine.inbox_count(ids, limit=INBOX_LIMIT + 1, skip=skip)
    return state.inbox_count  # type: ignore[no-any-return]


def _reach(office: Office, user: sopengine.User) -> Reach:
    """The actor ids the user's positions stand for in any stored definition (what the
    instances run: the directory's SOPs and those published through the catalog since),
    and the (actor id, definition) pairs among them where that definition names the
    actor as a position the user does not hold (a text naming its actors otherwise):
    their tasks wait under the same id, but not for the user. Found again only when a
    definition has been stored since (they are never changed or removed)."""
    shas = office.engine.definitions()
    key = tuple(user.positions)
    found = office.actor_ids.get(key)
    if found is None or found[0] != len(shas):
        mine = held(office.org, key)
        per = {sha: _positions(office, sha) for sha in shas}
        ids = tuple(sorted({a for actors in per.values() for a, position in actors.items()
                            if position in mine}))
        skip = frozenset((a, sha) for sha, actors in per.items()
                         for a, position in actors.items() if a in ids and position not in mine)
        found = office.actor_ids[key] = (len(shas), ids, skip)
    return found[1], found[2]


def _positions(office: Office, sha: str) -> dict[str, str | None]:
    """The position behind each actor id of a stored definition."""
    known = office.actor_positions
    if sha not in known:
        sop, _ = office.engine.definition(sha)
        known[sha] = {a: position_of(office.org, name) for a, name in sop.actors.items()}
    return known[sha]


def _acting_as(office: Office, mine: set[str], sha: str,
               actors: tuple[str, ...]) -> str | None:
    """The first of a task's actors whose position in its stored definition (a pinned
    SOP may name its actors otherwise than the one served) is among ``mine``."""
    positions = _positions(office, sha)
    return next((a for a in actors if positions.get(a) in mine), None)


@dataclass(frozen=True)
class InboxPage:
    items: list[InboxItem]
    number: int  # 1-based
    first: int  # the number of the page's first task (1-based)
    total: int  # tasks known to wait, at most what was read
    more: bool  # more wait beyond ``total``
    has_next: bool


def inbox_page(request: object, office: Office, user: sopengine.User,
               number: int) -> InboxPage:
    """Page ``number`` of the inbox (``PAGE`` tasks), soonest due first: the tasks up to
    the page's end and one more are read, the rest only counted."""
    number = min(max(number, 1), MAX_PAGE)
    reach = _reach(office, user)  # once for both the list and the count
    found = inbox(office, user, limit=number * PAGE + 1, reach=reach)
    if number == 1 and len(found) <= PAGE:  # all of them read: nothing more to count
        getattr(request, "state").inbox_count = len(found)  # noqa: B009
    counted = max(inbox_count(request, office, user, reach), len(found))
    cap = max(INBOX_LIMIT, number * PAGE)
    start = (number - 1) * PAGE
    return InboxPage(found[start:start + PAGE], number, start + 1, min(counted, cap),
                     counted > cap, len(found) > number * PAGE and number < MAX_PAGE)


def actor_names(office: Office, sop: sopengine.Sop, actors: tuple[str, ...]) -> str:
    names = [sop.actors.get(a, a) for a in actors]
    return ", ".join(position_of(office.org, n) or n for n in names)


def instance_or_404(office: Office, instance_id: int) -> sopengine.Instance:
    """The instance, or the 404 page when there is none of that number."""
    try:
        return office.engine.instance(instance_id)
    except sopengine.NotFound:
        raise PageError(404, "err_404") from None


def find_task(office: Office, instance_id: int,
              task_id: int) -> tuple[sopengine.Instance, sopengine.Task, sopengine.Sop]:
    """The task of the instance, with the instance and its pinned SOP; else the 404 page."""
    try:
        inst, task = office.engine.task(instance_id, task_id)
    except sopengine.NotFound:
        raise PageError(404, "err_404") from None
    sop, _ = office.engine.definition(inst.definition)
    return inst, task, sop


def acting_as(office: Office, sop: sopengine.Sop, task: sopengine.Task,
              user: sopengine.User) -> str:
    """The actor id the user completes ``task`` as; 403 when they hold none of its actors."""
    actor = may_act(office.org, sop, task.actors, user.positions)
    if actor is None:
        raise PageError(403, "err_403_task", actors=actor_names(office, sop, task.actors))
    return actor


def startable(office: Office, user: sopengine.User,
              sources: list[sopengine.LoadedSop]) -> list[sopengine.LoadedSop]:
    """Of ``sources``, the SOPs whose first step's actor the user holds."""
    return [loaded for loaded in sources if loaded.sop
            and may_act(office.org, loaded.sop, loaded.sop.steps[0].actor, user.positions)]


def complete(office: Office, inst: sopengine.Instance, task: sopengine.Task, actor: str,
             branch: str | None, note: str | None, user: sopengine.User,
             uploads: list[Upload]) -> None:
    """Complete ``task`` as ``actor``, its output files stored with it (and removed again
    when the completion does not happen: someone else was first (AlreadyDone), or a later
    file could not be written (StoreError uploads-full)."""
    files = office.files
    who = display_name(user)
    stored: list[sopengine.Attachment] = []
    try:
        for u in uploads:
            stored.append(files.add(inst.id, task.id, u.name, u.content_type, u.file, by=who))
        office.engine.complete(inst.id, task.step, branch=branch, by=who, actor=actor,
                               note=note, task_id=task.id)
    except BaseException:
        for attachment in stored:  # the completion did not happen: neither did its files
            files.remove(attachment)
        raise


def may_cancel(user: sopengine.User, inst: sopengine.Instance) -> bool:
    """An admin or the instance's starter may cancel it (pages and API alike)."""
    return user.admin or (inst.started_by is not None and inst.started_by == user.name)


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
