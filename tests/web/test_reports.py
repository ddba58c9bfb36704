"""The report page and its CSV: actual against standard per step."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from tests.web.conftest import start_pengukuran, task_path


def test_report_counts_done_steps_and_downloads_as_csv(browser: Any) -> None:
    camat = browser("camat")
    start_pengukuran(camat)
    path = task_path(camat, "Camat memerintahkan")
    assert camat.post(path, token_from=path).status_code == 303
    page = camat.get("/laporan/pengukuran-kinerja")
    assert page.status_code == 200
    assert re.search(r'Camat memerintahkan penyusunan pengukuran kinerja kecamatan</td>'
                     r'<td data-label="Waktu baku">15</td><td data-label="Jumlah">1</td>',
                     page.text)
    got = camat.get("/laporan/pengukuran-kinerja/csv")
    assert got.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(got.text)))
    assert rows[0] == ["Langkah", "Kegiatan", "Waktu baku", "Jumlah", "Median", "P90",
                       "Porsi terlambat"]
    assert rows[1][:4] == ["perintah",
                           "Camat memerintahkan penyusunan pengukuran kinerja kecamatan",
                           "15.0", "1"]
    assert rows[2][3] == "0"
    assert len(rows) == 15
    assert browser("tim").get("/laporan").status_code == 200
    assert browser().get("/laporan/pengukuran-kinerja/csv").status_code == 303
    assert camat.get("/laporan/tidak-ada").status_code == 404


def _jumlah(page: str, action: str) -> int:
    found = re.search(re.escape(action) + r'</td><td data-label="Waktu baku">[^<]*</td>'
                      r'<td data-label="Jumlah">(\d+)</td>', page)
    assert found, action
    return int(found.group(1))


def test_a_report_is_kept_until_the_sops_history_changes(browser: Any, office: Any,
                                                        monkeypatch: Any) -> None:
    camat = browser("camat")
    iid = start_pengukuran(camat)
    reads: list[str] = []
    real = office.engine.step_times

    def counted(sop_id: str) -> Any:
        reads.append(sop_id)
        return real(sop_id)

    monkeypatch.setattr(office.engine, "step_times", counted)
    first = "Camat memerintahkan penyusunan pengukuran kinerja kecamatan"
    assert _jumlah(camat.get("/laporan/pengukuran-kinerja").text, first) == 0
    camat.get("/laporan/pengukuran-kinerja/csv")
    camat.get("/laporan/pengukuran-kinerja")
    assert reads == ["pengukuran-kinerja"]  # the CSV and the page again: the kept report
    path = task_path(camat, "Camat memerintahkan")
    assert camat.post(path, token_from=path).status_code == 303  # the history changes
    assert _jumlah(camat.get("/laporan/pengukuran-kinerja").text, first) == 1
    assert len(reads) == 2
    office.engine.cancel(iid)  # so does a cancellation: an event, read again
    camat.get("/laporan/pengukuran-kinerja")
    assert len(reads) == 3
    start_pengukuran(camat, "Kedua")  # and a start
    camat.get("/laporan/pengukuran-kinerja")
    assert len(reads) == 4
