"""The web app's words: Indonesian by default, English by the switch in the
navigation bar (a cookie). Keys not found here fall back to the CLI's labels."""

from __future__ import annotations

import sopengine

COOKIE = "lang"

_WORDS: dict[str, tuple[str, str]] = {
    "app": ("SOP Kantor", "Office SOPs"),
    "my_tasks": ("Tugas saya", "My tasks"),
    "start_sop": ("Mulai SOP", "Start an SOP"),
    "instances": ("Daftar instans", "Instances"),
    "users": ("Pengguna", "Users"),
    "sign_in": ("Masuk", "Sign in"),
    "sign_out": ("Keluar", "Sign out"),
    "username": ("Nama pengguna", "User name"),
    "password": ("Kata sandi", "Password"),
    "signed_in_as": ("Masuk sebagai", "Signed in as"),
    "skip": ("Langsung ke isi", "Skip to content"),
    "language": ("Bahasa", "Language"),
    "wrong_password": ("Nama pengguna atau kata sandi salah.", "Wrong user name or password."),
    "disabled": ("Akun ini dinonaktifkan. Hubungi admin.", "This account is disabled. "
                 "Ask an admin."),
    "throttled": ("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.",
                  "Too many failed sign-ins. Try again in {minutes} minutes."),
    "no_tasks": ("Tidak ada tugas yang menunggu Anda.", "No task is waiting for you."),
    "tasks_shown": ("Tugas {first}–{last} dari {total}, yang batas waktunya paling dekat "
                    "lebih dulu.", "Tasks {first}–{last} of {total}, soonest due first."),
    "tasks_waiting": ("{n} tugas menunggu, yang batas waktunya paling dekat lebih dulu.",
                      "{n} waiting, soonest due first."),
    "more_than": ("lebih dari {n}", "more than {n}"),
    "pages": ("Halaman tugas", "Task pages"),
    "past_last_page": ("Halaman ini melewati tugas terakhir ({total} tugas menunggu).",
                       "This page is past the last task ({total} waiting)."),
    "first_page": ("Ke halaman pertama", "To the first page"),
    "sooner": ("Sebelumnya", "Sooner due"),
    "later": ("Berikutnya", "Later due"),
    "no_positions": ("Anda belum memegang jabatan apa pun; minta admin menetapkannya.",
                     "You hold no position yet; ask an admin to assign one."),
    "your_positions": ("Jabatan Anda", "Your positions"),
    "task": ("Tugas", "Task"),
    "activity": ("Kegiatan", "Activity"),
    "inputs": ("Kelengkapan", "Requirements"),
    "outputs": ("Output", "Output"),
    "standard_time": ("Waktu baku", "Standard time"),
    "due_at": ("Batas waktu", "Due"),
    "ready_at": ("Siap sejak", "Ready since"),
    "late": ("Terlambat", "Late"),
    "on_time": ("Tepat waktu", "On time"),
    "history": ("Riwayat instans", "Instance history"),
    "flowchart": ("Diagram alir (langkah ini ditandai)", "Flowchart (this step marked)"),
    "complete": ("Selesaikan", "Complete"),
    "complete_as": ("Selesaikan tugas", "Complete the task"),
    "answer_with": ("Jawab", "Answer"),
    "note": ("Catatan (boleh kosong)", "Note (optional)"),
    "note_col": ("Catatan", "Note"),
    "files": ("Berkas output (boleh kosong; PDF, gambar, Word, Excel; paling besar {mb} MB, "
              "paling banyak {n})", "Output files (optional; PDF, images, Word, Excel; at most "
              "{mb} MB each, at most {n})"),
    "done_by": ("Sudah diselesaikan oleh {by} pada {at}.", "Already completed by {by} at {at}."),
    "you_completed": ("Tugas selesai. Terima kasih.", "Task completed. Thank you."),
    "next_task": ("Tugas berikutnya", "Next task"),
    "back_to_tasks": ("Kembali ke Tugas saya", "Back to My tasks"),
    "instance": ("Instans", "Instance"),
    "title": ("Judul", "Title"),
    "title_hint": ("Judul atau nomor rujukan, mis. Pengukuran kinerja TW IV 2026",
                   "Title or reference, e.g. Performance measurement Q4 2026"),
    "start": ("Mulai", "Start"),
    "started": ("Dimulai", "Started"),
    "started_by": ("Dimulai oleh", "Started by"),
    "finished": ("Selesai", "Finished"),
    "status": ("Status", "Status"),
    "running": ("berjalan", "running"),
    "completed": ("selesai", "completed"),
    "cancelled": ("dibatalkan", "cancelled"),
    "all": ("Semua", "All"),
    "filter": ("Saring", "Filter"),
    "only_late": ("Hanya yang terlambat", "Late only"),
    "started_from": ("Dimulai sejak", "Started from"),
    "started_until": ("Dimulai sampai", "Started until"),
    "no_instances": ("Tidak ada instans.", "No instances."),
    "list_capped": ("Menampilkan {n} instans terbaru yang sesuai; persempit dengan saringan "
                    "untuk melihat yang lebih lama.", "Showing the newest {n} matching "
                    "instances; narrow the filters to see older ones."),
    "no_sop_to_start": ("Tidak ada SOP yang dapat Anda mulai: langkah pertama setiap SOP "
                        "dikerjakan oleh jabatan lain.", "There is no SOP you may start: the "
                        "first step of each is another position's."),
    "no_sop_in_force_to_start": ("Tidak ada SOP berlaku yang dapat Anda mulai.",
                                 "There is no SOP in force you may start."),
    "only_in_force": ("Hanya SOP yang berlaku menurut Katalog SOP yang dapat dimulai.",
                      "Only SOPs in force in the SOP catalog can be started."),
    "first_step": ("Langkah pertama", "First step"),
    "open_tasks": ("Tugas terbuka", "Open tasks"),
    "timeline": ("Lini waktu", "Timeline"),
    "gantt": ("Diagram Gantt", "Gantt chart"),
    "gantt_alt": ("Diagram Gantt: tiap langkah yang selesai dari siap sampai selesai, "
                  "dikelompokkan per pelaksana; yang terlambat berwarna merah (rinciannya di "
                  "tabel lini waktu).", "Gantt chart: each done step from ready to done, "
                  "grouped by actor; late ones in red (details in the timeline table)."),
    "step": ("Langkah", "Step"),
    "actor": ("Pelaksana", "Actor"),
    "by": ("Oleh", "By"),
    "answer": ("Jawaban", "Answer"),
    "actual": ("Waktu nyata", "Actual time"),
    "minutes": ("menit", "minutes"),
    "files_of": ("Berkas", "Files"),
    "event": ("Kejadian", "Event"),
    "at": ("Waktu", "At"),
    "ev_started": ("dimulai", "started"),
    "ev_completed": ("diselesaikan", "completed"),
    "ev_cancelled": ("dibatalkan", "cancelled"),
    "cancel": ("Batalkan instans", "Cancel the instance"),
    "cancel_reason": ("Alasan pembatalan", "Reason for cancelling"),
    "new_user": ("Pengguna baru", "New user"),
    "full_name": ("Nama lengkap", "Full name"),
    "positions": ("Jabatan (satu per baris)", "Positions (one per line)"),
    "admin": ("Admin", "Admin"),
    "save": ("Simpan", "Save"),
    "create": ("Buat", "Create"),
    "enable": ("Aktifkan", "Enable"),
    "disable": ("Nonaktifkan", "Disable"),
    "new_password": ("Kata sandi baru", "New password"),
    "reset_password": ("Atur ulang kata sandi", "Reset password"),
    "account_disabled": ("nonaktif", "disabled"),
    "saved": ("Tersimpan.", "Saved."),
    "unmatched": ("Pelaksana SOP tanpa pemegang jabatan", "SOP actors no user holds"),
    "unmatched_no_position": ("{file}: {actor}: tidak ada jabatan di {org} yang cocok",
                              "{file}: {actor}: no position of {org} matches it"),
    "unmatched_no_holder": ("{file}: {actor}: tidak ada pengguna yang memegang jabatan "
                            "{position}", "{file}: {actor}: no user holds the position "
                            "{position}"),
    "yes": ("ya", "yes"),
    "error": ("Terjadi kesalahan", "Something went wrong"),
    "err_404": ("Halaman tidak ditemukan.", "Page not found."),
    "err_403": ("Anda tidak berwenang melakukan ini.", "You may not do this."),
    "err_403_task": ("Anda tidak berwenang menyelesaikan tugas ini: langkah ini dikerjakan oleh "
                     "{actors}, dan Anda tidak memegang jabatan tersebut.",
                     "You may not complete this task: this step is done by {actors}, a "
                     "position you do not hold."),
    "err_403_start": ("Anda tidak berwenang memulai SOP ini: langkah pertamanya dikerjakan oleh "
                      "{actors}.", "You may not start this SOP: its first step is done by "
                      "{actors}."),
    "err_start_withdrawn": ("SOP “{title}” sudah dicabut, sehingga tidak dapat dimulai lagi. "
                            "Hanya SOP yang berlaku yang dapat dimulai.", "The SOP “{title}” "
                            "has been withdrawn and can no longer be started. Only an SOP in "
                            "force can be started."),
    "err_start_not_approved": ("SOP “{title}” belum disetujui (statusnya: {state}), sehingga "
                               "belum dapat dimulai. Hanya SOP yang berlaku yang dapat dimulai.",
                               "The SOP “{title}” is not approved yet (it is {state}), so it "
                               "cannot be started. Only an SOP in force can be started."),
    "err_start_not_yet": ("SOP “{title}” sudah disetujui tetapi baru berlaku pada {date}; "
                          "sebelum itu belum dapat dimulai.", "The SOP “{title}” is approved "
                          "but takes effect only on {date}; it cannot be started before."),
    "err_start_not_in_catalog": ("SOP “{title}” tidak ada di Katalog SOP, sehingga tidak dapat "
                                 "dimulai. Hanya SOP yang berlaku yang dapat dimulai.",
                                 "The SOP “{title}” is not in the SOP catalog, so it cannot be "
                                 "started. Only an SOP in force can be started."),
    "err_403_admin": ("Halaman ini hanya untuk admin.", "This page is for admins only."),
    "err_403_cancel": ("Hanya admin atau yang memulai instans ini yang dapat membatalkannya.",
                       "Only an admin or whoever started this instance may cancel it."),
    "err_csrf": ("Formulir ini kedaluwarsa atau tidak sah (token keamanan tidak cocok). "
                 "Muat ulang halaman lalu coba lagi.", "This form is stale or not genuine (its "
                 "security token does not match). Reload the page and try again."),
    "err_not_running": ("Instans ini sudah {state}; tidak ada yang dibatalkan.",
                        "This instance is already {state}; nothing was cancelled."),
    "err_405": ("Cara akses ini tidak diizinkan.", "This method is not allowed."),
    "err_413": ("Unggahan terlalu besar: paling besar {mb} MB per berkas.",
                "The upload is too large: at most {mb} MB per file."),
    "err_file_name": ("Nama berkas “{name}” tidak diterima: tidak boleh berisi garis miring, "
                      "“..” atau karakter kendali.", "The file name “{name}” is refused: no "
                      "slashes, “..” or control characters."),
    "err_file_type": ("Jenis berkas “{name}” tidak diterima: hanya PDF, PNG, JPEG, Word (.docx) "
                      "dan Excel (.xlsx).", "The file type of “{name}” is refused: only PDF, "
                      "PNG, JPEG, Word (.docx) and Excel (.xlsx)."),
    "err_too_many_files": ("Terlalu banyak berkas: paling banyak {n}.",
                           "Too many files: at most {n}."),
    "err_answer": ("Pilih salah satu jawaban keputusan: {answers}.",
                   "Choose one of the decision's answers: {answers}."),
    "err_500": ("Terjadi kesalahan di server. Data Anda aman; coba lagi, dan bila terulang "
                "laporkan kepada admin.", "The server failed. Your data is safe; try again, and "
                "tell an admin if it happens again."),
    "err_input": ("Isian tidak sah: {why}", "Invalid input: {why}"),
    "err_date": ("Isian tidak sah: '{value}' bukan tanggal; tulis TTTT-BB-HH, mis. 2026-12-31.",
                 "Invalid input: '{value}' is not a date; write YYYY-MM-DD, e.g. 2026-12-31."),
    "reports": ("Laporan", "Reports"),
    "report_of": ("Laporan", "Report:"),
    "report_intro": ("Waktu nyata (menit kerja, dari siap sampai selesai) terhadap waktu baku per "
                     "langkah, atas semua instans SOP ini.", "Actual working minutes (ready to "
                     "done) against the standard per step, over every instance of this SOP."),
    "csv": ("Unduh CSV", "Download CSV"),
    "no_word": ("tidak", "no"),
    "instances_count": ("instans", "instances"),
    "count": ("Jumlah", "Count"),
    "median": ("Median", "Median"),
    "p90": ("P90", "P90"),
    "share_late": ("Porsi terlambat", "Share late"),
    "scroll_table": ("Tabel (dapat digeser)", "Table (scrolls)"),
    "flowchart_plain": ("Diagram alir", "Flowchart"),
    "err_position": ("Jabatan tidak dikenal: {names}. Jabatan yang ada (sops/org.yaml): {known}.",
                     "Unknown position: {names}. The positions (sops/org.yaml): {known}."),
    "known_positions": ("Jabatan yang ada", "Positions"),
    "back_home": ("Kembali ke beranda", "Back to the start page"),
}


def lang_of(request: object) -> str:
    value = getattr(request, "cookies", {}).get(COOKIE, "id")
    return value if value in sopengine.LANGS else "id"


def t(key: str, lang: str = "id", **values: object) -> str:
    words = _WORDS.get(key)
    text = words[sopengine.LANGS.index(lang)] if words else sopengine.label(key, lang)
    return text.format(**values) if values else text


def keys() -> frozenset[str]:
    return frozenset(_WORDS)
