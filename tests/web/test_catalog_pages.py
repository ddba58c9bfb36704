"""The catalog's pages and the public portal, in-process (Starlette's TestClient):
upload, errors in place, diff, verify, return, approve, due list; the portal
without signing in; who may do what, checked on the server."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from sopengine.web.office import Office
from tests.catalog.conftest import surat
from tests.web.conftest import PASSWORD

TEAM = {"unit": ["Unit Kerja Penyusun"], "org": ["Bagian Organisasi"], "kepala": ["Pimpinan"]}


@pytest.fixture
def team(office: Office, browser: Any) -> dict[str, Any]:
    for name, positions in TEAM.items():
        office.accounts.add(name, PASSWORD, full_name=f"Bapak {name.title()}",
                            positions=positions)
    return {name: browser(name) for name in (*TEAM, "luar", "admin")}


def upload(who: Any, name: str, content: bytes, **data: str) -> Any:
    return who.post("/katalog", data, token_from="/katalog",
                    files={"file": (name, content, "application/octet-stream")})


def move(who: Any, rid: int, what: str, **data: str) -> Any:
    return who.post(f"/katalog/{rid}/{what}", data, token_from=f"/katalog/{rid}")


def test_an_invalid_upload_shows_every_error_at_its_line_and_nothing_is_stored(
        team: dict[str, Any]) -> None:
    bad = surat().replace("actor: camat", "actor: lurah").replace("time: 15", "time: -5")
    page = upload(team["unit"], "surat.yaml", bad.encode())
    assert page.status_code == 422
    problems = re.findall(r'data-line="(\d+)" data-column="(\d+)"><a href="#f0-L\d+">baris '
                          r'\d+, kolom \d+</a>: <strong>error\[([a-z-]+)\]', page.text)
    assert ("16", "12", "unknown-actor") in problems
    assert any(code == "bad-duration" for _, _, code in problems)
    assert re.search(r'<tr id="f0-L16" class="has-error"><th scope="row">16</th><td><pre>'
                     r'    actor: lurah</pre><pre class="marker" data-marker="unknown-actor">'
                     r' {11}\^ unknown-actor', page.text)
    assert "tidak ada yang disimpan" in page.text
    assert 'data-state' not in team["unit"].get("/katalog").text


def test_from_upload_to_the_public_portal(team: dict[str, Any], browser: Any) -> None:
    done = upload(team["unit"], "surat.yaml", surat().encode())
    assert done.status_code == 303, done.text
    path = done.headers["location"]
    rid = int(path.rsplit("/", 1)[1])
    page = team["org"].get(path).text
    assert 'data-state="in_review"' in page
    assert 'data-move="verify"' in page
    inbox = team["org"].get("/tugas").text  # the review's task, in the reviewer's inbox
    assert "Memverifikasi draf SOP" in inbox
    assert "Draf SOP Penanganan Surat Masuk" in inbox
    assert 'data-move="verify"' not in team["kepala"].get(path).text
    assert move(team["kepala"], rid, "verify").status_code == 403  # not the head's move
    assert move(team["org"], rid, "verify").status_code == 303
    page = team["kepala"].get(path).text
    assert 'data-move="approve"' in page
    assert move(team["org"], rid, "approve", number="1").status_code == 403
    refused = move(team["kepala"], rid, "approve", number="")
    assert refused.status_code == 409
    assert "belum bernomor" in refused.text
    assert move(team["kepala"], rid, "approve", number="800/SOP-03/2026").status_code == 303
    page = team["org"].get(path).text
    assert 'data-state="in_force"' in page
    assert "800/SOP-03/2026" in page
    assert re.search(r"<td>verifikasi</td><td>Ya</td><td>Bapak Org</td>", page)

    public = browser()  # nobody signed in
    found = public.get("/sop?q=disposisi").text
    assert 'href="/sop/surat-masuk"' in found
    assert 'href="/sop/surat-masuk"' not in public.get("/sop?q=disposisi&cari=judul").text
    assert 'href="/sop/surat-masuk"' in public.get("/sop?q=sekretariat&cari=unit").text
    sop_page = public.get("/sop/surat-masuk").text
    assert "800/SOP-03/2026" in sop_page
    assert sop_page.count("data-table-page=") == 1
    assert "<svg" in sop_page
    pdf = public.get("/sop/surat-masuk.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(pdf.content)) as doc:
        text = "\n".join(p.extract_text() or "" for p in doc.pages)
    assert "Penanganan Surat Masuk" in text
    assert "800/SOP-03/2026" in text
    index = public.get("/sop/buku/index.html")
    assert index.status_code == 200
    assert "sop-surat-masuk.html" in index.text
    assert public.get("/sop/buku/..%2Fsecret.html").status_code == 404


def test_return_needs_a_note_and_a_revision_shows_its_diff(team: dict[str, Any]) -> None:
    first = int(upload(team["unit"], "surat.yaml", surat().encode())
                .headers["location"].rsplit("/", 1)[1])
    move(team["org"], first, "verify")
    move(team["kepala"], first, "approve", number="800/1")
    second_text = surat(extra_step=True).replace("time: 10", "time: 20")
    second = int(upload(team["unit"], "surat.yaml", second_text.encode())
                 .headers["location"].rsplit("/", 1)[1])
    page = team["org"].get(f"/katalog/{second}").text
    assert re.search(r'data-change="added"><strong>Langkah ditambah</strong>: arsip', page)
    assert re.search(r'data-change="retimed">.*disposisi', page)
    assert re.search(r'data-change="total"><strong>Jumlah waktu jalur kritis</strong>: 25 '
                     r'→ 40', page)
    refused = move(team["org"], second, "return", note="  ")
    assert refused.status_code == 409
    assert "Tulis catatan" in refused.text
    assert move(team["org"], second, "return", note="waktu disposisi").status_code == 303
    page = team["unit"].get(f"/katalog/{second}").text
    assert 'data-state="returned"' in page
    assert "waktu disposisi" in page


def test_only_the_team_and_admins_see_the_catalog(team: dict[str, Any], browser: Any) -> None:
    assert team["luar"].get("/katalog").status_code == 403
    assert upload(team["luar"], "surat.yaml", surat().encode()).status_code == 403
    assert browser().get("/katalog").status_code == 303  # to the sign-in page
    assert team["admin"].get("/katalog").status_code == 200
    assert team["admin"].get("/katalog/reviu").status_code == 200
    assert 'data-nav="catalog"' not in team["luar"].get("/tugas").text


def test_a_word_document_is_imported_and_submitted(team: dict[str, Any],
                                                   tmp_path: Path) -> None:
    from sopengine import load_sop
    from tests.conftest import SOPS
    from tests.importing.office import write_docx

    doc = tmp_path / "pengukuran.docx"
    write_docx(load_sop(SOPS / "pengukuran.yaml"), doc)
    done = upload(team["org"], "SOP Pengukuran.docx", doc.read_bytes())
    assert done.status_code == 303, done.text
    page = team["org"].get(done.headers["location"]).text
    assert "Pengukuran Kinerja" in page
    assert 'data-state="in_review"' in page


def test_a_review_task_done_on_the_task_page_moves_the_catalog_too(
        team: dict[str, Any]) -> None:
    from tests.web.conftest import task_path

    path = upload(team["unit"], "surat.yaml", surat().encode()).headers["location"]
    task = task_path(team["org"], "Memverifikasi draf SOP")
    done = team["org"].post(task, {"answer": "Tidak", "note": "lampiran kurang"},
                            token_from=task)
    assert done.status_code == 303, done.text
    page = team["unit"].get(path).text
    assert 'data-state="returned"' in page
    assert re.search(r"<td>dikembalikan</td><td>dikembalikan</td><td>Bapak Org \(org\)</td>"
                     r'<td class="note-text">lampiran kurang</td>', page)


def test_a_second_upload_while_the_first_is_in_review_says_which_is_open(
        team: dict[str, Any]) -> None:
    first = upload(team["unit"], "surat.yaml", surat().encode())
    rid = int(first.headers["location"].rsplit("/", 1)[1])
    page = upload(team["org"], "surat.yaml", surat(extra_step=True).encode())
    assert page.status_code == 409
    assert (f"SOP &#39;surat-masuk&#39; sudah mempunyai revisi terbuka: revisi 1 (ID {rid}), "
            "dalam reviu") in page.text


SEEN = re.compile(r'name="seen" value="(\d+)"')


def test_a_move_from_a_stale_page_is_a_409_saying_who_moved_it(
        team: dict[str, Any], office: Office, browser: Any) -> None:
    office.accounts.add("org2", PASSWORD, full_name="Ibu Org", positions=["Bagian Organisasi"])
    other = browser("org2")
    rid = int(upload(team["unit"], "surat.yaml", surat().encode())
              .headers["location"].rsplit("/", 1)[1])
    stale = other.get(f"/katalog/{rid}").text  # both reviewers open the page
    [seen] = set(SEEN.findall(team["org"].get(f"/katalog/{rid}").text))
    assert move(team["org"], rid, "verify", seen=seen).status_code == 303
    [stale_seen] = set(SEEN.findall(stale))
    refused = move(other, rid, "return", note="kurang", seen=stale_seen)
    assert refused.status_code == 409
    assert ("Revisi ini sudah berubah sejak halaman Anda dibuka: lolos verifikasi oleh Bapak "
            "Org pada ") in refused.text
    assert 'data-stage="setujui"' in refused.text  # the page as it is now
    assert 'data-move="return"' in refused.text
    assert SEEN.search(refused.text)
    page = team["org"].get(f"/katalog/{rid}").text
    assert "dikembalikan" not in page.split("data-audit", 1)[1]  # nothing returned


def test_a_move_made_at_the_same_moment_is_a_409_not_a_500(
        team: dict[str, Any], app: Any, office: Office, monkeypatch: pytest.MonkeyPatch) -> None:
    import sopengine
    from tests.web.conftest import Browser

    rid = int(upload(team["unit"], "surat.yaml", surat().encode())
              .headers["location"].rsplit("/", 1)[1])
    catalog = app.state.catalog
    elsewhere = sopengine.Catalog(office.store)  # another worker's reviewer
    real = catalog.review.complete

    def racing(*args: Any, **kwargs: Any) -> None:
        monkeypatch.setattr(catalog.review, "complete", real)
        elsewhere.verify(rid, by="Ibu Org Lain")  # just before this one's step
        real(*args, **kwargs)

    monkeypatch.setattr(catalog.review, "complete", racing)
    reviewer = Browser(app, raise_server_exceptions=False)
    assert reviewer.sign_in("org").status_code == 303
    refused = move(reviewer, rid, "verify")
    assert refused.status_code == 409
    assert ("Revisi ini sudah berubah sejak halaman Anda dibuka: lolos verifikasi oleh Ibu Org "
            "Lain pada ") in refused.text
    assert [e.by for e in catalog.history(rid) if e.trigger == "verify"] == ["Ibu Org Lain"]


def test_a_verification_on_the_task_page_is_in_the_revision_pages_audit(
        team: dict[str, Any]) -> None:
    from tests.web.conftest import task_path

    path = upload(team["unit"], "surat.yaml", surat().encode()).headers["location"]
    task = task_path(team["org"], "Memverifikasi draf SOP")
    done = team["org"].post(task, {"answer": "Ya", "note": "format sesuai"}, token_from=task)
    assert done.status_code == 303, done.text
    audit = team["kepala"].get(path).text.split("data-audit", 1)[1].split("</table>", 1)[0]
    assert re.search(r"<tr><td>\d\d-\d\d-\d{4} \d\d:\d\d</td><td>lolos verifikasi</td>"
                     r"<td>dalam reviu</td><td>Bapak Org \(org\)</td>"
                     r'<td class="note-text">format sesuai</td></tr>', audit), audit
