"""Type in the printed book: the table body (and its header) at least 7 pt,
decisions' answers at least 6.5 pt, at any number of actors; header words whole
(broken between words only) and inside their cells."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sopengine.definition.book import Book
from sopengine.definition.loader import check_text
from sopengine.definition.model import Sop
from sopengine.render import table_columns as tc
from sopengine.render.book import build_book
from tests.render.conftest import SEEDS, seed
from tests.render.pdf_check import page_texts, table_page_numbers, type_sizes

LONG = ("Kepala Seksi Pemerintahan dan Ketenteraman Ketertiban Umum",
        "Kepala Sub Bagian Umum dan Kepegawaian Sekretariat Daerah")


def many_actors(n: int) -> Sop:
    loaded = check_text(many_actors_text(n))
    assert loaded.sop is not None, loaded.diagnostics
    return loaded.sop


def many_actors_text(n: int) -> str:
    """An SOP file (JSON is YAML) of ``n`` actors with long jabatan names."""
    actors = {f"a{k}": f"{LONG[k % 2]} {k}" for k in range(n)}
    steps = [{"id": f"s{k}", "actor": f"a{k % n}", "action": f"Menyusun laporan {k}",
              "time": 10, "outputs": ["Laporan"], "next": f"s{k + 1}" if k <= n else "end"}
             for k in range(n + 2)]
    steps[1] = {**steps[1], "ask": "Dokumen sudah benar?",
                "branches": {"Ya": {"to": "s2", "chance": 0.9},
                             "Tidak": {"to": "s0", "chance": 0.1}}}
    steps[1].pop("next")
    return json.dumps({"sop": 1, "id": "banyak", "title": "Banyak Pelaksana",
                       "actors": actors, "steps": steps})


@pytest.fixture(scope="module")
def seed_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("book")
    return build_book([seed(n) for n in SEEDS], Book(), out).pdf or out


@pytest.mark.parametrize("actors", [1, 4, 9, 12])
def test_table_type_at_any_number_of_actors(tmp_path: Path, actors: int) -> None:
    sop = many_actors(actors)
    pdf = build_book([sop], Book(), tmp_path).pdf
    assert pdf is not None
    pages = table_page_numbers(pdf)
    assert pages
    body, answers = type_sizes(pdf, pages)
    assert body >= 6.95, body
    assert answers >= 6.45, answers
    text = " ".join(page_texts(pdf)[n - 1] for n in pages)
    for name in sop.actors.values():  # every word of every header, whole
        assert all(word in text.split() for word in name.split()), name


def test_seed_book_type_and_whole_header_words(seed_book: Path) -> None:
    pages = table_page_numbers(seed_book)
    assert len(pages) >= 6
    body, answers = type_sizes(seed_book, pages)
    assert (body >= 6.95, answers >= 6.45) == (True, True), (body, answers)
    words = " ".join(page_texts(seed_book)[n - 1] for n in pages).split()
    for word in ("Pemerintahan", "Kepegawaian", "Perencanaan,", "Pelaporan"):
        assert word in words, word


def test_headers_break_between_words_only() -> None:
    assert tc.header_lines("Kasubag Umum dan Kepegawaian", 60) == (
        "Kasubag", "Umum dan", "Kepegawaian")
    assert all(len(tc.header_lines("Pemerintahan", w)) == 1 for w in (20, 60, 200))


def test_no_id_is_defined_twice_in_the_book(tmp_path: Path,
                                            caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("WARNING", logger="weasyprint"):
        build_book([seed(n) for n in SEEDS], Book(), tmp_path)
    assert not [r.message for r in caplog.records if "defined twice" in r.message]
