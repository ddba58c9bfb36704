"""The built SOP book publishes only what it should: the logo named in book.yaml must
be an image inside the book's folder, and no SOP page ever takes the place of the
contents page, the book's own files or another SOP's page."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from PIL import Image

import sopengine
from sopengine.definition.book import Book
from sopengine.definition.loader import check_text
from sopengine.definition.model import Sop
from sopengine.diagnostics_id import hint_id, message_id
from sopengine.render.book import build_book, css
from tests.test_cli import run

SOP = """\
sop: 1
id: {id}
title: {title}
actors:
  staf: Staf
steps:
  - actor: staf
    action: Menerima surat
    time: 10
    outputs: [Surat]
"""
BOOK = "book: 1\nunit: Kecamatan Bungursari\nlogo: {logo}\n"  # the value at line 3, column 7
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
       'width="10" height="10">{inside}</svg>')


def picture(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, fmt)
    return out.getvalue()


def sop(id_: str, title: str) -> Sop:
    loaded = check_text(SOP.format(id=id_, title=title), f"{id_}.yaml")
    assert loaded.sop is not None, loaded.diagnostics
    return loaded.sop


def folder(tmp_path: Path, logo: str, *sops: tuple[str, str]) -> Path:
    """A book folder: its SOPs (id, title) and a book.yaml naming ``logo``."""
    book = tmp_path / "sops"
    book.mkdir(exist_ok=True)
    for id_, title in sops or (("contoh", "Contoh"),):
        (book / f"sop-{id_}.yaml").write_text(SOP.format(id=id_, title=title))
    (book / "book.yaml").write_text(BOOK.format(logo=logo))
    return book


def refused(tmp_path: Path, logo: str) -> str:
    """Build the book of a folder whose book.yaml names ``logo``: it must stop, at the
    logo's value, before writing anything; the message it printed."""
    book = folder(tmp_path, logo)
    out = tmp_path / "out"
    r = run("book", book, "-o", out, "--no-pdf")
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert f"{book / 'book.yaml'}:3:7:" in r.stderr
    assert "bad-logo" in r.stderr
    assert "saran:" in r.stderr  # what to do, in Indonesian
    assert not out.exists() or not any(out.iterdir())
    return r.stderr


def test_a_logo_outside_the_book_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(picture("PNG"))
    stderr = refused(tmp_path, "../secret.png")
    assert "di luar folder berkas buku" in stderr


@pytest.mark.parametrize("target", ["/proc/self/environ", "/etc/passwd", "{tmp}/logo.png"])
def test_an_absolute_logo_path_is_refused(tmp_path: Path, target: str) -> None:
    (tmp_path / "logo.png").write_bytes(picture("PNG"))
    stderr = refused(tmp_path, target.format(tmp=tmp_path))
    assert "path absolut" in stderr


def test_a_logo_linking_out_of_the_book_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(picture("PNG"))
    book = tmp_path / "sops"
    book.mkdir()
    (book / "logo.png").symlink_to(tmp_path / "secret.png")
    stderr = refused(tmp_path, "logo.png")
    assert "di luar folder berkas buku" in stderr


@pytest.mark.parametrize(("name", "data"), [
    ("logo.png", b"KEY=not an image\n"),
    ("logo.jpg", b"GIF89a" + bytes(20)),
    ("logo.png", b""),
    ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>"),
    ("logo.svg", b"<html><body>hello</body></html>"),
])
def test_a_logo_that_is_no_image_is_refused(tmp_path: Path, name: str, data: bytes) -> None:
    book = tmp_path / "sops"
    book.mkdir()
    (book / name).write_bytes(data)
    stderr = refused(tmp_path, name)
    assert "bukan gambar PNG, JPEG atau SVG" in stderr or "SVG" in stderr


def test_a_logo_larger_than_2_mib_is_refused(tmp_path: Path) -> None:
    book = tmp_path / "sops"
    book.mkdir()
    (book / "logo.png").write_bytes(picture("PNG") + bytes(2 * 1024 * 1024))
    assert "lebih besar dari" in refused(tmp_path, "logo.png")


@pytest.mark.parametrize("inside", [
    "<script>alert(1)</script>",
    '<rect width="10" height="10" onload="alert(1)"/>',
    '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>',
    '<image xlink:href="file:///etc/passwd" width="10" height="10"/>',
    '<image href="http://example.org/track.png" width="10" height="10"/>',
    '<rect width="10" height="10" style="fill: url(http://example.org/x)"/>',
    "<style>@import url(http://example.org/x.css);</style>",
])
def test_an_svg_logo_that_could_run_code_or_load_files_is_refused(tmp_path: Path,
                                                                  inside: str) -> None:
    book = tmp_path / "sops"
    book.mkdir()
    (book / "logo.svg").write_text(SVG.format(inside=inside))
    assert "SVG" in refused(tmp_path, "logo.svg")


def test_an_svg_logo_with_entities_is_refused(tmp_path: Path) -> None:
    book = tmp_path / "sops"
    book.mkdir()
    (book / "logo.svg").write_text('<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM '
                                   '"file:///etc/passwd">]>\n' + SVG.format(inside="&x;"))
    assert "DOCTYPE" in refused(tmp_path, "logo.svg")


@pytest.mark.parametrize(("name", "data", "copied"), [
    ("lambang.png", picture("PNG"), "logo.png"),
    ("gambar/lambang.jpeg", picture("JPEG"), "logo.jpg"),
    ("lambang.jpg", picture("PNG"), "logo.png"),  # the content decides, not the name
    ("lambang.svg", SVG.format(inside='<defs><linearGradient id="g"/></defs><rect width="10" '
                               'height="10" fill="url(#g)"/><use href="#g"/>').encode(),
     "logo.svg"),
])
def test_a_real_image_inside_the_folder_is_copied_as_what_it_is(
        tmp_path: Path, name: str, data: bytes, copied: str) -> None:
    book = tmp_path / "sops"
    (book / name).parent.mkdir(parents=True)
    (book / name).write_bytes(data)
    folder(tmp_path, name)
    out = tmp_path / "out"
    r = run("book", book, "-o", out, "--no-pdf")
    assert r.returncode == 0, r.stderr
    assert (out / copied).read_bytes() == data
    assert sorted(p.name for p in out.glob("logo*")) == [copied]
    assert f'<img class="logo" src="{copied}"' in (out / "index.html").read_text()


def test_a_link_inside_the_folder_to_an_image_inside_it_is_followed(tmp_path: Path) -> None:
    book = tmp_path / "sops"
    (book / "gambar").mkdir(parents=True)
    (book / "gambar" / "lambang.png").write_bytes(picture("PNG"))
    (book / "logo.png").symlink_to(Path("gambar") / "lambang.png")
    folder(tmp_path, "logo.png")
    book_settings, _ = sopengine.load_book(book)
    assert book_settings.logo == "logo.png"


def test_the_library_refuses_a_bad_logo_where_it_loads_the_book(tmp_path: Path) -> None:
    """The web app loads book.yaml with load_book: the same refusal, located."""
    (tmp_path / "secret.png").write_bytes(picture("PNG"))
    book = folder(tmp_path, "../secret.png")
    with pytest.raises(sopengine.SopInvalid) as caught:
        sopengine.load_book(book)
    d = caught.value.diagnostics[0]
    assert (d.code, d.line, d.column, d.file) == ("bad-logo", 3, 7, str(book / "book.yaml"))
    assert message_id(d.code, d.message) is not None  # it reads in Indonesian
    assert hint_id(d.hint)


def test_build_book_checks_the_logo_it_is_given(tmp_path: Path) -> None:
    text = tmp_path / "notes.png"
    text.write_text("PASSWORD=x\n")
    with pytest.raises(sopengine.RenderError):
        build_book([sop("contoh", "Contoh")], Book(), tmp_path / "out", logo=text, pdf=False)
    assert not (tmp_path / "out" / "logo.png").exists()


def links(index: Path) -> list[str]:
    return re.findall(r'<td><a href="([^"]+)">', index.read_text())


def test_an_sop_called_index_keeps_its_own_page_and_the_contents_page(tmp_path: Path) -> None:
    book = folder(tmp_path, "null", ("index", "Daftar Surat"), ("book", "Buku Tamu"),
                  ("logo", "Logo Kantor"))
    out = tmp_path / "out"
    r = run("book", book, "-o", out, "--no-pdf")
    assert r.returncode == 0, r.stderr
    index = (out / "index.html").read_text()
    assert "Daftar Isi" in index
    assert 'class="sheet cover"' in index
    assert (out / "book.css").read_text().startswith(css()[:40])
    pages = links(out / "index.html")
    assert len(pages) == 3
    assert not {"index.html", "book.css", "book.pdf"} & set(pages)
    for href, title in zip(pages, ("Buku Tamu", "Daftar Surat", "Logo Kantor"), strict=True):
        assert title in (out / href).read_text(), href


def test_sops_whose_ids_differ_in_case_keep_their_own_pages(tmp_path: Path) -> None:
    first = sop("surat", "Surat Masuk")
    second = first.model_copy(update={"id": "Surat", "title": "Surat Keluar"})
    third = first.model_copy(update={"title": "Surat Lain"})  # the same id again
    result = build_book([first, second, third], Book(), tmp_path / "out", pdf=False)
    names = [p.name for p in result.pages]
    assert len({n.casefold() for n in names}) == 3, names  # one file each, on any disk
    assert links(result.index) == names
    for page, title in zip(result.pages, ("Surat Masuk", "Surat Keluar", "Surat Lain"),
                           strict=True):
        assert title in page.read_text()


def test_the_pdf_contents_link_inside_the_pdf(tmp_path: Path) -> None:
    import pdfplumber

    result = build_book([sop("index", "Daftar Surat"), sop("surat", "Surat Masuk")], Book(),
                        tmp_path / "out")
    assert result.pdf is not None
    with pdfplumber.open(result.pdf) as pdf:
        annots = [a["data"] for page in pdf.pages for a in page.annots]
    # each Daftar Isi line links by its title, its leader and its page number
    dests = list(dict.fromkeys(a.get("Dest") for a in annots))
    assert dests == [b"index-identitas", b"surat-identitas"]
    assert not [a for a in annots if "A" in a]  # no file:// link to the build machine
    assert os.fspath(tmp_path) not in result.pdf.read_bytes().decode("latin-1")
