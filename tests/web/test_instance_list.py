"""The instances page's filters (SOP, status, late, started between) work on every
stored instance, not on the newest few: a reviewer's earlier month is found however
many instances are newer."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

from sopengine.web import instances
from sopengine.web.office import Office

ROW = re.compile(r'<tr( class="late")?><td data-label="#">(\d+)</td>')


def listed(page: str) -> dict[int, bool]:
    """Instance number: shown late."""
    return {int(number): bool(late) for late, number in ROW.findall(page)}


def test_the_filters_reach_past_the_newest_listed(office: Office, browser: Any,
                                                  monkeypatch) -> None:
    monkeypatch.setattr(instances, "LISTED", 2)  # the page's 500, made small
    loaded = office.sops["pengukuran-kinerja"]
    january = office.engine.start(loaded, at=dt.datetime(2026, 1, 5, 7, 30), title="Januari")
    newer = [office.engine.start(loaded, at=dt.datetime(2026, 11, 23, 7, 30)).id
             for _ in range(3)]
    reviewer = browser("camat")
    page = reviewer.get("/instans?dari=2026-01-01&sampai=2026-01-31").text
    assert listed(page) == {january.id: True}  # its first step long past due
    assert "Januari" in page
    assert "Menampilkan" not in page  # one found: the list is not capped
    everything = reviewer.get("/instans").text
    assert list(listed(everything)) == newer[:0:-1]  # the newest two
    assert "Menampilkan 2 instans terbaru yang sesuai" in everything
    assert listed(reviewer.get("/instans?late=1&sampai=2026-06-30").text) == {january.id: True}
    assert listed(reviewer.get("/instans?dari=2026-12-01").text) == {}
    refused = reviewer.get("/instans?dari=kemarin")
    assert refused.status_code == 400
    assert "&#39;kemarin&#39; bukan tanggal; tulis TTTT-BB-HH" in refused.text  # in Indonesian


def test_the_list_downloads_as_csv_with_its_filters(office: Office, browser: Any,
                                                    monkeypatch) -> None:
    loaded = office.sops["pengukuran-kinerja"]
    january = office.engine.start(loaded, at=dt.datetime(2026, 1, 5, 7, 30),
                                  title="=HYPERLINK(\"http://x\")", user="camat")
    office.engine.start(loaded, at=dt.datetime(2026, 11, 23, 7, 30), title="November")
    reviewer = browser("camat")
    page = reviewer.get("/instans?dari=2026-01-01&sampai=2026-01-31").text
    assert 'href="/instans/csv?dari=2026-01-01&amp;sampai=2026-01-31"' in page
    got = reviewer.get("/instans/csv?dari=2026-01-01&sampai=2026-01-31")
    assert got.status_code == 200
    assert got.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(got.text)))
    assert rows[0] == ["#", "Judul", "SOP", "Status", "Dimulai", "Selesai", "Dimulai oleh",
                       "Terlambat"]
    assert rows[1:] == [[str(january.id), "'=HYPERLINK(\"http://x\")", "Pengukuran Kinerja",
                         "berjalan", "05-01-2026 07:30", "", "camat", "ya"]]
    assert len(list(csv.reader(io.StringIO(reviewer.get("/instans/csv").text)))) == 3
    assert browser().get("/instans/csv").status_code == 303  # signed in only
