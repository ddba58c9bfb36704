"""Wrong input on the command line: a clear message and the documented exit code,
never "This is a bug" (issue 10, items 20, 21, 22, 26)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sopengine.runtime.store import Store
from tests.cli_driver import invoke
from tests.conftest import CASES, sop_with_steps
from tests.test_values import DECISION

INVALID = CASES / "invalid" / "unknown-actor.yaml"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("SOPENGINE_DB", str(tmp_path / "test.db"))
    # an empty database: the reading commands refuse one that does not exist
    Store.open(str(tmp_path / "test.db")).close()
    monkeypatch.delenv("SOPENGINE_DEBUG", raising=False)

    def _cli(*args: str | Path):
        result = invoke(capsys, monkeypatch, *args)
        assert "galat internal" not in result.err, result.err
        assert "internal error" not in result.err, result.err
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
    r = cli("run", "--auto", "--decide", decide, _trap(tmp_path, "0.5"), "--lang", "en")
    assert r.code == 2
    assert words in r.err  # (in Indonesian by default: tests/test_cli_lang.py)
    assert json.loads(cli("list", "--json").out) == {"instances": []}


def test_run_auto_with_a_good_decide_still_runs(cli, tmp_path: Path) -> None:
    r = cli("run", "--auto", "--json", "--decide", "periksa=ya", _trap(tmp_path, "0.5"))
    assert r.code == 0, r.err


# Wrong arguments, table-driven over every command (issue 10, item 22): a clear message
# and the documented exit status (docs/cli.md), never "This is a bug". Placeholders:
# {ok} a valid SOP, {file} a plain file, {dir} a folder, {fifo} a named pipe, {tmp}.

BAD_BYTES = os.fsdecode(b"Budi \xff")  # what a non-UTF-8 terminal passes in argv
BIG = [str(2**63), str(10**30), "0"]
READERS = [["validate"], ["analyze"], ["simulate", "-n", "10"], ["run", "--auto"], ["start"],
           ["draw"], ["diff", "{ok}"], ["workload"], ["gantt", "-o", "{tmp}/g.svg"]]
WRITERS = [["draw", "{ok}", "-o"], ["draw", "{ok}", "-f", "dot", "-o"], ["gantt", "{ok}", "-o"],
           ["simulate", "-n", "10", "{ok}", "--svg"], ["schema", "-o"],
           ["workload", "{ok}", "--csv"], ["book", "{book}", "--no-pdf", "-o"]]
OUTPUTS = ["{file}/x.svg", "{dir}", "/proc/version/x.svg", "/sys/x.svg", "/dev/full"]
DB_USERS = [["list"], ["tasks"], ["show", "1"], ["start", "{ok}"], ["report", "urutan"],
            ["cancel", "1"], ["gantt", "1", "-o", "{tmp}/g.svg"]]
BAD_DB = ["postgresql+psycopg://u@[::1/x", "{file}/x.db", "{dir}", "{file}", "foo://x",
          "/dev/full", "sqlite:////nonexistent/dir/x.db", "postgresql+psycopg://u:p@127.0.0.1:1/x"]
TEXT_ARGS = [["complete", "1", "susun", "--note"], ["complete", "1", "susun", "--by"],
             ["complete", "1"], ["complete", "1", "susun", "--branch"],
             ["complete", "1", "susun", "--as"], ["tasks", "--actor"], ["list", "--sop"],
             ["report"], ["cancel", "1", "--note"], ["cancel", "1", "--by"],
             ["run", "--auto", "{ok}", "--decide"]]

BAD_ARGS: list[tuple[list[str], int]] = [
    *[([*r, dev], 2) for r in READERS for dev in ("{fifo}", "/dev/zero", "/dev/null")],
    (["report", "{fifo}"], 2),
    *[([*w, out], 2) for w in WRITERS for out in OUTPUTS if not (w[0] == "book" and out in
                                                               ("{dir}", "/dev/full"))],
    *[([*u, "--db", db], 3) for u in DB_USERS[:4] for db in BAD_DB],
    *[([*u, "--db", BAD_DB[0]], 3) for u in DB_USERS[4:]],
    *[([*c, n], 2) for n in BIG for c in (["show"], ["cancel"], ["tasks", "--instance"])],
    *[(["complete", n, "susun"], 2) for n in BIG],
    *[(["gantt", n, "-o", "{tmp}/g.svg"], 2) for n in BIG],
    (["list", "--limit", "0"], 2), (["tasks", "--limit", "-1"], 2),
    *[([*c, "--seed", "-1"], 2) for c in (["simulate", "{ok}"], ["run", "--auto", "{ok}"])],
    (["run", "--auto", "{ok}", "--start", "9999-12-31 23:59"], 3),  # the calendar ends
    (["run", "--auto", "{ok}", "--start", "10000-01-01"], 2),
    *[([*t, BAD_BYTES], 2) for t in TEXT_ARGS],
    *[([*t, "Budi\x1b[2J"], 2) for t in TEXT_ARGS],
    (["gantt", "{ok}", "-o", "{tmp}/g.txt"], 2), (["simulate", "{ok}", "--svg", "{tmp}/h.bmp"], 2),
    (["draw", "{ok}", "-o", "{tmp}/d.txt"], 2),
    *[([*c, "--holidays", dev], 2) for c in (["run", "--auto", "{ok}"], ["tasks"])
      for dev in ("{fifo}", "/dev/zero", "{dir}")],
]


@pytest.fixture
def places(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "afile").write_text("x\n")
    (tmp_path / "adir").mkdir()
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "book").mkdir()
    ok = tmp_path / "book" / "urutan.yaml"
    ok.write_text((CASES / "valid" / "sequence.yaml").read_text(), encoding="utf-8")
    return {"ok": str(ok), "file": str(tmp_path / "afile"), "dir": str(tmp_path / "adir"),
            "fifo": str(tmp_path / "pipe.yaml"), "tmp": str(tmp_path), "book": str(ok.parent)}


@pytest.mark.parametrize(("args", "code"), BAD_ARGS,
                         ids=[" ".join(a) for a, _ in BAD_ARGS])
def test_a_wrong_argument_has_a_message_and_its_exit_status(cli, places, args: list[str],
                                                            code: int) -> None:
    r = cli(*[a.format(**places) for a in args])
    assert r.code == code, (r.out, r.err)
    message = r.err.strip().splitlines()[-1]
    assert message.startswith(("galat: ", "Galat: ")), r.err  # Indonesian: the default
    assert len(message) > 20


@pytest.mark.parametrize("args", [
    ["list", "--limit", str(10**30)], ["tasks", "--limit", str(2**63)],
    ["simulate", "{ok}", "-n", "10", "--seed", str(10**30)],
    ["run", "--auto", "{ok}", "--seed", str(2**64)],
    ["run", "--auto", "{ok}", "--start", "2999-12-31"],
    ["gantt", "{ok}", "-o", "{tmp}/new/folder/g.png"],
    ["draw", "{ok}", "-o", "{tmp}/new/folder/d.svg"],
])
def test_large_but_meaningful_arguments_work(cli, places, args: list[str]) -> None:
    r = cli(*[a.format(**places) for a in args])
    assert r.code == 0, r.err


def test_a_message_names_the_output_and_why(cli, places) -> None:
    r = cli("draw", places["ok"], "-o", f"{places['file']}/x.svg", "--lang", "en")
    assert r.err.strip() == f"error: cannot write {places['file']}/x.svg: a part of the path " \
        "is a file, not a folder"
    r = cli("draw", places["ok"], "-o", f"{places['file']}/x.svg")
    assert r.err.strip() == f"galat: tidak dapat menulis {places['file']}/x.svg: sebagian " \
        "jalurnya berkas, bukan folder"
    assert "tidak ada ruang tersisa" in cli("schema", "-o", "/dev/full").err


def test_bad_bytes_in_a_note_are_named(cli) -> None:
    r = cli("complete", "1", "susun", "--note", BAD_BYTES)
    assert "not valid UTF-8" in r.err
    assert "Budi \\xff" in r.err


def test_the_size_limit_holds_while_reading(tmp_path: Path, monkeypatch) -> None:
    """A file is read up to the limit and no further, whatever its size says."""
    from sopengine.definition import loader, yamlsource

    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * (3 * yamlsource.MAX_BYTES))
    read: list[int] = []
    real = os.fdopen

    def fdopen(fd, *args, **kwargs):
        f = real(fd, *args, **kwargs)
        original = f.read
        f.read = lambda n=-1: (read.append(n), original(n))[1]  # type: ignore[method-assign]
        return f

    monkeypatch.setattr(os, "fdopen", fdopen)
    loaded = loader.check_file(big)
    assert [d.code for d in loaded.diagnostics] == ["file-too-large"]
    assert read == [yamlsource.MAX_BYTES + 1]


def test_validate_dir_reports_unreadable_parts_and_checks_the_rest(cli, places) -> None:
    book = Path(places["book"])
    (book / "gone.yaml").symlink_to(book / "nowhere.yaml")
    os.mkfifo(book / "pipe.yaml")
    r = cli("validate", book, "--lang", "en")
    assert r.code == 1
    assert f"{book / 'gone.yaml'}: error[unreadable-file]" in r.out
    assert f"{book / 'pipe.yaml'}: error[unreadable-file]" in r.out
    assert "2 of 3 files invalid" in r.out
    r = cli("validate", book)
    assert f"{book / 'pipe.yaml'}: galat[unreadable-file] berkas tidak dapat dibaca: " \
        "bukan berkas biasa" in r.out
    assert "2 dari 3 berkas tidak sah" in r.out
    data = json.loads(cli("validate", "--json", book).out)
    assert [f["ok"] for f in data["files"]] == [False, False, True]
