"""Tugas saya stays bounded with many tasks waiting: 50 a page, soonest due
first, saying how many wait (the nav bar up to "200+"), with links to the next
and previous pages; nothing is cut silently."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from sopengine.web.work import PAGE

START = dt.datetime(2026, 11, 2, 8, 0)
TITLE = re.compile(r'<span class="meta">(Nomor \d+) ·')


def _start(office: Any, count: int) -> None:
    loaded = office.sops["pengukuran-kinerja"]
    for n in range(count):  # each a minute later: due a minute later
        office.engine.start(loaded, at=START + dt.timedelta(minutes=n), title=f"Nomor {n:03}",
                            by="Bapak Camat", user="camat")


def _titles(page: str) -> list[str]:
    return TITLE.findall(page)


@pytest.mark.parametrize(("waiting", "badge", "said"), [
    (120, ">120<", "Tugas 1–50 dari 120,"),
    (200, ">200<", "Tugas 1–50 dari 200,"),
    (230, ">200+<", "Tugas 1–50 dari lebih dari 200,"),
])
def test_the_first_page_lists_50_and_says_how_many_wait(browser: Any, office: Any,
                                                        waiting: int, badge: str,
                                                        said: str) -> None:
    _start(office, waiting)
    page = browser("camat").get("/tugas").text
    assert _titles(page) == [f"Nomor {n:03}" for n in range(PAGE)]
    assert said in page
    assert re.search(r'data-nav="my_tasks">Tugas saya <span class="badge" data-count="\d+"'
                     + re.escape(badge), page)
    assert 'href="/tugas?hal=2" rel="next"' in page
    assert 'rel="prev"' not in page


def test_every_waiting_task_is_reached_page_by_page(browser: Any, office: Any) -> None:
    _start(office, 260)
    camat = browser("camat")
    seen: list[str] = []
    number = 1
    while True:
        page = camat.get(f"/tugas?hal={number}").text
        seen += _titles(page)
        if number > 1:
            assert f'href="/tugas?hal={number - 1}" rel="prev"' in page
        if 'rel="next"' not in page:
            break
        number += 1
    assert number == 6
    assert seen == [f"Nomor {n:03}" for n in range(260)]  # each once, soonest due first
    assert "Tugas 251–260 dari 260," in page


def test_a_page_past_the_end_or_not_a_number(browser: Any, office: Any) -> None:
    _start(office, 3)
    camat = browser("camat")
    first = camat.get("/tugas?hal=abc").text
    assert _titles(first) == ["Nomor 000", "Nomor 001", "Nomor 002"]
    assert "3 tugas menunggu, yang batas waktunya paling dekat lebih dulu." in first
    assert "pager" not in first
    beyond = camat.get("/tugas?hal=9")
    assert beyond.status_code == 200
    assert _titles(beyond.text) == []
    assert "Halaman ini melewati tugas terakhir (3 tugas menunggu)." in beyond.text
    assert '<a href="/tugas">Ke halaman pertama</a>' in beyond.text


def test_a_pinned_sop_naming_the_actor_otherwise_is_neither_listed_nor_counted(
        browser: Any, office: Any) -> None:
    """An instance started from another text of the SOP, where actor ``camat`` is the
    Lurah: its task waits under the same actor id, but not for the camat."""
    from sopengine.definition.loader import check_text
    from tests.conftest import SOPS

    text = (SOPS / "pengukuran.yaml").read_text(encoding="utf-8")
    other = check_text(text.replace("  camat: Camat\n", "  camat: Lurah\n", 1), "lurah.yaml")
    assert other.sop is not None
    assert other.sop.actors["camat"] == "Lurah"
    office.engine.start(other, at=START, title="Untuk lurah")
    _start(office, 2)
    page = browser("camat").get("/tugas").text
    assert _titles(page) == ["Nomor 000", "Nomor 001"]
    assert "Untuk lurah" not in page
    assert re.search(r'data-nav="my_tasks">Tugas saya <span class="badge" data-count="2"', page)


def test_a_kept_row_follows_the_clock_and_the_language(browser: Any, office: Any) -> None:
    """Tugas saya's rows are kept once rendered (web/fragments.py), keyed by all they
    show: the same task turns late when its due time passes, and its words follow
    the language switch, in the same worker."""
    _start(office, 1)
    due = office.engine.inbox(["camat"])[0][0].due_at
    camat = browser("camat")
    office.engine.clock = lambda: due - dt.timedelta(minutes=1)
    before = camat.get("/tugas").text
    assert "Batas waktu:" in before
    assert 'class="task late"' not in before
    assert "Terlambat" not in before
    office.engine.clock = lambda: due + dt.timedelta(minutes=1)
    after = camat.get("/tugas").text
    assert 'class="task late"' in after
    assert '<span class="tag late-tag">Terlambat</span>' in after
    camat.get("/bahasa/en?next=/tugas")
    english = camat.get("/tugas").text
    assert "Due:" in english
    assert '<span class="tag late-tag">Late</span>' in english
    assert _titles(english) == ["Nomor 000"]


def test_a_task_of_an_sop_not_in_the_directory_reaches_its_holder(browser: Any,
                                                                   office: Any) -> None:
    """An SOP published through the catalog after start-up (not a file of the SOP
    directory) may name its actors with ids no served SOP uses: its tasks still wait
    in Tugas saya of whoever holds the position, and are counted."""
    from sopengine.definition.loader import check_text
    from tests.conftest import SOPS

    text = (SOPS / "pengukuran.yaml").read_text(encoding="utf-8")
    other = check_text(text.replace("id: pengukuran-kinerja", "id: pengukuran-baru", 1)
                       .replace("camat", "kepala_kecamatan"), "baru.yaml")
    assert other.ok, other.diagnostics
    assert other.sop is not None
    assert other.sop.actors["kepala_kecamatan"] == "Camat"
    camat = browser("camat")
    assert "Untuk yang baru" not in camat.get("/tugas").text  # read once before the start
    office.engine.start(other, at=START, title="Untuk yang baru")
    page = camat.get("/tugas").text
    assert "Untuk yang baru" in page
    assert re.search(r'data-nav="my_tasks">Tugas saya <span class="badge" data-count="1"', page)
