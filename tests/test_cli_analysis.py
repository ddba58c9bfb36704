"""simulate, workload, gantt and the expected total, as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from tests.conftest import ROOT


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sopengine", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def test_simulate_json() -> None:
    r = run("simulate", "sops/pengukuran.yaml", "-n", "20000", "--seed", "1", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["standard_total"] == 765
    assert data["p50"] == 765
    assert abs(data["mean"] - 880) < 10  # 765 + 460 x 0.2 / 0.8
    assert 0.75 < data["within_standard"] < 0.85  # no rework with chance 0.8
    assert data["criticality"]["koreksi"] == 1.0


def test_simulate_histogram_is_svg(tmp_path: Path) -> None:
    out = tmp_path / "h.svg"
    r = run("simulate", "sops/pengumpulan-data.yaml", "-n", "2000", "--seed", "1", "--svg", out)
    assert r.returncode == 0, r.stderr
    assert ElementTree.parse(out).getroot().tag.endswith("svg")


def test_analyze_json_has_the_expected_total_only_without_parallel() -> None:
    assert json.loads(run("analyze", "sops/pengukuran.yaml", "--json").stdout)[
        "expected_total_minutes"] == 880
    assert json.loads(run("analyze", "sops/pengumpulan-data.yaml", "--json").stdout)[
        "expected_total_minutes"] is None


def test_workload_table_csv_json(tmp_path: Path) -> None:
    data = json.loads(run("workload", "sops/", "--json").stdout)
    assert data["hours_per_year"] == 1250
    camat = next(a for a in data["actors"] if a["position"] == "Camat")
    assert set(camat["by_sop"]) == {"pengukuran-kinerja", "pengumpulan-data-kinerja",
                                    "pengawasan-internal", "penyusunan-sop"}  # as Pimpinan
    assert camat["staff"] == round(camat["minutes_per_year"] / (1250 * 60), 4)
    out = tmp_path / "w.csv"
    assert run("workload", "sops/", "--csv", out, "--lang", "en").returncode == 0
    rows = list(csv.reader(io.StringIO(out.read_text())))
    assert rows[0] == ["Position", "Minutes/year", "Hours/year", "Staff needed"]
    assert len(rows) == 1 + len(data["actors"])
    text = run("workload", "sops/", "--hours-per-year", "1000").stdout
    assert "1000 jam kerja efektif/tahun" in text


def _bars(svg: Path) -> dict[str, int]:
    text = svg.read_text()
    return {"critical": text.count("fill: #c0392b"), "normal": text.count("fill: #5d8aa8")}


def test_gantt_of_the_schedule_has_a_bar_per_step_and_actor(tmp_path: Path) -> None:
    out = tmp_path / "g.svg"
    r = run("gantt", "sops/pengawasan-internal.yaml", "-o", out)
    assert r.returncode == 0, r.stderr
    # 14 steps, "periksa" has two actors: 15 bars; kertas-kerja has slack; +1 legend each
    assert _bars(out) == {"critical": 13 + 1 + 1, "normal": 1 + 1}
    again = tmp_path / "g2.svg"
    run("gantt", "sops/pengawasan-internal.yaml", "-o", again)
    assert out.read_text() == again.read_text()  # repeatable output


def test_gantt_of_a_recorded_run(tmp_path: Path) -> None:
    env = {"SOPENGINE_DB": str(tmp_path / "g.db")}
    run("run", "sops/pengukuran.yaml", "--auto", "--seed", "2", env=env)
    out = tmp_path / "run.png"
    r = run("gantt", "1", "-o", out, env=env)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    bad = run("gantt", "nothing-like-this", "-o", out, env=env)
    assert bad.returncode == 2
