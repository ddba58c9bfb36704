"""Wrong input on the command line: a clear message and the documented exit code,
never "This is a bug" (issue 10, items 20, 21, 22, 26)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_driver import invoke
from tests.conftest import CASES, sop_with_steps
from tests.test_values import DECISION

INVALID = CASES / "invalid" / "unknown-actor.yaml"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("SOPENGINE_DB", str(tmp_path / "test.db"))
    monkeypatch.delenv("SOPENGINE_DEBUG", raising=False)

    def _cli(*args: str | Path):
        result = invoke(capsys, monkeypatch, *args)
        assert "This is a bug" not in result.err, result.err
        assert "Traceback" not in result.err
        return result

    return _cli


@pytest.mark.parametrize("command", [
    ["validate"], ["analyze"], ["start"], ["run", "--auto"], ["simulate", "-n", "10"],
    ["gantt", "-o", "{tmp}/g.svg"], ["workload"], ["report"], ["draw", "-o", "{tmp}/x.svg"],
])
def test_an_invalid_sop_exits_1_from_every_command(cli, tmp_path: Path,
                                                   command: list[str]) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    r = cli(*args, INVALID)
    assert r.code == 1, (r.out, r.err)
    assert "unknown-actor" in r.out + r.err


def _trap(tmp_path: Path, exit: str = "0") -> Path:
    path = tmp_path / "trap.yaml"
    path.write_text(sop_with_steps(DECISION.format(exit=exit)), encoding="utf-8")
    return path


def test_simulate_refuses_a_loop_that_never_exits(cli, tmp_path: Path) -> None:
    r = cli("simulate", "-n", "100", _trap(tmp_path))
    assert r.code == 1
    assert "loop-never-exits" in r.err
    assert "trap.yaml:19:11" in r.err


def test_run_auto_refuses_a_loop_that_never_exits_before_starting(cli, tmp_path) -> None:
    r = cli("run", "--auto", _trap(tmp_path))
    assert r.code == 1
    assert "loop-never-exits" in r.err
    assert json.loads(cli("list", "--json").out) == {"instances": []}


@pytest.mark.parametrize(("decide", "words"), [
    ("nope=Ya", "no such step"), ("susun=Ya", "not a decision"),
    ("periksa=Mungkin", "has no answer 'Mungkin'"),
])
def test_run_auto_checks_decide_before_starting(cli, tmp_path: Path, decide: str,
                                                words: str) -> None:
    r = cli("run", "--auto", "--decide", decide, _trap(tmp_path, "0.5"))
    assert r.code == 2
    assert words in r.err
    assert json.loads(cli("list", "--json").out) == {"instances": []}


def test_run_auto_with_a_good_decide_still_runs(cli, tmp_path: Path) -> None:
    r = cli("run", "--auto", "--json", "--decide", "periksa=ya", _trap(tmp_path, "0.5"))
    assert r.code == 0, r.err
