"""A book built again lays out only what changed: each SOP's PDF pages are kept in
OUT/.cache-book under a hash of what makes them, and book.pdf is joined from them
with the footers ("Halaman n dari N"), the Daftar Isi page numbers and its links
right for the whole book, whichever parts came from the cache."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from sopengine.definition.book import Book, Decree, Introduction
from sopengine.definition.loader import check_text
from sopengine.definition.model import Sop
from sopengine.render.book import FRONT_ONLY, BookResult, build_book, identity_html, procedure_html
from sopengine.render.book_join import Mark, Part, join, read_part
from sopengine.render.pdf import html_to_pdf
from tests.conftest import ROOT
from tests.render.pdf_check import page_texts
from tests.test_cli import run

MM = 72 / 25.4


def sop_text(id_: str, title: str, steps: int, action: str = "Memeriksa berkas") -> str:
    lines = [f"sop: 1\nid: {id_}\ntitle: {title}\nactors:\n  staf: Staf\n  kasi: Kasi\nsteps:"]
    for n in range(1, steps + 1):
        actor = "staf" if n % 2 else "kasi"
        lines.append(f"  - actor: {actor}\n    action: {action} nomor {n}\n    time: 10\n"
                     f"    outputs: [Berkas {n}]")
    return "\n".join(lines) + "\n"


def sop(id_: str, title: str, steps: int = 4, action: str = "Memeriksa berkas") -> Sop:
    loaded = check_text(sop_text(id_, title, steps, action), f"{id_}.yaml")
    assert loaded.sop is not None, loaded.diagnostics
    return loaded.sop


def three() -> list[Sop]:
    return [sop("surat-masuk", "Surat Masuk"), sop("surat-keluar", "Surat Keluar", 12),
            sop("arsip", "Penataan Arsip")]


def four() -> list[Sop]:
    """Enough SOPs to be laid out in processes."""
    return [*three(), sop("cuti", "Permohonan Cuti", 3)]


def footers(pdf: Path) -> list[str]:
    """The words at each page's foot (below the 12 mm margin)."""
    with pdfplumber.open(pdf) as doc:
        return [" ".join(str(w["text"]) for w in page.extract_words()
                         if w["top"] > page.height - 12 * MM) for page in doc.pages]


def check_numbers(result: BookResult, sops: list[Sop]) -> None:
    """Every page but the cover says "Halaman n dari N"; each Daftar Isi number is
    the page where that SOP's identity page is, and its link lands there."""
    assert result.pdf is not None
    feet = footers(result.pdf)
    total = len(feet)
    assert feet[0] == ""
    assert feet[1:] == [f"Halaman {n} dari {total}" for n in range(2, total + 1)]
    texts = page_texts(result.pdf)
    with pdfplumber.open(result.pdf) as doc:
        contents = doc.pages[2].extract_text()
        dests = [a["data"].get("Dest") for a in doc.pages[2].annots]
    reader = PdfReader(result.pdf)
    named = reader.named_destinations
    for s in sops:
        row = re.search(rf"^\d+ {re.escape(s.title)} .*?(\d+)$", contents, re.MULTILINE)
        assert row is not None, contents
        printed = int(row.group(1))
        assert re.search(rf"Nama SOP\s+{re.escape(s.title)}", texts[printed - 1],
                         re.IGNORECASE), (s.title, printed)
        name = f"{s.id}-identitas"
        assert name.encode() in dests
        assert reader.get_page_number(named[name].page) + 1 == printed, s.title


def test_a_changed_sop_is_the_only_one_laid_out_again(tmp_path: Path) -> None:
    out = tmp_path / "book"
    sops = four()
    first = build_book(sops, Book(), out, jobs=2)  # four to do: two processes
    assert sorted(first.rendered) == sorted(s.id for s in sops)
    assert first.cached == ()
    again = build_book(sops, Book(), out)
    assert again.rendered == ()
    assert sorted(again.cached) == sorted(s.id for s in sops)
    changed = [sops[0], sop("surat-keluar", "Surat Keluar", 12, "Menelaah konsep"), *sops[2:]]
    third = build_book(changed, Book(), out)
    assert third.rendered == ("surat-keluar",)
    assert sorted(third.cached) == ["arsip", "cuti", "surat-masuk"]
    assert third.pdf is not None
    text = " ".join(page_texts(third.pdf))
    assert "Menelaah konsep nomor 12" in text
    assert "Memeriksa berkas nomor 12" not in text  # the old pages are gone
    assert "Memeriksa berkas nomor 4" in text  # the others are still there
    check_numbers(third, changed)


def test_a_changed_book_setting_lays_every_sop_out_again(tmp_path: Path) -> None:
    out = tmp_path / "book"
    sops = three()
    build_book(sops, Book(), out)
    again = build_book(sops, Book(unit="Kecamatan Bungursari"), out)
    assert sorted(again.rendered) == sorted(s.id for s in sops)
    assert again.pdf is not None
    assert "KECAMATAN BUNGURSARI" in page_texts(again.pdf)[4].upper()


def test_a_changed_decree_lays_out_only_the_pages_before_the_sops(tmp_path: Path) -> None:
    out = tmp_path / "book"
    sops = three()
    build_book(sops, Book(), out)
    book = Book(decree=Decree(kind="Keputusan Camat Bungursari", number="800/7/2026"),
                title="Buku SOP Kecamatan", year=2026, order=["arsip"])
    again = build_book(sops, book, out)
    assert again.rendered == ()
    assert again.pdf is not None
    pages = page_texts(again.pdf)
    assert "KEPUTUSAN CAMAT BUNGURSARI" in pages[1]
    assert "PENATAAN ARSIP" in pages[4].upper()  # first, as the order says
    check_numbers(again, [sops[2], sops[0], sops[1]])


def test_what_only_the_front_pages_show_never_changes_an_sop_s_pages() -> None:
    """Why a changed decree, title, year or order may reuse the SOPs' pages: none of
    them is in an SOP's HTML (if a template starts showing one, this fails)."""
    sop_ = sop("surat-keluar", "Surat Keluar", 12)
    plain = identity_html(sop_, Book()) + procedure_html(sop_, Book(), [])
    front = Book(title="Judul Lain", year=2030, order=["surat-keluar"],
                 decree=Decree(kind="Keputusan Lain", number="1", signer="Camat"),
                 introduction=Introduction(scope="Ruang lingkup lain"))
    assert set(front.model_fields_set) == FRONT_ONLY
    assert identity_html(sop_, front) + procedure_html(sop_, front, []) == plain


def test_a_related_sop_s_new_title_lays_out_the_sop_naming_it(tmp_path: Path) -> None:
    """The identity page's Keterkaitan prints the related SOP's title."""
    def naming(other: str) -> Sop:
        text = sop_text("surat-masuk", "Surat Masuk", 4).replace(
            "actors:", f"related: [{other}]\nactors:")
        loaded = check_text(text, "surat-masuk.yaml")
        assert loaded.sop is not None, loaded.diagnostics
        return loaded.sop

    out = tmp_path / "book"
    sops = [naming("arsip"), sop("arsip", "Penataan Arsip"), sop("cuti", "Cuti", 3)]
    build_book(sops, Book(), out)
    renamed = [sops[0], sop("arsip", "Penataan Arsip Dinamis"), sops[2]]
    again = build_book(renamed, Book(), out)
    assert sorted(again.rendered) == ["arsip", "surat-masuk"]
    assert again.pdf is not None
    assert "SOP Penataan Arsip Dinamis" in page_texts(again.pdf)[4]


def test_numbers_stay_right_when_a_cached_book_grows_by_pages(tmp_path: Path) -> None:
    """One SOP gets a second table page: the others come from the cache, yet every
    page after it says its new number and the new total, and so does the Daftar Isi;
    a Penjelasan Singkat of two pages moves every SOP on by one."""
    out = tmp_path / "book"
    sops = three()
    before = build_book(sops, Book(), out)
    assert before.pdf is not None
    pages = len(PdfReader(before.pdf).pages)
    longer = [sop("surat-masuk", "Surat Masuk", 14), *sops[1:]]  # 10 rows a page
    grown = build_book(longer, Book(), out)
    assert grown.rendered == ("surat-masuk",)
    assert grown.pdf is not None
    assert len(PdfReader(grown.pdf).pages) == pages + 1
    check_numbers(grown, longer)
    terms = {f"Istilah {n}": "Arti istilah yang cukup panjang untuk satu baris. " * 3
             for n in range(40)}
    guide = build_book(longer, Book(introduction=Introduction(definitions=terms)), out)
    assert guide.pdf is not None
    assert len(PdfReader(guide.pdf).pages) > pages + 1
    check_numbers(guide, longer)


def test_a_damaged_cache_entry_is_built_again(tmp_path: Path) -> None:
    out = tmp_path / "book"
    sops = three()
    build_book(sops, Book(), out)
    parts = sorted((out / ".cache-book").glob("*.part"), key=lambda p: p.stat().st_size)
    for part in parts:  # cut short, as a full disk would leave it
        part.write_bytes(part.read_bytes()[:100])
    (out / ".cache-book" / ".left-by-a-kill.tmp").write_bytes(b"half")
    again = build_book(sops, Book(), out)
    assert sorted(again.rendered) == sorted(s.id for s in sops)
    check_numbers(again, sops)


def test_the_logo_s_bytes_are_part_of_the_key(tmp_path: Path) -> None:
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
           '<rect width="10" height="10" fill="{}"/></svg>')
    logo = tmp_path / "logo.svg"
    logo.write_text(svg.format("red"))
    sops = three()
    build_book(sops, Book(), tmp_path / "book", logo=logo)
    logo.write_text(svg.format("blue"))  # the same name, other bytes
    again = build_book(sops, Book(), tmp_path / "book", logo=logo)
    assert sorted(again.rendered) == sorted(s.id for s in sops)


def test_an_html_only_build_keeps_the_pdf_parts(tmp_path: Path) -> None:
    out = tmp_path / "book"
    sops = three()
    build_book(sops, Book(), out)
    build_book(sops, Book(), out, pdf=False)
    assert build_book(sops, Book(), out).rendered == ()


def test_joining_keeps_other_links_and_refuses_a_cut_part() -> None:
    """Only a contents link (``sopbook:``) becomes a link inside the PDF; a link out
    stays one. A part cut short is refused, not joined."""
    html = ('<p><a href="https://example.org/sop">luar</a> <a href="sopbook:b-identitas">'
            'dalam</a></p><p style="page-break-before: always">dua</p>')
    part = read_part(html_to_pdf(html))
    assert Part.from_bytes(part.to_bytes()) == part
    with pytest.raises(ValueError, match="cut short"):
        Part.from_bytes(part.to_bytes()[:-10])
    data = join([part, part], [None, "Halaman 2 dari 4", "Halaman 3 dari 4", "x"],
                [Mark("b-identitas", "B", 2)], "Buku")
    reader = PdfReader(io.BytesIO(data))
    annots = [a.get_object() for a in reader.pages[0]["/Annots"]]
    assert [a["/A"]["/URI"] for a in annots if "/A" in a] == ["https://example.org/sop"]
    assert [a["/Dest"] for a in annots if "/Dest" in a] == ["b-identitas"]
    assert reader.get_page_number(reader.named_destinations["b-identitas"].page) == 2
    assert [o.title for o in reader.outline] == ["B"]
    assert "Halaman 3 dari 4" in reader.pages[2].extract_text()


def folder(tmp_path: Path) -> Path:
    book = tmp_path / "sops"
    book.mkdir()
    for s, steps in (("surat-masuk", 4), ("surat-keluar", 12), ("arsip", 3), ("cuti", 2)):
        (book / f"{s}.yaml").write_text(sop_text(s, s.replace("-", " ").title(), steps))
    (book / "book.yaml").write_text("book: 1\nunit: Kecamatan Bungursari\n")
    return book


def test_the_command_lays_sops_out_in_parallel_and_keeps_them(tmp_path: Path) -> None:
    book, out = folder(tmp_path), tmp_path / "out"
    r = run("book", book, "-o", out, "--jobs", "2")
    assert r.returncode == 0, r.stderr
    kept = sorted(p.name for p in (out / ".cache-book").iterdir())
    assert len([k for k in kept if k.endswith(".part")]) == 5  # 4 SOPs, the front pages
    first = footers(out / "book.pdf")
    (book / "arsip.yaml").write_text(sop_text("arsip", "Arsip", 3, "Menyusun arsip"))
    r = run("book", book, "-o", out, "--jobs", "2")
    assert r.returncode == 0, r.stderr
    now = sorted(p.name for p in (out / ".cache-book").iterdir())
    assert len(set(now) - set(kept)) == 2  # the SOP's HTML and PDF pages, nothing else
    assert "Menyusun arsip nomor 3" in " ".join(page_texts(out / "book.pdf"))
    assert footers(out / "book.pdf") == first
    assert "PDF: 1 SOP ditata ulang, 3 SOP dari cache" in r.stderr  # said, not hidden
    r = run("book", book, "-o", out, "--no-cache", "--no-pdf")
    assert r.returncode == 0, r.stderr
    assert not (out / ".cache-book").exists()


def test_a_build_killed_half_way_leaves_only_whole_entries(tmp_path: Path) -> None:
    """Killed (kill -9) once its first SOP's PDF pages are kept: every entry left is
    whole, and the next build trusts them and makes the whole book."""
    book, out = folder(tmp_path), tmp_path / "out"
    command = [sys.executable, "-m", "sopengine", "book", str(book), "-o", str(out), "-j", "1"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    cache = out / ".cache-book"
    deadline = time.monotonic() + 120  # only so that a broken build cannot hang the test
    while (process.poll() is None and not list(cache.glob("*.part"))
           and time.monotonic() < deadline):
        time.sleep(0.02)
    process.kill()
    process.wait()
    for entry in cache.iterdir():
        if entry.suffix == ".part":
            Part.from_bytes(entry.read_bytes())
        elif entry.suffix == ".body":
            assert set(json.loads(entry.read_text())) == {"body", "notes"}
        else:
            assert entry.name.endswith(".tmp"), entry.name
    r = run("book", book, "-o", out)
    assert r.returncode == 0, r.stderr
    feet = footers(out / "book.pdf")
    assert feet[1:] == [f"Halaman {n} dari {len(feet)}" for n in range(2, len(feet) + 1)]
    assert len(list(cache.glob("*.part"))) == 5


@pytest.mark.parametrize("jobs", ["0", "-1", "zwei"])
def test_jobs_must_be_a_positive_number(tmp_path: Path, jobs: str) -> None:
    r = run("book", folder(tmp_path), "-o", tmp_path / "out", "--jobs", jobs)
    assert r.returncode == 2
    assert "--jobs" in r.stderr
    assert "Traceback" not in r.stderr
