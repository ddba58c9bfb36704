"""User-facing labels: Indonesian by default, English with ``--lang en``."""

from __future__ import annotations

LANGS = ("id", "en")

_LABELS: dict[str, tuple[str, str]] = {
    "no": ("No", "No"),
    "step": ("Langkah", "Step"),
    "actor": ("Pelaksana", "Actor"),
    "time": ("Waktu", "Time"),
    "es": ("Mulai\nawal", "Early\nstart"),
    "ef": ("Selesai\nawal", "Early\nfinish"),
    "ls": ("Mulai\nakhir", "Late\nstart"),
    "lf": ("Selesai\nakhir", "Late\nfinish"),
    "slack": ("Longgar", "Slack"),
    "free_slack": ("Longgar bebas", "Free slack"),
    "critical": ("Kritis", "Crit."),
    "yes": ("ya", "yes"),
    "total": ("Jumlah waktu", "Total time"),
    "minutes": ("menit", "minutes"),
    "hours": ("jam", "hours"),
    "workdays": ("hari kerja", "working days"),
    "hours_per_day": ("jam/hari", "h/day"),
    "critical_path": ("Jalur kritis", "Critical path"),
    "per_actor": ("Beban per pelaksana", "Load per actor"),
    "steps": ("langkah", "steps"),
    "times_in": ("waktu dalam menit", "times in minutes"),
    "instance": ("Instans", "Instance"),
    "status": ("Status", "Status"),
    "start": ("Mulai", "Start"),
    "finish": ("Selesai", "Finish"),
    "ready": ("Siap", "Ready"),
    "due": ("Batas waktu", "Due"),
    "late": ("Terlambat", "Late"),
    "branch": ("Jawaban", "Answer"),
    "by": ("Oleh", "By"),
    "note": ("Catatan", "Note"),
    "event": ("Kejadian", "Event"),
    "at": ("Waktu", "At"),
    "sop": ("SOP", "SOP"),
    "elapsed": ("Waktu kerja terpakai", "Working time used"),
    "vs_critical": ("jalur kritis", "critical path"),
    "open_tasks": ("Tugas terbuka", "Open tasks"),
    "history": ("Riwayat", "History"),
    "standard": ("Baku", "Standard"),
    "count": ("Jumlah", "Count"),
    "median": ("Median", "Median"),
    "p90": ("P90", "P90"),
    "share_late": ("Porsi terlambat", "Share late"),
    "who": ("Diselesaikan oleh", "Completed by"),
    "optional_note": ("Catatan (boleh kosong)", "Note (optional)"),
    "still_running": ("Instans {n} masih berjalan; lanjutkan dengan `sopengine complete {n} "
                      "STEP` atau `sopengine cancel {n}`", "Instance {n} is still running; "
                      "continue with `sopengine complete {n} STEP` or `sopengine cancel {n}`"),
    "which_task": ("Tugas mana yang diselesaikan?", "Which task is completed?"),
    "answer": ("Jawaban", "Answer"),
    "which_actor": ("Sebagai pelaksana", "As actor"),
    "standard_time": ("waktu baku", "standard time"),
    "started": ("dimulai", "started"),
    "completed": ("selesai", "completed"),
    "cancelled": ("dibatalkan", "cancelled"),
    "running": ("berjalan", "running"),
    "steps_done": ("langkah selesai", "steps done"),
    "mean": ("Rata-rata", "Mean"),
    "within": ("Peluang selesai dalam waktu baku", "Chance of finishing within the standard"),
    "criticality": ("Indeks kritis", "Criticality index"),
    "runs": ("kali simulasi", "runs"),
    "expected": ("Jumlah waktu harapan (dengan pengulangan)", "Expected total (with rework)"),
    "visits": ("Kunjungan", "Visits"),
    "position": ("Jabatan", "Position"),
    "per_year": ("Menit/tahun", "Minutes/year"),
    "hours_year": ("Jam/tahun", "Hours/year"),
    "staff": ("Kebutuhan pegawai", "Staff needed"),
    "skipped": ("Tanpa frekuensi (tidak dihitung)", "Without frequency (not counted)"),
    "effective_hours": ("jam kerja efektif/tahun", "effective hours/year"),
    "schedule": ("Jadwal jalur kritis", "Critical-path schedule"),
    "minutes_from_start": ("menit sejak mulai", "minutes from the start"),
    "rework_only": ("Hanya saat pengulangan", "Only in rework"),
    "report_older_step": ("catatan: langkah '{step}' hanya ada di versi lama SOP ini "
                          "(waktu bakunya dari versi terbaru yang memilikinya)",
                          "note: step '{step}' is only in older versions of this SOP (its "
                          "standard time is that of the newest version having it)"),
    "report_standards": ("catatan: waktu baku langkah '{step}' berbeda antarversi: {minutes} "
                         "menit (terbaru dahulu); tabel memakai yang terbaru",
                         "note: the standard time of step '{step}' differs between versions: "
                         "{minutes} minutes (newest first); the table shows the newest"),
    "new_database": ("basis data baru dibuat: {path}", "created a new database: {path}"),
    # the SOP book (the guideline's words; a book file may override them)
    "col_no": ("No", "No"),
    "col_kegiatan": ("Kegiatan", "Activity"),
    "col_pelaksana": ("Pelaksana", "Actors"),
    "col_mutu_baku": ("Mutu Baku", "Quality standard"),
    "col_kelengkapan": ("Kelengkapan", "Requirements"),
    "col_waktu": ("Waktu", "Time"),
    "col_output": ("Output", "Output"),
    "col_keterangan": ("Keterangan", "Remarks"),
    "decree_missing": ("halaman Keputusan dicetak sebagai tempat kosong: isi `decree` di "
                       "book.yaml (jenis, nomor, tanggal, penanda tangan)",
                       "the Keputusan page is printed as a placeholder: fill in `decree` in "
                       "book.yaml (kind, number, date, signer)"),
    "introduction_missing": ("halaman Penjelasan Singkat dicetak sebagai tempat kosong: isi "
                             "`introduction` di book.yaml (ruang lingkup, ringkasan, definisi)",
                             "the Penjelasan Singkat page is printed as a placeholder: fill in "
                             "`introduction` in book.yaml (scope, summary, definitions)"),
    "decree_placeholder": ("Halaman ini disediakan untuk Keputusan yang menetapkan SOP dalam "
                           "buku ini. Isi `decree` di book.yaml, atau ganti halaman ini dengan "
                           "Keputusan yang telah ditandatangani.",
                           "This page is kept for the decree that enacts the SOPs of this book. "
                           "Fill in `decree` in book.yaml, or replace this page with the signed "
                           "decree."),
    "introduction_placeholder": ("Penjelasan singkat buku ini (ruang lingkup, ringkasan, "
                                 "definisi) belum diisi: isi `introduction` di book.yaml.",
                                 "The book's short guide (scope, summary, definitions) is not "
                                 "filled in yet: fill in `introduction` in book.yaml."),
    "decree_title": ("Keputusan", "Decree"),
    "decree_about": ("tentang", "on"),
    "decree_number": ("Nomor", "Number"),
    "decree_date": ("Tanggal", "Date"),
    "decree_enacts": ("Standar Operasional Prosedur {unit}", "Standard Operating Procedures "
                      "of {unit}"),
    "introduction": ("Penjelasan Singkat", "Short Guide"),
    "scope": ("Ruang Lingkup", "Scope"),
    "summary": ("Ringkasan", "Summary"),
    "definitions": ("Definisi", "Definitions"),
    "placeholder": ("BELUM DIISI", "NOT FILLED IN"),
    "of": ("dari", "of"),
    "col_page": ("Halaman", "Page"),
    "jump_back": ("{answer}: kembali ke langkah {n}", "{answer}: back to step {n}"),
    "jump_on": ("{answer}: lanjut ke langkah {n}", "{answer}: on to step {n}"),
    "jump_end": ("{answer}: selesai", "{answer}: end of the procedure"),
    "total_critical": ("Jumlah waktu jalur kritis", "Critical-path total"),
    "unit_workday": ("hari kerja", "working days"),
    "flowchart_lanes": ("{sop}: diagram alir tidak dicetak: Graphviz tidak dapat menjaga "
                        "urutan lajur sesuai kolom tabel",
                        "{sop}: flowchart page left out: Graphviz could not keep the lanes in "
                        "the table's column order"),
    "flowchart_small": ("{sop}: diagram alir tidak dicetak: hurufnya akan {size} pt, kurang "
                        "dari {least} pt; tabel SOP tetap lengkap",
                        "{sop}: flowchart page left out: its type would print at {size} pt, "
                        "under {least} pt; the SOP's table is complete"),
    "unit_m": ("menit", "min"),
    "unit_h": ("jam", "h"),
    "unit_d": ("hari", "d"),
    "unit_w": ("minggu", "wk"),
    "sop_title": ("Standar Operasional Prosedur", "Standard Operating Procedure"),
    "contents": ("Daftar Isi", "Contents"),
    "identity": ("Identitas", "Identity"),
    "flowchart_table": ("Prosedur", "Procedure"),
    "flowchart": ("Diagram alir", "Flowchart"),
    "page": ("Halaman", "Page"),
    "nomor_sop": ("Nomor SOP", "SOP number"),
    "tgl_pembuatan": ("Tanggal Pembuatan", "Date created"),
    "tgl_revisi": ("Tanggal Revisi", "Date revised"),
    "tgl_efektif": ("Tanggal Efektif", "Effective date"),
    "disahkan_oleh": ("Disahkan oleh", "Approved by"),
    "nama_sop": ("Nama SOP", "SOP name"),
    "dasar_hukum": ("Dasar Hukum", "Legal basis"),
    "kualifikasi": ("Kualifikasi Pelaksana", "Qualifications"),
    "keterkaitan": ("Keterkaitan", "Related SOPs"),
    "peralatan": ("Peralatan/Perlengkapan", "Equipment"),
    "peringatan": ("Peringatan", "Warnings"),
    "pencatatan": ("Pencatatan dan Pendataan", "Records"),
    "none": ("-", "-"),
    # the catalog of SOP documents (sopengine sop ..., the web pages)
    "state_draft": ("draf", "draft"),
    "state_in_review": ("dalam reviu", "in review"),
    "state_returned": ("dikembalikan", "returned"),
    "state_approved": ("disetujui", "approved"),
    "state_in_force": ("berlaku", "in force"),
    "state_due_for_review": ("perlu direviu", "due for review"),
    "state_withdrawn": ("dicabut", "withdrawn"),
    "move_create": ("dibuat", "created"),
    "move_revise": ("diganti teksnya", "text replaced"),
    "move_submit": ("diajukan", "submitted"),
    "move_verify": ("lolos verifikasi", "verified"),
    "move_return": ("dikembalikan", "returned"),
    "move_approve": ("disetujui", "approved"),
    "move_take_effect": ("mulai berlaku", "took effect"),
    "move_review_due": ("jatuh tempo reviu", "review due"),
    "move_confirm": ("direviu, tetap berlaku", "reviewed, kept"),
    "move_withdraw": ("dicabut", "withdrawn"),
    "move_start": ("dijalankan", "started"),
    "revision": ("Revisi", "Revision"),
    "rev": ("rev.", "rev."),
    "awaiting": ("menunggu", "awaiting"),
    "col_id": ("ID", "ID"),
    "col_sop": ("SOP", "SOP"),
    "col_rev": ("Rev.", "Rev."),
    "col_title": ("Nama SOP", "Title"),
    "state": ("Status", "State"),
    "review_due": ("Reviu berikutnya", "Next review"),
    "catalog": ("Katalog SOP", "SOP catalog"),
    "due_list": ("SOP yang perlu direviu", "SOPs due for review"),
    "error": ("galat", "error"),
    "cannot_move": ("revisi SOP tidak dapat {move}: statusnya {state}",
                    "the SOP revision cannot be {move}: it is {state}"),
    "possible": ("yang dapat dilakukan", "possible"),
    "open_revision": ("SOP '{sop}' sudah mempunyai revisi terbuka: revisi {revision} (ID {id}), "
                      "{state}; selesaikan, kembalikan atau cabut revisi itu dulu",
                      "SOP '{sop}' already has an open revision: revision {revision} (ID "
                      "{id}), {state}; finish, return or withdraw that one first"),
    # the web app's catalog pages and the public portal
    "portal": ("Portal SOP", "SOP portal"),
    "upload_sop": ("Unggah draf SOP", "Upload an SOP draft"),
    "upload_hint": ("Berkas SOP (.yaml) atau dokumen SOP (.docx, .xlsx, .pdf)",
                    "An SOP file (.yaml) or an SOP document (.docx, .xlsx, .pdf)"),
    "keep_draft": ("Simpan sebagai draf saja (belum diajukan)",
                   "Keep it a draft (not yet submitted)"),
    "submit_for_review": ("Ajukan untuk verifikasi", "Submit for verification"),
    "no_revisions": ("Belum ada SOP dalam katalog.", "No SOP in the catalog yet."),
    "due_rule": ("SOP yang berlaku perlu direviu {months} bulan setelah Tanggal Efektif atau "
                 "reviu terakhirnya.", "An SOP in force is due for review {months} months "
                 "after its Tanggal Efektif or its last review."),
    "none_due": ("Tidak ada SOP yang perlu direviu.", "No SOP is due for review."),
    "upload_refused": ("Unggahan ditolak", "Upload refused"),
    "upload_invalid": ("Berkas ini belum memenuhi format SOP; tidak ada yang disimpan. "
                       "Perbaiki kesalahan di bawah (baris dan kolomnya ditandai) lalu unggah "
                       "lagi.", "This file does not meet the SOP format yet; nothing was "
                       "stored. Correct the errors below (their line and column are marked) "
                       "and upload it again."),
    "valid": ("sah", "valid"),
    "line": ("baris", "line"),
    "column": ("kolom", "column"),
    "back_to_catalog": ("Kembali ke katalog", "Back to the catalog"),
    "in_force_now": ("Yang berlaku sekarang", "In force now"),
    "do_submit": ("Ajukan untuk verifikasi", "Submit for verification"),
    "do_verify": ("Loloskan verifikasi", "Pass verification"),
    "do_return": ("Kembalikan untuk perbaikan", "Return for correction"),
    "do_approve": ("Setujui dan terbitkan", "Approve and publish"),
    "do_withdraw": ("Cabut", "Withdraw"),
    "do_confirm": ("Reviu selesai: tetap berlaku", "Review done: keep in force"),
    "note_required": ("Catatan perbaikan (wajib)", "What to correct (required)"),
    "diff_title": ("Perbedaan dengan yang berlaku (revisi {revision})",
                   "Differences from the version in force (revision {revision})"),
    "diff_same": ("Tidak ada perbedaan.", "No differences."),
    "diff_identity": ("Identitas", "Identity"),
    "diff_reassigned": ("Pelaksana berubah", "Actor changed"),
    "diff_reworded": ("Kegiatan berubah", "Activity reworded"),
    "diff_retimed": ("Waktu berubah", "Time changed"),
    "diff_other": ("Lainnya berubah", "Other changes"),
    "diff_added": ("Langkah ditambah", "Steps added"),
    "diff_removed": ("Langkah dihapus", "Steps removed"),
    "diff_moved": ("Langkah dipindah", "Steps moved"),
    "diff_total": ("Jumlah waktu jalur kritis", "Critical-path total"),
    "review_steps": ("Langkah penyusunan (di mesin)", "Review steps (on the engine)"),
    "source_yaml": ("Teks SOP (YAML)", "SOP text (YAML)"),
    "search": ("Cari", "Search"),
    "search_in": ("Cari di", "Search in"),
    "search_semua": ("seluruh teks", "all text"),
    "search_judul": ("nama SOP", "title"),
    "search_unit": ("unit", "unit"),
    "whole_book": ("Buku SOP lengkap", "The whole SOP book"),
    "nothing_found": ("Tidak ada SOP yang cocok.", "No SOP matches."),
    "err_no_published": ("Belum ada SOP yang diterbitkan.", "No SOP is published yet."),
    "download_pdf": ("Unduh PDF", "Download the PDF"),
    "book_page": ("Halaman buku", "Book page"),
    "err_403_catalog": ("Katalog SOP hanya untuk tim SOP (penyusun, Bagian Organisasi, "
                        "pimpinan) dan admin.", "The SOP catalog is for the SOP team (drafting "
                        "units, organisation section, the head) and admins only."),
    "err_403_move": ("Anda tidak berwenang: {move} dikerjakan oleh jabatan lain.",
                     "You may not do this: {move} is another position's."),
    "err_no_file": ("Pilih berkas yang akan diunggah.", "Choose a file to upload."),
    "err_note_needed": ("Tulis catatan apa yang harus diperbaiki.",
                        "Write a note saying what to correct."),
    "err_number_needed": ("SOP ini belum bernomor: isi Nomor SOP.",
                          "This SOP has no number yet: fill in the SOP number."),
    "err_moved_meanwhile": ("Revisi ini sudah berubah sejak halaman Anda dibuka: {move} oleh "
                            "{by} pada {at}. Periksa keadaannya sekarang di bawah, lalu ulangi "
                            "bila masih perlu.", "This revision changed after your page was "
                            "shown: {move} by {by} at {at}. Check where it stands now, below, "
                            "and do it again if still needed."),
    "err_bad_date": ("Tanggal tidak sah: tulis TTTT-BB-HH.", "Not a date: write YYYY-MM-DD."),
    "book_cached": ("PDF: {laid} SOP ditata ulang, {kept} SOP dari cache (berubah: ditata "
                    "ulang; --no-cache menata semuanya)",
                    "PDF: {laid} SOPs laid out, {kept} SOPs from the cache (what changed is "
                    "laid out again; --no-cache lays out all)"),
    # the book's revision page (render/book_revision.py)
    "catatan_revisi": ("Catatan Revisi", "Revision notes"),
    "rev_since": ("Perubahan dibandingkan dengan {since}", "Changes since {since}"),
    "rev_part": ("Bagian", "Part"), "rev_what": ("Yang berubah", "What changed"),
    "rev_before": ("Sebelum", "Before"), "rev_after": ("Sesudah", "After"),
    "rev_identity": ("Identitas", "Identity"), "rev_total": ("Jumlah", "Total"),
    "rev_added": ("Langkah baru", "Step added"), "rev_removed": ("Langkah dihapus", "Step removed"),
    "rev_moved": ("Urutannya berubah", "Moved in the order"),
    "rev_unit": ("Unit kerja", "Unit"), "rev_dates": ("Tanggal", "Dates"),
    "rev_id": ("Kode SOP", "SOP id"), "rev_next": ("Langkah berikutnya", "Next step"),
    "rev_ask": ("Pertanyaan keputusan", "Decision question"),
    "rev_branches": ("Jawaban keputusan", "Decision answers"),
    "rev_effort": ("Waktu kerja", "Effort"),
    "book_revision_invalid": ("{file}: versi terdahulu tidak sah; tanpa halaman Catatan "
                              "Revisi untuk SOP ini",
                              "{file}: the earlier version is not valid; no revision page "
                              "for this SOP"),
    # a database's error, by kind (runtime/store_errors.py)
    "store_busy": ("basis data sedang sibuk: program lain memegangnya terlalu lama; tidak ada "
                   "yang ditulis, coba lagi",
                   "the database is busy: another program held it too long; nothing was "
                   "written, try again"),
    "store_full": ("disk basis data penuh; tidak ada yang ditulis (kosongkan ruang, lalu coba "
                   "lagi)", "the disk of the database is full; nothing was written (free "
                   "space, then try again)"),
    "store_read-only": ("basis data tidak dapat ditulisi (berkasnya, foldernya atau servernya "
                        "hanya-baca); tidak ada yang ditulis",
                        "the database cannot be written (the file, its folder or the server "
                        "is read-only); nothing was written"),
    "store_damaged": ("basis data rusak atau bukan basis data sopengine; tidak ada yang "
                      "ditulis (pulihkan dari cadangan)",
                      "the database is damaged or is not a sopengine database; nothing was "
                      "written (restore it from a backup)"),
    "store_unavailable": ("server basis data tidak dapat dihubungi (berhenti, atau sambungannya "
                          "putus); tidak ada yang ditulis, coba lagi setelah pulih",
                          "the database server cannot be reached (it stopped, or the "
                          "connection broke); nothing was written, try again when it is back"),
    "store_conflict": ("perubahan ini bertabrakan dengan perubahan lain pada saat yang sama; "
                       "tidak ada yang ditulis, coba lagi",
                       "the change collided with another made at the same moment; nothing "
                       "was written, try again"),
    "store_uploads-full": ("disk folder berkas unggahan penuh; tugas tidak diselesaikan dan "
                           "tidak ada yang disimpan (kosongkan ruang, lalu coba lagi)",
                           "the disk of the upload folder is full; the task was not completed "
                           "and nothing was kept (free space, then try again)"),
    "store_uploads-refused": ("folder berkas unggahan tidak dapat ditulisi; tugas tidak "
                              "diselesaikan dan tidak ada yang disimpan (rinciannya di log "
                              "server)", "the upload folder cannot be written; the task was "
                              "not completed and nothing was kept (the server's log has the "
                              "details)"),
    "store_refused": ("basis data menolak operasi itu; tidak ada yang ditulis (rinciannya di "
                      "log server)", "the database refused the operation; nothing was "
                      "written (the server's log has the details)"),
}


def label(key: str, lang: str = "id") -> str:
    return _LABELS[key][LANGS.index(lang)]


def label_keys() -> frozenset[str]:
    """The names of every label (a book file may override any of them)."""
    return frozenset(_LABELS)
