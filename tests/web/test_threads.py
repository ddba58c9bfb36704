"""The app's worker threads follow its database: two on SQLite (its work is this
process's CPU; more threads only take turns at the interpreter lock), four on
PostgreSQL (they overlap the waits on the server). docs/performance.md measures it."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from starlette.responses import PlainTextResponse
from starlette.testclient import TestClient

from sopengine.web.app import AREAS, THREADS, create_app
from sopengine.web.routes import Pages


def test_the_app_runs_its_blocking_work_in_two_threads_on_sqlite(office: Any) -> None:
    probe = Pages()

    @probe.get("/threads")
    async def threads(request: Any) -> PlainTextResponse:
        limiter = anyio.to_thread.current_default_thread_limiter()
        return PlainTextResponse(str(limiter.total_tokens))

    area = type("Area", (), {"router": probe})
    with TestClient(create_app(office=office, areas=[*AREAS, area])) as client:
        assert client.get("/threads").text == str(THREADS["sqlite"]) == "2"
