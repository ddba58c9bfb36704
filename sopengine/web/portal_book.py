"""The published book behind the portal: built with the public ``build_book``
from the catalog's published revisions, once per set of texts, in a cache
folder of this worker; each SOP's PDF is a book of that SOP alone."""

from __future__ import annotations

import hashlib
import tempfile
import threading
from pathlib import Path

from starlette.requests import Request

import sopengine
from sopengine.web.security import office_of

_LOCK = threading.Lock()


def catalog_of(request: Request) -> sopengine.Catalog:
    """The app's catalog, on the office's store and engine (made on first use)."""
    state = request.app.state
    with _LOCK:
        if not hasattr(state, "catalog"):
            office = office_of(request)
            state.catalog = sopengine.Catalog(office.store, engine=office.engine)
    return state.catalog  # type: ignore[no-any-return]


class PublishedBook:
    """Built books by the hash of their texts; a new approval makes a new key."""

    def __init__(self, book: sopengine.Book, folder: Path | None = None) -> None:
        self.book = book
        self.folder = folder or Path(tempfile.mkdtemp(prefix="sopengine-portal-"))
        self._lock = threading.Lock()

    def build(self, sops: list[sopengine.Sop], texts: list[str], *, pdf: bool) -> Path:
        """The folder of the book of ``sops`` (index.html, one page each, book.pdf)."""
        key = hashlib.sha256("\0".join([*texts, str(pdf)]).encode()).hexdigest()[:16]
        out = self.folder / key
        with self._lock:
            if not (out / "index.html").exists():
                sopengine.build_book(sops, self.book, out, pdf=pdf)
        return out


def published_book(request: Request) -> PublishedBook:
    state = request.app.state
    with _LOCK:
        if not hasattr(state, "published_book"):
            state.published_book = PublishedBook(office_of(request).book)
    return state.published_book  # type: ignore[no-any-return]
