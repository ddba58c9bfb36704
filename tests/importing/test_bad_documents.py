"""Documents that are no SOP get a message and an exit code, never a traceback."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from sopengine.cli.main import cli


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["import", *args], standalone_mode=False,
                                catch_exceptions=True)
    from sopengine.errors import SopFileError
    if isinstance(result.exception, SopFileError):
        return 2, str(result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize(("name", "content", "words"), [
    ("x.docx", b"not a zip", "berkas rusak atau bukan .docx: bukan arsip zip"),
    ("x.xlsx", b"PK\x03\x04broken", "zip"),
    ("x.pdf", b"%PDF-1.4 nothing", "rusak"),
    ("x.txt", b"hello", "tidak didukung"),
])
def test_bad_documents_are_reported(tmp_path: Path, name: str, content: bytes,
                                    words: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, text = _run(str(path))
    assert code == 2
    assert words in text
    assert str(path) in text


def test_a_docx_without_sop_table_is_not_an_sop(tmp_path: Path) -> None:
    import docx
    path = tmp_path / "letter.docx"
    d = docx.Document()
    d.add_paragraph("Surat biasa")
    d.save(str(path))
    code, text = _run(str(path), "--lang", "en")
    assert code == 2
    assert "no SOP in this document" in text


def test_zip_that_is_not_office(tmp_path: Path) -> None:
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.txt", "a")
    code, text = _run(str(path))
    assert code == 2
    assert "rusak" in text


def _encrypted_pdf() -> bytes:
    """A PDF locked with a user password (Standard handler, R2), made by hand."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>",
            b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32
            + b"> /P -4 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += (b"trailer\n<< /Size 4 /Root 1 0 R /Encrypt 3 0 R /ID [<" + b"33" * 16 + b"><"
            + b"33" * 16 + b">] >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)


def test_an_encrypted_pdf_is_named_so(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(_encrypted_pdf())
    code, text = _run(str(path), "--lang", "en")
    assert code == 2
    assert "the PDF is encrypted" in text


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as f:
        f.truncate(51 * 2**20)  # sparse: no disk used
    code, text = _run(str(path))
    assert code == 2
    assert "terlalu besar" in text
