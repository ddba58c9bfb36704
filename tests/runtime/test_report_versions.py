"""`sopengine report` over instances pinned to different versions of one SOP: a step
of any version is reported, with its actuals; what differs is noted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_driver import invoke

HEAD = """sop: 1
id: surat
title: Surat keluar
actors: {staf: Staf, camat: Camat}
steps:
  - {id: draf, actor: staf, action: Menyusun draf surat, time: 30, outputs: [Draf surat]}
"""
V1 = HEAD + """  - {id: paraf, actor: staf, action: Memaraf draf surat, inputs: [Draf surat],
     time: 5, outputs: [Draf berparaf]}
  - {id: tanda, actor: camat, action: Menandatangani surat, inputs: [Draf berparaf],
     time: 10, outputs: [Surat]}
"""
# v2 drops the initials and doubles the signing time
V2 = HEAD + """  - {id: tanda, actor: camat, action: Menandatangani surat, inputs: [Draf surat],
     time: 20, outputs: [Surat]}
"""


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str],
       monkeypatch: pytest.MonkeyPatch) -> Path:
    """One instance run to its end on v1, then one on v2 (the newest)."""
    db = tmp_path / "r.db"
    for name, text in (("v1", V1), ("v2", V2)):
        file = tmp_path / f"{name}.yaml"
        file.write_text(text)
        r = invoke(capsys, monkeypatch, "run", "--auto", file, "--db", db,
                   "--start", "2026-11-23 07:30")
        assert r.code == 0, r.err
    return db


def test_the_report_keeps_the_steps_of_an_older_version(db: Path, capsys, monkeypatch) -> None:
    r = invoke(capsys, monkeypatch, "report", "surat", "--db", db, "--json")
    assert r.code == 0, r.err
    rows = {s["id"]: s for s in json.loads(r.out)["steps"]}
    assert list(rows) == ["draf", "tanda", "paraf"]  # the newest's order, then v1's own
    assert rows["paraf"]["count"] == 1  # the v1 instance's initials are counted
    assert rows["paraf"]["standard_minutes"] == 5
    assert rows["paraf"]["median_minutes"] == 5
    assert rows["draf"]["count"] == rows["tanda"]["count"] == 2
    assert rows["tanda"]["standard_minutes"] == 20  # the newest's


def test_the_text_report_notes_what_the_versions_differ_in(db: Path, capsys,
                                                           monkeypatch) -> None:
    text = invoke(capsys, monkeypatch, "report", "surat", "--db", db).out
    assert "paraf" in text
    assert "catatan: langkah 'paraf' hanya ada di versi lama SOP ini" in text
    assert "catatan: waktu baku langkah 'tanda' berbeda antarversi: 20, 10 menit" in text
    english = invoke(capsys, monkeypatch, "report", "surat", "--db", db, "--lang", "en").out
    assert "note: step 'paraf' is only in older versions of this SOP" in english
    assert "step 'tanda' differs between versions: 20, 10 minutes (newest first)" in english


def test_one_version_has_no_notes(tmp_path: Path, capsys, monkeypatch) -> None:
    file = tmp_path / "v1.yaml"
    file.write_text(V1)
    for _ in range(2):
        invoke(capsys, monkeypatch, "run", "--auto", file, "--db", tmp_path / "one.db")
    r = invoke(capsys, monkeypatch, "report", file, "--db", tmp_path / "one.db")
    assert r.code == 0, r.err
    assert "catatan" not in r.out


def test_the_json_report_carries_the_notes_and_the_versions(db: Path, capsys,
                                                            monkeypatch) -> None:
    report = json.loads(invoke(capsys, monkeypatch, "report", "surat", "--db", db,
                               "--json").out)
    rows = {s["id"]: s for s in report["steps"]}
    assert rows["paraf"]["in_newest_version"] is False
    assert rows["tanda"]["standards_by_version"] == [20, 10]  # newest first
    assert rows["draf"]["standards_by_version"] is None
    assert any("paraf" in n and "versi lama" in n for n in report["notes"])
    assert any("tanda" in n and "20, 10" in n for n in report["notes"])


def test_the_web_report_spans_the_versions_too(db: Path, tmp_path: Path) -> None:
    """The same report in the web app (page, CSV, API), though the served folder has
    only the newest file: the older version's step and its activity are there."""
    from starlette.testclient import TestClient

    from sopengine.web.app import create_app
    from sopengine.web.office import open_office
    from sopengine.web.settings import Settings

    folder = tmp_path / "served"
    folder.mkdir()
    (folder / "surat.yaml").write_text(V2)
    office = open_office(Settings(sops=folder, db=str(db), uploads=tmp_path / "up"))
    office.accounts.add("kepala", "rahasia-123", positions=["Camat"])
    client = TestClient(create_app(office=office))
    token = office.signin.new_token("kepala", "test")
    api = client.get("/api/reports/surat", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 200, api.text
    rows = {r["step"]: r for r in api.json()}
    assert rows["paraf"]["action"] == "Memaraf draf surat"
    assert rows["paraf"]["count"] == 1
    assert rows["paraf"]["in_newest_version"] is False
    signed = TestClient(create_app(office=office), follow_redirects=False)
    form = signed.get("/masuk").text
    csrf = form.split('name="csrf" value="')[1].split('"')[0]
    assert signed.post("/masuk", data={"username": "kepala", "password": "rahasia-123",
                                       "csrf": csrf}).status_code == 303
    html = signed.get("/laporan/surat").text
    assert "Memaraf draf surat" in html
    assert "hanya ada di versi lama" in html
    csv = signed.get("/laporan/surat/csv").text
    assert "Memaraf draf surat" in csv
    office.store.close()
