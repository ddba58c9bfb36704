"""Tugas saya (the inbox), a task's page, and completing it."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

import sopengine
from sopengine.web import fragments, work
from sopengine.web.i18n import lang_of
from sopengine.web.pages import NavItem, render
from sopengine.web.positions import may_act
from sopengine.web.routes import Pages
from sopengine.web.security import PageError, office_of, posted, require_user
from sopengine.web.uploads import checked_uploads

router = Pages()
NAV = [NavItem("my_tasks", "/tugas", count=lambda request, user: work.inbox_count(
    request, office_of(request), user), cap=work.INBOX_LIMIT)]


@router.get("/tugas")
def my_tasks(request: Request, hal: str = "1") -> Response:
    user = require_user(request)
    page = work.inbox_page(request, office_of(request), user, int(hal) if hal.isdigit() else 1)
    rows = fragments.task_rows(page.items, office_of(request).engine.clock(), lang_of(request))
    return render(request, "tasks.html", page=page, items=page.items, rows=rows)


def _task_context(request: Request, instance_id: int, task_id: int) -> dict[str, object]:
    office = office_of(request)
    user = require_user(request)
    inst, task, sop = work.find_task(office, instance_id, task_id)
    step = sop.step(task.step)
    return {"inst": inst, "task": task, "sop": sop, "step": step,
            "row": [s.id for s in sop.steps].index(step.id) + 1,
            "actors": work.actor_names(office, sop, task.actors),
            "mine": may_act(office.org, sop, task.actors, user.positions),
            "minutes": step.time.minutes(office.engine.working_time),
            "history": office.engine.history(inst.id),
            "files": office.files.of_instance(inst.id),
            "chart": work.flowchart(office, inst.definition, sop, step.id, lang_of(request)),
            "max_mb": office.settings.max_file_mb, "max_files": office.settings.max_files,
            "next": _next_task(request, user, task.id)}


def _next_task(request: Request, user: sopengine.User, done: int) -> work.InboxItem | None:
    items = work.inbox(office_of(request), user, limit=2)
    return next((i for i in items if i.task.id != done), None)


@router.get("/instans/{instance_id}/tugas/{task_id}")
def task_page(request: Request, instance_id: int, task_id: int) -> Response:
    context = _task_context(request, instance_id, task_id)
    return render(request, "task.html", done=request.query_params.get("selesai") == "1",
                  **context)


@router.post("/instans/{instance_id}/tugas/{task_id}")
async def complete(request: Request, instance_id: int, task_id: int) -> Response:
    form = await posted(request)
    if not await run_in_threadpool(_complete, request, instance_id, task_id, form):
        return await _already_done(request, instance_id, task_id)
    return RedirectResponse(f"/instans/{instance_id}/tugas/{task_id}?selesai=1",
                            status_code=303)


def _complete(request: Request, instance_id: int, task_id: int, form: object) -> bool:
    """Complete the task as the signed-in user (one trip to a worker thread: the
    database is never read on the event loop); False when it was done already."""
    office, user = office_of(request), require_user(request)
    inst, task, sop = work.find_task(office, instance_id, task_id)
    actor = work.acting_as(office, sop, task, user)
    if task.state != "ready":
        return False
    branch = _answer(form, sop.step(task.step))
    uploads = checked_uploads(form, office.settings)
    note = str(getattr(form, "get")("note", "")).strip()[:4000] or None  # noqa: B009
    try:
        work.complete(office, inst, task, actor, branch, note, user, uploads)
    except sopengine.AlreadyDone:
        return False
    return True


def _answer(form: object, step: sopengine.Step) -> str | None:
    if not step.branches:
        return None
    answer = str(getattr(form, "get")("answer", ""))  # noqa: B009 - a FormData
    if answer not in step.branches:
        raise PageError(400, "err_answer", answers=", ".join(step.branches))
    return answer


async def _already_done(request: Request, instance_id: int, task_id: int) -> Response:
    return await run_in_threadpool(_conflict_page, request, instance_id, task_id)


def _conflict_page(request: Request, instance_id: int, task_id: int) -> Response:
    """The task's page saying who completed it first (its reads and the nav bar's
    count in a worker thread, as every page's)."""
    context = _task_context(request, instance_id, task_id)
    return render(request, "task.html", status=409, done=False, conflict=True, **context)
