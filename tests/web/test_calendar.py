"""Due times in the web app are counted on the office's working calendar, found as
the CLI finds it: `serve --calendar FILE` ($SOPENGINE_CALENDAR), else the
calendar.yaml beside the SOPs. A bad calendar stops `serve` at start."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from sopengine.web.app import create_app
from sopengine.web.office import open_office
from sopengine.web.settings import Settings
from tests.conftest import SOPS
from tests.web.conftest import PASSWORD, Browser, start_pengukuran

# closed on Monday 7 December 2026; Friday's windows end at 16:30
CALENDAR = """calendar: 1
national_holidays: null
hours:
  monday: [07:30-12:00, 13:00-16:00]
  tuesday: [07:30-12:00, 13:00-16:00]
  wednesday: [07:30-12:00, 13:00-16:00]
  thursday: [07:30-12:00, 13:00-16:00]
  friday: [07:30-11:30, 13:00-16:30]
closed:
  2026-12-07: Rapat kerja di kabupaten
"""
FRIDAY_AFTERNOON = dt.datetime(2026, 12, 4, 16, 20)  # 10 of the 15 minutes left on Friday


def _sops(tmp_path: Path, calendar: str | None) -> Path:
    folder = tmp_path / "sops"
    shutil.copytree(SOPS, folder)
    (folder / "calendar.yaml").unlink(missing_ok=True)
    if calendar is not None:
        (folder / "calendar.yaml").write_text(calendar, encoding="utf-8")
    return folder


def _camat_starts_on_friday(tmp_path: Path, settings: Settings) -> str:
    office = open_office(settings)
    office.accounts.add("camat", PASSWORD, positions=["Camat"])
    office.engine.clock = lambda: FRIDAY_AFTERNOON
    camat = Browser(create_app(office=office))
    assert camat.sign_in("camat").status_code == 303
    page = camat.get(f"/instans/{start_pengukuran(camat)}").text
    office.store.close()
    return page


def test_the_calendar_beside_the_sops_moves_the_due_time_past_a_closed_day(
        tmp_path: Path) -> None:
    sops = _sops(tmp_path, CALENDAR)
    page = _camat_starts_on_friday(tmp_path, Settings(sops=sops, db=str(tmp_path / "s.db"),
                                                      uploads=tmp_path / "up"))
    assert "Batas waktu 08-12-2026 07:35" in page  # Monday is closed: Tuesday, 5 min in


def test_serve_calendar_file_is_the_one_due_times_use(tmp_path: Path) -> None:
    sops = _sops(tmp_path, None)  # without a file beside them: Monday 07:45 (07:30-15:00)
    office_file = tmp_path / "kantor.yaml"
    office_file.write_text(CALENDAR, encoding="utf-8")
    page = _camat_starts_on_friday(tmp_path, Settings(
        sops=sops, db=str(tmp_path / "s.db"), uploads=tmp_path / "up", calendar=office_file))
    assert "Batas waktu 08-12-2026 07:35" in page


def test_the_calendar_setting_reaches_every_worker(tmp_path: Path,
                                                   monkeypatch: Any) -> None:
    settings = Settings(sops=tmp_path, calendar=tmp_path / "kantor.yaml")
    for name, value in settings.to_env().items():
        monkeypatch.setenv(name, value)
    assert Settings.from_env().calendar == tmp_path / "kantor.yaml"


def _serve(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> Any:
    return subprocess.run([sys.executable, "-m", "sopengine", "serve", str(SOPS), "--db",
                           str(tmp_path / "s.db"), "--port", "1", *args],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def test_a_bad_calendar_stops_serve_with_the_located_problem(tmp_path: Path) -> None:
    bad = tmp_path / "kantor.yaml"
    bad.write_text(CALENDAR.replace("friday: [07:30-11:30", "friday: [11:30-07:30"),
                   encoding="utf-8")
    done = _serve(tmp_path, "--calendar", str(bad))
    assert done.returncode != 0
    assert f"{bad}:8:12: bad-value" in done.stderr, done.stderr
    assert "'11:30-07:30' is not a working window" in done.stderr
    assert "Traceback" not in done.stderr
    assert "sopengine: http" not in done.stderr  # stopped before serving
    by_env = _serve(tmp_path, env={"SOPENGINE_CALENDAR": str(bad)})
    assert by_env.returncode != 0
    assert f"{bad}:8:12: bad-value" in by_env.stderr, by_env.stderr
    missing = _serve(tmp_path, "--calendar", str(tmp_path / "none.yaml"))
    assert missing.returncode != 0
    assert "none.yaml: no such calendar file" in missing.stderr, missing.stderr
    assert "Traceback" not in missing.stderr
