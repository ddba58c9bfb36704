"""The runtime commands as a user runs them (a fresh SQLite file per test)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture
def run(tmp_path: Path):
    env = {**os.environ, "SOPENGINE_DB": str(tmp_path / "cli.db")}

    def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "sopengine", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, input=stdin, timeout=120)

    return _run


def test_main_job_auto_run_json(run) -> None:
    r = run("run", "sops/pengukuran.yaml", "--auto", "--decide", "koreksi=Ya", "--json",
            "--start", "2026-11-23 07:30")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["status"] == "completed"
    assert data["total_minutes"] == data["critical_path_minutes"] == 765
    assert [s["id"] for s in data["steps"]][:2] == ["perintah", "format"]
    assert len(data["steps"]) == 14
    assert data["steps"][8] == {"id": "koreksi", "actor": "camat", "by": "Camat",
                                "start": "2026-11-24T10:20", "finish": "2026-11-24T11:20",
                                "branch": "Ya"}
    # 765 working minutes from Monday 07:30 on sops/calendar.yaml: 450 on Monday,
    # then Tuesday 07:30-12:00 (270) and, after the 12:00-13:00 break, 45 more
    assert data["finished_at"] == "2026-11-24T13:45"


def test_auto_run_is_repeatable_with_a_seed(run) -> None:
    first = json.loads(run("run", "sops/pengukuran.yaml", "--auto", "--seed", "3", "--json",
                           "--start", "2026-11-23 07:30").stdout)
    second = json.loads(run("run", "sops/pengukuran.yaml", "--auto", "--seed", "3", "--json",
                            "--start", "2026-11-23 07:30").stdout)
    assert first["steps"] == second["steps"]
    assert first["instance"] != second["instance"]


def test_rework_shows_in_the_total(run) -> None:
    r = run("run", "sops/pengukuran.yaml", "--auto", "--json", "--decide", "koreksi=Ya",
            "--start", "2026-11-23 07:30")
    assert json.loads(r.stdout)["total_minutes"] == 765
    text = run("run", "sops/pengukuran.yaml", "--auto", "--seed", "2", "--lang", "en").stdout
    assert "critical path: 765 minutes" in text


def test_bad_decide_is_a_clear_error(run) -> None:
    r = run("run", "sops/pengukuran.yaml", "--auto", "--decide", "koreksi=Mungkin")
    assert r.returncode == 2  # a wrong option value, refused before anything starts
    assert "tidak mempunyai jawaban 'Mungkin'" in r.stderr
    r = run("run", "sops/pengukuran.yaml", "--auto", "--decide", "koreksi", "--lang", "en")
    assert r.returncode == 2
    assert "STEP=BRANCH" in r.stderr


def test_interactive_run_from_answers(run) -> None:
    # a decision file: who, answer, note per step; the sequence case has two steps
    answers = "\n".join(["Budi", "", "Pak Camat", "ditandatangani"]) + "\n"
    r = run("run", "tests/cases/valid/sequence.yaml", stdin=answers)
    assert r.returncode == 0, r.stderr
    assert "1/2" in r.stdout
    assert "2/2" in r.stdout
    shown = json.loads(run("show", "1", "--json").stdout)
    assert shown["status"] == "completed"
    assert [(e["step"], e["by"], e["note"]) for e in shown["history"][1:]] == [
        ("1", "Budi", None), ("2", "Pak Camat", "ditandatangani")]


def test_interactive_run_asks_decisions_and_survives_end_of_input(run) -> None:
    answers = "Ani\n\nCamat\nSalah\nkurang lengkap\n"  # then input ends
    r = run("run", "tests/cases/valid/rework-loop-via-next.yaml", stdin=answers)
    assert r.returncode == 130
    assert "Instans 1 masih berjalan; lanjutkan dengan `sopengine complete 1 STEP` atau " \
        "`sopengine cancel 1`" in r.stderr
    assert r.stderr.rstrip().endswith("dibatalkan")
    tasks = json.loads(run("tasks", "--json").stdout)["tasks"]
    assert [t["step"] for t in tasks] == ["perbaiki"]


def test_start_tasks_complete_show_list_cancel(run) -> None:
    assert run("start", "sops/pengukuran.yaml", "--json").returncode == 0
    inbox = json.loads(run("tasks", "--actor", "camat", "--json").stdout)["tasks"]
    assert [(t["instance"], t["step"]) for t in inbox] == [(1, "perintah")]
    assert json.loads(run("tasks", "--actor", "tim", "--json").stdout)["tasks"] == []
    done = json.loads(run("complete", "1", "perintah", "--by", "Drs. Wawan", "--note", "segera",
                          "--json").stdout)
    assert done == {"instance": 1, "step": "perintah", "by": "Drs. Wawan", "branch": None,
                    "status": "running", "next": ["format"]}
    again = run("complete", "1", "perintah", "--lang", "en")
    assert again.returncode == 3
    assert "already completed by Drs. Wawan" in again.stderr
    listed = json.loads(run("list", "--json").stdout)["instances"]
    assert [(i["instance"], i["status"]) for i in listed] == [(1, "running")]
    cancelled = json.loads(run("cancel", "1", "--by", "Sekretaris", "--json").stdout)
    assert cancelled["status"] == "cancelled"
    assert cancelled["open_tasks"] == []


def test_report_compares_actual_with_standard(run) -> None:
    for seed in range(3):
        run("run", "sops/pengukuran.yaml", "--auto", "--seed", str(seed))
    data = json.loads(run("report", "pengukuran-kinerja", "--json").stdout)
    first = data["steps"][0]
    assert first == {"id": "perintah", "standard_minutes": 15, "count": 3,
                     "median_minutes": 15, "p90_minutes": 15, "share_late": 0,
                     "in_newest_version": True, "standards_by_version": None}
    assert data["notes"] == []  # one version: nothing to note
    assert run("report", "sops/pengukuran.yaml").returncode == 0
    assert run("report", "tidak-ada").returncode == 1


def test_database_errors_are_one_line(run, tmp_path: Path) -> None:
    r = run("list", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "--lang", "en")
    assert r.returncode == 3
    assert r.stderr.startswith("error: cannot open the database")
    assert "Traceback" not in r.stderr
