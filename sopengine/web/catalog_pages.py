"""Katalog SOP: upload a draft (YAML or an office document), see its errors in
place, the diff against the version in force, verify, return with a note,
approve, withdraw, and the SOPs due for review. For the SOP team and admins
only (catalog_access.py); every move is checked again on the server."""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

import sopengine
from sopengine.web import catalog_access as access
from sopengine.web.catalog_upload import check_upload
from sopengine.web.catalog_view import revision_context
from sopengine.web.i18n import lang_of, t
from sopengine.web.pages import NavItem, render
from sopengine.web.portal_book import catalog_of
from sopengine.web.routes import Pages
from sopengine.web.security import PageError, office_of, posted, require_user

router = Pages()
NAV = [NavItem("catalog", "/katalog", shown=lambda user: user.admin or bool(user.positions))]
STATES = ("draft", "in_review", "returned", "approved", "in_force", "due_for_review",
          "withdrawn")


def _team(request: Request) -> tuple[sopengine.Catalog, sopengine.User]:
    user = require_user(request)
    catalog = catalog_of(request)
    if not access.may_see(catalog, user, office_of(request).org):
        raise PageError(403, "err_403_catalog")
    return catalog, user


@router.get("/katalog")
def catalog_list(request: Request, status: str = "") -> Response:
    catalog, user = _team(request)
    catalog.refresh()
    state = status if status in STATES else None
    return render(request, "catalog/list.html", revisions=catalog.revisions(state=state),
                  states=STATES, chosen=state or "", may_submit=access.may(
                      catalog, user, "submit", office_of(request).org))


@router.get("/katalog/reviu")
def due_list(request: Request) -> Response:
    catalog, _ = _team(request)
    return render(request, "catalog/due.html", revisions=catalog.due(),
                  months=catalog.review_months)


@router.post("/katalog")
async def upload(request: Request) -> Response:
    form = await posted(request)  # the CSRF token first, whatever else is wrong
    file = form.get("file")
    raw = await file.read() if isinstance(file, UploadFile) and file.filename else None
    return await run_in_threadpool(_upload, request, form, file, raw)


def _upload(request: Request, form: Any, file: Any, raw: bytes | None) -> Response:
    """Check and submit the uploaded file as the signed-in user, in a worker thread (the
    database is never read on the event loop)."""
    catalog, user = _team(request)
    if not access.may(catalog, user, "submit", office_of(request).org):
        raise PageError(403, "err_403_move", move=t("move_submit", lang_of(request)))
    if raw is None:
        raise PageError(400, "err_no_file")
    try:
        checked = check_upload(file.filename, raw, lang_of(request))
    except sopengine.SopFileError as exc:
        return render(request, "catalog/invalid.html", status=422, checked=[],
                      problem=exc.reason, filename=file.filename)
    if not all(c.ok for c in checked):
        return render(request, "catalog/invalid.html", status=422, checked=checked,
                      problem=None, filename=file.filename)
    note = str(form.get("note") or "") or None
    try:
        revs = [_submit(catalog, c.loaded, user, note, form.get("draft") == "1")
                for c in checked]
    except sopengine.IllegalTransition as exc:  # OpenRevision: this SOP is in review
        return render(request, "catalog/invalid.html", status=409, checked=[],
                      problem=_why(exc, lang_of(request)), filename=file.filename)
    target = f"/katalog/{revs[0].id}" if len(revs) == 1 else "/katalog"
    return RedirectResponse(target, status_code=303)


def _submit(catalog: sopengine.Catalog, loaded: sopengine.LoadedSop, user: sopengine.User,
            note: str | None, draft: bool) -> sopengine.Revision:
    return catalog.submit(loaded, by=user.full_name or user.name, note=note, draft=draft)


@router.get("/katalog/{revision_id}")
def revision_page(request: Request, revision_id: int) -> Response:
    catalog, user = _team(request)
    return render(request, "catalog/revision.html",
                  **revision_context(catalog, _revision(catalog, revision_id), user,
                                     office_of(request).org))


@router.post("/katalog/{revision_id}/{move}")
async def move(request: Request, revision_id: int, move: str) -> Response:
    form = await posted(request)  # the CSRF token first, whatever else is wrong
    return await run_in_threadpool(_move, request, revision_id, move, form)


def _move(request: Request, revision_id: int, move: str, form: Any) -> Response:
    """Move the revision as the signed-in user, in a worker thread."""
    catalog, user = _team(request)
    if move not in access.MOVERS:
        raise PageError(404, "err_404")
    lang = lang_of(request)
    if not access.may(catalog, user, move, office_of(request).org):
        raise PageError(403, "err_403_move", move=t(f"move_{move}", lang))
    rev = _revision(catalog, revision_id)
    seen = form.get("seen")  # how many moves the page showed: moved since, it is stale
    if seen is not None and str(seen) != str(len(catalog.history(rev.id))):
        return _conflict(request, catalog, rev, user)
    try:
        _apply(catalog, rev, move, user, form)
    except (sopengine.AlreadyDone, sopengine.NotFound):  # someone moved it at this moment
        return _conflict(request, catalog, rev, user)
    except (sopengine.SopError, Refused) as exc:
        context = revision_context(catalog, catalog.get(rev.id), user, office_of(request).org)
        context["problem"] = _why(exc, lang)
        return render(request, "catalog/revision.html", status=409, **context)
    return RedirectResponse(f"/katalog/{rev.id}", status_code=303)


def _conflict(request: Request, catalog: sopengine.Catalog, rev: sopengine.Revision,
              user: sopengine.User) -> Response:
    """409: the revision moved since the page was shown (or at the same moment): the page
    as it is now, saying who moved it, how and when."""
    lang = lang_of(request)
    context = revision_context(catalog, catalog.follow(rev.id), user, office_of(request).org)
    last = context["history"][-1]
    context["problem"] = t("err_moved_meanwhile", lang, move=t(f"move_{last.trigger}", lang),
                           by=last.by or "-", at=f"{last.at:%d-%m-%Y %H:%M}")
    return render(request, "catalog/revision.html", status=409, **context)


class Refused(Exception):
    """A move refused before it is tried; ``key`` names the message."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _apply(catalog: sopengine.Catalog, rev: sopengine.Revision, move: str,
           user: sopengine.User, form: Any) -> None:
    by = user.full_name or user.name
    note = str(form.get("note") or "").strip() or None
    if move == "return" and not note:
        raise Refused("err_note_needed")
    if move == "approve":
        number = str(form.get("number") or "").strip() or catalog.default_number(rev)
        if not number:
            raise Refused("err_number_needed")
        catalog.approve(rev.id, by=by, note=note, number=number,
                        effective=_date(form.get("effective")))
        return
    act = {"submit": catalog.send, "verify": catalog.verify, "return": catalog.return_,
           "withdraw": catalog.withdraw, "confirm": catalog.confirm}[move]
    act(rev.id, by=by, note=note)


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        raise Refused("err_bad_date") from None


def _why(exc: Exception, lang: str) -> str:
    if isinstance(exc, Refused):
        return t(exc.key, lang)
    if isinstance(exc, sopengine.SopInvalid):
        first = next((d for d in exc.diagnostics if d.is_error), None)
        return f"{exc.path}: {first.message}" if first else str(exc)
    if isinstance(exc, sopengine.OpenRevision):
        return t("open_revision", lang, sop=exc.sop_id, revision=exc.revision,
                 id=exc.revision_id, state=t(f"state_{exc.state}", lang))
    if isinstance(exc, sopengine.IllegalTransition):
        state = exc.state.partition(" (")[0]
        return t("cannot_move", lang, move=t(f"move_{exc.trigger}", lang),
                 state=t(f"state_{state}", lang))
    return str(exc)


def _revision(catalog: sopengine.Catalog, revision_id: int) -> sopengine.Revision:
    try:
        return catalog.follow(revision_id)
    except sopengine.NotFound:
        raise PageError(404, "err_404") from None

