"""Users (admins only): create, disable or enable, reset a password, and the
positions each holds; the SOP actors no user holds are listed beside."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

import sopengine
from sopengine.web import i18n
from sopengine.web.pages import NavItem, render
from sopengine.web.positions import unknown_positions
from sopengine.web.routes import Pages
from sopengine.web.security import PageError, office_of, posted, require_admin

router = Pages()
NAV = [NavItem("users", "/pengguna", shown=lambda user: user.admin)]


def _page(request: Request, status: int = 200, error: str | None = None,
          saved: bool = False) -> Response:
    office = office_of(request)
    return render(request, "users.html", status=status, users=office.accounts.all(),
                  known=office.org.positions,
                  unmatched=[office.unmatched_text(u, i18n.lang_of(request))
                             for u in office.unmatched_actors()],
                  error=error, saved=saved)


@router.get("/pengguna")
def users_page(request: Request) -> Response:
    require_admin(request)
    return _page(request, saved=request.query_params.get("ok") == "1")


def _positions(request: Request, form: object) -> list[str]:
    """The positions posted, one a line; each must be one of the org file's."""
    positions = [p.strip() for p in str(getattr(form, "get")("positions", "")).splitlines()  # noqa: B009
                 if p.strip()]
    org = office_of(request).org
    unknown = unknown_positions(org, positions)
    if unknown:
        raise PageError(400, "err_position", names=", ".join(unknown),
                        known=", ".join(org.positions))
    return positions


@router.post("/pengguna")
async def create(request: Request) -> Response:
    form = await posted(request)
    await run_in_threadpool(require_admin, request)
    accounts = office_of(request).accounts
    try:
        await run_in_threadpool(
            lambda: accounts.add(str(form.get("username", "")), str(form.get("password", "")),
                                 full_name=str(form.get("full_name", "")),
                                 admin=form.get("admin") == "1",
                                 positions=_positions(request, form)))
    except sopengine.AccountError as exc:
        return await run_in_threadpool(
            _page, request, status=400,
            error=sopengine.account_error(str(exc), i18n.lang_of(request)))
    return RedirectResponse("/pengguna?ok=1", status_code=303)


@router.post("/pengguna/{name}")
async def change(request: Request, name: str) -> Response:
    form = await posted(request)
    me = await run_in_threadpool(require_admin, request)
    accounts = office_of(request).accounts
    action = str(form.get("action", ""))
    try:
        await run_in_threadpool(_apply, accounts, name, action, form, me,
                                _positions(request, form) if action == "positions" else [])
    except sopengine.AccountError as exc:
        return await run_in_threadpool(
            _page, request, status=400,
            error=sopengine.account_error(str(exc), i18n.lang_of(request)))
    return RedirectResponse("/pengguna?ok=1", status_code=303)


def _apply(accounts: sopengine.Accounts, name: str, action: str, form: object,
           me: sopengine.User, positions: list[str]) -> None:
    get = getattr(form, "get")  # noqa: B009
    if action == "positions":
        accounts.set_positions(name, positions)
    elif action == "password":
        accounts.set_password(name, str(get("password", "")))
    elif action in ("disable", "enable"):
        if name == me.name:
            raise sopengine.AccountError("you cannot disable your own account")
        accounts.set_disabled(name, action == "disable")
    else:
        raise sopengine.AccountError(f"unknown action '{action}'")
