"""The book's revision page (issue 12: the diff printed in the book): after the
identity page of each SOP that changed since an earlier version, what changed,
read in the printed PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pdfplumber

from tests.conftest import SOPS
from tests.test_cli import run


def _pages(pdf: Path) -> list[tuple[str, float, float]]:
    with pdfplumber.open(pdf) as doc:
        return [(p.extract_text() or "", p.width, p.height) for p in doc.pages]


def _folders(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "lama", tmp_path / "baru"
    shutil.copytree(SOPS, old)
    shutil.copytree(SOPS, new)
    text = (new / "pengukuran.yaml").read_text()
    text = text.replace("time: 15", "time: 30", 1)  # step 1 takes longer now
    (new / "pengukuran.yaml").write_text(text)
    return old, new


def test_a_changed_sop_gets_a_revision_page_and_the_others_none(tmp_path: Path) -> None:
    old, new = _folders(tmp_path)
    out = tmp_path / "out"
    r = run("book", new, "-o", out, "--revised-from", old)
    assert r.returncode == 0, r.stderr
    pages = _pages(out / "book.pdf")
    revised = [(k, t, w, h) for k, (t, w, h) in enumerate(pages) if "Catatan Revisi" in t]
    assert len(revised) == 1  # only pengukuran changed
    k, text, width, height = revised[0]
    assert "Catatan Revisi: Pengukuran Kinerja" in text
    assert f"Perubahan dibandingkan dengan {old}" in text
    assert "Langkah 1 Waktu 15 menit 30 menit" in text
    assert "Jalur kritis 765 menit 780 menit" in text
    assert width < height  # portrait, as the identity page before it
    assert "Nomor SOP" in pages[k - 1][0]  # right after its identity page
    assert "Halaman" in text  # numbered like every page


def test_the_revision_page_can_compare_with_a_git_revision(tmp_path: Path) -> None:
    folder = tmp_path / "sops"
    shutil.copytree(SOPS, folder)

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@e", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "v1")
    text = (folder / "pengukuran.yaml").read_text()
    (folder / "pengukuran.yaml").write_text(text.replace("time: 15", "time: 20", 1))
    r = run("book", folder, "-o", tmp_path / "out", "--revised-from", "HEAD", "--no-pdf")
    assert r.returncode == 0, r.stderr
    page = (tmp_path / "out" / "sop-pengukuran-kinerja.html").read_text()
    assert "Catatan Revisi" in page
    assert "20 menit" in page
    other = (tmp_path / "out" / "sop-pengawasan-internal.html").read_text()
    assert "Catatan Revisi" not in other
    bad = run("book", folder, "-o", tmp_path / "out2", "--revised-from", "tidak-ada")
    assert bad.returncode == 2
    assert "bukan folder dan bukan revisi git" in bad.stderr
    assert "Traceback" not in bad.stderr
