"""Book settings the guideline leaves to the office (issue 13, items 5 and 8):
the total row and the Graphviz flowchart sheet are off by default; when on, the
total is in working days, hours and minutes with its label saying what it sums,
and the flowchart sheet is printed only where it is readable, else left out
with a message."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from sopengine.definition.book import Book
from sopengine.definition.duration import WorkingTime
from sopengine.definition.loader import load_sop
from sopengine.render.book import build_book
from sopengine.render.book_flowchart import flowchart_sheet, lane_order, printed_type
from sopengine.render.table import TableOptions, table_pages
from sopengine.render.table_total import working_amount
from tests.conftest import CASES, ROOT
from tests.render.conftest import seed
from tests.render.pdf_check import page_texts, type_sizes
from tests.render.test_book_type import many_actors, many_actors_text

SEQUENCE = CASES / "valid" / "sequence.yaml"
PARALLEL = CASES / "valid" / "nested-parallel.yaml"


def test_a_default_book_prints_no_total_and_no_flowchart_sheet(tmp_path: Path) -> None:
    pdf = build_book([seed("pengukuran"), load_sop(SEQUENCE)], Book(), tmp_path).pdf
    assert pdf is not None
    text = " ".join(page_texts(pdf))
    assert "Jumlah" not in text
    assert "Diagram alir" not in text
    assert "Pelaksana" in text  # the tables are there


@pytest.mark.parametrize(("minutes", "lang", "expected"), [
    (4050, "id", "9 hari kerja"),
    (765, "id", "1 hari kerja 5 jam 15 menit"),
    (90, "id", "1 jam 30 menit"),
    (7.5, "id", "7,5 menit"),
    (0, "id", "0 menit"),
    (765, "en", "1 working day 5 h 15 min"),
    (900, "en", "2 working days"),
])
def test_the_total_is_in_the_largest_units_of_the_working_day(
        minutes: float, lang: str, expected: str) -> None:
    opts = TableOptions(lang=lang)
    assert working_amount(minutes, WorkingTime(day_minutes=450), opts) == expected


def test_the_total_row_when_on_prints_working_days_and_no_bare_minutes(
        tmp_path: Path) -> None:
    pdf = build_book([seed("pengukuran")], Book(total_row=True), tmp_path).pdf
    assert pdf is not None
    last = page_texts(pdf)[-1]
    assert "Jumlah waktu 1 hari kerja 5 jam 15 menit" in last  # 765 minutes, 7.5 h days
    assert "765" not in last
    assert "jumlah kolom" not in last


def test_a_total_that_is_not_the_column_sum_says_it_is_the_critical_path() -> None:
    sop = load_sop(PARALLEL)
    svg = table_pages(sop, TableOptions(total_row=True, rows_per_page=100))[-1].svg
    words = " ".join("".join(t.itertext()) for t in ET.fromstring(svg).iter(
        "{http://www.w3.org/2000/svg}text"))
    assert "Jumlah waktu jalur kritis" in words
    plain = table_pages(seed("pengukuran"), TableOptions(total_row=True, rows_per_page=100))
    assert "jalur kritis" not in plain[-1].svg  # a straight flow: the sum is the total


def test_a_readable_flowchart_sheet_is_printed_with_the_lanes_in_column_order(
        tmp_path: Path) -> None:
    sop = load_sop(SEQUENCE)
    svg, why = flowchart_sheet(sop, Book(flowchart_page=True))
    assert why is None
    assert svg is not None
    root = ET.fromstring(svg)
    assert lane_order(root) == list(range(1, len(sop.actors) + 1))
    assert printed_type(root) >= 7
    result = build_book([sop], Book(flowchart_page=True), tmp_path)
    assert result.pdf is not None
    assert not [n for n in result.notes if "diagram alir" in n]
    pages = page_texts(result.pdf)
    chart = [n for n, text in enumerate(pages, 1) if "Diagram alir" in text]
    assert len(chart) == 1
    assert type_sizes(result.pdf, chart)[0] >= 6.95  # printed type, read off the PDF


def test_an_unreadable_flowchart_sheet_is_left_out_and_the_command_says_why(
        tmp_path: Path) -> None:
    wide = many_actors(12)
    svg, why = flowchart_sheet(wide, Book(flowchart_page=True))
    assert svg is None
    assert why is not None
    assert "tidak dicetak" in why
    book_dir = tmp_path / "sops"
    book_dir.mkdir()
    (book_dir / "book.yaml").write_text("book: 1\nflowchart_page: true\n", encoding="utf-8")
    (book_dir / "banyak.yaml").write_text(many_actors_text(12), encoding="utf-8")
    (book_dir / "urut.yaml").write_text(SEQUENCE.read_text(encoding="utf-8"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "sopengine", "book", str(book_dir), "-o",
                           str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "banyak: diagram alir tidak dicetak: hurufnya akan" in done.stderr
    assert "Traceback" not in done.stderr
    pages = page_texts(tmp_path / "out" / "book.pdf")
    assert sum("Diagram alir" in text for text in pages) == 1  # urut's only

