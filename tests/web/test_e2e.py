"""End to end in headless Chromium (Playwright driving the system's Chromium)
against `sopengine serve` in its own process: the admin makes the users of
pengukuran's four actors, the camat starts it, each actor completes its steps
in its own browser, the decision is answered "Tidak" once and then "Ya", the
meeting of four leaves every inbox once one completes it, and the instance's
timeline shows the end. Also: 403 without the position, CSRF, a hostile note,
a 50 MB upload and a '../' name, two tabs."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SOPS
from tests.runtime.conftest import BACKENDS, make_url
from tests.web.server import CHROMIUM_ARGS, chromium, serving, sopengine

PASSWORD = "rahasia-123"
ACTORS = {"camat": "Camat", "sekretaris": "Sekretaris", "sektim": "Sekretaris Tim SAKIP",
          "tim": "Anggota Tim SAKIP"}
STEPS = [  # (who, activity begins with, answer)
    ("camat", "Camat memerintahkan", None), ("sektim", "Membuat format", None),
    ("sektim", "Menyampaikan format", None), ("sektim", "Mengundang camat", None),
    ("tim", "Melaksanakan rapat", None), ("sektim", "Menghimpun format", None),
    ("tim", "Kasi menghimpun dan memvalidasi", None), ("tim", "Menyampaikan data", None),
    ("camat", "Camat mengoreksi", "Tidak"), ("sektim", "Menghimpun format", None),
    ("tim", "Kasi menghimpun dan memvalidasi", None), ("tim", "Menyampaikan data", None),
    ("camat", "Camat mengoreksi", "Ya"), ("sekretaris", "Sekretaris menyampaikan dokumen", None),
    ("camat", "Penandatanganan", None), ("sekretaris", "Pembuatan surat", None),
    ("tim", "Penggandaan", None), ("sektim", "Pengarsipan", None),
]
HOSTILE = "<script>alert('x')</script> \"kutip\" & 'satu'"


@pytest.fixture(scope="module", params=BACKENDS)
def served(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The app on SQLite with one worker, and on PostgreSQL (when the test server
    runs) with two worker processes: the same behaviour."""
    chromium()
    tmp = tmp_path_factory.mktemp("e2e")
    db = make_url(request.param, tmp)
    sopengine("user", "add", "admin", "--admin", "--password-stdin", "--db", db,
              stdin=PASSWORD + "\n")
    with serving(SOPS, db, tmp, workers=2 if request.param == "postgresql" else 1) as base:
        yield base, db


@pytest.fixture(scope="module")
def site(served: tuple[str, str]) -> str:
    return served[0]


@pytest.fixture(scope="module")
def browser(site: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        yield b
        b.close()


def person(browser: Any, site: str, name: str, width: int = 390) -> Any:
    """A signed-in page in a browser context of its own (a phone-sized window)."""
    context = browser.new_context(base_url=site, viewport={"width": width, "height": 844})
    context.set_default_timeout(15000)
    page = context.new_page()
    page.on("dialog", lambda d: pytest.fail(f"a script ran: {d.message}"))
    page.goto("/masuk")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/tugas$"))
    return page


def inbox(page: Any) -> list[str]:
    page.goto("/tugas")
    return page.locator(".task strong").all_inner_texts()


def open_task(page: Any, starts: str) -> None:
    page.goto("/tugas")
    page.locator(".task a", has_text=starts).first.click()
    page.wait_for_url(re.compile(r"/instans/\d+/tugas/\d+"))


def test_pengukuran_end_to_end(browser: Any, site: str, tmp_path: Path) -> None:
    admin = person(browser, site, "admin", width=1200)
    for name, position in [*ACTORS.items(), ("luar", "Kasi Tata Pemerintahan")]:
        admin.goto("/pengguna")
        admin.fill("#nu-name", name)
        admin.fill("#nu-full", f"Pak {name.title()}")
        admin.fill("#nu-pass", PASSWORD)
        admin.fill("#nu-pos", position)
        admin.click("form[action='/pengguna'] button[type=submit]")
        assert admin.locator("p.ok").inner_text() == "Tersimpan."
    people = {name: person(browser, site, name) for name in ACTORS}
    camat = people["camat"]
    camat.goto("/mulai")
    camat.fill("#title-pengukuran-kinerja", "Pengukuran kinerja TW IV 2026")
    camat.click("form[action='/mulai/pengukuran-kinerja'] button")
    camat.wait_for_url(re.compile(r"/instans/\d+$"))
    instance_url = camat.url

    _hostile_and_checks(browser, site, people, tmp_path)  # completes the first step
    for who, starts, answer in STEPS[1:]:
        page = people[who]
        if starts == "Melaksanakan rapat":
            for name in ACTORS:
                assert any(t.startswith(starts) for t in inbox(people[name])), name
        open_task(page, starts)
        if answer:
            page.get_by_role("button", name=answer, exact=True).click()
        else:
            page.get_by_role("button", name="Selesaikan", exact=True).click()
        assert page.locator("p.ok").inner_text() == "Tugas selesai. Terima kasih."
        if starts == "Melaksanakan rapat":
            for name in ACTORS:
                assert not any(t.startswith(starts) for t in inbox(people[name])), name
    camat.goto(instance_url)
    assert camat.locator("[data-status]").inner_text() == "selesai"
    rows = camat.locator("table.timeline tbody tr")
    assert rows.count() == 18
    assert rows.last.locator("td").nth(1).inner_text().startswith("Pengarsipan")
    answers = camat.locator("table.timeline .tag:not(.late-tag)").all_inner_texts()
    assert answers == ["Tidak", "Ya"]
    _fits_a_phone_with_its_gantt_chart(camat)
    _tables_fit_a_phone(camat)  # the timeline and the history
    camat.goto("/instans")
    _tables_fit_a_phone(camat)
    camat.goto("/laporan/pengukuran-kinerja")
    _tables_fit_a_phone(camat)
    counts = {row.locator("td").nth(1).inner_text(): row.locator("td").nth(3).inner_text()
              for row in camat.locator("table.report tbody tr").all()}
    assert counts["Camat mengoreksi dokumen pengukuran kinerja"] == "2"
    assert counts["Pengarsipan dokumen [tidak terbaca]"] == "1"
    for name in ACTORS:
        assert inbox(people[name]) == []
        assert people[name].locator("[data-nav=my_tasks] .badge").inner_text() == "0"


def _fits_a_phone_with_its_gantt_chart(page: Any) -> None:
    """At 390 px the instance page scrolls only downwards (the timeline's rows are
    cards, the chart scrolls in its own frame), and the Gantt chart has loaded."""
    page.wait_for_load_state("networkidle")
    width, chart = page.evaluate("() => [document.documentElement.scrollWidth, "
                                 "document.querySelector('.gantt img').naturalWidth]")
    assert width <= 390
    assert chart > 600
    first = page.locator("table.timeline tbody tr").first.bounding_box()
    assert first["x"] >= 0
    assert first["x"] + first["width"] <= 390


def _tables_fit_a_phone(page: Any) -> None:
    """At 390 px no table scrolls sideways, not even inside its frame: each row is a
    card whose cells carry their column's name."""
    frames = page.evaluate("() => [...document.querySelectorAll('.scroll:not(.gantt)')]"
                           ".map(f => [f.scrollWidth, f.clientWidth])")
    assert frames
    assert all(wide <= shown for wide, shown in frames), frames
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for table in page.locator("table.stack").all():
        cell = table.locator("tbody td").first
        label = cell.evaluate("td => getComputedStyle(td, '::before').content")
        assert label.strip('"') == cell.get_attribute("data-label")


def _hostile_and_checks(browser: Any, site: str, people: dict[str, Any], tmp: Path) -> None:
    """On the first task: 403 for an outsider, CSRF, upload limits, a hostile note,
    then two tabs completing it."""
    camat = people["camat"]
    open_task(camat, "Camat memerintahkan")
    task_url = camat.url
    outsider = person(browser, site, "luar")
    outsider.goto(task_url)
    assert outsider.locator("form.complete").count() == 0
    token = outsider.locator("input[name=csrf]").first.get_attribute("value")
    refused = outsider.request.post(task_url, form={"csrf": token})
    assert refused.status == 403
    assert "Anda tidak berwenang menyelesaikan tugas ini" in refused.text()
    forged = camat.request.post(task_url, form={"note": "tanpa token"})
    assert forged.status == 403
    assert "token keamanan tidak cocok" in forged.text()

    big = tmp / "besar.pdf"
    with big.open("wb") as out:
        out.write(b"%PDF-1.4\n")
        out.truncate(50 * 1024 * 1024)
    camat.set_input_files("#files", str(big))
    camat.get_by_role("button", name="Selesaikan", exact=True).click()
    assert "Unggahan terlalu besar" in camat.locator("p.alert").inner_text()
    camat.goto(task_url)
    camat.set_input_files("#files", {"name": "../rahasia.pdf", "mimeType": "application/pdf",
                                     "buffer": b"%PDF-1.4\n"})
    camat.get_by_role("button", name="Selesaikan", exact=True).click()
    assert camat.locator("p.alert").inner_text().startswith("Nama berkas")

    tab2 = camat.context.new_page()
    tab2.goto(task_url)
    camat.goto(task_url)
    camat.fill("#note", HOSTILE)
    camat.set_input_files("#files", {"name": "disposisi.pdf", "mimeType": "application/pdf",
                                     "buffer": b"%PDF-1.4\n% disposisi\n"})
    camat.get_by_role("button", name="Selesaikan", exact=True).click()
    assert camat.locator("p.ok").count() == 1
    assert camat.locator("td.note-text", has_text="kutip").inner_text() == HOSTILE
    assert camat.locator("ul.files a").inner_text() == "disposisi.pdf"
    tab2.get_by_role("button", name="Selesaikan", exact=True).click()
    conflict = tab2.locator("[data-conflict]").inner_text()
    assert re.match(r"Sudah diselesaikan oleh Pak Camat \(camat\) pada \d\d-\d\d-\d{4} ",
                    conflict)
    tab2.close()
    outsider.context.close()


AXE = ROOT / ".cache" / "js" / "node_modules" / "axe-core" / "axe.min.js"


def test_every_page_passes_axe(browser: Any, served: tuple[str, str]) -> None:
    """axe-core in the same Chromium: no serious or critical violation on any page,
    at phone and desktop width."""
    if not AXE.is_file():
        if os.environ.get("SOPENGINE_BROWSER_TESTS"):
            pytest.fail(f"{AXE} missing (tests/sysdeps.sh installs axe-core)")
        pytest.skip("needs axe-core (tests/sysdeps.sh installs it)")
    site, db = served
    sopengine("user", "add", "periksa", "--admin", "--position", "Camat", "--password-stdin",
              "--db", db, stdin=PASSWORD + "\n")
    page = person(browser, site, "periksa")
    page.goto("/mulai")
    page.fill("#title-pengukuran-kinerja", "Pemeriksaan aksesibilitas")
    page.click("form[action='/mulai/pengukuran-kinerja'] button")
    page.wait_for_url(re.compile(r"/instans/\d+$"))
    instance_path = page.url.removeprefix(site)
    open_task(page, "Camat memerintahkan")
    task_path = page.url.removeprefix(site)
    paths = ["/tugas", task_path, "/mulai", "/instans", instance_path, "/laporan",
             "/laporan/pengukuran-kinerja", "/pengguna", "/tidak-ada"]
    found = {}
    for width in (390, 1280):
        context = browser.new_context(base_url=site, bypass_csp=True,
                                      viewport={"width": width, "height": 900})
        context.add_cookies(page.context.cookies())
        check = context.new_page()
        for path in ["/masuk", *paths]:
            check.goto(path)
            check.add_script_tag(path=str(AXE))
            result = check.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
            bad = [f"{v['id']} ({v['impact']}): {v['help']} at "
                   f"{[n['target'] for n in v['nodes']][:3]}"
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
            if bad:
                found[f"{path} @{width}"] = bad
        context.close()
    assert found == {}
