"""Screenshots of each page for docs/web.md, at a phone's 390 px width:

    .venv/bin/python -m tests.web.shots docs/img/web

Starts `sopengine serve` on a temporary database, makes the users, runs
pengukuran part of the way (one rework) and photographs every page."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.conftest import SOPS
from tests.web.server import CHROMIUM_ARGS, chromium, serving, sopengine

PASSWORD = "rahasia-123"
USERS = [("camat", "Drs. Wawan Darmawan", "Camat", True), ("sektim", "Rina Sari",
         "Sekretaris Tim SAKIP", False), ("tim", "Asep Hidayat", "Anggota Tim SAKIP", False),
         ("sekretaris", "Dedi Kurnia", "Sekretaris", False)]


def sign_in(browser: Any, base: str, name: str, width: int = 390) -> Any:
    page = browser.new_context(base_url=base, viewport={"width": width, "height": 844},
                               device_scale_factor=1).new_page()
    page.goto("/masuk")
    page.fill("#username", name)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    return page


def complete(page: Any, starts: str, answer: str = "Selesaikan", note: str = "") -> None:
    page.goto("/tugas")
    page.locator(".task a", has_text=starts).first.click()
    if note:
        page.fill("#note", note)
    page.get_by_role("button", name=answer, exact=True).click()


def main(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        db = str(tmp / "sop.db")
        for name, full, position, admin in USERS:
            sopengine("user", "add", name, "--full-name", full, "--position", position,
                      *(["--admin"] if admin else []), "--password-stdin", "--db", db,
                      stdin=PASSWORD + "\n")
        with serving(SOPS, db, tmp) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
            shoot(browser, base, out)
            browser.close()


def shoot(browser: Any, base: str, out: Path) -> None:
    def snap(page: Any, name: str) -> None:
        page.wait_for_load_state("networkidle")  # the Gantt chart is an image of its own
        page.screenshot(path=str(out / f"{name}.png"), full_page=True)

    anon = browser.new_context(base_url=base, viewport={"width": 390, "height": 844}).new_page()
    anon.goto("/masuk")
    snap(anon, "signin")
    camat = sign_in(browser, base, "camat")
    camat.goto("/mulai")
    snap(camat, "start")
    camat.fill("#title-pengukuran-kinerja", "Pengukuran kinerja TW IV 2026")
    camat.click("form[action='/mulai/pengukuran-kinerja'] button")
    complete(camat, "Camat memerintahkan", note="Mohon segera disusun.")
    sektim, tim = sign_in(browser, base, "sektim"), sign_in(browser, base, "tim")
    for starts in ("Membuat format", "Menyampaikan format", "Mengundang"):
        complete(sektim, starts)
    complete(tim, "Melaksanakan rapat")
    complete(sektim, "Menghimpun format")
    complete(tim, "Kasi menghimpun dan memvalidasi")
    complete(tim, "Menyampaikan data")
    camat.goto("/tugas")
    snap(camat, "tasks")
    camat.locator(".task a", has_text="Camat mengoreksi").first.click()
    snap(camat, "task")
    camat.get_by_role("button", name="Tidak", exact=True).click()
    snap(camat, "completed")
    camat.goto("/instans")
    snap(camat, "instances")
    camat.locator("table.list a").first.click()
    snap(camat, "instance")
    camat.goto("/laporan/pengukuran-kinerja")
    snap(camat, "report")
    camat.goto("/pengguna")
    snap(camat, "users")
    wide = sign_in(browser, base, "sektim", width=1280)
    wide.goto("/tugas")
    wide.locator(".task a").first.click()
    snap(wide, "task-desktop")
    wide.goto("/instans")
    wide.locator("table.list a").first.click()
    snap(wide, "instance-desktop")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/img/web"))
