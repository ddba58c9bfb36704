"""A database failure in the web app is a page saying what happened, never a
traceback or the driver's words (issue 10 item 15)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from sopengine.web.office import Office


def test_a_damaged_database_is_a_503_page_in_indonesian(office: Office, browser: Any) -> None:
    camat = browser("camat")
    token = office.signin.new_token("camat", "test")
    office.engine.start(office.sops["pengukuran-kinerja"], title="Sebelum rusak")
    assert camat.get("/tugas").status_code == 200
    with office.store.transaction() as conn:
        conn.execute(text("DROP TABLE inbox"))
    page = camat.get("/tugas")
    assert page.status_code == 503
    assert "basis data rusak atau bukan basis data sopengine" in page.text
    for raw in ("inbox", "no such table", "Traceback", "sqlite"):
        assert raw not in page.text
    api = camat.client.get("/api/tasks", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 503
    assert api.json()["error"] == "store_damaged"
