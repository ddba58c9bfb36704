"""The security headers on every answer, as a pure ASGI middleware (no
BaseHTTPMiddleware: the body streams through untouched, files and errors
alike): a strict Content-Security-Policy (every asset is the app's own),
nosniff, no framing, no referrer to other sites, no caching of pages, and the
visitor cookie the CSRF token of a signed-out form is bound to. When the answer
has been sent, the posted form's spooled files are closed."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sopengine.web.security import VISITOR, close_form, visitor_id

HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                _add_headers(request, MutableHeaders(scope=message))
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            await close_form(request)


def _add_headers(request: Request, headers: MutableHeaders) -> None:
    headers.update(HEADERS)
    if "cache-control" not in headers and not request.url.path.startswith("/static"):
        headers["Cache-Control"] = "no-store"
    if VISITOR not in request.cookies:
        cookie = Response()
        cookie.set_cookie(VISITOR, visitor_id(request), httponly=True, samesite="lax",
                          secure=request.url.scheme == "https", path="/")
        headers.append("set-cookie", cookie.headers["set-cookie"])
