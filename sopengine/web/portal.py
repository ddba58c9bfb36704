"""The public SOP portal: no sign-in, read only. The published book (the
catalog's approved and in-force revisions), searchable by title, unit and
text; each SOP's identity page, its flowchart table and its PDF."""

from __future__ import annotations

from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response

import sopengine
from sopengine.web.pages import render
from sopengine.web.portal_book import catalog_of, published_book
from sopengine.web.routes import Pages
from sopengine.web.security import PageError

router = Pages()
FIELDS = {"semua": "all", "judul": "title", "unit": "unit"}  # the form's words: the catalog's
BOOK_FILES = (".html", ".css", ".png", ".jpg", ".jpeg", ".svg", ".pdf")


def _published(request: Request) -> list[tuple[sopengine.Revision, sopengine.Sop]]:
    catalog = catalog_of(request)
    catalog.refresh()
    return catalog.search("")


@router.get("/sop")
def portal(request: Request, q: str = "", cari: str = "semua") -> Response:
    catalog = catalog_of(request)
    catalog.refresh()
    field = FIELDS.get(cari, "all")
    found = catalog.search(q[:200], field)
    return render(request, "portal/index.html", found=found, q=q[:200],
                  cari=cari if cari in FIELDS else "semua", fields=FIELDS)


@router.get("/sop/buku/{name}")
async def book_file(request: Request, name: str) -> Response:
    """The published book as `sopengine book` writes it: index.html, pages, book.pdf."""
    if Path(name).name != name or not name.endswith(BOOK_FILES):
        raise PageError(404, "err_404")
    entries = _published(request)
    if not entries:
        raise PageError(404, "err_no_published")
    folder = await run_in_threadpool(
        published_book(request).build, [s for _, s in entries],
        [r.published or "" for r, _ in entries], pdf=name == "book.pdf")
    path = folder / name
    if not path.is_file():
        raise PageError(404, "err_404")
    return FileResponse(path, headers={"Cache-Control": "public, max-age=300"})


@router.get("/sop/{sop_id}.pdf")
async def sop_pdf(request: Request, sop_id: str) -> Response:
    rev, sop = _one(request, sop_id)
    folder = await run_in_threadpool(published_book(request).build, [sop],
                                     [rev.published or ""], pdf=True)
    return FileResponse(folder / "book.pdf", media_type="application/pdf",
                        filename=f"{sop_id}.pdf")


@router.get("/sop/{sop_id}")
def sop_page(request: Request, sop_id: str) -> Response:
    rev, sop = _one(request, sop_id)
    pages = sopengine.table_pages(sop)
    related = {r.sop_id: s.title for r, s in _published(request)}
    return render(request, "portal/sop.html", rev=rev, sop=sop, pages=pages,
                  related=related)


def _one(request: Request, sop_id: str) -> tuple[sopengine.Revision, sopengine.Sop]:
    found = next(((r, s) for r, s in _published(request) if r.sop_id == sop_id), None)
    if found is None:
        raise PageError(404, "err_404")
    return found
