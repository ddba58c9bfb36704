"""The CLI's help in Indonesian, the default language; English with ``--lang en``.

The commands are written with their English help (the code's language). For a run
in Indonesian, :func:`help_in` sets every command's and option's help to its
Indonesian from :data:`HELP` (keyed by the English, so a changed English text is a
missing key, which tests/test_cli_help.py reports) and click's own words (``Usage:``,
``Options``, ``default:``) to :data:`CLICK`; on leaving it puts the English back.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click
import click.core
import click.decorators
import click.formatting

from sopengine.cli import lazy

#: click's own words in help pages (its gettext messages)
CLICK: dict[str, str] = {
    "Usage:": "Penggunaan:", "Options": "Opsi", "Commands": "Perintah",
    "Positional arguments": "Argumen", "default: {default}": "bawaan: {default}",
    "required": "wajib", "env var: {var}": "variabel lingkungan: {var}",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "(dynamic)": "(dinamis)",
}

_LANG = "Bahasa label dan pesan: Indonesia (id) atau Inggris (en)."
_DB = ("Basis data: berkas SQLite atau URL (postgresql+psycopg://...). Bawaan: "
       "$SOPENGINE_DB, bila tidak ada sopengine.db di folder data pengguna.")
_REVIEW = ("SOP yang berlaku jatuh tempo reviu sekian bulan setelah Tanggal Efektifnya (atau "
           "reviu terakhirnya).")

#: English help (as click shows it: the docstring cleaned) -> Indonesian
HELP: dict[str, str] = {
    # the group
    "Write, check, run and publish SOPs (Standar Operasional Prosedur).":
        "Menulis, memeriksa, menjalankan dan menerbitkan SOP (Standar Operasional Prosedur).",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    # options shared by several commands
    "Language of labels and messages: Indonesian or English.": _LANG,
    "Language of labels: Indonesian or English.":
        "Bahasa label: Indonesia (id) atau Inggris (en).",
    "Language of the messages.": "Bahasa pesan: Indonesia (id) atau Inggris (en).",
    "Print JSON to stdout (and nothing else).": "Cetak JSON ke stdout (dan tidak ada yang lain).",
    "Print JSON to stdout (only).": "Cetak JSON ke stdout (saja).",
    "Length of a working day, in hours (for durations in d and w, and totals in days).":
        "Panjang satu hari kerja, dalam jam (untuk durasi dalam d dan w, dan total dalam hari).",
    "Length of a working day, in hours.": "Panjang satu hari kerja, dalam jam.",
    "Database: a SQLite file or a URL (postgresql+psycopg://...). Default: $SOPENGINE_DB, "
    "else sopengine.db in the user data directory. Only run and start create a SQLite file "
    "that is not there (and say so).":
        _DB + " Hanya run dan start yang membuat berkas SQLite yang belum ada (dan "
        "memberitahukannya).",
    "Database: a SQLite file or a URL (postgresql+psycopg://...). Default: $SOPENGINE_DB, "
    "else sopengine.db in the user data directory.": _DB,
    "Database: a SQLite file or a URL (as for `sopengine start`).":
        "Basis data: berkas SQLite atau URL (seperti pada `sopengine start`).",
    "The office's working calendar (calendar.yaml). Default: $SOPENGINE_CALENDAR, else the "
    "calendar.yaml beside the SOP file, else Monday to Friday 07:30-15:00.":
        "Kalender kerja kantor (calendar.yaml). Bawaan: $SOPENGINE_CALENDAR, bila tidak ada "
        "calendar.yaml di samping berkas SOP, bila tidak ada Senin sampai Jumat 07:30-15:00.",
    "The office's working calendar (calendar.yaml), for due times. Default: "
    "$SOPENGINE_CALENDAR, else the calendar.yaml beside the SOPs, else Monday to Friday "
    "07:30-15:00.":
        "Kalender kerja kantor (calendar.yaml), untuk batas waktu. Bawaan: "
        "$SOPENGINE_CALENDAR, bila tidak ada calendar.yaml di samping SOP, bila tidak ada "
        "Senin sampai Jumat 07:30-15:00.",
    "A file of holiday dates (YYYY-MM-DD, one per line or a YAML list), added to the "
    "calendar's closed days.":
        "Berkas tanggal libur (TTTT-BB-HH, satu per baris atau daftar YAML), ditambahkan ke "
        "hari tutup kalender.",
    "At most this many rows.": "Paling banyak sekian baris.",
    "Who makes the move (kept in the history).": "Siapa yang melakukannya (dicatat di riwayat).",
    "$SOPENGINE_USER or login name": "$SOPENGINE_USER atau nama login",
    "id, or $SOPENGINE_LANG": "id, atau $SOPENGINE_LANG",
    "An SOP in force is due for review this many months after its Tanggal Efektif (or its "
    "last review).": _REVIEW,
    # analyze
    "Critical path: earliest/latest times, slack, the total and the load per actor;\n"
    "for an SOP without parallel branches also the exact expected total with rework.":
        "Jalur kritis: waktu paling awal/paling lambat, kelonggaran, total dan beban per "
        "pelaksana;\nuntuk SOP tanpa cabang paralel juga total harapan yang tepat dengan "
        "pengulangan.",
    "Critical path: earliest/latest times, slack, the total and the load per actor; for an "
    "SOP without parallel branches also the exact expected total with rework.":
        "Jalur kritis: waktu paling awal/paling lambat, kelonggaran, total dan beban per "
        "pelaksana; untuk SOP tanpa cabang paralel juga total harapan yang tepat dengan "
        "pengulangan.",
    # book
    "Build the SOP book of DIRECTORY: index.html, one page per SOP, and book.pdf.\n"
    "Each SOP's pages are kept in OUTPUT/.cache-book, so a new build lays out again\n"
    "only the SOPs whose file or book settings changed.":
        "Menyusun buku SOP dari DIRECTORY: index.html, satu halaman per SOP, dan book.pdf.\n"
        "Halaman tiap SOP disimpan di OUTPUT/.cache-book, sehingga penyusunan berikutnya\n"
        "hanya menata ulang SOP yang berkasnya atau pengaturan bukunya berubah.",
    "Build the SOP book of DIRECTORY: index.html, one page per SOP, and book.pdf.":
        "Menyusun buku SOP dari DIRECTORY: index.html, satu halaman per SOP, dan book.pdf.",
    "Output directory.": "Folder keluaran.",
    "HTML only (skip book.pdf).": "HTML saja (tanpa book.pdf).",
    "Processes laying out the PDF pages of the SOPs that changed (default: one per CPU).":
        "Jumlah proses yang menata halaman PDF SOP yang berubah (bawaan: satu per CPU).",
    "Build every SOP again and keep none (removes OUTPUT/.cache-book).":
        "Susun ulang setiap SOP tanpa memakai simpanan (menghapus OUTPUT/.cache-book).",
    "Add a revision page (Catatan Revisi) after the identity page of each SOP that changed "
    "since REV (a git revision of DIRECTORY's files) or since the same-named file in DIR.":
        "Tambahkan halaman Catatan Revisi sesudah halaman identitas setiap SOP yang berubah "
        "sejak REV (revisi git berkas-berkas DIRECTORY) atau sejak berkas bernama sama di DIR.",
    # cancel, complete
    "Cancel a running instance and its open tasks.":
        "Membatalkan instans yang sedang berjalan beserta tugas-tugasnya yang terbuka.",
    "Who cancels it.": "Siapa yang membatalkannya.",
    "Why.": "Alasannya.",
    "Complete the ready task of STEP in INSTANCE.":
        "Menyelesaikan tugas langkah STEP yang siap pada INSTANCE.",
    "The answer of a decision (e.g. Ya, Tidak).": "Jawaban suatu keputusan (mis. Ya, Tidak).",
    "Who completes it (a name); default: the actor's position.":
        "Siapa yang menyelesaikannya (sebuah nama); bawaan: jabatan pelaksananya.",
    "For a step of several actors: which one completes it.":
        "Untuk langkah dengan beberapa pelaksana: pelaksana mana yang menyelesaikannya.",
    "A note kept in the history.": "Catatan yang disimpan di riwayat.",
    # diff, draw, gantt
    "What changed from OLD to NEW: files, or FILE@REV for a git revision\n"
    "(e.g. sops/pengukuran.yaml@HEAD~1 sops/pengukuran.yaml).":
        "Apa yang berubah dari OLD ke NEW: berkas, atau FILE@REV untuk revisi git\n"
        "(mis. sops/pengukuran.yaml@HEAD~1 sops/pengukuran.yaml).",
    "What changed from OLD to NEW: files, or FILE@REV for a git revision (e.g. "
    "sops/pengukuran.yaml@HEAD~1 sops/pengukuran.yaml).":
        "Apa yang berubah dari OLD ke NEW: berkas, atau FILE@REV untuk revisi git (mis. "
        "sops/pengukuran.yaml@HEAD~1 sops/pengukuran.yaml).",
    "Draw one SOP: flowchart (SVG, PNG, PDF, DOT), Mermaid, BPMN 2.0, or table pages.":
        "Menggambar satu SOP: diagram alir (SVG, PNG, PDF, DOT), Mermaid, BPMN 2.0, atau "
        "halaman tabel.",
    "Output file; its suffix picks the format (.svg .png .pdf .dot .mmd .bpmn .html). "
    "Without it, text formats go to stdout.":
        "Berkas keluaran; akhirannya menentukan format (.svg .png .pdf .dot .mmd .bpmn .html). "
        "Tanpa opsi ini, format teks ditulis ke stdout.",
    "Format, when the suffix does not say it (table: the flowchart table pages, as HTML, or "
    "as PDF with -o FILE.pdf).":
        "Format, bila akhiran berkas tidak menyebutkannya (table: halaman tabel diagram alir, "
        "sebagai HTML, atau PDF dengan -o FILE.pdf).",
    "Highlight the critical path, with times.": "Tandai jalur kritis, dengan waktunya.",
    "Table rows per page (default: the book file's, else 10).":
        "Baris tabel per halaman (bawaan: dari berkas buku, bila tidak ada 10).",
    "Paper of the table pages, landscape: A4, or F4 (Folio, 215 x 330 mm) (default: the "
    "book file's, else A4).":
        "Kertas halaman tabel, mendatar: A4, atau F4 (Folio, 215 x 330 mm) (bawaan: dari "
        "berkas buku, bila tidak ada A4).",
    "Gantt chart of an SOP's critical-path schedule, or of a recorded run.":
        "Diagram Gantt jadwal jalur kritis suatu SOP, atau suatu instans yang tercatat.",
    "The chart to write: .svg or .png.": "Diagram yang ditulis: .svg atau .png.",
    "For an INSTANCE: its database (default as for `sopengine show`).":
        "Untuk INSTANCE: basis datanya (bawaan seperti pada `sopengine show`).",
    # import, list, report, run
    "Read an SOP AP document into SOP YAML; every uncertain value is a `# CHECK:`.":
        "Membaca dokumen SOP AP menjadi YAML SOP; setiap nilai yang meragukan ditandai "
        "`# CHECK:`.",
    "A .yaml file (one SOP) or a folder (one file per SOP); default: stdout.":
        "Berkas .yaml (satu SOP) atau folder (satu berkas per SOP); bawaan: stdout.",
    "Print what was read and flagged as JSON.": "Cetak yang dibaca dan ditandai sebagai JSON.",
    "Instances, newest first.": "Daftar instans, yang terbaru lebih dulu.",
    "Only instances in this state (the English or the Indonesian word).":
        "Hanya instans dengan status ini (kata Indonesia atau Inggris).",
    "Only instances of this SOP id.": "Hanya instans SOP dengan id ini.",
    "Actual against standard time per step, across the instances of an SOP.":
        "Waktu nyata terhadap waktu baku per langkah, atas semua instans suatu SOP.",
    "Start an instance of FILE and drive it to its end, then summarise it.":
        "Memulai instans FILE dan menjalankannya sampai selesai, lalu meringkasnya.",
    "Ask nothing: a simulated run on a virtual clock using the standard times.":
        "Tanpa pertanyaan: jalannya disimulasikan pada jam maya dengan waktu baku.",
    "With --auto: the seed for drawing decisions by their chances (a run is repeatable).":
        "Dengan --auto: benih pengundian keputusan menurut peluangnya (jalannya dapat "
        "diulang).",
    "With --auto: always answer this decision so (repeatable).":
        "Dengan --auto: selalu jawab keputusan ini begini (dapat diulang).",
    "With --auto: when the virtual clock starts (default: tomorrow at opening time).":
        "Dengan --auto: kapan jam maya mulai (bawaan: besok pada jam buka).",
    # schema, serve, show, simulate
    "Print the JSON Schema of SOP files (for editors with the YAML language server).":
        "Mencetak JSON Schema berkas SOP (untuk editor dengan YAML language server).",
    "Write to this file instead of stdout.": "Tulis ke berkas ini, bukan ke stdout.",
    "The schema of the book file (book.yaml) instead of SOP files.":
        "Skema berkas buku (book.yaml), bukan berkas SOP.",
    "The schema of the org file (org.yaml: positions and aliases) instead of SOP files.":
        "Skema berkas organisasi (org.yaml: jabatan dan aliasnya), bukan berkas SOP.",
    "The schema of the calendar file (calendar.yaml: working hours, holidays) instead of SOP "
    "files.": "Skema berkas kalender (calendar.yaml: jam kerja, hari libur), bukan berkas SOP.",
    "Serve the office web app for the SOPs of the directory SOPS.":
        "Menjalankan aplikasi web kantor untuk SOP di folder SOPS.",
    "Address to listen on (0.0.0.0: every network of this machine).":
        "Alamat yang didengarkan (0.0.0.0: setiap jaringan mesin ini).",
    "Port to listen on.": "Port yang didengarkan.",
    "Worker processes (all state is in the database and the upload folder).":
        "Jumlah proses pekerja (seluruh keadaan ada di basis data dan folder unggahan).",
    "Folder for output files (default: 'uploads' beside the SQLite file).":
        "Folder berkas keluaran (bawaan: 'uploads' di samping berkas SQLite).",
    "Largest output file accepted.": "Ukuran berkas keluaran terbesar yang diterima (MB).",
    "An instance: its state, open and late tasks, and its whole history.":
        "Satu instans: statusnya, tugas yang terbuka dan terlambat, dan seluruh riwayatnya.",
    "Monte Carlo over three-point times, branch chances, parallel branches and rework.":
        "Monte Carlo atas waktu tiga titik, peluang cabang, cabang paralel dan pengulangan.",
    "Number of simulated runs.": "Jumlah jalannya simulasi.",
    "Seed of the random generator (repeatable results).":
        "Benih pembangkit acak (hasil dapat diulang).",
    "Write a histogram of the totals (.svg, or .png).": "Tulis histogram total (.svg, atau .png).",
    # sop
    "The catalog of SOP documents: submit, review, approve, withdraw, list.":
        "Katalog dokumen SOP: ajukan, reviu, setujui, tarik, daftar.",
    "The head approves revision ID: number and dates are filled, it is published.":
        "Pimpinan menyetujui revisi ID: nomor dan tanggal diisi, lalu diterbitkan.",
    "Nomor SOP (default: the draft's own, else the number of the revision it replaces).":
        "Nomor SOP (bawaan: nomor pada draf, bila tidak ada nomor revisi yang digantikannya).",
    "Tanggal Efektif, YYYY-MM-DD (default: today).":
        "Tanggal Efektif, TTTT-BB-HH (bawaan: hari ini).",
    "Record the yearly review of revision ID: unchanged, in force for another period.":
        "Mencatat reviu tahunan revisi ID: tidak berubah, berlaku untuk satu periode lagi.",
    "SOPs due for review, the longest overdue first.":
        "SOP yang jatuh tempo reviu, yang paling lama lewat lebih dulu.",
    "Revisions in the catalog, by SOP, newest first.":
        "Revisi di katalog, per SOP, yang terbaru lebih dulu.",
    "Only this state.": "Hanya status ini.",
    "Only the revisions of this SOP id.": "Hanya revisi SOP dengan id ini.",
    "Return revision ID to its unit for correction.":
        "Mengembalikan revisi ID kepada unitnya untuk diperbaiki.",
    "What to correct (kept in the history).": "Apa yang harus diperbaiki (dicatat di riwayat).",
    "Revision ID: its state, where its review stands, and its whole history.":
        "Revisi ID: statusnya, sampai mana reviunya, dan seluruh riwayatnya.",
    "Print the YAML (the published copy once approved, else as submitted) instead.":
        "Cetak YAML-nya saja (salinan terbit bila sudah disetujui, bila belum seperti "
        "diajukan).",
    "Submit FILE for review (a new revision, or the correction of a returned one);\n"
    "a .docx, .xlsx or .pdf SOP document is imported first, each SOP in it submitted.":
        "Mengajukan FILE untuk direviu (revisi baru, atau perbaikan revisi yang "
        "dikembalikan);\ndokumen SOP .docx, .xlsx atau .pdf diimpor dulu, setiap SOP di "
        "dalamnya diajukan.",
    "Submit FILE for review (a new revision, or the correction of a returned one); a .docx, "
    ".xlsx or .pdf SOP document is imported first, each SOP in it submitted.":
        "Mengajukan FILE untuk direviu (revisi baru, atau perbaikan revisi yang "
        "dikembalikan); dokumen SOP .docx, .xlsx atau .pdf diimpor dulu, setiap SOP di "
        "dalamnya diajukan.",
    "Store it as a draft; do not send it for review.":
        "Simpan sebagai draf; jangan kirim untuk direviu.",
    "The organisation section passes revision ID on to the head.":
        "Bagian Organisasi meneruskan revisi ID kepada pimpinan.",
    "Withdraw revision ID (a draft abandoned, or an SOP no longer in force).":
        "Menarik revisi ID (draf yang ditinggalkan, atau SOP yang tidak berlaku lagi).",
    # start, tasks
    "Start an instance of FILE; its first task goes to its actor's inbox.":
        "Memulai instans FILE; tugas pertamanya masuk ke kotak tugas pelaksananya.",
    "Ready tasks, soonest due first; late ones are marked.":
        "Tugas yang siap, batas waktu terdekat lebih dulu; yang terlambat ditandai.",
    "Only this actor's inbox (an actor id, e.g. camat).":
        "Hanya kotak tugas pelaksana ini (id pelaksana, mis. camat).",
    "Only this instance's tasks.": "Hanya tugas instans ini.",
    # user
    "User accounts of the web app.": "Akun pengguna aplikasi web.",
    "Create a user; the password is asked (never echoed) or read with --password-stdin.":
        "Membuat pengguna; kata sandinya ditanyakan (tidak pernah ditampilkan) atau dibaca "
        "dengan --password-stdin.",
    "May manage users (and publish SOPs).": "Boleh mengelola pengguna (dan menerbitkan SOP).",
    "A position (jabatan) the user holds, as the SOPs name it (repeatable).":
        "Jabatan yang dipegang pengguna, sebagaimana ditulis di SOP (dapat diulang).",
    "The name shown in histories (default: NAME).":
        "Nama yang ditampilkan di riwayat (bawaan: NAME).",
    "Read the password from standard input (one line) instead of asking.":
        "Baca kata sandi dari masukan standar (satu baris), bukan ditanyakan.",
    "Disable NAME: no more signing in, sessions and API tokens stop working.":
        "Menonaktifkan NAME: tidak dapat masuk lagi, sesi dan token API berhenti berlaku.",
    "Enable NAME again after `user disable`.":
        "Mengaktifkan NAME lagi setelah `user disable`.",
    "Every user: name, full name, admin or not, active or disabled, positions held.":
        "Setiap pengguna: nama, nama lengkap, admin atau bukan, aktif atau nonaktif, jabatan "
        "yang dipegang.",
    "Set NAME's password: asked (never echoed) or read with --password-stdin.":
        "Mengganti kata sandi NAME: ditanyakan (tidak pernah ditampilkan) atau dibaca dengan "
        "--password-stdin.",
    "Set the positions (jabatan) NAME holds, replacing the old ones.":
        "Menetapkan jabatan yang dipegang NAME, menggantikan yang lama.",
    "Hold no position at all.": "Tanpa jabatan sama sekali.",
    "Make an API token for NAME (printed once; only its hash is kept).":
        "Membuat token API untuk NAME (dicetak sekali; hanya hash-nya yang disimpan).",
    "What the token is for (kept beside its hash).":
        "Untuk apa token itu (disimpan di samping hash-nya).",
    # validate, workload
    "Check SOP files (a directory: every SOP in it, with `related` ids resolved).":
        "Memeriksa berkas SOP (sebuah folder: setiap SOP di dalamnya, dengan id `related` "
        "dicocokkan).",
    "Show errors only, not warnings.": "Tampilkan galat saja, tanpa peringatan.",
    "Minutes per position per year across SOPs with a `frequency`, and staff needed.\n\n"
    "Actors are matched to positions by the org.yaml beside the first path.":
        "Menit per jabatan per tahun atas SOP yang mempunyai `frequency`, dan jumlah pegawai "
        "yang dibutuhkan.\n\nPelaksana dicocokkan dengan jabatan menurut org.yaml di samping "
        "jalur pertama.",
    "Minutes per position per year across SOPs with a `frequency`, and staff needed.":
        "Menit per jabatan per tahun atas SOP yang mempunyai `frequency`, dan jumlah pegawai "
        "yang dibutuhkan.",
    "Effective working hours of one official per year.":
        "Jam kerja efektif satu pegawai per tahun.",
    "Write the table as CSV to this file ('-' for stdout).":
        "Tulis tabel sebagai CSV ke berkas ini ('-' untuk stdout).",
}

_ENGLISH = "_sopengine_help_en"  # the English help, kept on each object while localized


def shown_help(command: click.Command) -> str | None:
    """The help text click shows for ``command`` (its docstring cleaned, before ``\\f``)."""
    return inspect.cleandoc(command.help).partition("\f")[0] if command.help else None


def in_indonesian(text: str) -> str:
    """The Indonesian of a help text; the text itself when the table lacks it."""
    return HELP.get(text, text)


def localize(command: click.Command) -> None:
    """Give ``command``, its options and its subcommands their Indonesian help (once)."""
    if hasattr(command, _ENGLISH):
        return
    setattr(command, _ENGLISH, (command.help, command.short_help))
    _forget_help_option(command)
    help_text = shown_help(command)
    command.help = help_text and in_indonesian(help_text)
    command.short_help = command.short_help and in_indonesian(command.short_help)
    for param in command.params:
        if isinstance(param, click.Option):
            setattr(param, _ENGLISH, (param.help, param.show_default))
            param.help = param.help and in_indonesian(param.help)
            if isinstance(param.show_default, str):
                param.show_default = in_indonesian(param.show_default)
    for sub in getattr(command, "commands", {}).values():
        localize(sub)


def unlocalize(command: click.Command) -> None:
    """Put the English back (after a run in one process, e.g. tests)."""
    if not hasattr(command, _ENGLISH):
        return
    command.help, command.short_help = getattr(command, _ENGLISH)
    delattr(command, _ENGLISH)
    _forget_help_option(command)
    for param in command.params:
        if hasattr(param, _ENGLISH):
            param.help, param.show_default = getattr(param, _ENGLISH)  # type: ignore[attr-defined]
            delattr(param, _ENGLISH)
    for sub in getattr(command, "commands", {}).values():
        unlocalize(sub)


def _forget_help_option(command: click.Command) -> None:
    """click keeps each command's --help option once made, its help in the language of
    that moment: made again in the run's."""
    if getattr(command, "_help_option", None) is not None:
        command._help_option = None


def _click_word(message: str) -> str:
    return CLICK.get(message, message)


@contextmanager
def help_in(lang: str, root: click.Group) -> Iterator[None]:
    """Within: help pages in ``lang`` (the commands ``root`` has and loads)."""
    if lang != "id":
        yield
        return
    modules: list[Any] = [click.core, click.decorators, click.formatting]
    saved = [module._ for module in modules]
    for module in modules:
        module._ = _click_word
    lazy.localize_command, lazy.localize_text = localize, in_indonesian
    localize(root)
    try:
        yield
    finally:
        lazy.localize_command = lazy.localize_text = None
        for module, original in zip(modules, saved, strict=True):
            module._ = original
        unlocalize(root)
