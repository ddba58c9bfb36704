"""Table pages break by measured height: no row ever vanishes past a page's
edge, ``rows_per_page`` is a maximum, and a row no page can hold is an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sopengine.definition.book import Book
from sopengine.definition.loader import check_text
from sopengine.definition.model import Sop
from sopengine.errors import RenderError
from sopengine.render import table_layout as tl
from sopengine.render.book import build_book
from sopengine.render.table import TableOptions, table_pages
from tests.render.pdf_check import missing_steps

WORDS = ("Menyusun memeriksa dan menyampaikan dokumen laporan kinerja triwulan beserta "
         "lampiran data dukung kepada pejabat yang berwenang untuk ditelaah ")


def long_sop(rows: int, chars: int) -> Sop:
    text = (WORDS * (chars // len(WORDS) + 1))[:chars].rstrip()
    steps = [{"id": f"s{n}", "actor": "a" if n % 2 else "b", "action": f"{text} {n}",
              "time": 10, "inputs": [text[:120]], "outputs": [text[:90]],
              "next": f"s{n + 1}" if n < rows else "end"} for n in range(1, rows + 1)]
    doc = {"sop": 1, "id": "panjang", "title": "Panjang", "actors": {"a": "Staf", "b": "Camat"},
           "steps": steps}
    loaded = check_text(json.dumps(doc))
    assert loaded.sop is not None, loaded.diagnostics
    return loaded.sop


def fits(sop: Sop, rows_per_page: int) -> list[tuple[int, ...]]:
    pages = table_pages(sop, TableOptions(rows_per_page=rows_per_page))
    for page in pages:
        height = float(page.svg.split('height="', 1)[1].split('"', 1)[0])
        assert height <= tl.PAGE_HEIGHT + 1, (page.number, height)
    assert [n for p in pages for n in p.rows] == list(range(1, len(sop.steps) + 1))
    return [p.rows for p in pages]


def test_tall_rows_go_on_more_pages_than_rows_per_page_asks() -> None:
    rows = fits(long_sop(12, 290), 10)  # the case: 10 such rows overflowed A4
    assert len(rows[0]) < 10


def test_rows_per_page_is_a_maximum_for_short_rows() -> None:
    rows = fits(long_sop(30, 20), 20)
    assert all(len(r) <= 20 for r in rows)
    assert len(rows) >= 2


def test_a_row_no_page_can_hold_is_a_render_error() -> None:
    with pytest.raises(RenderError, match="step 1 is too tall"):
        table_pages(long_sop(2, 6000))


@pytest.mark.parametrize(("rows", "chars"), [(12, 290), (30, 20)])
def test_every_step_is_printed_inside_a_page_of_book_pdf(tmp_path: Path, rows: int,
                                                         chars: int) -> None:
    sop = long_sop(rows, chars)
    result = build_book([sop], Book(rows_per_page=20), tmp_path)
    assert result.pdf is not None
    assert missing_steps(result.pdf, sop) == []
