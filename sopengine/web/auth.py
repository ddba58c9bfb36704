"""Signing in and out. The form posts ``username``, ``password`` and its CSRF
token; failures are throttled per account and per address (in the database, so
shared by every worker)."""

from __future__ import annotations

import math

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

import sopengine
from sopengine.web.i18n import lang_of, t
from sopengine.web.pages import render
from sopengine.web.routes import Pages
from sopengine.web.security import (
    clear_session,
    current_user,
    office_of,
    posted,
    safe_next,
    session_token,
    set_session,
)

router = Pages()


@router.get("/")
def home(request: Request) -> Response:
    return RedirectResponse("/tugas" if current_user(request) else "/masuk", status_code=303)


@router.get("/masuk")
def sign_in_page(request: Request, next: str = "/tugas") -> Response:
    return render(request, "signin.html", next=safe_next(next, "/tugas"))


@router.post("/masuk")
async def sign_in(request: Request) -> Response:
    form = await posted(request)
    name, password = str(form.get("username", "")), str(form.get("password", ""))
    target = safe_next(str(form.get("next", "")), "/tugas")
    office = office_of(request)
    address = request.client.host if request.client else ""
    try:
        user = await run_in_threadpool(office.signin.check, name, password, address)
    except sopengine.SignInRefused as refused:
        return await run_in_threadpool(
            render, request, "signin.html", status=_status(refused), next=target,
            username=name, error=_why(refused, lang_of(request)))
    token = await run_in_threadpool(office.signin.open_session, user,
                                    office.settings.session_hours)
    response = RedirectResponse(target, status_code=303)
    set_session(request, response, token)
    return response


@router.post("/keluar")
async def sign_out(request: Request) -> Response:
    await posted(request)
    token = session_token(request)
    if token:
        await run_in_threadpool(office_of(request).signin.close_session, token)
    response = RedirectResponse("/masuk", status_code=303)
    clear_session(response)
    return response


def _status(refused: sopengine.SignInRefused) -> int:
    return 429 if refused.retry_after else 401


def _why(refused: sopengine.SignInRefused, lang: str) -> str:
    if refused.retry_after:
        return t("throttled", lang, minutes=math.ceil(refused.retry_after / 60))
    return t("disabled" if "disabled" in str(refused) else "wrong_password", lang)
