"""Author and user text is printed as text: rich markup, emoji codes and backslashes in
an SOP, `--by` or `--note` neither crash a command nor vanish (issue 10, item 11)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli_driver import invoke

HOSTILE = ["Budi [/bold]", "[bold]tebal[/bold]", "[red]merah", ":smile: senyum",
           "[link=file:///etc/passwd]tautan[/link]", "garis \\[b] miring\\", "[/]",
           "Biaya $x^{ $\\frac"]

SOP = """\
sop: 1
id: markup
title: {title}
frequency: 12/year
actors:
  staf: {staf}
  camat: {camat}
steps:
  - id: susun
    actor: staf
    action: {action}
    time: 30
    outputs: [{output}]
  - id: periksa
    actor: camat
    action: Memeriksa draf
    ask: {ask}
    inputs: [{output}]
    time: 10
    outputs: [Surat]
    branches:
      Ya: end
      Tidak: {{to: susun, chance: 0.2}}
"""


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("SOPENGINE_DB", str(tmp_path / "test.db"))
    monkeypatch.delenv("SOPENGINE_DEBUG", raising=False)
    monkeypatch.setenv("COLUMNS", "300")  # no cell wrapped

    def _cli(*args: str | Path, ok: bool = True):
        result = invoke(capsys, monkeypatch, *args)
        assert "galat internal" not in result.err, result.err
        assert "internal error" not in result.err, result.err
        assert "Traceback" not in result.err
        if ok:
            assert result.code == 0, (args, result.out, result.err)
        return result

    return _cli


def _sop(tmp_path: Path, text: str) -> Path:
    q = json.dumps  # a JSON string is a YAML double-quoted scalar
    path = tmp_path / "markup.yaml"
    path.write_text(SOP.format(title=q(f"Judul {text}"), staf=q(f"Staf {text}"),
                               camat=q("Camat"), action=q(f"Menyusun {text}"),
                               output=q(f"Draf {text}"), ask=q(f"Benar {text}?")),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("text", HOSTILE)
def test_author_text_is_printed_as_written_by_every_command(cli, tmp_path: Path,
                                                            text: str) -> None:
    sop = _sop(tmp_path, text)
    assert "ok" in cli("validate", sop).out
    for command in (["analyze"], ["simulate", "-n", "50", "--seed", "1"],
                    ["run", "--auto", "--seed", "1"], ["workload"]):
        out = cli(*command, sop).out
        assert text in out, (command, out)
    cli("draw", "-f", "mermaid", sop)
    cli("draw", "-f", "bpmn", sop)
    cli("diff", sop, sop)
    for chart in (["gantt", sop, "-o"], ["simulate", "-n", "50", sop, "--svg"]):
        cli(*chart, tmp_path / "chart.svg")
        assert (tmp_path / "chart.svg").stat().st_size > 1000
        (tmp_path / "chart.svg").unlink()
    assert f"Judul {text}" in cli("report", sop).out


@pytest.mark.parametrize("text", HOSTILE)
def test_by_and_note_are_kept_and_shown_as_given(cli, tmp_path: Path, text: str) -> None:
    sop = _sop(tmp_path, "biasa")
    cli("start", sop)
    done = cli("complete", "1", "susun", "--by", text, "--note", f"catatan {text}")
    assert text in done.out
    shown = cli("show", "1")
    assert text in shown.out
    assert f"catatan {text}" in shown.out
    history = json.loads(cli("show", "1", "--json").out)["history"]
    assert [e["by"] for e in history if e["kind"] == "completed"] == [text]
    cli("tasks")
    cli("list")
    cli("cancel", "1", "--by", text, "--note", f"batal {text}")
    assert f"batal {text}" in cli("show", "1").out  # a stored note, shown again later
    cli("report", "markup")


@pytest.mark.parametrize("text", HOSTILE[:3])
def test_interactive_run_prints_author_text(cli, tmp_path: Path, monkeypatch,
                                            text: str) -> None:
    sop = _sop(tmp_path, text)
    answers = f"\n{text}\n\nYa\n{text}\n"  # by (default), note; by, answer, note
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
    out = cli("run", sop).out
    assert f"Menyusun {text}" in out
    assert json.loads(cli("show", "1", "--json").out)["status"] == "completed"
    assert text in cli("show", "1").out


MARKUP_TEXT = st.text(alphabet=st.sampled_from("[]/\\:#@=ab "), min_size=1, max_size=24)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(by=MARKUP_TEXT.map(str.strip).filter(bool),
       note=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                    max_size=40))
def test_any_by_and_note_survive_complete_and_show(cli, tmp_path: Path, by: str,
                                                   note: str) -> None:
    sop = _sop(tmp_path, "biasa")
    started = json.loads(cli("start", "--json", sop).out)["instance"]
    cli("complete", str(started), "susun", "--by", by, "--note", note)
    shown = cli("show", str(started)).out
    assert by in shown
    history = json.loads(cli("show", str(started), "--json").out)["history"]
    assert [(e["by"], e["note"]) for e in history if e["kind"] == "completed"] == [(by, note)]
