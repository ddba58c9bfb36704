"""The security headers on every answer, as a pure ASGI middleware (no
BaseHTTPMiddleware: the body streams through untouched, files and errors
alike): a strict Content-Security-Policy (every asset is the app's own),
nosniff, no framing, no referrer to other sites, no caching of pages, and the
visitor cookie the CSRF token of a signed-out form is bound to. When the answer
has been sent, the posted form's spooled files are closed."""

from __future__ import annotations

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
_RAW = [(name.lower().encode("latin-1"), value.encode("latin-1"))
        for name, value in HEADERS.items()]
_NO_STORE = (b"cache-control", b"no-store")


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
                message["headers"] = _with_headers(request, list(message.get("headers", ())))
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            await close_form(request)


def _with_headers(request: Request, raw: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The answer's raw headers with ours (replacing any of the same name)."""
    names = {name for name, _ in raw}
    out = [h for h in raw if h[0] not in _OURS] + _RAW
    if b"cache-control" not in names and not request.scope["path"].startswith("/static"):
        out.append(_NO_STORE)
    if VISITOR not in request.cookies:
        cookie = Response()
        cookie.set_cookie(VISITOR, visitor_id(request), httponly=True, samesite="lax",
                          secure=request.url.scheme == "https", path="/")
        out.append((b"set-cookie", cookie.headers["set-cookie"].encode("latin-1")))
    return out


_OURS = {name for name, _ in _RAW}
