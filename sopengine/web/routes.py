"""The pages' routes: plain Starlette routes, not FastAPI's.

A page takes the request, its path parameters and its query parameters (each a
keyword with a string default) and returns a response; it needs none of FastAPI's
per-request work (dependency solving, validation, serialisation), which costs
about as much CPU again as the rest of the framework for a small page (see
docs/performance.md). The JSON API under /api stays on FastAPI for its OpenAPI
description. A path parameter annotated ``int`` is matched as digits only, so
``/instans/abc`` is no page (404), as before it was refused.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.routing import Route

Endpoint = Callable[..., Any]


class Pages:
    """An area's pages, in the order they are matched."""

    def __init__(self) -> None:
        self.routes: list[Route] = []

    def get(self, path: str) -> Callable[[Endpoint], Endpoint]:
        return self._add(path, "GET")

    def post(self, path: str) -> Callable[[Endpoint], Endpoint]:
        return self._add(path, "POST")

    def _add(self, path: str, method: str) -> Callable[[Endpoint], Endpoint]:
        def register(page: Endpoint) -> Endpoint:
            self.routes.append(Route(_typed(path, page), _endpoint(page), methods=[method],
                                     name=page.__name__))
            return page

        return register


def _typed(path: str, page: Endpoint) -> str:
    """``{name}`` as ``{name:int}`` where the page's parameter is an int."""
    params = inspect.signature(page).parameters

    def convert(found: re.Match[str]) -> str:
        name = found.group(1)
        kind = params[name].annotation if name in params else None
        return f"{{{name}:int}}" if kind in (int, "int") else found.group(0)

    return re.sub(r"\{(\w+)\}", convert, path)


def _endpoint(page: Endpoint) -> Endpoint:
    """The page called with the request, its path parameters and its query
    parameters (those with a default); a plain function runs in a worker thread."""
    query = {name: p.default for name, p in inspect.signature(page).parameters.items()
             if p.default is not inspect.Parameter.empty}

    def arguments(request: Request) -> dict[str, Any]:
        given = request.query_params
        return {**{n: given.get(n, d) for n, d in query.items()}, **request.path_params}

    if inspect.iscoroutinefunction(page):
        async def endpoint(request: Request) -> Any:
            return await page(request, **arguments(request))
    else:
        def endpoint(request: Request) -> Any:
            return page(request, **arguments(request))
    return endpoint
