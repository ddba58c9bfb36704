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
    ("x.docx", b"not a zip", "not a zip"),
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
