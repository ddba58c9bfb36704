"""The PDF as a reader meets it: every step's number and activity text lies
inside the printed area of a page of book.pdf (pdfplumber reads the positions,
so text placed past a page's edge counts as lost, as it is on paper)."""

from __future__ import annotations

import re
from pathlib import Path

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
