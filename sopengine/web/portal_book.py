"""The published book behind the portal: built with the public ``build_book``
from the catalog's published revisions, once per set of texts, in a cache
folder of this worker; each SOP's PDF is a book of that SOP alone.

A book is built in a hidden folder and renamed into place when complete, so a
build that fails leaves nothing half-made to serve; only the newest ``KEEP``
books stay (a new approval makes a new one); the folder made for the cache is
removed when the app stops."""

from __future__ import annotations

import hashlib
import os
import shutil
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

    KEEP = 16  # books kept: the whole book and each SOP's own, for the last approvals

    def __init__(self, book: sopengine.Book, folder: Path | None = None) -> None:
        self.book = book
        self.owned = folder is None  # a folder of its own: removed by close()
        self.folder = folder or Path(tempfile.mkdtemp(prefix="sopengine-portal-"))
        self._lock = threading.Lock()
        self._served: dict[str, None] = {}  # keys built, the least recently served first

    def build(self, sops: list[sopengine.Sop], texts: list[str], *, pdf: bool) -> Path:
        """The folder of the book of ``sops`` (index.html, one page each, book.pdf)."""
        key = hashlib.sha256("\0".join([*texts, str(pdf)]).encode()).hexdigest()[:16]
        out = self.folder / key
        with self._lock:
            if not out.is_dir():
                making = self.folder / f".{key}.making"
                shutil.rmtree(making, ignore_errors=True)  # left by a build that failed
                try:
                    sopengine.build_book(sops, self.book, making, pdf=pdf)
                except BaseException:
                    shutil.rmtree(making, ignore_errors=True)
                    raise
                os.replace(making, out)
            self._served.pop(key, None)
            self._served[key] = None  # the most recently served
            while len(self._served) > self.KEEP:
                oldest = next(iter(self._served))
                del self._served[oldest]
                shutil.rmtree(self.folder / oldest, ignore_errors=True)
        return out

    def close(self) -> None:
        """Remove the cache folder made for this book (not one given to it)."""
        if self.owned:
            shutil.rmtree(self.folder, ignore_errors=True)


def published_book(request: Request) -> PublishedBook:
    state = request.app.state
    with _LOCK:
        if not hasattr(state, "published_book"):
            state.published_book = PublishedBook(office_of(request).book)
    return state.published_book  # type: ignore[no-any-return]
