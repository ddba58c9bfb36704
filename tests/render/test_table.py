"""The SOP AP flowchart table: rows, columns in the file's order, the total at
the foot, pagination with off-page connectors, and the golden HTML."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from sopengine.definition.book import Book
from sopengine.render.book import table_document
from sopengine.render.table import TableOptions, table_pages
from tests.render.conftest import golden, seed

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[tuple[float, float, str]]:
    """(x, y, text) of every text element, joined over its lines."""
    out = []
    for t in ET.fromstring(svg).iter(f"{SVG}text"):
        words = " ".join(span.text or "" for span in t.iter(f"{SVG}tspan"))
        out.append((float(t.get("x")), float(t.get("y")), words))
    return out


def test_pengukuran_has_14_rows_4_actor_columns_in_order_and_the_total() -> None:
    sop = seed("pengukuran")
    pages = table_pages(sop, TableOptions(rows_per_page=100, total_row=True))
    assert [n for p in pages for n in p.rows] == list(range(1, 15))
    numbers = []
    for page in pages:
        found = texts(page.svg)
        header = {text: x for x, y, text in found if y < 60}
        actors = ["Camat", "Sekretaris", "Sekretaris Tim SAKIP", "Anggota Tim SAKIP"]
        assert [header[a] for a in actors] == sorted(header[a] for a in actors)
        numbers += [text for x, _, text in found if x < 28 and text.isdigit()]
    assert numbers == [str(n) for n in range(1, 15)]
    foot = sorted(texts(pages[-1].svg), key=lambda t: t[1])[-2:]
    assert {t[2] for t in foot} == {"Jumlah waktu", "1 hari kerja 5 jam 15 menit"}


def test_each_step_has_one_symbol_of_its_kind() -> None:
    svgs = [ET.fromstring(p.svg) for p in table_pages(seed("pengukuran"),
                                                      TableOptions(rows_per_page=100))]
    rects = [r for svg in svgs for r in svg.iter(f"{SVG}rect") if r.get("stroke-width") == "1.2"]
    diamonds = [p for svg in svgs for p in svg.iter(f"{SVG}polygon")
                if p.get("stroke-width") == "1.2"]
    capsules = [r for r in rects if r.get("rx") != "0"]
    assert len(diamonds) == 1  # step 9
    assert len(capsules) == 2  # the first and the last activity
    assert len(rects) + len(diamonds) == 14


def test_long_tables_continue_through_matching_off_page_connectors() -> None:
    pages = table_pages(seed("pengukuran"), TableOptions(rows_per_page=5))
    assert [p.rows for p in pages] == [(1, 2, 3, 4, 5), (6, 7, 8, 9, 10), (11, 12, 13, 14)]
    # 5->6 continues overleaf (A), 10->11 (B); the rework arrow 9->6 stays on page 2
    assert pages[0].connectors == ("A",)
    assert sorted(pages[1].connectors) == ["A", "B"]
    assert pages[2].connectors == ("B",)
    for page in pages:  # the header repeats on every page
        assert "Kegiatan" in {t for _, _, t in texts(page.svg)}


def test_a_rework_arrow_across_pages_gets_connectors_beside_its_symbols() -> None:
    pages = table_pages(seed("pengukuran"), TableOptions(rows_per_page=7))
    # 9 (page 2) -> 6 (page 1): one letter on both pages, besides 7->8
    first, second = pages[0].connectors, pages[1].connectors
    assert set(first) == set(second)
    assert len(first) == 2


def test_labels_can_be_overridden_and_english() -> None:
    svg = table_pages(seed("pengukuran"), TableOptions(
        lang="en", labels={"col_kegiatan": "Uraian Prosedur"}))[0].svg
    words = {t for _, _, t in texts(svg)}
    assert "Uraian Prosedur" in words
    assert "Actors" in words


def test_table_html_matches_the_golden_file() -> None:
    golden("pengukuran-table.html", table_document(seed("pengukuran"), Book()), exact=False)


SPLIT_ACROSS_PAGES = """\
sop: 1
id: belah
title: Belah
actors: {camat: Camat, staf: Staf}
steps:
  - {id: a, actor: camat, action: Memulai, time: 5, outputs: [X]}
  - {id: b, actor: camat, action: Membagi, time: 5, next: [c, d, e], outputs: [X]}
  - {id: c, actor: staf, action: Mengerjakan satu, time: 5, next: f, outputs: [X]}
  - {id: d, actor: camat, action: Mengerjakan dua, time: 5, next: f, outputs: [X]}
  - {id: e, actor: staf, action: Mengerjakan tiga, time: 5, next: f, outputs: [X]}
  - {id: f, actor: camat, action: Menutup, time: 5, outputs: [X]}
"""


def test_connectors_beside_one_symbol_do_not_overlap() -> None:
    from sopengine.definition.loader import check_text

    sop = check_text(SPLIT_ACROSS_PAGES, "belah.yaml").sop
    assert sop is not None
    first = table_pages(sop, TableOptions(rows_per_page=3))[0]
    # b -> d and b -> e leave page 1 from step 2 (A, B); c -> f from step 3 (C)
    assert first.connectors == ("A", "B", "C")
    marks = ET.fromstring(first.svg)
    corners = [p.get("points").split()[0].split(",") for p in marks.iter(f"{SVG}polygon")
               if p.get("stroke-width") == "1.1"]
    by_row: dict[str, list[float]] = {}
    for x, y in corners:
        by_row.setdefault(y, []).append(float(x))
    beside_b = sorted(max(by_row.values(), key=len))
    assert len(beside_b) == 2
    assert beside_b[1] - beside_b[0] >= 16  # side by side, not on top of each other
