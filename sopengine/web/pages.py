"""Rendering pages: one Jinja2 environment (autoescaping on), the navigation
bar every area adds to, and the values every template gets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

import sopengine
from sopengine.web import i18n
from sopengine.web.security import csrf_token, current_user, office_of

TEMPLATES = Path(__file__).parent / "templates"
# the templates are the package's: read once, not checked for changes on every page
env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                  trim_blocks=True, lstrip_blocks=True, auto_reload=False)


@dataclass(frozen=True)
class NavItem:
    key: str  # an i18n key
    path: str
    shown: Callable[[sopengine.User], bool] = lambda user: True
    count: Callable[[Request, sopengine.User], int] | None = None  # a badge, e.g. tasks
    cap: int = 200  # a count above it shows as "200+"


NAV: list[NavItem] = []  # areas append their entries when the app is built


def when(moment: dt.datetime | None) -> str:
    return f"{moment:%d-%m-%Y %H:%M}" if moment else "-"


def minutes(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


env.filters["when"] = when
env.filters["minutes"] = minutes


def _nav(request: Request, user: sopengine.User | None) -> list[dict[str, Any]]:
    if user is None:
        return []
    lang = i18n.lang_of(request)
    return [{"label": i18n.t(item.key, lang), "path": item.path, "key": item.key,
             **_badge(item, request, user), "current": request.url.path.startswith(item.path)}
            for item in request.app.state.nav if item.shown(user)]


def _badge(item: NavItem, request: Request, user: sopengine.User) -> dict[str, Any]:
    """The figure beside a link; none when the database fails (the error page says why)."""
    if item.count is None:
        return {"count": None}
    try:
        count = item.count(request, user)
    except sopengine.StoreError:
        return {"count": None}
    return {"count": min(count, item.cap),
            "badge": f"{item.cap}+" if count > item.cap else str(count)}


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = i18n.lang_of(request)
    user = current_user(request)
    values = {"request": request, "lang": lang, "t": partial(i18n.t, lang=lang), "user": user,
              "csrf": csrf_token(request), "nav": _nav(request, user),
              "now": office_of(request).engine.clock(), **context}
    html = env.get_template(template).render(values)
    return HTMLResponse(html, status_code=status)
