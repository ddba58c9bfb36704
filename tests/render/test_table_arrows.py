"""The table's arrows and answers as a reader meets them (issue 13 items 2, 3):
in book.pdf every line prints black or grey and nothing drawn passes through an
answer; in the SVG each arrow meets a symbol at its own point, a rework arrow
never comes in on the line the forward arrow leaves by, arrows from one page
into one step come in through one connector. The layout checker
(test_layout_check.py) holds every table to no shared segment, no arrow on a
rule or through a symbol or connector, a gap at every crossing and no label
over anything."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sopengine.render.table import TableOptions, table_pages
from sopengine.render.table_check import NS, _read
from tests.render.conftest import seed
from tests.render.pdf_check import table_page_numbers
from tests.render.pdf_ink import answers_crossed, stroke_colours
from tests.test_cli import run


@pytest.fixture(scope="module")
def book_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("book")
    r = run("book", "sops/", "-o", out)
    assert r.returncode == 0, r.stderr
    return out / "book.pdf"


def test_the_table_pages_print_in_black_and_grey_only(book_pdf: Path) -> None:
    pages = table_page_numbers(book_pdf)
    assert pages
    for colour in stroke_colours(book_pdf, pages):  # no brown rework lines
        assert max(colour) - min(colour) < 0.01, colour


def test_no_line_passes_through_an_answer_in_the_pdf(book_pdf: Path) -> None:
    assert answers_crossed(book_pdf, table_page_numbers(book_pdf)) == []


def ends_at(svg: str, box: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """The points where arrows start or end on the outline of ``box``."""
    page = _read(svg)
    points = [p for arrow in page.arrows for p in (arrow[0][:2], arrow[-1][2:])]
    left, top, right, bottom = box
    return [(x, y) for x, y in points
            if left - 0.6 <= x <= right + 0.6 and top - 0.6 <= y <= bottom + 0.6]


@pytest.mark.parametrize(("name", "step"), [("pengukuran", 6), ("pengumpulan-data", 10),
                                            ("pengumpulan-data", 2)])
def test_each_arrow_meets_a_symbol_at_its_own_point(name: str, step: int) -> None:
    """Step 6 of Pengukuran: forward in, on to 7, the decision's "Tidak" back in;
    step 10 of Pengumpulan Data: seven parallel branches joining; step 2: the
    split into them."""
    for page in table_pages(seed(name), TableOptions(rows_per_page=10)):
        symbols = [s for s in _read(page.svg).symbols if s[0] == step]
        if not symbols:
            continue
        points = ends_at(page.svg, symbols[0][1])
        assert len(points) >= 3
        for k, a in enumerate(points):  # at least one track (6 units) apart
            assert all(abs(a[0] - b[0]) + abs(a[1] - b[1]) >= 6 for b in points[k + 1:])


def test_arrows_from_one_page_into_one_step_come_through_one_connector() -> None:
    """At three rows a page, the seven branches of Pengumpulan Data join step 10
    from other pages: one connector per page they come from, not one each."""
    pages = table_pages(seed("pengumpulan-data"), TableOptions(rows_per_page=3))
    target = next(p for p in pages if 10 in p.rows)
    root = ET.fromstring(target.svg)
    letters = [t.findtext(f"{NS}tspan") for t in root.iter(f"{NS}text")
               if t.get("font-weight") == "bold" and re.fullmatch(r"[A-Z]+",
                                                                  t.findtext(f"{NS}tspan") or "")]
    connectors = [p for p in root.iter(f"{NS}polygon") if p.get("class") == "connector"]
    assert len(connectors) == len(letters) == len(set(letters)) < 7
    assert len(target.connectors) == len(set(target.connectors))
