"""Shared helpers of the rendering tests: golden files and the seed SOPs."""

from __future__ import annotations

import os
import re
from pathlib import Path

from sopengine.definition.loader import load_sop
from sopengine.definition.model import Sop
from tests.conftest import ROOT, SOPS

GOLDEN = ROOT / "tests" / "data" / "golden"
SEEDS = ("pengukuran", "pengumpulan-data", "pengawasan-internal")


def seed(name: str) -> Sop:
    return load_sop(SOPS / f"{name}.yaml")


def normalise(text: str) -> str:
    """Whitespace between tags and at line ends does not count."""
    return re.sub(r">\s+<", "><", re.sub(r"[ \t]+\n", "\n", text)).strip()


def golden(name: str, actual: str, *, exact: bool = True) -> None:
    """Compare with tests/data/golden/NAME; UPDATE_GOLDEN=1 rewrites it."""
    path: Path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    if exact:
        assert actual == expected, f"{name} differs from its golden file"
    else:
        assert normalise(actual) == normalise(expected), f"{name} differs from its golden file"
