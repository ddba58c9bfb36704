"""Positions from sops/org.yaml: aliases match, unknown positions are refused,
actors nobody can act as are listed."""

from __future__ import annotations

from typing import Any

from tests.web.conftest import PASSWORD, start_pengukuran, task_path


def test_an_alias_reaches_the_position(browser: Any, office: Any) -> None:
    office.accounts.add("sekcam", PASSWORD, positions=["sekretaris  kecamatan"])
    camat, sekcam = browser("camat"), browser("sekcam")
    start_pengukuran(camat)
    assert "Mulai SOP" in sekcam.get("/tugas").text
    office.accounts.set_positions("sekcam", ["Sekretaris Kecamatan"])
    iid = office.engine.instances()[0].id
    for step in ("perintah", "format", "sampaikan-format", "undang-rapat"):
        office.engine.complete(iid, step)
    path = task_path(sekcam, "Melaksanakan rapat")  # pengukuran's "Sekretaris"
    assert sekcam.post(path, token_from=path).status_code == 303


def test_unknown_positions_are_refused_and_unmatched_actors_listed(browser: Any) -> None:
    admin = browser("admin")
    refused = admin.post("/pengguna", {"username": "baru", "password": PASSWORD,
                                       "positions": "Camat\nRaja"}, token_from="/pengguna")
    assert refused.status_code == 400
    assert "Jabatan tidak dikenal: Raja." in refused.text
    assert "Kasi Tata Pemerintahan" in refused.text
    made = admin.post("/pengguna", {"username": "baru", "password": PASSWORD,
                                    "positions": "Kasi Tata Pemerintahan"},
                      token_from="/pengguna")
    assert made.status_code == 303
    page = admin.get("/pengguna").text
    assert "pengumpulan-data.yaml: Kasi Tata Pemerintahan" not in page
    assert ("pengumpulan-data.yaml: Kasi Kesejahteraan Sosial: tidak ada pengguna yang "
            "memegang jabatan Kasi Kesejahteraan Sosial") in page
    admin.get("/bahasa/en?next=/pengguna")
    english = admin.get("/pengguna").text
    assert "pengumpulan-data.yaml: Kasi Kesejahteraan Sosial: no user holds the position" \
        in english
