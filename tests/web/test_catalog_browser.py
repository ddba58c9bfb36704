"""The portal and the catalog's error page in real headless Chromium (Playwright):
a citizen searches and opens an SOP on a phone-sized screen; a reviewer uploads a
broken file and the link of an error brings its line into view. No console error
(the Content-Security-Policy lets every part of the page load)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import sopengine
from sopengine.web.app import create_app
from sopengine.web.office import Office
from tests.catalog.conftest import surat
from tests.render.browser import need
from tests.web.conftest import PASSWORD


@pytest.fixture
def server(office: Office) -> Iterator[str]:
    import uvicorn

    office.accounts.add("org", PASSWORD, full_name="Kabag Organisasi",
                        positions=["Bagian Organisasi"])
    catalog = sopengine.Catalog(office.store, engine=office.engine)
    rev = catalog.submit(surat(), by="Kasubag Umum")
    catalog.verify(rev.id, by="Kabag Organisasi")
    catalog.approve(rev.id, by="Camat", number="800/SOP-03/2026")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(office=office), host="127.0.0.1", port=port,
                            log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(server: str) -> Iterator[Any]:
    program, _ = need()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=program, args=["--no-sandbox"])
        tab = browser.new_page(viewport={"width": 390, "height": 844})
        tab.problems = []  # type: ignore[attr-defined]
        # a resource of a page that failed (the page itself may be a 422 on purpose)
        tab.on("response", lambda r: tab.problems.append(f"{r.status} {r.url}")
               if r.status >= 400 and r.request.resource_type != "document"
               and not r.url.endswith("/favicon.ico") else None)
        tab.on("console", lambda m: tab.problems.append(m.text)
               if m.type == "error" and "Failed to load resource" not in m.text else None)
        yield tab
        browser.close()


def test_a_citizen_finds_an_sop_and_reads_it_on_a_phone(page: Any, server: str) -> None:
    page.goto(f"{server}/sop")
    page.fill("#q", "disposisi")
    page.click("form[data-search] button")
    page.click("text=Penanganan Surat Masuk")
    assert page.inner_text("h1") == "Penanganan Surat Masuk"
    assert "800/SOP-03/2026" in page.inner_text("[data-identity]")
    table = page.locator("[data-table-page='1'] svg").bounding_box()
    assert table["width"] > 1000  # at its own size, readable, not shrunk to the phone
    figure = page.locator("[data-table-page='1']").bounding_box()
    assert figure["x"] >= 0
    assert figure["x"] + figure["width"] <= 390  # it scrolls inside its frame
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the page does not
    pdf = page.request.get(f"{server}/sop/surat-masuk.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert page.problems == []  # type: ignore[attr-defined]


def test_the_link_of_an_error_brings_its_line_into_view(page: Any, server: str,
                                                        tmp_path: Path) -> None:
    page.goto(f"{server}/masuk")
    page.fill("input[name=username]", "org")
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.goto(f"{server}/katalog")
    bad = tmp_path / "surat.yaml"
    long_comment = "".join(f"# baris pengisi {n}\n" for n in range(60))
    bad.write_text(long_comment + surat().replace("actor: camat", "actor: lurah"))
    page.set_input_files("#file", str(bad))
    page.click("form[data-upload] button")
    assert "Unggahan ditolak" in page.inner_text("h1")
    link = page.locator("[data-problems] li.error a").first
    assert link.inner_text() == "baris 76, kolom 12"
    row = page.locator("#f0-L76")
    assert not row.is_visible() or row.bounding_box()["y"] > 844  # below the fold at first
    link.click()
    box = row.bounding_box()
    assert 0 <= box["y"] < 844
    assert "unknown-actor" in row.inner_text()
    assert page.problems == []  # type: ignore[attr-defined]
