"""The parts of an SOP AP book around the SOPs (issue 13, item 6), read off the
printed PDF: the Keputusan page after the cover (from book.yaml, or a marked
placeholder), the Daftar Isi with each SOP's page number, the Penjelasan
Singkat, "Halaman n dari N" on every page but the cover and on each table
sheet, and the SOPs in the order book.yaml gives."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from sopengine.definition.book import Book, Decree, Introduction
from sopengine.render.book import build_book
from tests.conftest import ROOT, SOPS
from tests.render.conftest import SEEDS, seed
from tests.render.pdf_check import page_texts


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple[str, ...]]:
    result = build_book([seed(n) for n in SEEDS], Book(), tmp_path_factory.mktemp("b"))
    assert result.pdf is not None
    return result.pdf, result.notes


def test_missing_front_matter_is_a_marked_placeholder_and_said(
        plain: tuple[Path, tuple[str, ...]]) -> None:
    pdf, notes = plain
    pages = page_texts(pdf)
    assert "KEPUTUSAN: BELUM DIISI" in pages[1]  # right after the cover
    assert "Daftar Isi" in pages[2]
    assert "Penjelasan Singkat" in pages[3]
    assert "introduction" in pages[3]
    assert "BELUM" not in " ".join(pages[4:])
    assert any("`decree`" in n for n in notes)
    assert any("`introduction`" in n for n in notes)


def test_every_page_but_the_cover_says_its_number_of_all_at_its_foot(
        plain: tuple[Path, tuple[str, ...]]) -> None:
    pdf, _ = plain
    with pdfplumber.open(pdf) as doc:
        total = len(doc.pages)
        for n, page in enumerate(doc.pages, 1):
            foot = " ".join(str(w["text"]) for w in page.extract_words()
                            if w["top"] > page.height - 12 * 72 / 25.4)
            assert (f"Halaman {n} dari {total}" in foot) == (n > 1), (n, foot)


def test_the_contents_give_the_page_each_sop_starts_on(
        plain: tuple[Path, tuple[str, ...]]) -> None:
    pdf, _ = plain
    pages = page_texts(pdf)
    with pdfplumber.open(pdf) as doc:
        contents = doc.pages[2].extract_text()
    for name in SEEDS:
        sop = seed(name)
        row = re.search(rf"^\d+ {re.escape(sop.title)} .*?(\d+)$", contents, re.MULTILINE)
        first = next(k for k, text in enumerate(pages, 1)
                     if re.search(rf"Nama SOP\s+{re.escape(sop.title)}", text, re.IGNORECASE))
        assert row is not None, contents
        assert int(row.group(1)) == first, sop.title
    sheets = [text for text in pages if text.startswith("Pengukuran Kinerja (Halaman")]
    assert [s.split(")")[0] for s in sheets] == ["Pengukuran Kinerja (Halaman 1 dari 2",
                                                 "Pengukuran Kinerja (Halaman 2 dari 2"]


def test_a_decree_and_a_guide_from_the_book_file_are_printed(tmp_path: Path) -> None:
    book = Book(unit="Kecamatan Bungursari", decree=Decree(
        kind="Keputusan Camat Bungursari", number="800/12/Kec/2026", date="2026-01-05",
        signer="Camat Bungursari", name="Budi Santoso", nip="196710201993031009"),
        introduction=Introduction(scope="Seluruh pelayanan administrasi kecamatan.",
                                  summary="Buku ini memuat SOP kecamatan.",
                                  definitions={"SOP": "Standar Operasional Prosedur"}))
    result = build_book([seed("pengukuran")], book, tmp_path)
    assert result.pdf is not None
    assert result.notes == ()
    pages = page_texts(result.pdf)
    assert "KEPUTUSAN CAMAT BUNGURSARI" in pages[1]
    for words in ("Nomor: 800/12/Kec/2026", "TENTANG", "Tanggal: 5 Januari 2026",
                  "Budi Santoso", "NIP. 19671020 199303 1 009"):
        assert words in pages[1], words
    for words in ("Ruang Lingkup", "Seluruh pelayanan administrasi kecamatan.", "Definisi",
                  "Standar Operasional Prosedur"):
        assert words in pages[3], words


def _book_dir(tmp_path: Path, order: str) -> Path:
    folder = tmp_path / "sops"
    folder.mkdir()
    for name in SEEDS:
        (folder / f"{name}.yaml").write_bytes((SOPS / f"{name}.yaml").read_bytes())
    (folder / "book.yaml").write_text(f"book: 1\norder:\n{order}", encoding="utf-8")
    return folder


def test_the_book_follows_the_order_of_the_book_file(tmp_path: Path) -> None:
    folder = _book_dir(tmp_path, "  - pengumpulan-data-kinerja\n  - pengawasan-internal\n")
    done = subprocess.run([sys.executable, "-m", "sopengine", "book", str(folder), "-o",
                           str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    contents = page_texts(tmp_path / "out" / "book.pdf")[2]
    titles = [seed(n).title for n in ("pengumpulan-data", "pengawasan-internal",
                                      "pengukuran")]  # the unlisted one last
    assert [contents.index(t) for t in titles] == sorted(contents.index(t) for t in titles)


def test_an_unknown_id_in_the_order_is_a_located_error(tmp_path: Path) -> None:
    folder = _book_dir(tmp_path, "  - pengukuran-kinerja\n  - pengukuran\n")
    done = subprocess.run([sys.executable, "-m", "sopengine", "book", str(folder), "-o",
                           str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1
    assert f"{folder / 'book.yaml'}:4:5: galat[unknown-related] order menyebut 'pengukuran'" \
        in done.stderr
    assert "  4 |   - pengukuran" in done.stderr  # the line, as validate shows it
    assert "saran: id SOP yang dikenal: pengawasan-internal, pengukuran-kinerja" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out" / "book.pdf").exists()
