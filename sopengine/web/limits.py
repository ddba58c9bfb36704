"""A bound on request bodies: a POST larger than the upload limits is refused
with a 413 page before anything is parsed or stored. The body is read and
dropped (up to a cap), so the browser sees the page, not a reset connection."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DRAIN_CAP = 256 * 1024 * 1024  # beyond this the connection is simply answered


class TooLarge(Exception):
    pass


class LimitBody:
    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.limit:
            await _drain(receive, min(declared, DRAIN_CAP))
            await _refuse(scope, send)
            return
        await self.app(scope, _counting(receive, self.limit), send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _drain(receive: Receive, most: int) -> None:
    seen = 0
    while seen < most:
        message = await receive()
        seen += len(message.get("body", b""))
        if message["type"] != "http.request" or not message.get("more_body"):
            return


def _counting(receive: Receive, limit: int) -> Receive:
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > limit:
            from sopengine.web.security import PageError

            raise PageError(413, "err_413")
        return message

    return wrapped


async def _refuse(scope: Scope, send: Send) -> None:
    from sopengine.web.errors import error_page

    response: Any = error_page(Request(scope), 413, "err_413")
    await response(scope, _nothing, send)


async def _nothing() -> Message:
    return {"type": "http.disconnect"}
