"""The JSON API under /api, for other government systems: the same operations
as the pages (tasks, complete, start, instances, report) and the same
authorization, with a bearer token per program (`sopengine user token NAME`).
Its OpenAPI description is /api/openapi.json; anonymous calls get 401."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import FileResponse

import sopengine
from sopengine.web import work
from sopengine.web.i18n import lang_of, t
from sopengine.web.in_force import start_source
from sopengine.web.portal_book import catalog_of
from sopengine.web.positions import may_act
from sopengine.web.reports import rows_of
from sopengine.web.security import PageError, SignInNeeded, office_of
from sopengine.web.uploads import Upload, checked_files

router = APIRouter(prefix="/api", tags=["sopengine"])
bearer = HTTPBearer(auto_error=False, description="an API token: sopengine user token NAME")


def api_user(request: Request, credentials: Annotated[
        HTTPAuthorizationCredentials | None, Depends(bearer)]) -> sopengine.User:
    user = office_of(request).signin.token_user(credentials.credentials) if credentials \
        else None
    if user is None:
        raise SignInNeeded
    return user


User = Annotated[sopengine.User, Depends(api_user)]


class TaskOut(BaseModel):
    instance_id: int
    task_id: int
    sop_id: str
    step: str
    action: str
    actors: list[str]
    state: str
    ready_at: dt.datetime
    due_at: dt.datetime
    late: bool
    answers: list[str] = Field(description="a decision's answers, as the SOP writes them")
    done_by: str | None = None
    done_at: dt.datetime | None = None


class EventOut(BaseModel):
    seq: int
    kind: str
    at: dt.datetime
    step: str | None
    by: str | None
    answer: str | None
    note: str | None


class FileOut(BaseModel):
    id: int
    task_id: int
    name: str
    content_type: str
    size: int
    by: str | None
    at: dt.datetime
    url: str = Field(description="download it (with the same token)")


class InstanceOut(BaseModel):
    id: int
    sop_id: str
    title: str | None
    status: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    started_by: str | None
    late: bool = Field(description="a task done after its due time, or open past it")
    open_tasks: list[TaskOut] = []
    history: list[EventOut] = []
    files: list[FileOut] = []


class CompleteIn(BaseModel):
    answer: str | None = Field(None, description="for a decision: one of its answers")
    note: str | None = Field(None, max_length=4000)


class CancelIn(BaseModel):
    note: str | None = Field(None, max_length=2000, description="why, kept in the history")


class StartIn(BaseModel):
    sop_id: str
    title: str | None = Field(None, max_length=300)


class ReportRow(BaseModel):
    step: str
    action: str
    standard_minutes: float
    count: int
    median_minutes: float | None
    p90_minutes: float | None
    share_late: float | None
    in_newest_version: bool = True
    standards_by_version: list[float] | None = None


def _task(task: sopengine.Task, sop: sopengine.Sop, sop_id: str, now: dt.datetime) -> TaskOut:
    step = sop.step(task.step)
    return TaskOut(instance_id=task.instance_id, task_id=task.id, sop_id=sop_id,
                   step=task.step, action=step.action, actors=list(task.actors),
                   state=task.state, ready_at=task.ready_at, due_at=task.due_at,
                   late=task.is_late(now), answers=list(step.branches or ()),
                   done_by=task.done_by, done_at=task.done_at)


def _instance(office: object, inst: sopengine.Instance, full: bool = False,
              late: bool | None = None) -> InstanceOut:
    engine = office.engine  # type: ignore[attr-defined]
    if late is None:
        late = any(t.is_late(engine.clock()) for t in engine.all_tasks(inst.id))
    out = InstanceOut(id=inst.id, sop_id=inst.sop_id, title=inst.title, status=inst.status,
                      started_at=inst.started_at, finished_at=inst.finished_at,
                      started_by=inst.started_by, late=late)
    if full:
        sop, _ = engine.definition(inst.definition)
        now = engine.clock()
        out.open_tasks = [_task(t, sop, inst.sop_id, now)
                          for t in engine.tasks(instance_id=inst.id)]
        out.history = [EventOut(seq=e.seq, kind=e.kind, at=e.at, step=e.step, by=e.by,
                                answer=e.branch, note=e.note)
                       for e in engine.history(inst.id)]
        out.files = [FileOut(id=f.id, task_id=f.task_id, name=f.name,
                             content_type=f.content_type, size=f.size, by=f.by, at=f.at,
                             url=f"/api/files/{f.id}")
                     for f in office.files.of_instance(inst.id)]  # type: ignore[attr-defined]
    return out


@router.get("/tasks", summary="My tasks: the `limit` soonest due ready tasks of every "
            "position held (default 200, at most 1000); complete them to see later ones")
def tasks(request: Request, user: User,
          limit: Annotated[int, Query(ge=1, le=1000)] = work.INBOX_LIMIT) -> list[TaskOut]:
    office = office_of(request)
    now = office.engine.clock()
    return [_task(i.task, i.sop, i.instance.sop_id, now)
            for i in work.inbox(office, user, limit=limit)]


@router.post("/instances/{instance_id}/tasks/{task_id}/complete",
             summary="Complete a task (403 without its actor's position, 409 when done)")
def complete(request: Request, instance_id: int, task_id: int, body: CompleteIn,
             user: User) -> InstanceOut:
    return _complete(request, instance_id, task_id, user, body.answer, body.note, [])


@router.post("/instances/{instance_id}/tasks/{task_id}/complete-with-files",
             summary="Complete a task handing over output files (multipart/form-data: "
             "answer, note, files); the same limits as the form (size, count, PDF, PNG, "
             "JPEG, .docx, .xlsx; no path in a name)")
def complete_with_files(request: Request, instance_id: int, task_id: int, user: User,
                        answer: Annotated[str | None, Form()] = None,
                        note: Annotated[str | None, Form(max_length=4000)] = None,
                        files: Annotated[list[UploadFile] | None, File()] = None
                        ) -> InstanceOut:
    checked = checked_files(list(files or ()), office_of(request).settings)
    return _complete(request, instance_id, task_id, user, answer, note, checked)


def _complete(request: Request, instance_id: int, task_id: int, user: sopengine.User,
              answer: str | None, note: str | None, uploads: list[Upload]) -> InstanceOut:
    office = office_of(request)
    inst, task, sop = work.find_task(office, instance_id, task_id)
    actor = work.acting_as(office, sop, task, user)
    step = sop.step(task.step)
    if step.branches and answer not in step.branches:
        raise PageError(400, "err_answer", answers=", ".join(step.branches))
    if task.state != "ready":
        raise PageError(409, "done_by", by=task.done_by, at=f"{task.done_at:%d-%m-%Y %H:%M}")
    try:
        work.complete(office, inst, task, actor, answer if step.branches else None,
                      (note or "").strip() or None, user, uploads)
    except sopengine.AlreadyDone:
        _, done, _ = work.find_task(office, instance_id, task_id)
        raise PageError(409, "done_by", by=done.done_by,
                        at=f"{done.done_at:%d-%m-%Y %H:%M}") from None
    return _instance(office, office.engine.instance(instance_id), full=True)


@router.post("/instances/{instance_id}/cancel",
             summary="Cancel a running instance and its open tasks (an admin or its "
             "starter; 403 otherwise, 409 when it has already ended)")
def cancel(request: Request, instance_id: int, body: CancelIn, user: User) -> InstanceOut:
    office = office_of(request)
    inst = work.instance_or_404(office, instance_id)
    if not work.may_cancel(user, inst):
        raise PageError(403, "err_403_cancel")
    try:
        office.engine.cancel(instance_id, by=work.display_name(user),
                             note=(body.note or "").strip() or None)
    except sopengine.IllegalTransition:
        now = office.engine.instance(instance_id).status
        raise PageError(409, "err_not_running", state=t(now, lang_of(request))) from None
    return _instance(office, office.engine.instance(instance_id), full=True)


@router.get("/files/{file_id}", summary="An output file handed over with a completion",
            response_class=FileResponse)
def download(request: Request, file_id: int, user: User) -> FileResponse:
    files = office_of(request).files
    try:
        found = files.get(file_id)
    except sopengine.NotFound:
        raise PageError(404, "err_404") from None
    return FileResponse(files.path(found), media_type=found.content_type,
                        headers={"Content-Disposition": "attachment; filename*=UTF-8''"
                                 + quote(found.name)})


@router.post("/instances", summary="Start an SOP in force (for holders of its first step's "
             "actor; 409 when the catalog has it withdrawn or not yet in force)")
def start(request: Request, body: StartIn, user: User) -> InstanceOut:
    office = office_of(request)
    loaded = start_source(catalog_of(request), office.sops, body.sop_id, lang_of(request))
    assert loaded.sop is not None
    first = loaded.sop.steps[0]
    if may_act(office.org, loaded.sop, first.actor, user.positions) is None:
        raise PageError(403, "err_403_start",
                        actors=work.actor_names(office, loaded.sop, first.actor))
    inst = office.engine.start(loaded, title=(body.title or "").strip() or loaded.sop.title,
                               by=work.display_name(user), user=user.name)
    return _instance(office, inst, full=True)


@router.get("/instances", summary="Instances, newest first, filtered as the instances "
            "page filters them (the start dates inclusive)")
def instances(request: Request, user: User, sop: str | None = None,
              status: str | None = None, started_from: dt.date | None = None,
              started_until: dt.date | None = None, late: bool = False,
              limit: int = 100) -> list[InstanceOut]:
    office = office_of(request)
    found = office.engine.find_instances(
        sop_id=sop, status=status, started_from=started_from, started_until=started_until,
        late_only=late, limit=min(max(limit, 1), 1000))
    return [_instance(office, i, late=flag) for i, flag in found]


@router.get("/instances/{instance_id}", summary="An instance: open tasks and history")
def instance(request: Request, instance_id: int, user: User) -> InstanceOut:
    office = office_of(request)
    return _instance(office, work.instance_or_404(office, instance_id), full=True)


@router.get("/reports/{sop_id}", summary="Actual against standard time per step")
def report(request: Request, sop_id: str, user: User) -> list[ReportRow]:
    _, rows, actions = rows_of(office_of(request), sop_id)
    return [ReportRow(step=r.step, action=actions[r.step],
                      standard_minutes=r.standard_minutes, count=r.count,
                      median_minutes=r.median_minutes, p90_minutes=r.p90_minutes,
                      share_late=r.share_late, in_newest_version=r.in_newest,
                      standards_by_version=list(r.standards) or None) for r in rows]
