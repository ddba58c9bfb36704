"""The language switch: a link in the navigation bar sets a cookie."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

import sopengine
from sopengine.web.i18n import COOKIE
from sopengine.web.routes import Pages
from sopengine.web.security import safe_next

router = Pages()


@router.get("/bahasa/{code}")
def switch(request: Request, code: str, next: str = "/") -> Response:
    response = RedirectResponse(safe_next(next), status_code=303)
    if code in sopengine.LANGS:
        response.set_cookie(COOKIE, code, max_age=365 * 86400, samesite="lax", path="/",
                            secure=request.url.scheme == "https")
    return response
