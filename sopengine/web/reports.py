"""Monitoring and evaluation from real data: per SOP, actual against standard
time per step (median, p90, share late) across its instances, as a page and as
CSV (what `sopengine report` prints)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

import sopengine
from sopengine.web.csv_out import csv_response
from sopengine.web.i18n import lang_of, t
from sopengine.web.office import Office
from sopengine.web.pages import NavItem, render
from sopengine.web.routes import Pages
from sopengine.web.security import PageError, office_of, require_user

router = Pages()
NAV = [NavItem("reports", "/laporan")]


def rows_of(office: Office, sop_id: str) -> tuple[sopengine.Sop, list[sopengine.StepActuals],
                                                  dict[str, str]]:
    """The report across every version the SOP's instances are pinned to (the newest
    instance's first; the folder's file when none ran), and each step's activity as
    the newest version having it words it."""
    engine = office.engine
    versions = engine.versions(sop_id) or [s for s in (office.sop(sop_id),) if s]
    if not versions:
        raise PageError(404, "err_404")
    rows = sopengine.compare_actuals(versions[0], engine.step_times(sop_id), engine.calendar,
                                     engine.working_time, older=versions[1:])
    actions: dict[str, str] = {}
    for version in versions:
        for step in version.steps:
            actions.setdefault(step.id, step.action)
    return versions[0], rows, actions


@router.get("/laporan")
def index(request: Request) -> Response:
    require_user(request)
    office = office_of(request)
    counts = office.engine.instance_counts()
    return render(request, "reports.html", sops=office.sops, counts=counts)


@router.get("/laporan/{sop_id}")
def report(request: Request, sop_id: str) -> Response:
    require_user(request)
    sop, rows, actions = rows_of(office_of(request), sop_id)
    return render(request, "report.html", sop=sop, rows=rows, actions=actions)


@router.get("/laporan/{sop_id}/csv")
def report_csv(request: Request, sop_id: str) -> Response:
    require_user(request)
    sop, rows, actions = rows_of(office_of(request), sop_id)
    lang = lang_of(request)
    return csv_response([t(k, lang) for k in ("step", "activity", "standard_time", "count",
                                              "median", "p90", "share_late")],
                        [(r.step, actions[r.step], r.standard_minutes, r.count,
                          r.median_minutes, r.p90_minutes, r.share_late) for r in rows],
                        f"laporan-{sop.id}.csv")
