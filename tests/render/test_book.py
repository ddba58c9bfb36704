"""The SOP book and the drawing commands, run as a user runs them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sopengine.definition.book_loader import parse_book
from sopengine.errors import SopInvalid
from tests.conftest import SOPS
from tests.render.conftest import SEEDS, seed
from tests.render.pdf_check import missing_steps
from tests.test_cli import run


def test_book_of_the_seed_sops(tmp_path: Path) -> None:
    out = tmp_path / "book"
    r = run("book", "sops/", "-o", out)
    assert r.returncode == 0, r.stderr
    index = (out / "index.html").read_text()
    links = re.findall(r'<a href="([a-z0-9-]+\.html)">', index)
    assert sorted(links) == ["sop-pengawasan-internal.html", "sop-pengukuran-kinerja.html",
                             "sop-pengumpulan-data-kinerja.html", "sop-penyusunan-sop.html"]
    assert "Pemerintah Kabupaten Purwakarta" in index
    assert "Daftar Isi" in index
    page = (out / "sop-pengukuran-kinerja.html").read_text()
    for words in ("Dasar Hukum", "Kualifikasi Pelaksana", "Keterkaitan",
                  "Peralatan/Perlengkapan", "Peringatan", "Pencatatan dan Pendataan",
                  "NIP. 19671020 199303 1 009", "SOP Pelaksanaan Pengawasan Internal"):
        assert words in page, words
    assert page.count('class="sheet procedure"') == 2  # 14 rows, 10 per page
    assert (out / "book.pdf").read_bytes()[:5] == b"%PDF-"
    for name in (*SEEDS, "penyusunan-sop"):  # every step printed inside a page
        assert missing_steps(out / "book.pdf", seed(name)) == [], name


def test_book_settings_errors_are_located(tmp_path: Path) -> None:
    with pytest.raises(SopInvalid) as caught:
        parse_book(b"book: 1\nunit: X\nrows_per_pages: 3\n", "book.yaml")
    d = caught.value.diagnostics[0]
    assert (d.code, d.line, d.column) == ("unknown-key", 3, 1)
    with pytest.raises(SopInvalid) as caught:
        parse_book(b"book: 1\nrows_per_page: -1\n", "book.yaml")
    assert (caught.value.diagnostics[0].code, caught.value.diagnostics[0].line) == ("bad-value", 2)


def test_book_with_a_bad_settings_file_exits_with_its_location(tmp_path: Path) -> None:
    book = tmp_path / "sops"
    shutil.copytree(SOPS, book)
    (book / "book.yaml").write_text("book: 1\nlogo_file: x.png\n")
    r = run("book", book, "-o", tmp_path / "out", "--no-pdf")
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    assert "book.yaml:2:1" in r.stderr
    assert "logo_file" in r.stderr


@pytest.mark.parametrize(("suffix", "magic"), [(".svg", b"<?xml"), (".pdf", b"%PDF-"),
                                               (".dot", b"digraph"), (".bpmn", b"<?xml"),
                                               (".mmd", b"flowchart TD")])
def test_draw_picks_the_format_by_suffix(tmp_path: Path, suffix: str, magic: bytes) -> None:
    out = tmp_path / f"p{suffix}"
    r = run("draw", "sops/pengukuran.yaml", "-o", out)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(magic)


def test_draw_an_invalid_sop_shows_where_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("sop: 1\nid: x\ntitle: X\nactors: {a: A}\nsteps:\n  - actor: b\n"
                   "    action: Membuat\n    time: 1\n")
    r = run("draw", bad, "-o", tmp_path / "x.svg")
    assert r.returncode == 1
    assert "unknown-actor" in r.stderr
    assert "Traceback" not in r.stderr


def test_draw_binary_format_to_stdout_is_a_usage_error() -> None:
    r = run("draw", "sops/pengukuran.yaml", "-f", "pdf")
    assert r.returncode == 2
    assert "-o" in r.stderr


def test_draw_table_as_pdf(tmp_path: Path) -> None:
    out = tmp_path / "table.pdf"
    r = run("draw", "sops/pengukuran.yaml", "-f", "table", "-o", out, "--rows-per-page", "7")
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:5] == b"%PDF-"


def test_identity_page_matches_the_golden_file() -> None:
    from sopengine.definition.book import Book
    from sopengine.render.book import identity_html
    from tests.render.conftest import golden, seed

    book = Book(government="Pemerintah Kabupaten Purwakarta", unit="Kecamatan Bungursari")
    html = identity_html(seed("pengukuran"), book, titles={
        "pengawasan-internal": "Pelaksanaan Pengawasan Internal secara Berkala"})
    golden("pengukuran-identity.html", html, exact=False)


def test_a_logo_named_in_the_book_file_is_copied_and_shown(tmp_path: Path) -> None:
    book = tmp_path / "sops"
    shutil.copytree(SOPS, book)
    (book / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" '
                                   'height="10"><rect width="10" height="10"/></svg>')
    text = (book / "book.yaml").read_text().replace("labels: {}", "logo: logo.svg")
    (book / "book.yaml").write_text(text)
    out = tmp_path / "out"
    r = run("book", book, "-o", out, "--no-pdf")
    assert r.returncode == 0, r.stderr
    assert (out / "logo.svg").is_file()
    assert '<img class="logo" src="logo.svg"' in (out / "sop-pengukuran-kinerja.html").read_text()
    (book / "book.yaml").write_text(text.replace("logo.svg", "tidak-ada.png"))
    r = run("book", book, "-o", out, "--no-pdf")
    assert r.returncode != 0
    assert "tidak-ada.png" in r.stderr
    assert "Traceback" not in r.stderr


def test_the_book_model_does_not_read_files():
    """definition/book.py is the model only; loading is book_loader.py."""
    import ast

    import sopengine.definition.book as model
    import sopengine.definition.book_loader as loader

    tree = ast.parse(Path(model.__file__).read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert imported <= {"__future__", "typing", "pydantic", "sopengine.definition.duration"}
    assert not hasattr(model, "load_book")
    assert not hasattr(model, "parse_book")
    assert callable(loader.load_book)
    assert callable(loader.parse_book)
