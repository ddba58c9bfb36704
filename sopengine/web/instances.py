"""Starting an SOP, the list of instances with filters, an instance's page with
its timeline, cancelling, and the files handed over."""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

import sopengine
from sopengine.web import work
from sopengine.web.csv_out import csv_response
from sopengine.web.gantt import gantt_svg
from sopengine.web.i18n import lang_of, t
from sopengine.web.in_force import start_source, startable
from sopengine.web.pages import NavItem, render, when
from sopengine.web.portal_book import catalog_of
from sopengine.web.positions import may_act
from sopengine.web.routes import Pages
from sopengine.web.security import PageError, office_of, posted, require_user
from sopengine.web.timeline import timeline

router = Pages()
NAV = [NavItem("start_sop", "/mulai", shown=lambda user: bool(user.positions)),
       NavItem("instances", "/instans")]
STATUSES = ("running", "completed", "cancelled")
LISTED = 500  # the newest instances shown that pass the filters
CSV_ROWS = 100_000  # the most a download lists


@router.get("/mulai")
def start_page(request: Request) -> Response:
    user, office, catalog = require_user(request), office_of(request), catalog_of(request)
    sources, in_use = startable(catalog, office.sops)
    return render(request, "start.html", sops=work.startable(office, user, sources),
                  catalog_in_use=in_use)


@router.post("/mulai/{sop_id}")
async def start(request: Request, sop_id: str) -> Response:
    form = await posted(request)
    office, user = office_of(request), await run_in_threadpool(require_user, request)
    loaded = await run_in_threadpool(start_source, catalog_of(request), office.sops, sop_id,
                                     lang_of(request))
    assert loaded.sop is not None
    first = loaded.sop.steps[0]
    if may_act(office.org, loaded.sop, first.actor, user.positions) is None:
        raise PageError(403, "err_403_start",
                        actors=work.actor_names(office, loaded.sop, first.actor))
    title = str(form.get("title", "")).strip()[:300] or loaded.sop.title
    inst = await run_in_threadpool(office.engine.start, loaded, title=title,
                                   by=work.display_name(user), user=user.name)
    return RedirectResponse(f"/instans/{inst.id}", status_code=303)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise PageError(400, "err_date", value=value[:40]) from None


@router.get("/instans")
def instance_list(request: Request, sop: str = "", status: str = "", late: str = "",
                  dari: str = "", sampai: str = "") -> Response:
    filters = {"sop": sop, "status": status, "late": late, "dari": dari, "sampai": sampai}
    rows = _listed(request, filters, LISTED)
    return render(request, "instances.html", rows=rows, filters=filters,
                  sops=office_of(request).sops, statuses=STATUSES, capped=len(rows) == LISTED)


@router.get("/instans/csv")
def instance_csv(request: Request, sop: str = "", status: str = "", late: str = "",
                 dari: str = "", sampai: str = "") -> Response:
    """The list as the page's filters have it, every match up to ``CSV_ROWS``: for a
    reviewer's working papers."""
    filters = {"sop": sop, "status": status, "late": late, "dari": dari, "sampai": sampai}
    lang = lang_of(request)
    header = ["#", t("title", lang), "SOP", t("status", lang), t("started", lang),
              t("finished", lang), t("started_by", lang), t("late", lang)]
    return csv_response(header, [
        (r["inst"].id, r["inst"].title or r["sop"].title, r["sop"].title,
         t(r["inst"].status, lang), when(r["inst"].started_at),
         when(r["inst"].finished_at) if r["inst"].finished_at else "",
         r["inst"].started_by or "", t("yes" if r["late"] else "no_word", lang))
        for r in _listed(request, filters, CSV_ROWS)], "instans.csv")


def _listed(request: Request, filters: dict[str, str], limit: int) -> list[dict[str, object]]:
    require_user(request)
    engine = office_of(request).engine
    found = engine.find_instances(
        status=filters["status"] if filters["status"] in STATUSES else None,
        sop_id=filters["sop"] or None, started_from=_date(filters["dari"]),
        started_until=_date(filters["sampai"]), late_only=bool(filters["late"]), limit=limit)
    return [{"inst": inst, "late": is_late, "sop": engine.definition(inst.definition)[0]}
            for inst, is_late in found]


@router.get("/instans/{instance_id}")
def instance_page(request: Request, instance_id: int) -> Response:
    user = require_user(request)
    office = office_of(request)
    inst = work.instance_or_404(office, instance_id)
    sop, _ = office.engine.definition(inst.definition)
    rows = timeline(office, inst, sop)
    open_tasks = [r.task for r in rows if r.task.state == "ready"]
    return render(request, "instance.html", inst=inst, sop=sop, rows=rows,
                  has_gantt=any(r.task.state == "done" for r in rows), open_tasks=open_tasks,
                  history=office.engine.history(inst.id),
                  files=office.files.of_instance(inst.id),
                  may_cancel=inst.status == "running" and work.may_cancel(user, inst),
                  chart=work.flowchart(office, inst.definition, sop, None, lang_of(request)))


@router.get("/instans/{instance_id}/gantt.svg")
async def gantt(request: Request, instance_id: int) -> Response:
    """The Gantt chart `sopengine gantt INSTANCE` draws, for the instance page."""
    svg = await run_in_threadpool(_gantt, request, instance_id)
    if svg is None:
        raise PageError(404, "err_404")
    return Response(svg, media_type="image/svg+xml")


def _gantt(request: Request, instance_id: int) -> str | None:
    require_user(request)
    office = office_of(request)
    inst = work.instance_or_404(office, instance_id)
    sop, _ = office.engine.definition(inst.definition)
    return gantt_svg(office, inst, sop, lang_of(request))


@router.post("/instans/{instance_id}/batal")
async def cancel(request: Request, instance_id: int) -> Response:
    form = await posted(request)
    office, user = office_of(request), await run_in_threadpool(require_user, request)
    inst = await run_in_threadpool(work.instance_or_404, office, instance_id)
    if not work.may_cancel(user, inst):
        raise PageError(403, "err_403_cancel")
    note = str(form.get("note", "")).strip()[:2000] or None
    with suppress(sopengine.IllegalTransition):  # already ended: the page shows how
        await run_in_threadpool(office.engine.cancel, instance_id,
                                by=work.display_name(user), note=note)
    return RedirectResponse(f"/instans/{instance_id}", status_code=303)


@router.get("/berkas/{attachment_id}")
def download(request: Request, attachment_id: int) -> Response:
    require_user(request)
    office = office_of(request)
    try:
        found = office.files.get(attachment_id)
    except sopengine.NotFound:
        raise PageError(404, "err_404") from None
    return FileResponse(office.files.path(found), media_type=found.content_type,
                        headers={"Content-Disposition": "attachment; filename*=UTF-8''"
                                 + quote(found.name)})
