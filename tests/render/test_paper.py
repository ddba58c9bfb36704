"""Paper and orientation (issue 13, item 10), the column-number row, the
signature block under the last table page and the cells' padding (item 12),
read off the printed PDF: page sizes in points, where words lie on the page.

A4 is 595.3 x 841.9 pt, F4 (Folio) 609.4 x 935.4 pt; the flowchart table pages
are landscape on either, the other pages take the book's orientation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from sopengine.definition.book import Book
from sopengine.definition.loader import load_sop
from sopengine.render.book import build_book
from sopengine.render.table import TableOptions, table_pages
from sopengine.render.table_check import check_pages
from tests.conftest import CASES, ROOT, SOPS
from tests.render.conftest import SEEDS, seed
from tests.render.pdf_check import MM, missing_steps, page_texts, table_page_numbers, type_sizes

SEQUENCE = CASES / "valid" / "sequence.yaml"
A4 = (210 * MM, 297 * MM)
F4 = (215 * MM, 330 * MM)


def sizes(pdf: Path) -> list[tuple[float, float]]:
    with pdfplumber.open(pdf) as doc:
        return [(round(p.width, 1), round(p.height, 1)) for p in doc.pages]


def turned(size: tuple[float, float]) -> tuple[float, float]:
    return size[1], size[0]


def expect(paper: tuple[float, float]) -> tuple[tuple[float, float], tuple[float, float]]:
    """Portrait and landscape of ``paper``, rounded as :func:`sizes` rounds."""
    portrait = (round(paper[0], 1), round(paper[1], 1))
    return portrait, turned(portrait)


def book_pdf(tmp_path: Path, book: Book, names: tuple[str, ...] = ("pengukuran",)) -> Path:
    pdf = build_book([seed(n) for n in names], book, tmp_path).pdf
    assert pdf is not None
    return pdf


def test_a_default_book_is_a4_portrait_but_for_its_landscape_tables(tmp_path: Path) -> None:
    pdf = book_pdf(tmp_path, Book())
    portrait, landscape = expect(A4)
    tables = table_page_numbers(pdf)
    assert tables == [6, 7]  # cover, Keputusan, Daftar Isi, Penjelasan, identity, tables
    assert sizes(pdf) == [portrait] * 5 + [landscape] * 2  # the cover as the identity page


def test_an_f4_book_prints_every_page_on_folio(tmp_path: Path) -> None:
    pdf = book_pdf(tmp_path, Book(paper="F4"))
    portrait, landscape = expect(F4)
    assert portrait == (609.4, 935.4)
    assert sizes(pdf) == [portrait] * 5 + [landscape] * 2
    assert missing_steps(pdf, seed("pengukuran")) == []
    assert type_sizes(pdf, table_page_numbers(pdf))[0] >= 7.0


def test_an_f4_table_runs_across_the_wider_sheet(tmp_path: Path) -> None:
    """The table keeps its scale and takes the wider sheet's printed width: its
    last header word ends near the right margin, on A4 and on F4 alike."""
    for paper in ("A4", "F4"):
        pdf = book_pdf(tmp_path / paper, Book(paper=paper))
        with pdfplumber.open(pdf) as doc:
            page = doc.pages[table_page_numbers(pdf)[0] - 1]
            right = max(float(r["x1"]) for r in page.rects)
            assert page.width - 12 * MM - 2 <= right <= page.width - 12 * MM + 2, paper


@pytest.mark.parametrize(("settings", "front", "identity"), [
    ({"orientation": "landscape"}, "landscape", "landscape"),
    ({"orientation": "landscape", "front_orientation": "portrait"}, "portrait", "landscape"),
    ({"front_orientation": "landscape"}, "landscape", "portrait"),
])
def test_the_orientation_settings_turn_the_front_and_identity_pages(
        tmp_path: Path, settings: dict[str, str], front: str, identity: str) -> None:
    pdf = book_pdf(tmp_path, Book(paper="F4", **settings))
    portrait, landscape = expect(F4)
    shape = {"portrait": portrait, "landscape": landscape}
    assert sizes(pdf) == [shape[front]] * 4 + [shape[identity]] + [landscape] * 2


def test_a_paper_the_book_does_not_know_is_a_located_error(tmp_path: Path) -> None:
    folder = tmp_path / "sops"
    folder.mkdir()
    (folder / "a.yaml").write_bytes(SEQUENCE.read_bytes())
    (folder / "book.yaml").write_text("book: 1\npaper: Letter\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "sopengine", "book", str(folder), "-o",
                           str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1
    assert f"{folder / 'book.yaml'}:2:8:" in done.stderr
    for word in ("paper", "'A4'", "'F4'"):
        assert word in done.stderr
    assert "Traceback" not in done.stderr


def _draw(tmp_path: Path, book_yaml: str | None, *args: str) -> list[tuple[float, float]]:
    folder = tmp_path / "sops"
    folder.mkdir(parents=True)
    sop = folder / "pengukuran.yaml"
    sop.write_bytes((SOPS / "pengukuran.yaml").read_bytes())
    if book_yaml is not None:
        (folder / "book.yaml").write_text(book_yaml, encoding="utf-8")
    out = tmp_path / "x.pdf"
    done = subprocess.run([sys.executable, "-m", "sopengine", "draw", str(sop), "-f", "table",
                           "-o", str(out), *args], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert missing_steps(out, seed("pengukuran")) == []
    return sizes(out)


def test_draw_prints_the_table_on_a_landscape_page_of_the_book_files_paper(
        tmp_path: Path) -> None:
    assert _draw(tmp_path / "a", None) == [expect(A4)[1]] * 2
    assert _draw(tmp_path / "f", "book: 1\npaper: F4\n") == [expect(F4)[1]] * 2
    assert _draw(tmp_path / "o", None, "--paper", "f4") == [expect(F4)[1]] * 2


def _words(pdf: Path, page: int) -> list[dict[str, object]]:
    with pdfplumber.open(pdf) as doc:
        return doc.pages[page - 1].extract_words()


def _number_rows(words: list[dict[str, object]]) -> list[tuple[float, list[str]]]:
    """Lines of the page made of numbers only (their top, their numbers left to
    right) with more than three of them: a column-number row."""
    lines: dict[float, list[dict[str, object]]] = {}
    for w in words:
        lines.setdefault(round(float(w["top"]), 0), []).append(w)
    return [(top, [str(w["text"]) for w in sorted(ws, key=lambda w: float(w["x0"]))])
            for top, ws in sorted(lines.items())
            if len(ws) > 3 and all(str(w["text"]).isdigit() for w in ws)]


def test_the_column_number_row_numbers_every_column_under_the_header(tmp_path: Path) -> None:
    pdf = book_pdf(tmp_path, Book(column_numbers=True))
    columns = 2 + len(seed("pengukuran").actors) + 4  # No, Kegiatan, actors, mutu baku, Ket
    for n, first_step in zip(table_page_numbers(pdf), ("Camatmemerintahkan", "Penandatanganan"),
                             strict=True):
        words = _words(pdf, n)
        head = max(float(w["bottom"]) for w in words if w["text"] in ("Kelengkapan", "SAKIP"))
        (top, numbers), = _number_rows(words)
        assert numbers == [str(k) for k in range(1, columns + 1)]
        first = next(w for w in words if str(w["text"]).startswith(first_step))
        assert head < top < float(first["top"])  # under the header, above the first row


def test_no_column_number_row_by_default(tmp_path: Path) -> None:
    pdf = book_pdf(tmp_path, Book())
    assert _number_rows(_words(pdf, table_page_numbers(pdf)[0])) == []


def test_the_signature_block_stands_under_the_last_table_page(tmp_path: Path) -> None:
    pdf = book_pdf(tmp_path, Book(signature_block=True))
    first, last = table_page_numbers(pdf)
    assert "CAMAT BUNGURSARI" not in page_texts(pdf)[first - 1]
    text = page_texts(pdf)[last - 1]
    assert "CAMAT BUNGURSARI" in text
    assert "Drs. WAWAN DARMAWAN, M.Si" in text
    assert "NIP. 19671020 199303 1 009" in text
    words = _words(pdf, last)
    step14 = next(w for w in words if str(w["text"]).startswith("Pengarsipan"))
    camat = next(w for w in words if str(w["text"]).startswith("CAMAT"))
    name = next(w for w in words if str(w["text"]).startswith("Drs."))
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[last - 1]
        assert float(camat["top"]) > float(step14["bottom"])  # under the table
        assert float(name["top"]) - float(camat["bottom"]) > 12 * MM  # room to sign
        assert float(camat["x0"]) > page.width / 2  # at its right
        assert float(name["bottom"]) < page.height - 12 * MM  # inside the printed area
    assert missing_steps(pdf, seed("pengukuran")) == []


def test_the_signature_block_keeps_its_room_when_nobody_is_named(tmp_path: Path) -> None:
    pdf = build_book([load_sop(SEQUENCE)], Book(signature_block=True), tmp_path).pdf
    assert pdf is not None
    text = page_texts(pdf)[table_page_numbers(pdf)[-1] - 1]
    assert "NIP. ......" in text
    assert text.count("..........") >= 3  # position, name and NIP lines to fill in


def test_no_signature_block_by_default(tmp_path: Path) -> None:
    pdf = book_pdf(tmp_path, Book())
    assert "CAMAT BUNGURSARI" not in page_texts(pdf)[table_page_numbers(pdf)[-1] - 1]


def _closest_to_a_rule(pdf: Path, pages: list[int]) -> tuple[float, str]:
    """The least room, in pt, between a word in a table cell and the column rule
    left or right of it, and that word."""
    least: tuple[float, str] = (99.0, "")
    with pdfplumber.open(pdf) as doc:
        for n in pages:
            page = doc.pages[n - 1]
            rules = [ln for ln in page.lines if abs(ln["x0"] - ln["x1"]) < 0.3]
            for w in page.extract_words(extra_attrs=["fontname"]):
                if "Oblique" in w["fontname"]:  # a decision's answer, not cell text
                    continue
                beside = [float(r["x0"]) for r in rules
                          if r["top"] - 0.5 <= w["top"] and w["bottom"] <= r["bottom"] + 0.5]
                left = [w["x0"] - x for x in beside if x <= w["x0"]]
                right = [x - w["x1"] for x in beside if x >= w["x1"]]
                for room in (min(left, default=99.0), min(right, default=99.0)):
                    least = min(least, (float(room), str(w["text"])))
    return least


def test_cell_text_never_touches_the_rules(tmp_path: Path) -> None:
    """Wrapped to the glyphs' own widths: at least 1 mm between text and rule
    ("Menandatangani dokumen pengukuran" ran to 0.6 mm of the Kegiatan rule)."""
    pdf = book_pdf(tmp_path, Book(), ("pengukuran", "pengumpulan-data", "pengawasan-internal"))
    room, word = _closest_to_a_rule(pdf, table_page_numbers(pdf))
    assert room >= 1.0 * MM, word


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_the_layout_checker_finds_nothing_with_every_setting_on(paper: str) -> None:
    """Column numbers, signature block and total row on, on either paper: the
    seed and every valid case still have zero violations, and no row is lost."""
    options = TableOptions(paper=paper, column_numbers=True, signature=True, total_row=True)
    cases = sorted((CASES / "valid").glob("*.yaml"))
    for sop in [seed(n) for n in SEEDS] + [load_sop(p) for p in cases]:
        pages = table_pages(sop, options)
        assert check_pages([p.svg for p in pages], len(sop.steps)) == [], sop.id
