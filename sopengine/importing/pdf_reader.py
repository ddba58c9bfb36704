"""PDF SOP documents, read with pdfplumber (words with positions, lines, rects, curves).

An identity page is a page with "Nama SOP" and ruled boxes: each box's words
are one cell. A table page has a ruled table whose header names Kegiatan: its
cells are the words between the rules, each row's actor is the column holding
its symbol, and a decision's answers are followed along the arrows (across
pages through the lettered connectors).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

from sopengine.errors import SopFileError
from sopengine.importing import pdf_geometry as geo
from sopengine.importing.columns import is_header_row
from sopengine.importing.grid import Cell, Part
from sopengine.importing.identity_grid import identity_fields
from sopengine.importing.messages import message
from sopengine.importing.pdf_links import Links

_PAGE_OF = re.compile(r"\s*\((halaman|page)\s*\d+\s*(/|dari|of)\s*\d+\)\s*$", re.IGNORECASE)


def read(path: Path, lang: str = "id") -> list[Part]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(str(path)) as pdf:
            return _read(pdf)
    except PdfminerException as exc:
        inner = exc.args[0] if exc.args else exc
        if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
            raise SopFileError(str(path), message("encrypted", lang)) from exc
        raise SopFileError(str(path), message("corrupt", lang, kind=".pdf", why=inner)) from exc
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise SopFileError(str(path), message("corrupt", lang, kind=".pdf", why=exc)) from exc


def _read(pdf: Any) -> list[Part]:
    parts: list[Part] = []
    links: Links | None = None
    for n, page in enumerate(pdf.pages, start=1):
        words = page.extract_words(x_tolerance=1.5, y_tolerance=2, char_dir_rotated="btt",
                                   line_dir_rotated="ltr")
        xs, ys = geo.rules(page)
        rows = _table_rows(page, words, xs, ys, n) if xs and ys else []
        if rows and any(is_header_row(r) for r in rows[:2]):
            if not parts or _new_title(parts[-1], words):
                parts.append(Part(title=_title(words), where=f"page {n}"))
                links = Links()
            assert links is not None
            base = len(parts[-1].table.rows)
            parts[-1].table.rows.extend(rows)
            links.add_page(page, xs, ys, words, base, n)
            parts[-1].table.links = links.resolve()
        elif any(w["text"].lower() == "nama" for w in words):
            fields, where = identity_fields(_boxes(page, words, n))
            if fields:
                parts.append(Part(identity=fields, identity_where=where, where=f"page {n}"))
                links = Links()
    return [p for p in parts if p.table.rows]


def _title(words: list[dict[str, Any]]) -> str:
    if not words:
        return ""
    top = min(w["top"] for w in words)
    line = " ".join(w["text"] for w in sorted(words, key=lambda w: w["x0"])
                    if abs(w["top"] - top) < 2)
    return _PAGE_OF.sub("", line).strip()


def _new_title(part: Part, words: list[dict[str, Any]]) -> bool:
    """A table page of another SOP (no identity page between): its title differs."""
    title = _title(words)
    if not part.table.rows:
        part.title = part.title or title
        return False
    return bool(title) and bool(part.title) and title != part.title


def _lines(words: list[dict[str, Any]]) -> str:
    lines: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (round(_across(w)), _along(w))):
        if lines and abs(_across(lines[-1][0]) - _across(w)) < 2:
            lines[-1].append(w)
        else:
            lines.append([w])
    return "\n".join(" ".join(w["text"] for w in sorted(ln, key=_along)) for ln in lines)


def _across(w: dict[str, Any]) -> float:
    """Where a word's line lies: its top, or its left for text set upright
    (rotated a quarter turn, read bottom to top, lines left to right)."""
    return float(w["top"] if w.get("upright", True) else w["x0"])


def _along(w: dict[str, Any]) -> float:
    return float(w["x0"] if w.get("upright", True) else -w["bottom"])


def _inside(w: dict[str, Any], box: geo.Box) -> bool:
    cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _table_rows(page: Any, words: list[dict[str, Any]], xs: list[float], ys: list[float],
                n: int) -> list[list[Cell]]:
    title_bottom = min((w["bottom"] for w in words), default=0)
    bands = [(title_bottom + 1, ys[0]), *list(itertools.pairwise(ys))]
    syms = geo.symbols(page, xs)
    rows = []
    for r, (top, bottom) in enumerate(bands):
        row = []
        for c, (left, right) in enumerate(itertools.pairwise(xs)):
            box = (left, top, right, bottom)
            text = _lines([w for w in words if _inside(w, box)])
            kinds = [s.kind for s in syms if _covers(s.box, box)]
            row.append(Cell(text, kinds, f"page {n}, row {r}, column {c + 1}"))
        rows.append(row)
    return rows


def _covers(symbol: geo.Box, cell: geo.Box) -> bool:
    """The symbol's middle is in the cell's rows and it covers a third of its width."""
    cy = (symbol[1] + symbol[3]) / 2
    overlap = min(symbol[2], cell[2]) - max(symbol[0], cell[0])
    return cell[1] <= cy <= cell[3] and overlap >= (cell[2] - cell[0]) / 3


def _boxes(page: Any, words: list[dict[str, Any]], n: int) -> list[list[Cell]]:
    """An identity page's ruled tables (pdfplumber's line-based table finder) as cells."""
    grid: list[list[Cell]] = []
    for table in page.find_tables():
        for r, row in enumerate(table.rows, start=1):
            grid.append([Cell(_lines([w for w in words if _inside(w, box)]), [],
                              f"page {n}, row {r}, column {c}")
                         for c, box in enumerate(row.cells, start=1) if box])
    return grid
