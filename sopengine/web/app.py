"""The app factory: an ASGI app serving an office's SOPs, built from areas.

Each area (a module with ``router`` and optionally ``NAV`` entries) adds its
pages; ``AREAS`` lists them in navigation order, and another area joins by
being added to the list. ``create_app`` builds one worker's app;
``sopengine serve`` runs it under uvicorn, with ``factory()`` in each worker.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import ModuleType

import anyio
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from itsdangerous import TimestampSigner
from starlette.staticfiles import StaticFiles

from sopengine.web import (
    api,
    auth,
    catalog_pages,
    errors,
    instances,
    lang,
    portal,
    reports,
    tasks,
    users,
)
from sopengine.web.headers import SecurityHeaders
from sopengine.web.limits import LimitBody
from sopengine.web.office import Office, open_office
from sopengine.web.pages import NavItem
from sopengine.web.routes import Pages
from sopengine.web.settings import Settings

STATIC = __import__("pathlib").Path(__file__).parent / "static"
AREAS: list[ModuleType] = [tasks, instances, reports, catalog_pages, users, auth, lang, portal,
                            api]

#: worker threads for blocking work (each holds up to three pooled connections), by
#: database: on SQLite the work is this process's own CPU, and more threads than cores
#: only take turns at the interpreter lock (50 users never pausing: 134-140 completions
#: a second with 2 threads, 122 with 4); PostgreSQL's work waits on its server, and 4
#: threads overlap those waits (103 a second, 93 with 2). docs/performance.md
THREADS = {"sqlite": 2, "postgresql": 4}


def threads_for(office: Office) -> int:
    return THREADS["sqlite" if office.store.is_sqlite else "postgresql"]


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    # the store keeps a write connection per thread; the pool must outnumber them
    anyio.to_thread.current_default_thread_limiter().total_tokens = threads_for(
        app.state.office)
    yield
    book = getattr(app.state, "published_book", None)
    if book is not None:  # the portal's built books: this worker's cache only
        book.close()


def create_app(settings: Settings | None = None, *, office: Office | None = None,
               areas: list[ModuleType] | None = None) -> FastAPI:
    office = office or open_office(settings or Settings.from_env())
    app = FastAPI(title="sopengine", version="1", openapi_url="/api/openapi.json",
                  docs_url=None, redoc_url=None, debug=office.settings.debug,
                  lifespan=_lifespan)
    secret = office.signin.secret()
    app.state.office = office
    app.state.signer = TimestampSigner(secret, salt="session")
    app.state.csrf_key = hashlib.sha256(b"csrf" + secret).digest()
    app.state.nav = nav = []
    for area in areas or AREAS:
        if isinstance(area.router, Pages):  # pages: plain routes (web/routes.py)
            app.router.routes.extend(area.router.routes)
        else:
            app.include_router(area.router)
        nav.extend(getattr(area, "NAV", ()))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for exc, handler in errors.HANDLERS.items():
        app.add_exception_handler(exc, handler)
    app.add_exception_handler(RequestValidationError, errors.bad_input)
    app.add_middleware(LimitBody, limit=office.settings.max_request_bytes)
    app.add_middleware(SecurityHeaders)  # outermost: every answer gets the headers
    return app


def factory() -> FastAPI:
    """What each uvicorn worker calls: settings from the environment."""
    return create_app(Settings.from_env())


__all__ = ["AREAS", "NavItem", "create_app", "factory"]
