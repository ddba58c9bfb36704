"""Run the CLI in-process as `sopengine ...` runs it (main(): errors to exit codes)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from sopengine.cli.main import main


@dataclass
class Result:
    code: int
    out: str
    err: str


def invoke(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
           *args: str | Path) -> Result:
    """Call the entry point with ``args``; the exit status and what it printed."""
    monkeypatch.setattr(sys, "argv", ["sopengine", *map(str, args)])
    capsys.readouterr()
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    out, err = capsys.readouterr()
    return Result(code, out, err)
