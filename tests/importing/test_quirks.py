"""Hand-made documents with the quirks real ones have; what is read, what is flagged."""

from __future__ import annotations

from pathlib import Path

import yaml

from sopengine.importing import import_document
from tests.importing import office

HEADER = ["No", "Uraian Kegiatan", "Kepala Seksi", "Staf", "Kelengkapan", "Waktu (Jam)", "Ket"]
ROWS = [
    ["1.", "Menerima berkas permohonan", "shape:terminator", "",
     "1. KTP\n2. Kartu Keluarga", "1", ""],
    ["", "", "", "", "", "", ""],  # a blank row
    ["2.", "Memeriksa kelengkapan\nberkas", "", "shape:decision", "Berkas permohonan", "2 hari",
     "Ya/Tidak"],
]
ROWS_PAGE_2 = [
    ["3.", "Mencatat dalam buku agenda", "", "", "KTP\nBuku agenda", "5'", ""],  # no symbol
    ["4.", "Menandatangani surat", "shape:terminator", "", "- Draf surat\n- Stempel", "15 menit",
     "Oleh kepala seksi"],
]


def _table(document, rows: list[list[str]]) -> None:
    from docx.oxml import parse_xml
    table = document.add_table(rows=1 + len(rows), cols=len(HEADER))
    for c, text in enumerate(HEADER):
        table.cell(0, c).text = text
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            if text.startswith("shape:"):
                table.cell(r, c).paragraphs[0]._p.append(
                    parse_xml(office.shape_xml(text[6:], 10 * r + c)))
            else:
                table.cell(r, c).text = text


def _quirky(path: Path) -> Path:
    import docx
    document = docx.Document()
    ident = document.add_table(rows=3, cols=2)
    for r, (k, v) in enumerate([("Nama SOP", "Pelayanan Surat Keterangan"),
                                ("Tanggal Pembuatan", "15 Januari 2024"),
                                ("Tanggal Efektif", "awal tahun")]):
        ident.cell(r, 0).text, ident.cell(r, 1).text = k, v
    _table(document, ROWS)
    document.add_page_break()
    _table(document, ROWS_PAGE_2)  # the table goes on after a page break, header repeated
    document.save(str(path))
    return path


def test_quirks_are_read_or_flagged(tmp_path: Path) -> None:
    [imported] = import_document(_quirky(tmp_path / "quirks.docx"))
    data = yaml.safe_load(imported.text)
    assert data["title"] == "Pelayanan Surat Keterangan"
    assert data["dates"] == {"created": "2024-01-15"}  # "awal tahun" is no date: flagged
    assert list(data["actors"].values()) == ["Kepala Seksi", "Staf"]
    steps = data["steps"]
    assert [s["action"] for s in steps] == ["Menerima berkas permohonan",
                                            "Memeriksa kelengkapan berkas",
                                            "Mencatat dalam buku agenda", "Menandatangani surat"]
    assert [s["time"] for s in steps] == ["1h", "2d", 5, 15]  # Waktu (Jam): a bare 1 is hours
    assert steps[0]["inputs"] == ["KTP", "Kartu Keluarga"]
    assert steps[2]["inputs"] == ["KTP", "Buku agenda"]
    assert steps[3]["inputs"] == ["Draf surat", "Stempel"]
    assert steps[3]["note"] == "Oleh kepala seksi"
    assert all("outputs" not in s for s in steps)
    assert steps[2]["actor"] is None
    warnings = imported.warnings
    assert any("tanpa kolom Output" in w for w in warnings)
    assert any("awal tahun" in w for w in warnings)
    assert any(w.startswith("table 3, row 2") and "tidak ada simbol" in w for w in warnings)
    assert any("keputusan" in w for w in warnings)
    checks = [ln for ln in imported.text.splitlines() if ln.strip().startswith("# CHECK:")]
    assert len(checks) == len(warnings)
    assert imported.draft.rows_skipped == 1
    assert {e.code for e in imported.errors} >= {"wrong-type"}  # the row without an actor


def test_english_messages(tmp_path: Path) -> None:
    [imported] = import_document(_quirky(tmp_path / "q.docx"), lang="en")
    assert any("no symbol in an actor column" in w for w in imported.warnings)


def test_a_decision_written_in_words_gives_its_question_and_targets(tmp_path: Path) -> None:
    """No arrows to follow in a Word table: the question under the activity and
    the jumps written in Keterangan are read instead, and taken out of the note."""
    import docx
    document = docx.Document()
    document.add_paragraph("Nama SOP: Pelayanan Surat")
    _table(document, [
        ["1.", "Menerima berkas", "shape:terminator", "", "KTP", "1", ""],
        ["2.", "Memeriksa kelengkapan\nberkas\nBerkas sudah\nlengkap?", "", "shape:decision",
         "Berkas", "2", "Diperiksa staf Tidak:\nkembali ke\nlangkah 1 Ya: lanjut ke langkah 4"],
        ["3.", "Melengkapi berkas", "", "shape:process", "Berkas", "1", ""],
        ["4.", "Menandatangani surat", "shape:terminator", "", "Draf surat", "1", ""],
    ])
    document.save(str(tmp_path / "kata.docx"))
    [imported] = import_document(tmp_path / "kata.docx")
    step = yaml.safe_load(imported.text)["steps"][1]
    assert step["action"] == "Memeriksa kelengkapan berkas"
    assert step["ask"] == "Berkas sudah lengkap?"
    assert step["branches"] == {"Tidak": "1", "Ya": "4"}
    assert step["note"] == "Diperiksa staf"


def test_a_column_number_row_under_the_header_is_not_a_step(tmp_path: Path) -> None:
    """The seed numbers its columns 1, 2, 3 ... under the header, on every page."""
    import docx
    numbers = [str(n) for n in range(1, len(HEADER) + 1)]
    document = docx.Document()
    _table(document, [numbers, *ROWS])
    document.add_page_break()
    _table(document, [numbers, *ROWS_PAGE_2])
    document.save(str(tmp_path / "numbered.docx"))
    [imported] = import_document(tmp_path / "numbered.docx")
    data = yaml.safe_load(imported.text)
    assert list(data["actors"].values()) == ["Kepala Seksi", "Staf"]
    assert [s["action"] for s in data["steps"]] == [
        "Menerima berkas permohonan", "Memeriksa kelengkapan berkas",
        "Mencatat dalam buku agenda", "Menandatangani surat"]
