"""Who is asking, and is the form genuine.

The session cookie carries a random token signed with the database's secret
(HttpOnly, SameSite=Lax, Secure over HTTPS, expiring); the session itself is a
row, so signing out ends it everywhere. Every state-changing form carries a
CSRF token: an HMAC of the session token (or, before signing in, of a random
visitor cookie) that a page of another site cannot read or compute.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from itsdangerous import BadSignature, TimestampSigner
from starlette.requests import Request
from starlette.responses import Response

import sopengine
from sopengine.web.office import Office

SESSION = "sopengine_session"
VISITOR = "sopengine_visitor"
CSRF_FIELD = "csrf"


class PageError(Exception):
    """An error shown as a page: an HTTP status and a message key of web.i18n."""

    def __init__(self, status: int, key: str, **values: object) -> None:
        super().__init__(key)
        self.status, self.key, self.values = status, key, values


class SignInNeeded(Exception):
    """The request needs a signed-in user (pages redirect, the API answers 401)."""


def office_of(request: Request) -> Office:
    return request.app.state.office  # type: ignore[no-any-return]


def _signer(request: Request) -> TimestampSigner:
    return request.app.state.signer  # type: ignore[no-any-return]


def session_token(request: Request) -> str | None:
    raw = request.cookies.get(SESSION)
    if not raw:
        return None
    hours = office_of(request).settings.session_hours
    try:
        return _signer(request).unsign(raw, max_age=int(hours * 3600)).decode()
    except BadSignature:
        return None


def current_user(request: Request) -> sopengine.User | None:
    if "user" not in request.state._state:
        token = session_token(request)
        request.state.user = office_of(request).signin.session_user(token) if token else None
    return request.state.user  # type: ignore[no-any-return]


def require_user(request: Request) -> sopengine.User:
    user = current_user(request)
    if user is None:
        raise SignInNeeded
    return user


def require_admin(request: Request) -> sopengine.User:
    user = require_user(request)
    if not user.admin:
        raise PageError(403, "err_403_admin")
    return user


def set_session(request: Request, response: Response, token: str) -> None:
    hours = office_of(request).settings.session_hours
    response.set_cookie(SESSION, _signer(request).sign(token).decode(),
                        max_age=int(hours * 3600), httponly=True, samesite="lax",
                        secure=request.url.scheme == "https", path="/")


def clear_session(response: Response) -> None:
    response.delete_cookie(SESSION, path="/", httponly=True, samesite="lax")


def visitor_id(request: Request) -> str:
    if "visitor" not in request.state._state:
        request.state.visitor = request.cookies.get(VISITOR) or secrets.token_urlsafe(24)
    return request.state.visitor  # type: ignore[no-any-return]


def csrf_token(request: Request) -> str:
    basis = session_token(request) or visitor_id(request)
    key: bytes = request.app.state.csrf_key
    return hmac.new(key, basis.encode(), hashlib.sha256).hexdigest()


def check_csrf(request: Request, form: object) -> None:
    sent = str(getattr(form, "get", lambda *_: "")(CSRF_FIELD, "") or "")
    if not hmac.compare_digest(sent, csrf_token(request)):
        raise PageError(403, "err_csrf")


async def posted(request: Request) -> Any:
    """The posted form, once its CSRF token is checked. Uploaded files are spooled
    to temporary files, closed when the answer has been sent (see the app)."""
    form = await request.form(max_files=20, max_fields=100)
    request.state.form = form
    check_csrf(request, form)
    return form


async def close_form(request: Request) -> None:
    form = request.state._state.pop("form", None)
    if form is not None:
        await form.close()


def safe_next(target: str | None, default: str = "/") -> str:
    """A local path to go to after signing in (never another site)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return default
    return target
