"""Short actor names in the table header (``short_names`` in book.yaml), with the
full jabatan spelt out once in a legend under the table: read back from the
printed book.pdf, checked by the layout checker, and an unknown full name is a
located error in book.yaml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sopengine.definition.book import Book
from sopengine.render.book import build_book
from sopengine.render.table import TableOptions, table_pages
from sopengine.render.table_check import check_pages
from tests.conftest import ROOT, SOPS
from tests.render.conftest import seed
from tests.render.pdf_check import missing_steps, page_texts, table_page_numbers

UMUM = "Kasubag Umum dan Kepegawaian"
PKP = "Kasubag Perencanaan, Keuangan dan Pelaporan"
SHORT = {UMUM: "Kasubag Umum", PKP: "Kasubag PKP"}


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("short")
    pdf = build_book([seed("pengumpulan-data")], Book(short_names=SHORT), out).pdf
    assert pdf is not None
    return pdf


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_header_prints_the_short_name_and_the_legend_the_full_one(printed: Path) -> None:
    texts = page_texts(printed)
    numbers = table_page_numbers(printed)
    assert numbers
    for n in numbers:
        page = _flat(texts[n - 1])
        assert "Kasubag Umum = Kasubag Umum dan Kepegawaian" in page
        assert "Kasubag PKP = Kasubag Perencanaan, Keuangan dan Pelaporan" in page
        assert page.count(UMUM) == 1  # the full name once: in the legend, not the header
        assert page.count("Kasubag PKP") == 2  # the header and the legend
    assert missing_steps(printed, seed("pengumpulan-data")) == []


def test_without_short_names_the_header_keeps_the_full_name_and_no_legend(
        tmp_path: Path) -> None:
    pdf = build_book([seed("pengumpulan-data")], Book(), tmp_path).pdf
    assert pdf is not None
    page = _flat(page_texts(pdf)[table_page_numbers(pdf)[0] - 1])
    assert " = " not in page
    assert "Kasubag PKP" not in page


@pytest.mark.parametrize("name", ["pengumpulan-data", "pengukuran"])
def test_the_layout_checker_finds_nothing_with_the_legend(name: str) -> None:
    sop = seed(name)
    short = {**SHORT, "Sekretaris Tim SAKIP": "Sek. Tim SAKIP"}
    pages = table_pages(sop, TableOptions(short_names=short, signature=True))
    assert all('class="legend"' in p.svg for p in pages)
    assert check_pages([p.svg for p in pages], len(sop.steps)) == []


def _book_dir(tmp_path: Path, short_names: str) -> Path:
    folder = tmp_path / "sops"
    shutil.copytree(SOPS, folder)
    (folder / "book.yaml").write_text(f"book: 1\nshort_names:\n{short_names}")
    return folder


def test_an_unknown_full_name_is_a_located_error_in_the_book_file(tmp_path: Path) -> None:
    folder = _book_dir(tmp_path, f"  {UMUM}: Kasubag Umum\n  Kasubbag Umum: Umum\n")
    done = subprocess.run([sys.executable, "-m", "sopengine", "book", str(folder), "-o",
                           str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1
    assert (f"{folder / 'book.yaml'}:4:18: galat[unknown-actor] short_names menyebut "
            "'Kasubbag Umum'") in done.stderr
    assert "saran:" in done.stderr  # what to do, as validate says it
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out" / "book.pdf").exists()
