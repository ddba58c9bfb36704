"""The project's own book: build book.pdf with `sopengine book`, import it, compare."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sopengine import load_sop
from sopengine.importing import import_document
from tests.importing.roundtrip import compare

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    # In a process of its own, as a user runs it: WeasyPrint's PDF metadata registers
    # the ElementTree prefix "dc" for Dublin Core process-wide, which would change
    # how the BPMN export of later tests names its DC namespace.
    out = tmp_path_factory.mktemp("book")
    result = subprocess.run([sys.executable, "-m", "sopengine", "book", str(ROOT / "sops"),
                             "-o", str(out)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return {i.draft.data["title"]: i.text for i in import_document(out / "book.pdf")}


@pytest.mark.parametrize("name", ["pengukuran", "pengawasan-internal", "pengumpulan-data"])
def test_book_pdf_round_trip(imported: dict[str, str], name: str) -> None:
    source = load_sop(ROOT / "sops" / f"{name}.yaml")
    text = next(t for title, t in imported.items() if title.lower() == source.title.lower())
    same, total, diffs = compare(source, text)
    print(f"{name}: {same}/{total} fields equal; {diffs}")
    # figures in docs/import.md; pengumpulan-data's nine actor names are set upright
    assert same / total >= 0.95, diffs


def test_the_books_decisions_come_back_with_question_targets_and_note(
        imported: dict[str, str]) -> None:
    """The book prints a decision's question and its jumps in words; they are read
    back as ``ask`` and ``branches``, and the note keeps only the author's words."""
    import yaml

    source = load_sop(ROOT / "sops" / "pengukuran.yaml")
    text = next(t for title, t in imported.items() if title.lower() == source.title.lower())
    got = yaml.safe_load(text)["steps"]
    number = {s.id: str(k + 1) for k, s in enumerate(source.steps)}
    for k, want in enumerate(source.steps):
        if want.is_decision:
            assert got[k]["ask"] == want.ask
            assert got[k]["branches"] == {a: number.get(b.to, b.to)
                                          for a, b in want.branches.items()}
            assert got[k].get("note") == want.note
