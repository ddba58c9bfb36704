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
