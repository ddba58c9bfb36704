"""The SOP book as HTML and PDF: a cover, a table of contents, and per SOP its
identity page, its flowchart table pages and (if asked) its flowchart.

``index.html`` holds the cover and contents and links one HTML page per SOP
(with a print stylesheet); ``book.pdf`` is the whole book, laid out from the
same templates by WeasyPrint one SOP at a time and joined (book_pdf.py), each
SOP's parts kept in a cache (book_cache.py). Templates are Jinja2 with
autoescaping on, so author text is always text.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from sopengine.definition.book import Book
from sopengine.definition.logo import BadLogo, read_logo
from sopengine.definition.model import Sop
from sopengine.definition.nip import format_nip
from sopengine.errors import RenderError
from sopengine.labels import label
from sopengine.render import graphviz_run
from sopengine.render.book_cache import FOLDER, Cache, key
from sopengine.render.book_flowchart import flowchart_sheet
from sopengine.render.paper import page_css
from sopengine.render.table import TableOptions, table_pages

Progress = Callable[[str], None]
# Book settings that only the cover, Keputusan, Daftar Isi and Penjelasan Singkat
# show (or that only place the SOPs): changing them lays out no SOP again.
FRONT_ONLY = frozenset({"title", "year", "decree", "introduction", "order"})
_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember")


@dataclass(frozen=True)
class Entry:
    sop: Sop
    href: str
    body: str  # identity + procedure + flowchart HTML
    page: int | None = None  # where it starts in book.pdf


@dataclass(frozen=True)
class BookResult:
    index: Path
    pages: tuple[Path, ...]
    pdf: Path | None
    graphviz_seconds: float
    notes: tuple[str, ...] = ()  # what was left out of the book, and why
    rendered: tuple[str, ...] = ()  # SOP ids whose PDF pages were laid out in this build
    cached: tuple[str, ...] = ()  # SOP ids whose PDF pages came from the cache


@functools.cache
def _environment() -> jinja2.Environment:
    """One environment per process: templates are compiled once, not per SOP."""
    return jinja2.Environment(loader=jinja2.PackageLoader("sopengine.render", "templates"),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True,
                              undefined=jinja2.StrictUndefined)


def _render(template: str, book: Book, **context: Any) -> str:
    """Render with the book's helpers: t (labels), date, nip, book, and its paper's
    @page rules (page_css)."""
    return _environment().get_template(template).render(
        t=lambda key: book.labels.get(key) or label(key, book.lang),
        date=lambda d: _date(d, book.lang), nip=format_nip, book=book,
        page_css=page_css(book.paper, book.orientation, book.front), **context)


render_template = _render  # for the book's other pages (render/book_revision.py)


def css() -> str:
    return resources.files("sopengine.render").joinpath("templates/book.css").read_text()


def identity_html(sop: Sop, book: Book, logo: str | None = None,
                  titles: Mapping[str, str | Sop] | None = None) -> str:
    """The identity page; ``titles`` turns related SOP ids of the book into their
    titles, or (given the SOPs) their titles and numbers."""
    related = tuple(_related(titles[r], book) if titles and r in titles else r
                    for r in sop.related)
    pairs = [(("dasar_hukum", sop.legal_basis), ("kualifikasi", sop.qualifications)),
             (("keterkaitan", related), ("peralatan", sop.equipment)),
             (("peringatan", sop.warnings), ("pencatatan", sop.records))]
    return _render("identity.html.j2", book, sop=sop, pairs=pairs, logo=logo)


def _related(other: str | Sop, book: Book) -> str:
    """A related SOP of the book as the Keterkaitan list prints it:
    ``SOP <title> (Nomor SOP <number>)``, the number when it has one."""
    if isinstance(other, str):
        return f"SOP {other}"
    nomor = book.labels.get("nomor_sop") or label("nomor_sop", book.lang)
    return f"SOP {other.title}" + (f" ({nomor} {other.number})" if other.number else "")


def procedure_html(sop: Sop, book: Book, notes: list[str] | None = None) -> str:
    """The table pages, then the flowchart sheet if the book asks for it and it
    is readable (else why not is added to ``notes``)."""
    options = TableOptions(lang=book.lang, rows_per_page=book.rows_per_page,
                           total_row=book.total_row, labels=book.labels,
                           working_time=book.working_time, paper=book.paper,
                           column_numbers=book.column_numbers,
                           signature=book.signature_block,
                           short_names=book.short_names)
    chart = ""
    if book.flowchart_page and notes is not None:
        svg, why = flowchart_sheet(sop, book)
        chart = inline_svg(svg, f"flow-{sop.id}") if svg else ""
        notes += [why] if why else []
    return _render("procedure.html.j2", book, sop=sop, pages=table_pages(sop, options),
                   flowchart=chart)


def table_document(sop: Sop, book: Book) -> str:
    """A standalone HTML page of one SOP's flowchart table pages (CSS inline)."""
    return _render("sop.html.j2", book, page_title=sop.title,
                   body=procedure_html(sop, book), prev=None, next=None,
                   lang=book.lang, inline_css=True, css=css(), logo=None)


def inline_svg(svg: bytes, prefix: str = "") -> str:
    """An SVG file's markup without its XML prolog and doctype, to sit inside HTML;
    its ids (and what refers to them) start with ``prefix``, so that several
    drawings on one page never define an id twice."""
    text = svg.decode()
    text = text[text.index("<svg"):]
    if prefix:
        text = re.sub(r'( id="|url\(#|href="#)', rf"\g<1>{prefix}-", text)
    return text


def build_book(sops: Sequence[Sop], book: Book, out: Path, *, logo: Path | None = None,
               pdf: bool = True, progress: Progress | None = None, jobs: int = 1,
               cache: bool = True, revised_from: Mapping[str, Revised] | None = None
               ) -> BookResult:
    """Write index.html, one page per SOP (``sop-<id>.html``), book.css and (unless
    ``pdf`` is False) book.pdf; ``logo``, a PNG, JPEG or SVG, is copied as logo.png,
    logo.jpg or logo.svg by what it holds. Each SOP's HTML and PDF pages are kept in
    ``out/.cache-book`` (``cache`` False removes it) and built again only when what
    makes them changed; ``jobs`` processes lay out the PDF pages of the SOPs that
    changed (more than one: new processes, so a script calling this needs the
    ``if __name__ == "__main__":`` guard). ``revised_from`` (by SOP id: the earlier
    version and its name) adds a revision page after the identity page of each SOP that
    changed since (render/book_revision.py)."""
    out.mkdir(parents=True, exist_ok=True)
    rank = {sop_id: k for k, sop_id in enumerate(book.order)}
    sops = sorted(sops, key=lambda s: rank.get(s.id, len(rank)))  # the rest as given
    started = graphviz_run.Stopwatch.seconds
    logo_name, logo_data = _copy_logo(logo, out)
    store = Cache(out / FOLDER, kept=cache)
    entries: list[Entry] = []
    notes: list[str] = []
    titles: dict[str, str | Sop] = {sop.id: sop for sop in sops}  # related: title and number
    for sop, name in zip(sops, page_names(sops), strict=True):
        if progress:
            progress(sop.title)
        body = _body(store, sop, book, logo_name, titles, notes,
                     (revised_from or {}).get(sop.id))
        entries.append(Entry(sop, name, body))
    notes += front_matter_notes(book)
    common: dict[str, Any] = {"lang": book.lang, "inline_css": False, "css": "",
                              "logo": logo_name}
    index, pages = _write_html(entries, book, out, common)
    pdf_path, rendered = None, None
    if pdf:
        if progress:
            progress("book.pdf")
        pdf_path, rendered = out / "book.pdf", _write_pdf(entries, book, out, common, store,
                                                           logo_data, jobs, progress)
    store.sweep({"body", "part"} if pdf else {"body"})
    ids = [e.sop.id for e in entries]
    return BookResult(index, tuple(pages), pdf_path,
                      graphviz_run.Stopwatch.seconds - started, tuple(notes),
                      tuple(ids[i] for i in rendered or ()),
                      tuple(i for k, i in enumerate(ids) if rendered is not None
                            and k not in rendered))


def _write_html(entries: list[Entry], book: Book, out: Path,
                common: dict[str, Any]) -> tuple[Path, list[Path]]:
    """book.css, index.html and one page per SOP, linked to the one before and after."""
    (out / "book.css").write_text(css(), encoding="utf-8")
    index = out / "index.html"
    index.write_text(_render("index.html.j2", book, page_title=book.title, entries=entries,
                             whole=False, **common), encoding="utf-8")
    pages = []
    for k, entry in enumerate(entries):
        page = out / entry.href
        page.write_text(_render("sop.html.j2", book, page_title=entry.sop.title,
                                body=entry.body, prev=entries[k - 1] if k else None,
                                next=entries[k + 1] if k + 1 < len(entries) else None,
                                **common), encoding="utf-8")
        pages.append(page)
    return index, pages


def _body(store: Cache, sop: Sop, book: Book, logo_name: str | None,
          titles: dict[str, str], notes: list[str], revised: Revised | None = None) -> str:
    """An SOP's identity and procedure HTML (and revision page, when ``revised`` gives the
    earlier version), from the cache when its SOP, the book settings (but those only the
    pages before the SOPs show), the logo's name, the titles of its related SOPs and the
    earlier version are unchanged."""
    earlier = revised.sop.model_dump_json() + revised.since if revised else ""
    name = key("body", sop.model_dump_json(), book.model_dump_json(exclude=FRONT_ONLY),
               logo_name or "", _related_key(sop, titles), earlier)
    data = store.get(name, "body")
    try:
        kept = json.loads(data) if data is not None else None
        if kept is not None:
            body, own = str(kept["body"]), [str(n) for n in kept["notes"]]
            notes += own
            return body
    except (ValueError, KeyError, TypeError):  # damaged: built again
        pass
    own = []
    body = (identity_html(sop, book, logo_name, titles) + _revision(sop, book, revised)
            + procedure_html(sop, book, own))
    store.put(name, "body", json.dumps({"body": body, "notes": own}).encode())
    notes += own
    return body


@dataclass(frozen=True)
class Revised:
    """An earlier version of an SOP, for its revision page: the SOP and its name (a git
    revision, a file)."""

    sop: Sop
    since: str


def _revision(sop: Sop, book: Book, revised: Revised | None) -> str:
    """The revision page, or nothing when there is no earlier version or no change."""
    if revised is None:
        return ""
    from sopengine.analysis.diff import diff_sops
    from sopengine.render.book_revision import revision_html

    diff = diff_sops(revised.sop, sop, book.working_time)
    return "" if diff.empty else revision_html(revised.sop, sop, diff, revised.since, book)


def _related_key(sop: Sop, titles: Mapping[str, object]) -> str:
    """What an SOP's identity page shows of the related SOPs of the book: their
    titles (and numbers, when ``titles`` holds the SOPs themselves)."""
    shown = {r: [other.title, other.number] if isinstance(other, Sop) else str(other)
             for r in sop.related if (other := titles.get(r)) is not None}
    return json.dumps(shown, sort_keys=True)


def _write_pdf(entries: list[Entry], book: Book, out: Path, common: dict[str, Any],
               store: Cache, logo_data: bytes, jobs: int,
               progress: Progress | None) -> tuple[int, ...]:
    """book.pdf joined from one PDF per SOP (render/book_pdf.py); which SOPs (by
    index) had to be laid out."""
    from sopengine.render.book_join import LINK
    from sopengine.render.book_pdf import Section, book_pdf, destinations

    full = dict(common, inline_css=True, css=css())
    names = destinations([e.sop.id for e in entries])
    sections = [Section(name, e.sop.title, _render(
        "sop.html.j2", book, page_title=e.sop.title, body=e.body, prev=None, next=None,
        **full)) for e, name in zip(entries, names, strict=True)]

    def front(starts: list[int]) -> str:
        inside = [replace(e, href=LINK + name, page=start)
                  for e, name, start in zip(entries, names, starts, strict=True)]
        return _render("index.html.j2", book, page_title=book.title, entries=inside,
                       whole=True, **full)

    words = [book.labels.get(k) or label(k, book.lang) for k in ("page", "of")]
    built = book_pdf(sections, front, title=book.title, base_url=str(out), salt=logo_data,
                     footer=lambda n, total: f"{words[0]} {n} {words[1]} {total}",
                     cache=store, jobs=jobs, progress=progress)
    temporary = out / "book.pdf.tmp"
    temporary.write_bytes(built.data)
    os.replace(temporary, out / "book.pdf")
    return built.rendered


def front_matter_notes(book: Book) -> list[str]:
    """What the book prints as a placeholder, for the command to say."""
    return [label(key, book.lang) for key, given in (("decree_missing", book.decree),
            ("introduction_missing", book.introduction)) if given is None]


def page_names(sops: Sequence[Sop]) -> list[str]:
    """One file name per SOP, in order: ``sop-<id>.html``, so never index.html, book.css,
    book.pdf or the logo; an id already taken when letter case is ignored (a disk may
    ignore it) gets ``_2``, ``_3``... (ids have no ``_``)."""
    taken: set[str] = set()
    names = []
    for sop in sops:
        stem = "sop-" + re.sub(r"[^A-Za-z0-9-]", "_", sop.id)
        name, n = f"{stem}.html", 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem}_{n}.html"
        taken.add(name.casefold())
        names.append(name)
    return names


def _copy_logo(logo: Path | None, out: Path) -> tuple[str | None, bytes]:
    """Copy the bytes of ``logo`` once checked to be an image (definition/logo.py);
    its name in ``out`` and its bytes."""
    if logo is None:
        return None, b""
    try:
        image = read_logo(logo)
    except BadLogo as bad:
        raise RenderError(f"{logo}: {bad}", hint=bad.hint) from None
    name = f"logo.{image.kind}"
    (out / name).write_bytes(image.data)
    return name, image.data


def _date(value: dt.date | None, lang: str) -> str:
    if value is None:
        return ""
    if lang == "id":
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    return value.isoformat()
