"""book.pdf from parts: each SOP's pages laid out on their own by WeasyPrint, only
when the cache does not hold them already and in parallel processes; then the
pages before the SOPs (cover, Keputusan, Daftar Isi, Penjelasan Singkat), laid out
once each SOP's first page is known; then all joined (book_join.py), every page
but the cover stamped "Halaman n dari N"."""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from sopengine.errors import RenderError
from sopengine.render.book_cache import Cache, key
from sopengine.render.book_join import Mark, Part, join, read_part
from sopengine.render.pdf import html_to_pdf

_FRONT_GUESS = 4  # cover, Keputusan, Daftar Isi, Penjelasan Singkat: a page each
_FEWEST_FOR_PROCESSES = 4  # SOPs to lay out: below, one process is faster


@dataclass(frozen=True)
class Section:
    """One SOP as the PDF needs it: the name its contents link points at, its
    bookmark's title and the whole HTML document of its pages."""

    name: str
    title: str
    html: str


@dataclass(frozen=True)
class Built:
    data: bytes
    rendered: tuple[int, ...]  # the sections WeasyPrint laid out in this build


def book_pdf(sections: Sequence[Section], front: Callable[[list[int]], str], *,
             title: str, footer: Callable[[int, int], str], base_url: str, salt: bytes,
             cache: Cache, jobs: int, progress: Callable[[str], None] | None = None) -> Built:
    """The joined book: ``front`` gives the HTML of the pages before the SOPs from
    the page each SOP starts on; ``footer`` the footer text of page n of N; ``salt``
    what the HTML does not hold but the PDF shows (the logo's bytes)."""
    keys = [key("part", s.html, salt) for s in sections]
    parts: list[Part | None] = [_cached(cache, k) for k in keys]
    missing = {i: sections[i].html for i, part in enumerate(parts) if part is None}
    for i, part in enumerate(parts):
        if part is not None and progress:
            progress(sections[i].title)
    for i, part in _laid_out(missing, base_url, jobs):
        cache.put(keys[i], "part", part.to_bytes())
        parts[i] = part
        if progress:
            progress(sections[i].title)
    counts = [len(p.pages) for p in parts if p is not None]
    starts, first = _front(counts, front, base_url, salt, cache)
    total = len(first.pages) + sum(counts)
    footers = [None] + [footer(n, total) for n in range(2, total + 1)]
    marks = [Mark(s.name, s.title, start - 1) for s, start in zip(sections, starts, strict=True)]
    ready = [first, *(p for p in parts if p is not None)]
    return Built(join(ready, footers, marks, title), tuple(sorted(missing)))


def destinations(ids: Sequence[str]) -> list[str]:
    """Where in book.pdf each SOP's identity page is named: ``<id>-identitas``, with
    ``_2``, ``_3``... for an id met again."""
    taken: set[str] = set()
    names = []
    for sop_id in ids:
        name, n = f"{sop_id}-identitas", 1
        while name in taken:
            n += 1
            name = f"{sop_id}-identitas_{n}"
        taken.add(name)
        names.append(name)
    return names


def _front(counts: list[int], front: Callable[[list[int]], str], base_url: str,
           salt: bytes, cache: Cache) -> tuple[list[int], Part]:
    """The pages before the SOPs, laid out again while their own count moves the
    page numbers they print (a long Daftar Isi takes more than a page)."""
    pages = _FRONT_GUESS
    for _ in range(5):
        starts = list(itertools.accumulate([pages + 1, *counts[:-1]]))[:len(counts)]
        html = front(starts)
        name = key("front", html, salt)
        part = _cached(cache, name)
        if part is None:
            part = _part(html, base_url)
            cache.put(name, "part", part.to_bytes())
        if len(part.pages) == pages:
            break
        pages = len(part.pages)
    return starts, part


def _cached(cache: Cache, name: str) -> Part | None:
    data = cache.get(name, "part")
    try:
        return None if data is None else Part.from_bytes(data)
    except (ValueError, KeyError, TypeError):  # damaged: built again
        return None


def _laid_out(htmls: dict[int, str], base_url: str, jobs: int) -> Iterator[tuple[int, Part]]:
    """Each document's part as it is done: in this process when there are few to do
    (a new process costs about a second: importing WeasyPrint, loading the fonts,
    more than laying out an SOP), else in up to ``jobs`` processes with at least
    two documents each, the longest documents first."""
    if jobs <= 1 or len(htmls) < _FEWEST_FOR_PROCESSES:
        for i, html in htmls.items():
            yield i, _part(html, base_url)
        return
    order = sorted(htmls, key=lambda i: -len(htmls[i]))
    context = multiprocessing.get_context("spawn")  # no fork of a threaded process
    try:
        with ProcessPoolExecutor(min(jobs, len(htmls) // 2), mp_context=context) as pool:
            futures = {pool.submit(_part_bytes, htmls[i], base_url): i for i in order}
            for done in as_completed(futures):
                yield futures[done], Part.from_bytes(_checked(done.result()))
    except BrokenProcessPool:
        raise RenderError("a process laying out the book's PDF stopped",
                          hint="run again with --jobs 1") from None


def _part(html: str, base_url: str) -> Part:
    return read_part(html_to_pdf(html, base_url=base_url))


def _part_bytes(html: str, base_url: str) -> bytes | tuple[str, str]:
    """In a worker process: the part's bytes, or a RenderError's message and hint
    (which pickling the error itself would lose)."""
    try:
        return _part(html, base_url).to_bytes()
    except RenderError as exc:
        text = str(exc)
        return (text[:-len(exc.hint) - 2] if exc.hint else text), exc.hint


def _checked(result: bytes | tuple[str, str]) -> bytes:
    if isinstance(result, tuple):
        raise RenderError(result[0], hint=result[1])
    return result
