"""Import messages: Indonesian by default, English with ``lang="en"``."""

from __future__ import annotations

_MESSAGES: dict[str, tuple[str, str]] = {
    "no-symbol": ("tidak ada simbol di kolom pelaksana; pelaksana tidak diketahui",
                  "no symbol in an actor column; the actor is unknown"),
    "many-symbols": ("simbol di beberapa kolom pelaksana: {actors}; periksa apakah mereka "
                     "bertindak bersama", "symbols in several actor columns: {actors}; "
                     "check that they act together"),
    "no-time": ("waktu kosong", "the time is empty"),
    "bad-time": ("waktu {value!r} tidak terbaca", "the time {value!r} cannot be read"),
    "no-action": ("kegiatan kosong", "the activity is empty"),
    "decision-targets": ("keputusan: jawaban {labels} tetapi tujuan panah tidak dapat "
                         "diikuti; isi branches", "decision: answers {labels} but the "
                         "arrows cannot be followed; fill in branches"),
    "decision-words": ("keputusan: Keterangan menulis {words}, panah menunjuk {arrows}; "
                       "periksa tujuan yang benar", "decision: Keterangan says {words}, the "
                       "arrows point {arrows}; check which is right"),
    "decision-no-labels": ("simbol keputusan tanpa jawaban (Ya/Tidak) yang terbaca",
                           "a decision symbol without readable answers (Ya/Tidak)"),
    "no-table": ("tidak ada tabel diagram alir SOP (kolom Kegiatan dan pelaksana)",
                 "no SOP flowchart table (Kegiatan and actor columns)"),
    "no-title": ("Nama SOP tidak ditemukan", "Nama SOP not found"),
    "no-output-col": ("tabel tanpa kolom Output", "the table has no Output column"),
    "mark-only": ("pelaksana dari tanda teks {mark!r}, bukan dari bentuk simbol",
                  "actor from the text mark {mark!r}, not from a symbol shape"),
    "bad-date": ("tanggal {value!r} tidak terbaca (tulis YYYY-MM-DD)",
                 "the date {value!r} cannot be read (write YYYY-MM-DD)"),
    "no-number": ("nomor langkah tidak ada; urutan baris dipakai",
                  "no step number; the row order is used"),
    "unsupported": ("format {suffix} tidak didukung: pakai .docx, .xlsx atau .pdf",
                    "format {suffix} is not supported: use .docx, .xlsx or .pdf"),
    "corrupt": ("berkas rusak atau bukan {kind}: {why}", "a damaged file or not a {kind}: {why}"),
    "not-zip": ("bukan arsip zip", "not a zip archive"),
    "encrypted": ("PDF terkunci (terenkripsi): buka kuncinya lalu impor lagi",
                  "the PDF is encrypted: remove the password and import again"),
    "too-large": ("berkas terlalu besar ({size} MB, paling banyak {limit} MB)",
                  "the file is too large ({size} MB, at most {limit} MB)"),
    "not-sop": ("tidak ada SOP di dokumen ini (tidak ada tabel dengan kolom Kegiatan)",
                "no SOP in this document (no table with a Kegiatan column)"),
}


def message(key: str, lang: str = "id", **values: object) -> str:
    """The message ``key`` in ``lang`` with ``values`` filled in."""
    text = _MESSAGES[key][1 if lang == "en" else 0]
    return text.format(**values)
