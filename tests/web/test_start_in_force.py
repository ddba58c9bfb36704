"""Only an SOP in force can be started (issue 12): with the catalog in use, the
start page lists only the SOPs in force (or due for review), and starting one
withdrawn, not yet approved, not yet effective or not in the catalog is refused
with a 409 in Indonesian, on the form and the JSON API, nothing started. A plain
directory of SOPs without any catalog record starts them all, as before. Every
page links to the public portal."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from starlette.testclient import TestClient

import sopengine
from sopengine.web.office import Office
from tests.conftest import SOPS

PENGUKURAN, PENGUMPULAN, PENGAWASAN = ("pengukuran-kinerja", "pengumpulan-data-kinerja",
                                       "pengawasan-internal")
ORG = "Kabag Organisasi"


@pytest.fixture
def catalog(office: Office) -> sopengine.Catalog:
    return sopengine.Catalog(office.store, engine=office.engine)


def _approve(catalog: sopengine.Catalog, file: str, effective: dt.date | None = None) -> int:
    rev = catalog.submit(SOPS / file, by="Kasubag Umum")
    catalog.verify(rev.id, by=ORG)
    return catalog.approve(rev.id, by="Camat", number=f"800/{file}", effective=effective).id


def _startable(page: str) -> set[str]:
    return {sop_id for sop_id in (PENGUKURAN, PENGUMPULAN, PENGAWASAN)
            if f'action="/mulai/{sop_id}"' in page}


def _api(app: Any, office: Office) -> TestClient:
    client = TestClient(app)
    client.headers["Authorization"] = f"Bearer {office.signin.new_token('camat', 'test')}"
    return client


def test_without_any_catalog_record_every_sop_starts_as_before(browser: Any) -> None:
    camat = browser("camat")
    page = camat.get("/mulai").text
    assert _startable(page) == {PENGUKURAN, PENGUMPULAN, PENGAWASAN}
    assert "data-only-in-force" not in page
    assert camat.post(f"/mulai/{PENGAWASAN}", token_from="/mulai").status_code == 303


def test_only_the_sops_in_force_are_listed_and_started(
        browser: Any, catalog: sopengine.Catalog, office: Office) -> None:
    _approve(catalog, "pengukuran.yaml")  # in force from today
    catalog.submit(SOPS / "pengumpulan-data.yaml", by="Kasubag Umum")  # in review
    camat = browser("camat")
    page = camat.get("/mulai").text
    assert _startable(page) == {PENGUKURAN}
    assert "Hanya SOP yang berlaku menurut Katalog SOP yang dapat dimulai." in page
    assert camat.post(f"/mulai/{PENGUKURAN}", token_from="/mulai").status_code == 303

    in_review = camat.post(f"/mulai/{PENGUMPULAN}", token_from="/mulai")
    assert in_review.status_code == 409
    assert ("SOP “Pengumpulan Data Kinerja” belum disetujui (statusnya: dalam reviu), "
            "sehingga belum dapat dimulai.") in in_review.text
    absent = camat.post(f"/mulai/{PENGAWASAN}", token_from="/mulai")
    assert absent.status_code == 409
    assert "tidak ada di Katalog SOP" in absent.text
    started = {i.sop_id for i in office.engine.instances(limit=100)}
    assert PENGUMPULAN not in started
    assert PENGAWASAN not in started


def test_a_withdrawn_sop_is_gone_from_the_start_page_and_refused(
        browser: Any, catalog: sopengine.Catalog, office: Office, app: Any) -> None:
    rid = _approve(catalog, "pengukuran.yaml")
    catalog.withdraw(rid, by=ORG, note="digabung ke SOP lain")
    camat = browser("camat")
    page = camat.get("/mulai").text
    assert _startable(page) == set()
    assert "Tidak ada SOP berlaku yang dapat Anda mulai." in page
    refused = camat.post(f"/mulai/{PENGUKURAN}", token_from="/mulai")
    assert refused.status_code == 409
    assert "SOP “Pengukuran Kinerja” sudah dicabut, sehingga tidak dapat dimulai lagi." \
        in refused.text
    answer = _api(app, office).post("/api/instances", json={"sop_id": PENGUKURAN})
    assert answer.status_code == 409
    assert answer.json()["error"] == "err_start_withdrawn"
    assert "sudah dicabut" in answer.json()["message"]
    assert office.engine.instances(sop_id=PENGUKURAN, limit=10) == []


def test_an_sop_approved_before_its_tanggal_efektif_cannot_start_yet(
        browser: Any, catalog: sopengine.Catalog, office: Office, app: Any) -> None:
    later = office.engine.clock().date() + dt.timedelta(days=30)
    _approve(catalog, "pengukuran.yaml", effective=later)
    _approve(catalog, "pengumpulan-data.yaml")
    assert _startable(browser("camat").get("/mulai").text) == {PENGUMPULAN}
    api = _api(app, office)
    answer = api.post("/api/instances", json={"sop_id": PENGUKURAN})
    assert answer.status_code == 409
    assert answer.json()["message"] == ("SOP “Pengukuran Kinerja” sudah disetujui tetapi baru "
                                        f"berlaku pada {later:%d-%m-%Y}; sebelum itu belum "
                                        "dapat dimulai.")
    assert api.post("/api/instances", json={"sop_id": PENGUMPULAN}).status_code == 200


def test_an_sop_due_for_review_is_still_in_force(
        browser: Any, catalog: sopengine.Catalog, office: Office) -> None:
    rid = _approve(catalog, "pengukuran.yaml")
    a_year_on = office.engine.clock() + dt.timedelta(days=400)
    office.engine.clock = lambda: a_year_on  # the app's catalog takes the engine's clock
    camat = browser("camat")
    assert _startable(camat.get("/mulai").text) == {PENGUKURAN}
    assert catalog.get(rid).state == "due_for_review"
    assert camat.post(f"/mulai/{PENGUKURAN}", token_from="/mulai").status_code == 303


def test_the_refusal_speaks_english_by_the_switch(
        browser: Any, catalog: sopengine.Catalog) -> None:
    _approve(catalog, "pengumpulan-data.yaml")
    catalog.submit(SOPS / "pengukuran.yaml", by="Kasubag Umum", draft=True)
    camat = browser("camat")
    camat.client.cookies.set("lang", "en")
    refused = camat.post(f"/mulai/{PENGUKURAN}", token_from="/mulai")
    assert refused.status_code == 409
    assert "is not approved yet (it is draft)" in refused.text


def test_home_and_every_page_link_to_the_public_portal(browser: Any) -> None:
    anonymous = browser()
    home = anonymous.get("/")
    assert home.status_code == 303
    page = anonymous.get(home.headers["location"]).text
    assert '<a href="/sop" data-nav="portal">Portal SOP</a>' in page
    assert 'href="/sop"' in browser("camat").get("/tugas").text


def test_the_web_starts_the_text_approved_not_the_folder_file_edited_since(
        browser: Any, catalog: sopengine.Catalog, office: Office, app: Any) -> None:
    _approve(catalog, "pengukuran.yaml")
    approved = catalog.in_force(PENGUKURAN)
    assert approved is not None
    # the folder's file is edited after approval: a step's time changed, not yet submitted
    edited = office.sops[PENGUKURAN]
    assert edited.sop is not None
    office.sops[PENGUKURAN] = sopengine.check_text(
        edited.text.replace("title: Pengukuran Kinerja", "title: Pengukuran Kinerja (draf)"),
        "pengukuran.yaml")
    camat = browser("camat")
    page = camat.get("/mulai").text
    assert "Pengukuran Kinerja (draf)" not in page  # the list shows the approved text
    assert camat.post(f"/mulai/{PENGUKURAN}", token_from="/mulai").status_code == 303
    by_api = _api(app, office).post("/api/instances", json={"sop_id": PENGUKURAN})
    assert by_api.status_code == 200, by_api.text
    started = office.engine.instances(sop_id=PENGUKURAN, limit=10)
    assert len(started) == 2
    for inst in started:
        pinned, _ = office.engine.definition(inst.definition)
        assert pinned.number == "800/pengukuran.yaml"  # the number given at approval
        assert pinned.title == "Pengukuran Kinerja"


def test_the_start_page_makes_the_calendar_s_moves_once(
        browser: Any, catalog: sopengine.Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not once per SOP in force (each a round of queries and moves)."""
    _approve(catalog, "pengukuran.yaml")
    _approve(catalog, "pengawasan-internal.yaml")
    calls: list[int] = []
    real = sopengine.Catalog.refresh

    def counted(self: sopengine.Catalog) -> None:
        calls.append(1)
        real(self)

    camat = browser("camat")
    monkeypatch.setattr(sopengine.Catalog, "refresh", counted)
    page = camat.get("/mulai").text
    assert _startable(page) == {PENGUKURAN, PENGAWASAN}
    assert len(calls) == 1
