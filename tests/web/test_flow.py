"""Pengukuran run through the pages (in-process): each actor completes from its
own inbox, the rework loop runs once, the meeting leaves every other inbox."""

from __future__ import annotations

import re
from typing import Any

from tests.web.conftest import start_pengukuran, task_path

ORDER = [  # (who, activity text, answer)
    ("camat", "Camat memerintahkan", None),
    ("sektim", "Membuat format", None),
    ("sektim", "Menyampaikan format", None),
    ("sektim", "Mengundang camat", None),
    ("sekretaris", "Melaksanakan rapat", None),  # one of four actors
    ("sektim", "Menghimpun format", None),
    ("tim", "Kasi menghimpun dan memvalidasi", None),
    ("tim", "Menyampaikan data kinerja", None),
    ("camat", "Camat mengoreksi dokumen", "Tidak"),
    ("sektim", "Menghimpun format", None),
    ("tim", "Kasi menghimpun dan memvalidasi", None),
    ("tim", "Menyampaikan data kinerja", None),
    ("camat", "Camat mengoreksi dokumen", "Ya"),
    ("sekretaris", "Sekretaris menyampaikan dokumen", None),
    ("camat", "Penandatanganan", None),
    ("sekretaris", "Pembuatan surat pengantar", None),
    ("tim", "Penggandaan", None),
    ("sektim", "Pengarsipan", None),
]


def _count(page: str) -> int:
    return int(re.search(r'data-count="(\d+)"', page).group(1))  # type: ignore[union-attr]


def test_pengukuran_through_the_pages(browser: Any, office: Any) -> None:
    people = {name: browser(name) for name in ("camat", "sekretaris", "sektim", "tim")}
    iid = start_pengukuran(people["camat"])
    for who, text, answer in ORDER:
        path = task_path(people[who], text)
        page = people[who].get(path).text
        if answer:
            assert 'value="Ya"' in page
            assert 'value="Tidak"' in page
        if "rapat pembahasan" in page and "Melaksanakan" in text:
            for other in ("camat", "sektim", "tim"):
                task_path(people[other], text)  # in every actor's inbox
        done = people[who].post(path, {"answer": answer} if answer else {}, token_from=path)
        assert done.status_code == 303, (who, text, done.text[:400])
        if "Melaksanakan rapat" in text:
            for other in ("camat", "sektim", "tim"):
                assert "Melaksanakan rapat" not in people[other].get("/tugas").text
    inst = office.engine.instance(iid)
    assert inst.status == "completed"
    page = people["camat"].get(f"/instans/{iid}").text
    assert 'data-status="completed"' in page
    answers = re.findall(r'<td data-label="Jawaban">(\w*)</td>', page)  # the history's
    assert [a for a in answers if a] == ["Tidak", "Ya"]
    assert _count(people["camat"].get("/tugas").text) == 0
    history = office.engine.history(iid)
    assert {e.by for e in history if e.kind == "completed"} == {
        f"Bapak {n.title()} ({n})" for n in people}
    assert history[0].by == "Bapak Camat (camat)"


def test_next_task_is_one_click_away(browser: Any) -> None:
    sektim = browser("sektim")
    camat = browser("camat")
    start_pengukuran(camat)
    camat.post(task_path(camat, "Camat memerintahkan"), token_from="/tugas")
    first = task_path(sektim, "Membuat format")
    done = sektim.post(first, token_from=first)
    page = sektim.get(done.headers["location"]).text
    assert "Tugas selesai" in page
    assert re.search(r'data-next>Tugas berikutnya: Menyampaikan format', page)


def test_inbox_is_soonest_due_first_with_late_marked(browser: Any, office: Any) -> None:
    import datetime as dt

    camat = browser("camat")
    start_pengukuran(camat, "A")
    office.engine.start(office.sops["pengukuran-kinerja"], title="B lama",
                        at=dt.datetime(2026, 1, 5, 8, 0))
    page = camat.get("/tugas").text
    assert page.index("B lama") < page.index("A ·")
    assert page.count("Terlambat") == 1
    assert _count(page) == 2


def test_english_by_the_switch(browser: Any) -> None:
    camat = browser("camat")
    switched = camat.get("/bahasa/en?next=/tugas")
    assert switched.headers["location"] == "/tugas"
    page = camat.get("/tugas").text
    assert "My tasks" in page
    assert 'lang="en"' in page
    assert camat.get("/bahasa/en?next=//evil.example").headers["location"] == "/"
