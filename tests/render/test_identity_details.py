"""The identity page's details (issue 13, item 11), read off the printed PDF:
a sub-unit stands under the unit's line, related SOPs of the book carry their
Nomor SOP, there is room to sign when `approved_by` is absent, and lists are
numbered as the seed numbers them, a single item too (or bulleted, if asked)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from sopengine.definition.book import Book
from sopengine.definition.model import Sop
from sopengine.render.book import build_book, css, identity_html
from sopengine.render.pdf import html_to_pdf
from tests.render.conftest import seed
from tests.render.pdf_check import MM, page_texts

IDENTITY = 5  # cover, Keputusan, Daftar Isi, Penjelasan, then the first SOP's identity page


def with_(sop: Sop, **changes: object) -> Sop:
    return sop.model_copy(update=changes)


def identity_words(pdf: Path, page: int = IDENTITY) -> list[dict[str, object]]:
    with pdfplumber.open(pdf) as doc:
        return doc.pages[page - 1].extract_words(x_tolerance=1.5)


def left_half(pdf: Path, page: int = IDENTITY) -> list[str]:
    """The lines of the identity table's left half: the unit block, Dasar Hukum,
    Keterkaitan, Peringatan (the right half would interleave its lines)."""
    with pdfplumber.open(pdf) as doc:
        p = doc.pages[page - 1]
        return (p.crop((0, 0, p.width / 2, p.height)).extract_text() or "").splitlines()


def joined(lines: list[str]) -> str:
    return " ".join(lines)


def first(words: list[dict[str, object]], text: str) -> dict[str, object]:
    return next(w for w in words if str(w["text"]).startswith(text))


def test_a_sub_unit_stands_under_the_unit_line(tmp_path: Path) -> None:
    sop = with_(seed("pengukuran"), unit="Seksi Tata Pemerintahan")
    pdf = build_book([sop], Book(unit="Kecamatan Bungursari"), tmp_path).pdf
    assert pdf is not None
    lines = left_half(pdf)
    assert lines[:2] == ["KECAMATAN BUNGURSARI", "SEKSI TATA PEMERINTAHAN"]  # under it


def test_the_unit_is_printed_once_when_the_sop_names_the_same(tmp_path: Path) -> None:
    pdf = build_book([seed("pengukuran")], Book(unit="Kecamatan Bungursari"), tmp_path).pdf
    assert pdf is not None
    lines = left_half(pdf)
    assert lines[0] == "KECAMATAN BUNGURSARI"
    assert lines[1] == "Dasar Hukum"


def _identity_pdf(tmp_path: Path, sop: Sop, book: Book, titles: dict[str, str | Sop]) -> Path:
    """One identity page with the book's stylesheet."""
    html = (f"<!DOCTYPE html><html><head><style>{css()}</style></head><body>"
            f"{identity_html(sop, book, None, titles)}</body></html>")
    pdf = tmp_path / "identity.pdf"
    pdf.write_bytes(html_to_pdf(html))
    return pdf


def test_a_related_sop_of_the_book_is_printed_with_its_nomor_sop(tmp_path: Path) -> None:
    other = with_(seed("pengawasan-internal"), number="800/12/Kec.Bgs/2024")
    pdf = _identity_pdf(tmp_path, seed("pengukuran"), Book(), {other.id: other})
    assert "1. SOP Pelaksanaan Pengawasan Internal secara Berkala (Nomor SOP " \
           "800/12/Kec.Bgs/2024)" in joined(left_half(pdf, 1))


def test_a_related_sop_without_a_number_is_printed_by_its_title(tmp_path: Path) -> None:
    other = seed("pengawasan-internal")
    pdf = _identity_pdf(tmp_path, seed("pengukuran"), Book(), {other.id: other})
    text = joined(left_half(pdf, 1))
    assert "1. SOP Pelaksanaan Pengawasan Internal secara Berkala" in text
    assert "(Nomor SOP" not in text


def test_there_is_room_to_sign_when_approved_by_is_absent(tmp_path: Path) -> None:
    pdf = build_book([with_(seed("pengukuran"), approved_by=None)], Book(), tmp_path).pdf
    assert pdf is not None
    words = identity_words(pdf)
    label, nip = first(words, "Disahkan"), first(words, "NIP.")
    assert float(nip["top"]) - float(label["top"]) > 15 * MM  # position, room, name lines
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[IDENTITY - 1]
        blanks = [e for e in page.edges if e["orientation"] == "h"
                  and label["x1"] < e["x0"] and label["top"] <= e["top"] <= nip["top"]]
        assert len({round(float(e["top"])) for e in blanks}) >= 2  # two lines to fill in


def test_a_single_item_is_numbered_as_the_seed_numbers_it(tmp_path: Path) -> None:
    """The seed prints "1. SOP Pelaksanaan Pengawasan Internal secara berkala"
    and "1. Apabila pengumpulan data kinerja ...": one item, numbered."""
    pdf = build_book([seed("pengukuran"), seed("pengawasan-internal")], Book(), tmp_path).pdf
    assert pdf is not None
    lines = left_half(pdf)
    keterkaitan, peringatan = lines.index("Keterkaitan"), lines.index("Peringatan")
    assert joined(lines[keterkaitan + 1:peringatan]) == \
        "1. SOP Pelaksanaan Pengawasan Internal secara Berkala"  # one item, numbered
    assert lines[peringatan + 1].startswith("1. Apabila pengumpulan data kinerja")


def test_lists_are_bulleted_when_the_book_asks(tmp_path: Path) -> None:
    pdf = build_book([seed("pengukuran")], Book(list_style="bulleted"), tmp_path).pdf
    assert pdf is not None
    text = page_texts(pdf)[IDENTITY - 1]
    assert "• pengawasan-internal" in text
    assert "• Apabila pengumpulan data kinerja" in text
    assert "1. " not in text
