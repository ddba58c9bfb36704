"""The instance page's timeline: the Gantt chart `sopengine gantt INSTANCE`
draws (the same public function, as SVG), and the table labelled per cell so a
phone shows each row as a card."""

from __future__ import annotations

import re
from typing import Any

from tests.web.conftest import Browser, start_pengukuran, task_path


def _says(svg: str, words: str) -> bool:
    """matplotlib keeps each text as a comment beside its glyphs (row labels indented)."""
    return re.search(rf"<!-- \s*{re.escape(words)} -->", svg) is not None


def test_the_gantt_chart_appears_once_a_step_is_done(browser: Any, app: Any) -> None:
    camat = browser("camat")
    iid = start_pengukuran(camat)
    page = camat.get(f"/instans/{iid}").text
    assert "gantt.svg" not in page  # nothing done yet: no chart
    assert camat.get(f"/instans/{iid}/gantt.svg").status_code == 404
    path = task_path(camat, "Camat memerintahkan")
    assert camat.post(path, {}, token_from=path).status_code == 303
    page = camat.get(f"/instans/{iid}").text
    assert f'<img src="/instans/{iid}/gantt.svg?id" alt="Diagram Gantt: tiap langkah' in page
    chart = camat.get(f"/instans/{iid}/gantt.svg")
    assert chart.status_code == 200
    assert chart.headers["content-type"] == "image/svg+xml"
    svg = chart.text
    assert svg.startswith("<?xml")
    assert f"Pengukuran Kinerja — Instans {iid}" in svg  # the CLI's title, as text
    for words in ("Camat", "perintah", "Terlambat", "Waktu"):
        assert _says(svg, words), words
    assert Browser(app).get(f"/instans/{iid}/gantt.svg").status_code == 303  # sign in first
    assert camat.get("/instans/999/gantt.svg").status_code == 404


def test_the_chart_follows_the_language_and_new_completions(browser: Any) -> None:
    camat = browser("camat")
    iid = start_pengukuran(camat)
    path = task_path(camat, "Camat memerintahkan")
    camat.post(path, {}, token_from=path)
    camat.client.cookies.set("lang", "en")
    assert f"Pengukuran Kinerja — Instance {iid}" in camat.get(f"/instans/{iid}/gantt.svg").text
    camat.client.cookies.set("lang", "id")
    before = camat.get(f"/instans/{iid}/gantt.svg").text
    sektim = browser("sektim")
    path = task_path(sektim, "Membuat format")
    sektim.post(path, {}, token_from=path)
    after = camat.get(f"/instans/{iid}/gantt.svg").text
    assert not _says(before, "format")
    assert _says(after, "format")
    assert _says(after, "Sekretaris Tim SAKIP")


def test_each_timeline_cell_carries_its_column_name(browser: Any) -> None:
    camat = browser("camat")
    iid = start_pengukuran(camat)
    page = camat.get(f"/instans/{iid}").text
    row = re.search(r'<table class="timeline stack">.*?<tbody>\s*<tr[^>]*>(.*?)</tr>', page,
                    re.S)
    assert row
    labels = re.findall(r'<td data-label="([^"]+)">', row.group(1))
    assert labels == ["No", "Langkah", "Pelaksana", "Oleh", "Siap sejak", "Selesai",
                      "Waktu baku", "Waktu nyata", "Terlambat"]
