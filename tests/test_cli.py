"""The command line, run as a user runs it: exit codes, text and JSON output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CASES, ROOT, SOPS


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sopengine", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_validate_the_seed_directory() -> None:
    r = run("validate", "sops/", "--lang", "en")
    assert r.returncode == 0, r.stdout
    # the seed's own words (actions with their subject, forms no step hands on)
    # are warned about, not rewritten: all in pengukuran.yaml
    assert r.stdout.strip().splitlines()[-1] == "ok: 4 files valid, 11 warnings"
    warned = [line for line in r.stdout.splitlines() if ": warning[" in line]
    assert len(warned) == 11
    assert all(line.startswith("sops/pengukuran.yaml:") for line in warned)


def test_validate_text_shows_source_line_caret_hint_and_summary() -> None:
    r = run("validate", CASES / "invalid" / "unknown-actor.yaml", "--lang", "en")
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert lines[0].endswith("unknown-actor.yaml:13:12: error[unknown-actor] unknown actor "
                             "'kamat' in step '2': it is not listed under `actors`")
    assert lines[1] == "   13 |   - actor: kamat"
    assert lines[2] == "      |            ^^^^^"
    assert lines[3] == "  hint: did you mean 'camat'?"
    assert lines[-1] == "1 error, 0 warnings: 1 of 1 file invalid"


def test_validate_json_is_the_spec_shape_and_alone_on_stdout() -> None:
    r = run("validate", "--json", CASES / "invalid" / "unused-actor.yaml", "sops/pengukuran.yaml")
    assert r.returncode == 0  # warnings do not make a file invalid
    data = json.loads(r.stdout)
    [first, second] = data["files"]
    assert first["ok"] is True
    assert first["errors"] == []
    [w] = first["warnings"]
    assert {k: w[k] for k in ("line", "column", "code")} == {"line": 7, "column": 3,
                                                            "code": "unused-actor"}
    assert {k: second[k] for k in ("path", "ok", "errors")} == {
        "path": "sops/pengukuran.yaml", "ok": True, "errors": []}
    assert {w["code"] for w in second["warnings"]} == {  # the seed's own wording
        "action-has-subject", "input-not-produced", "no-outputs"}


def test_validate_exit_codes() -> None:
    assert run("validate", CASES / "invalid" / "bad-nip.yaml").returncode == 1
    missing = run("validate", "nope.yaml", "--lang", "en")
    assert missing.returncode == 2
    assert missing.stderr.strip() == "error: nope.yaml: no such file or directory"
    assert "Traceback" not in missing.stderr
    assert run("validate", "--bogus", "sops/").returncode == 2
    assert run("validate").returncode == 2


def test_quiet_hides_warnings() -> None:
    r = run("validate", "-q", CASES / "invalid" / "no-outputs.yaml", "--lang", "en")
    assert r.stdout.strip() == "ok: 1 file valid, 1 warning"


def test_binary_garbage_gets_a_located_message_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "x.yaml"
    bad.write_bytes(b"sop: 1\ntitle: \xc3\x28\n")
    r = run("validate", bad, "--lang", "en")
    assert r.returncode == 1
    assert f"{bad}:2:8: error[not-utf8]" in r.stdout
    assert "Traceback" not in r.stdout + r.stderr


def test_analyze_json_matches_the_spec() -> None:
    r = run("analyze", "sops/pengukuran.yaml", "--json")
    assert r.returncode == 0
    data = json.loads(r.stdout)
    assert data["sop"] == "pengukuran-kinerja"
    assert data["total_minutes"] == 765
    assert data["critical_path"][0] == "perintah"
    assert len(data["critical_path"]) == 14
    first = data["steps"][0]
    assert {k: first[k] for k in ("id", "earliest_start", "earliest_finish", "latest_start",
                                  "latest_finish", "slack", "critical")} == {
        "id": "perintah", "earliest_start": 0, "earliest_finish": 15, "latest_start": 0,
        "latest_finish": 15, "slack": 0, "critical": True}
    assert data["actors"]["camat"] == {"minutes": 205, "steps": 4}
    assert data["total_hours"] == 12.75


@pytest.mark.parametrize(("lang", "words"), [
    ("id", ["Jumlah waktu: 765 menit", "Jalur kritis:", "Beban per pelaksana:"]),
    ("en", ["Total time: 765 minutes", "Critical path:", "Load per actor:"]),
])
def test_analyze_table_speaks_the_chosen_language(lang: str, words: list[str]) -> None:
    r = run("analyze", "sops/pengukuran.yaml", "--lang", lang)
    assert r.returncode == 0
    for w in words:
        assert w in r.stdout


def test_analyze_an_invalid_file_reports_and_fails() -> None:
    r = run("analyze", CASES / "invalid" / "unknown-target.yaml", "--lang", "en")
    assert r.returncode == 1
    assert "error[unknown-target]" in r.stderr
    r = run("analyze", "--json", CASES / "invalid" / "unknown-target.yaml")
    assert json.loads(r.stdout)["files"][0]["errors"][0]["code"] == "unknown-target"


def test_working_day_option_changes_days() -> None:
    r = run("analyze", "sops/pengukuran.yaml", "--json", "--day-hours", "8")
    assert json.loads(r.stdout)["total_days"] == round(765 / 480, 4)


def test_schema_command_prints_the_committed_schema() -> None:
    r = run("schema")
    assert r.returncode == 0
    assert json.loads(r.stdout) == json.loads((ROOT / "schemas" / "sop.schema.json").read_text())


def test_every_command_has_help() -> None:
    for cmd in ("validate", "analyze", "schema"):
        r = run(cmd, "--help")
        assert r.returncode == 0
        assert "Penggunaan:" in r.stdout  # Indonesian by default (tests/test_cli_help.py)


def test_seed_sops_dir_exists() -> None:
    assert sorted(p.name for p in SOPS.glob("*.yaml")) == [
        "book.yaml", "calendar.yaml", "org.yaml", "pengawasan-internal.yaml",
        "pengukuran.yaml", "pengumpulan-data.yaml", "penyusunan-sop.yaml"]
