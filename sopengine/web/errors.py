"""Every error is a page with a clear message, never a traceback; the API
answers JSON instead."""

from __future__ import annotations

import logging

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

import sopengine
from sopengine.web import i18n
from sopengine.web.pages import render
from sopengine.web.security import PageError, SignInNeeded, office_of

log = logging.getLogger("sopengine.web")
_BY_STATUS = {403: "err_403", 404: "err_404", 405: "err_405", 413: "err_413"}


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def error_page(request: Request, status: int, key: str, **values: object) -> Response:
    lang = i18n.lang_of(request)
    if key == "err_413":
        values.setdefault("mb", office_of(request).settings.max_file_mb)
    message = i18n.t(key, lang, **values)
    if is_api(request):
        return JSONResponse({"error": key, "message": message}, status_code=status)
    return render(request, "error.html", status=status, message=message)


async def _error_page(request: Request, status: int, key: str, **values: object) -> Response:
    """The error page, made in a worker thread: it reads the session and the nav bar's
    count, and the event loop reads no database."""
    return await run_in_threadpool(error_page, request, status, key, **values)


async def page_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageError)
    return await _error_page(request, exc.status, exc.key, **exc.values)


async def sign_in_needed(request: Request, exc: Exception) -> Response:
    if is_api(request):
        return JSONResponse({"error": "unauthorized", "message": "sign in or send a token: "
                             "Authorization: Bearer TOKEN"}, status_code=401,
                            headers={"WWW-Authenticate": "Bearer"})
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    from urllib.parse import quote

    return RedirectResponse(f"/masuk?next={quote(target)}", status_code=303)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return await _error_page(request, exc.status_code,
                             _BY_STATUS.get(exc.status_code, "err_404"))


async def bad_input(request: Request, exc: Exception) -> Response:
    return await _error_page(request, 400, "err_input", why=_why_invalid(exc)[:300])


def _why_invalid(exc: Exception) -> str:
    """Each refused field and why (an API call's validation errors), else the first
    line of the error."""
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return str(exc).splitlines()[0]
    return "; ".join(f"{'.'.join(map(str, e['loc'][1:])) or e['loc'][0]}: {e['msg']}"
                     for e in errors()[:3])


async def store_failed(request: Request, exc: Exception) -> Response:
    """The database failed (runtime/store_errors.py): its kind in the user's words, the
    driver's own words only in the log; 409 for a collision, else 503."""
    assert isinstance(exc, sopengine.StoreError)
    log.error("database error serving %s %s: %s (%s)", request.method, request.url.path,
              exc.kind, exc.detail or exc)
    status = 409 if exc.kind == "conflict" else 503
    key = f"store_{exc.kind or 'refused'}"
    try:
        return await _error_page(request, status, key)
    except sopengine.StoreError:  # the page needs the database too (the session): plain words
        return Response(i18n.t(key, i18n.lang_of(request)), status_code=status,
                        media_type="text/plain")


async def server_error(request: Request, exc: Exception) -> Response:
    log.exception("error serving %s %s", request.method, request.url.path, exc_info=exc)
    try:
        return await _error_page(request, 500, "err_500")
    except Exception:  # the error page itself failed: plain words, still no traceback
        return Response(i18n.t("err_500", i18n.lang_of(request)), status_code=500,
                        media_type="text/plain")


HANDLERS = {PageError: page_error, SignInNeeded: sign_in_needed, HTTPException: http_error,
            sopengine.StoreError: store_failed, Exception: server_error}
