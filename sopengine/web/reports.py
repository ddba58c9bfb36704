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


Report = tuple[sopengine.Sop, list[sopengine.StepActuals], dict[str, str]]
KEPT = 32  # reports a worker keeps


def rows_of(office: Office, sop_id: str) -> Report:
    """The report, kept per worker until the SOP's history changes: computing it reads
    every done task (1.2 million at 100,000 instances, seconds), checking it one count
    (Engine.history_state), so the page after the CSV, or a colleague's, is at once."""
    state = office.engine.history_state(sop_id)  # read before the tasks: a report is
    # never older than the state it is kept under (at worst newer, computed again)
    kept = office.reports.get(sop_id)
    if kept is not None and kept[0] == state:
        return kept[1]  # type: ignore[return-value]
    report = _computed(office, sop_id)
    if state[0]:  # with no instance the folder's file is reported: it may change
        if len(office.reports) >= KEPT:
            office.reports.pop(next(iter(office.reports)))
        office.reports[sop_id] = (state, report)
    return report


def _computed(office: Office, sop_id: str) -> Report:
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
