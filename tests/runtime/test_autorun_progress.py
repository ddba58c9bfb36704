"""A run that can make no progress is never reported as success (issue 10, item 1).

Validation now refuses the shape that caused it (`join-bypassed`), but a stored
definition or a future rule gap must still not end "completed" or exit 0:
here the join is made to await one arrival more than can ever come.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from sopengine.definition.flow import Flow
from sopengine.errors import EngineError
from sopengine.runtime.autorun import run_auto
from sopengine.runtime.engine import Engine
from tests.conftest import CASES

NESTED = CASES / "valid" / "nested-parallel.yaml"


@pytest.fixture
def starved_join(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Flow's join 'gabung' awaits one arrival more than it has branches."""
    real = Flow.structure.func  # type: ignore[attr-defined]

    def starved(self: Flow):
        s = real(self)
        return dataclasses.replace(s, awaits={**s.awaits, "gabung": s.awaits["gabung"] + 1})

    monkeypatch.setattr(Flow, "structure", property(starved))


def test_run_auto_names_the_join_that_waits_for_ever(engine: Engine, starved_join) -> None:
    from sopengine.definition.loader import check_file

    with pytest.raises(EngineError, match=r"can make no progress.*'gabung'"):
        run_auto(engine, check_file(NESTED), decide={"b1": "Lengkap"})
    [instance] = engine.instances()
    assert instance.status == "running"  # nothing is claimed that did not happen


def test_run_auto_exits_non_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str], starved_join) -> None:
    from sopengine.cli.main import main

    monkeypatch.setenv("SOPENGINE_DB", str(tmp_path / "cli.db"))
    monkeypatch.setattr(sys, "argv", ["sopengine", "run", str(NESTED), "--auto"])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code != 0
    assert "can make no progress" in capsys.readouterr().err
