"""The book's revision page (Catatan Revisi): what changed in an SOP since an
earlier version (analysis/diff.py), printed after its identity page, so the
office that signs a revised SOP sees what it signs anew (the Tanggal Revisi of
the identity page says when; this page says what)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sopengine.analysis.diff import Change, SopDiff
from sopengine.definition.book import Book
from sopengine.definition.model import Sop
from sopengine.labels import label
from sopengine.render.numbers import number

#: a changed field -> the label the book prints it under
_FIELDS = {"title": "nama_sop", "number": "nomor_sop", "unit": "rev_unit",
           "dates": "rev_dates", "approved_by": "disahkan_oleh", "legal_basis": "dasar_hukum",
           "qualifications": "kualifikasi", "related": "keterkaitan",
           "equipment": "peralatan", "warnings": "peringatan", "records": "pencatatan",
           "actors": "col_pelaksana", "id": "rev_id", "actor": "col_pelaksana",
           "action": "col_kegiatan", "time": "col_waktu", "inputs": "col_kelengkapan",
           "outputs": "col_output", "note": "col_keterangan", "next": "rev_next",
           "ask": "rev_ask", "branches": "rev_branches", "effort": "rev_effort"}


@dataclass(frozen=True)
class Row:
    """One line of the page: where (a step or the identity page), what, before, after."""

    where: str
    what: str
    before: str
    after: str


def revision_html(old: Sop | None, new: Sop, diff: SopDiff, since: str, book: Book) -> str:
    """The revision page of ``new`` against ``old`` (``since`` names the old version)."""
    from sopengine.render.book import render_template

    return render_template("revision.html.j2", book, sop=new, since=since,
                           rows=revision_rows(old, new, diff, book))


def revision_rows(old: Sop | None, new: Sop, diff: SopDiff, book: Book) -> list[Row]:
    """The page's lines, identity first, then the steps in the new version's order."""
    t = _words(book)
    rows = [Row(t("rev_identity"), t(_FIELDS.get(c.field, c.field)), _value(c.old, book),
                _value(c.new, book)) for c in diff.identity]
    order = {s.id: k for k, s in enumerate(new.steps)}
    changes = sorted((*diff.reassigned, *diff.reworded, *diff.retimed, *diff.other),
                     key=lambda c: order.get(c.step or "", -1))
    rows += [_step_row(c, old, new, book) for c in changes]
    rows += [Row(_where(new, i, book), t("rev_added"), "", new.step(i).action)
             for i in diff.added]
    if old is not None:
        rows += [Row(f"{t('step')} {i}", t("rev_removed"), old.step(i).action, "")
                 for i in diff.removed]
    rows += [Row(_where(new, i, book), t("rev_moved"), "", "") for i in diff.moved]
    before, after = diff.total
    if before != after:
        unit = t("minutes")
        rows.append(Row(t("rev_total"), t("critical_path"), f"{number(before, book.lang)} {unit}",
                        f"{number(after, book.lang)} {unit}"))
    return rows


def _step_row(c: Change, old: Sop | None, new: Sop, book: Book) -> Row:
    what = _words(book)(_FIELDS.get(c.field, c.field))
    if c.field == "actor":
        return Row(_where(new, c.step, book), what, _names(c.old, old or new),
                   _names(c.new, new))
    if c.field == "time":
        unit = label("minutes", book.lang)
        return Row(_where(new, c.step, book), what, f"{number(c.old, book.lang)} {unit}",
                   f"{number(c.new, book.lang)} {unit}")
    return Row(_where(new, c.step, book), what, _value(c.old, book), _value(c.new, book))


def _where(sop: Sop, step_id: str | None, book: Book) -> str:
    ids = [s.id for s in sop.steps]
    no = ids.index(step_id) + 1 if step_id in ids else "?"
    return f"{_words(book)('step')} {no}"


def _names(actors: Any, sop: Sop) -> str:
    return ", ".join(sop.actors.get(a, a) for a in actors or ())


def _value(value: Any, book: Book) -> str:
    """A value as a reader reads it: lists one per line, mappings as ``key: value``."""
    if value is None or value == [] or value == {}:
        return label("none", book.lang)
    if isinstance(value, list | tuple):
        return "\n".join(_value(v, book) for v in value)
    if isinstance(value, dict):
        return "\n".join(f"{k}: {_value(v, book)}" for k, v in value.items())
    if isinstance(value, float):
        return number(value, book.lang)
    return str(value)


def _words(book: Book) -> Any:
    return lambda key: book.labels.get(key) or label(key, book.lang)
