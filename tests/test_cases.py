"""Data-driven cases: every file in cases/invalid states what it must produce.

Each file's header has one line per expected diagnostic,
``# expect: CODE LINE:COLUMN``; the file must produce exactly those (errors
and warnings alike), so a rule that fires too often fails as surely as one
that does not fire. Every file in cases/valid must check clean.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sopengine.definition.loader import check_file
from sopengine.diagnostics import CODES
from tests.conftest import CASES

EXPECT = re.compile(r"^# expect: ([a-z0-9-]+) (\d+):(\d+)$", re.MULTILINE)
INVALID = sorted((CASES / "invalid").glob("*.yaml"))
VALID = sorted((CASES / "valid").glob("*.yaml"))


def expected(path: Path) -> list[tuple[str, int, int]]:
    found = EXPECT.findall(path.read_text(encoding="utf-8"))
    return sorted((code, int(line), int(col)) for code, line, col in found)


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_case(path: Path) -> None:
    want = expected(path)
    assert want, f"{path.name} has no '# expect:' line"
    got = sorted((d.code, d.line, d.column) for d in check_file(path).diagnostics)
    assert got == want


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_case(path: Path) -> None:
    loaded = check_file(path)
    assert [(d.code, d.line, d.message) for d in loaded.diagnostics] == []
    assert loaded.ok


def test_every_code_has_a_case_or_a_unit_test() -> None:
    """Each code is exercised by a case file or named in a unit test."""
    in_cases = {code for p in INVALID for code, _, _ in expected(p)}
    tests_text = " ".join(p.read_text() for p in Path(__file__).parent.rglob("test_*.py"))
    missing = [c for c in CODES if c not in in_cases and f'"{c}"' not in tests_text]
    assert missing == []
