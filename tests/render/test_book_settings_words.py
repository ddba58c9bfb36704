"""A book setting with a value outside its choices is told in the user's words, with
the choices, at its line (not pydantic's English "Input should be ... or ...")."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import SOPS
from tests.test_cli import run


def test_a_paper_that_is_not_a_choice_names_the_choices(tmp_path: Path) -> None:
    folder = tmp_path / "sops"
    folder.mkdir()
    shutil.copy(SOPS / "pengukuran.yaml", folder)
    (folder / "book.yaml").write_text("book: 1\npaper: B5\n")
    r = run("book", folder, "-o", tmp_path / "out")
    assert r.returncode == 1
    assert "book.yaml:2:8: galat[bad-value] paper: 'B5' bukan salah satu dari 'A4', 'F4'" \
        in r.stderr
    assert "saran: tulis salah satu dari 'A4', 'F4'" in r.stderr
    assert "Input should be" not in r.stderr
    assert not (tmp_path / "out" / "book.pdf").exists()
