"""Shared fixtures and helpers for the test suite."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

from sopengine.definition.loader import LoadedSop, check_text

settings.register_profile("default", max_examples=300)
settings.register_profile("deep", max_examples=5000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
SOPS = ROOT / "sops"

MINIMAL = """\
sop: 1
id: contoh
title: Contoh
actors:
  camat: Camat
  staf: Staf
steps:
"""


def check(text: str) -> LoadedSop:
    """Check an SOP written inline (dedented)."""
    return check_text(textwrap.dedent(text), "inline.yaml")


def codes(loaded: LoadedSop) -> list[str]:
    return [d.code for d in loaded.diagnostics]


def sop_with_steps(steps_yaml: str) -> str:
    """A minimal SOP whose steps are ``steps_yaml`` (indented under steps:)."""
    return MINIMAL + textwrap.indent(textwrap.dedent(steps_yaml), "  ")


@pytest.fixture
def write(tmp_path: Path):
    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write


@pytest.fixture(autouse=True)
def _indonesian_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests expect the default language: a developer's $SOPENGINE_LANG does not
    leak into them (tests that want it set it)."""
    monkeypatch.delenv("SOPENGINE_LANG", raising=False)
