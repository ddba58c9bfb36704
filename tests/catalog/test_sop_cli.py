"""`sopengine sop ...` as a user runs it: Indonesian by default, exit codes, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.catalog.conftest import surat
from tests.cli_driver import invoke


@pytest.fixture
def sop(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("SOPENGINE_DB", str(tmp_path / "katalog.db"))
    monkeypatch.setenv("SOPENGINE_USER", "Kasubag Umum")

    def _run(*args: str | Path):
        return invoke(capsys, monkeypatch, "sop", *args)

    return _run


def test_submit_verify_return_approve_list_show(sop, tmp_path: Path) -> None:
    file = tmp_path / "surat.yaml"
    file.write_text(surat())
    r = sop("submit", file)
    assert (r.code, r.out) == (0, "Revisi 1: surat-masuk rev. 1, dalam reviu "
                                  "(menunggu verifikasi)\n")
    r = sop("return", "1", "--by", "Kabag Organisasi", "--note", "dasar hukum kurang")
    assert "dikembalikan (menunggu susun-draf)" in r.out
    assert sop("submit", file).code == 0
    assert "menunggu setujui" in sop("verify", "1").out
    r = sop("approve", "1", "--by", "Camat", "--number", "800/SOP-07/2026",
            "--effective", "2020-01-01")
    assert r.code == 1  # effective before the date created: the published copy is invalid
    assert "surat-masuk@1" in r.err
    r = sop("approve", "1", "--by", "Camat", "--number", "800/SOP-07/2026", "--json")
    data = json.loads(r.out)
    assert (data["state"], data["number"], data["stage"]) == ("in_force", "800/SOP-07/2026",
                                                              None)
    r = sop("list")
    assert "berlaku" in r.out
    assert "800/SOP-07/2026" in r.out
    r = sop("show", "1", "--json")
    moves = [(e["move"], e["by"]) for e in json.loads(r.out)["history"]]
    assert moves[:3] == [("create", "Kasubag Umum"), ("submit", "Kasubag Umum"),
                         ("return", "Kabag Organisasi")]
    assert sop("show", "1", "--source").out.count('number: "800/SOP-07/2026"') == 1
    assert json.loads(sop("list", "--state", "draft", "--json").out) == {"revisions": []}
    assert json.loads(sop("due", "--json").out) == {"revisions": []}


def test_an_illegal_move_is_refused_in_indonesian(sop, tmp_path: Path) -> None:
    file = tmp_path / "surat.yaml"
    file.write_text(surat())
    sop("submit", file, "--draft")
    r = sop("approve", "1", "--number", "1")
    assert r.code == 3
    assert r.err == ("galat: revisi SOP tidak dapat disetujui: statusnya draf; yang dapat "
                     "dilakukan: diganti teksnya, diajukan, dicabut\n")
    r = sop("approve", "1", "--number", "1", "--lang", "en")
    assert r.err.startswith("error: the SOP revision cannot be approved: it is draft")


def test_an_invalid_file_exits_1_with_its_location(sop, tmp_path: Path) -> None:
    file = tmp_path / "surat.yaml"
    file.write_text(surat().replace("actor: camat", "actor: lurah"))
    r = sop("submit", file)
    assert r.code == 1
    assert f"{file}:16:" in r.err
    assert json.loads(sop("list", "--json").out) == {"revisions": []}


def test_a_word_document_is_imported_then_submitted(sop, tmp_path: Path) -> None:
    from sopengine import load_sop
    from tests.conftest import SOPS
    from tests.importing.office import write_docx

    doc = tmp_path / "pengukuran.docx"
    write_docx(load_sop(SOPS / "pengukuran.yaml"), doc)
    r = sop("submit", doc)
    assert (r.code, r.out) == (0, "Revisi 1: pengukuran-kinerja rev. 1, dalam reviu "
                                  "(menunggu verifikasi)\n")
    assert "Kasi menghimpun dan memvalidasi data kinerja" in sop("show", "1", "--source").out


def test_a_second_draft_in_review_is_refused_naming_the_open_one(sop, tmp_path: Path) -> None:
    one, two = tmp_path / "a.yaml", tmp_path / "b.yaml"
    one.write_text(surat())
    two.write_text(surat(extra_step=True))
    assert sop("submit", one).code == 0
    refused = sop("submit", two)
    assert refused.code == 3
    assert refused.err == ("galat: SOP 'surat-masuk' sudah mempunyai revisi terbuka: revisi 1 "
                           "(ID 1), dalam reviu; selesaikan, kembalikan atau cabut revisi itu "
                           "dulu\n")


def test_sop_show_lists_a_verification_done_on_the_task_page(sop, tmp_path: Path) -> None:
    from sopengine.runtime.engine import Engine
    from sopengine.runtime.store import Store

    file = tmp_path / "surat.yaml"
    file.write_text(surat())
    assert sop("submit", file).code == 0
    store = Store.open(str(tmp_path / "katalog.db"))
    Engine(store).complete(1, "verifikasi", branch="Ya", by="Kabag Organisasi",
                           note="sudah lengkap")
    store.close()
    shown = sop("show", "1", "--json")
    moves = [(e["move"], e["by"], e["note"]) for e in json.loads(shown.out)["history"]]
    assert moves[-1] == ("verify", "Kabag Organisasi", "sudah lengkap")
    table = sop("show", "1").out
    assert "lolos verifikasi" in table
    assert "sudah lengkap" in table


def test_the_first_catalog_command_announces_the_database_it_creates(
        sop, tmp_path: Path) -> None:
    file = tmp_path / "surat.yaml"
    file.write_text(surat())
    first = sop("submit", file)
    assert first.code == 0
    assert f"basis data baru dibuat: {tmp_path / 'katalog.db'}" in first.err
    assert "basis data baru" not in sop("list").err  # it exists now: nothing to say
