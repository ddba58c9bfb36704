"""The PDF as a reader meets it: every step's number and activity text lies
inside the printed area of a page of book.pdf (pdfplumber reads the positions,
so text placed past a page's edge counts as lost, as it is on paper)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pdfplumber

from sopengine.definition.model import Sop

MM = 72 / 25.4
MARGIN_MM = 12.0


NO_COLUMN_MM = 10.0  # the No column: the table's first 28 of 1061 units, with room


def _printed_words(pdf: Path) -> list[list[dict[str, float | str]]]:
    """The words of each page that lie inside its printed area, in text order."""
    out = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            m = MARGIN_MM * MM - 1
            words = page.extract_words(use_text_flow=True)
            out.append([w for w in words if w["x0"] >= m and w["top"] >= m
                        and w["x1"] <= page.width - m and w["bottom"] <= page.height - m])
    return out


def _squeeze(text: str) -> str:
    """Text without white space: small type's word gaps are not always found."""
    return re.sub(r"\s+", "", text)


def missing_steps(pdf: Path, sop: Sop) -> list[int]:
    """Step numbers (1-based) whose number (in the No column) and full activity
    text are not both printed inside one page's printed area."""
    pages = [("".join(str(w["text"]) for w in words),
              {str(w["text"]) for w in words
               if float(w["x0"]) < (MARGIN_MM + NO_COLUMN_MM) * MM}) for words in
             _printed_words(pdf)]
    return [n for n, step in enumerate(sop.steps, 1)
            if not any(str(n) in numbers and _squeeze(step.action) in text
                       for text, numbers in pages)]


def page_texts(pdf: Path) -> list[str]:
    """Each page's text, upright and turned words alike (turned read bottom to top)."""
    with pdfplumber.open(pdf) as doc:
        return [" ".join(str(w["text"]) for w in page.extract_words(
            x_tolerance=1.5, y_tolerance=1.5, char_dir_rotated="btt", line_dir_rotated="ltr"))
            for page in doc.pages]


def type_sizes(pdf: Path, page_numbers: list[int]) -> tuple[float, float]:
    """The smallest upright type and the smallest italic (answers) type, in pt,
    on the given pages (1-based), page headings included."""
    body, italic = [], []
    with pdfplumber.open(pdf) as doc:
        for n in page_numbers:
            for char in doc.pages[n - 1].chars:
                if not str(char["text"]).strip():
                    continue
                slanted = "Oblique" in char["fontname"] or "Italic" in char["fontname"]
                (italic if slanted else body).append(_size(char))
    return min(body, default=99.0), min(italic, default=99.0)


def table_page_numbers(pdf: Path) -> list[int]:
    """The flowchart table pages: those whose text has the table's header."""
    return [n for n, text in enumerate(page_texts(pdf), 1)
            if "Pelaksana" in text and "Kegiatan" in text and "Mutu" in text]


def _size(char: dict[str, Any]) -> float:
    """A character's type size: pdfplumber's ``size`` is its box's height, which
    for text set upright (turned a quarter) is the glyph's advance, so its width."""
    return float(char["size"] if char["upright"] else char["x1"] - char["x0"])
