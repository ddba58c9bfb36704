"""The CLI's own messages in the user's language: the language of a run, errors
(``error: ...`` lines, click's usage errors) and the words of summaries."""

from __future__ import annotations

import sys

import click

from sopengine.cli.params import default_lang
from sopengine.diagnostics_id import in_language, read_template
from sopengine.errors import SopError, SopInvalid
from sopengine.labels import label, label_keys

#: English template -> Indonesian, for the errors the commands and the engine raise.
ERRORS: list[tuple[str, str]] = [
    ("cannot write {path}: {why}", "tidak dapat menulis {path}: {why}"),
    ("cannot open the database {db}: {why}", "tidak dapat membuka basis data {db}: {why}"),
    ("the database {db} does not exist; nothing was created (check the path; a command "
     "that starts an instance creates a new one)",
     "basis data {db} tidak ada; tidak ada yang dibuat (periksa jalurnya; perintah yang "
     "memulai instans, seperti `sopengine start`, membuat yang baru)"),
    ("the database file {db} was removed or replaced while in use; nothing was written "
     "(restart the program to open the file now at that path)",
     "berkas basis data {db} dihapus atau diganti selagi dipakai; tidak ada yang ditulis "
     "(jalankan ulang program untuk membuka berkas yang kini ada di jalur itu)"),
    ("{path}: no such file or directory", "{path}: tidak ada berkas atau folder itu"),
    ("{path}: no such file", "{path}: tidak ada berkas itu"),
    ("{path}: is a directory; give a .yaml file", "{path}: adalah folder; berikan berkas "
     ".yaml"),
    ("{path}: is not a regular file (a device or a pipe); give a .yaml file",
     "{path}: bukan berkas biasa (perangkat atau pipa); berikan berkas .yaml"),
    ("{path}: no permission to read it", "{path}: tidak ada izin untuk membacanya"),
    ("{path}: no .yaml files found", "{path}: tidak ada berkas .yaml"),
    ("{path}: no SOP files (*.yaml)", "{path}: tidak ada berkas SOP (*.yaml)"),
    ("{path}: no such directory of SOP files", "{path}: tidak ada folder SOP itu"),
    ("no instance {n}", "tidak ada instans {n}"),
    ("no SOP revision {n}", "tidak ada revisi SOP {n} (lihat `sopengine sop list`)"),
    ("no SOP '{sop}' in the catalog", "tidak ada SOP '{sop}' di katalog"),
    ("SOP '{sop}' was submitted by someone else just now",
     "SOP '{sop}' baru saja diajukan oleh orang lain"),
    ("SOP revision {n} was moved by someone else just now",
     "revisi SOP {n} baru saja diproses oleh orang lain; lihat `sopengine sop show {n}`"),
    ("SOP revision {n} has no review instance", "revisi SOP {n} tidak mempunyai instans reviu"),
    ("SOP '{sop}' has no number yet: give one when approving",
     "SOP '{sop}' belum bernomor: berikan nomornya saat menyetujui (--number)"),
    ("cannot fill the number and dates into SOP '{sop}': write its top-level keys one per "
     "line (title: ... on its own line)", "nomor dan tanggal tidak dapat diisikan ke SOP "
     "'{sop}': tulis kunci tingkat atasnya satu per baris (title: ... di barisnya sendiri)"),
    ("a process laying out the book's PDF stopped; run again with --jobs 1",
     "sebuah proses yang menata PDF buku berhenti; jalankan lagi dengan --jobs 1"),
    ("instance {n} is cancelled; nothing to complete",
     "instans {n} sudah dibatalkan; tidak ada yang diselesaikan"),
    ("instance {n} is completed; nothing to complete",
     "instans {n} sudah selesai; tidak ada yang diselesaikan"),
    ("instance {n} is {status}; nothing to complete",
     "instans {n} berstatus {status}; tidak ada yang diselesaikan"),
    ("SOP '{sop}' has no step '{step}'", "SOP '{sop}' tidak mempunyai langkah '{step}'"),
    ("step '{step}' of instance {n} is not ready; ready: {ready}",
     "langkah '{step}' pada instans {n} belum siap; yang siap: {ready}"),
    ("step '{step}' of instance {n} was already completed by {by} at {at}",
     "langkah '{step}' pada instans {n} sudah diselesaikan oleh {by} pada {at}"),
    ("step '{step}' is not a decision; it takes no branch",
     "langkah '{step}' bukan keputusan; tidak menerima jawaban"),
    ("step '{step}' is a decision: choose a branch ({labels})",
     "langkah '{step}' adalah keputusan: pilih jawaban ({labels})"),
    ("step '{step}' has no branch '{branch}'; choose one of: {labels}",
     "langkah '{step}' tidak mempunyai jawaban '{branch}'; pilih salah satu: {labels}"),
    ("step '{step}' is done by {actors}, not '{actor}'",
     "langkah '{step}' dikerjakan oleh {actors}, bukan '{actor}'"),
]

#: why a file cannot be written or read (``{why}`` above).
REASONS: list[tuple[str, str]] = [
    ("a part of the path is a file, not a folder", "sebagian jalurnya berkas, bukan folder"),
    ("is a folder; give a file name", "adalah folder; berikan nama berkas"),
    ("is a file; give a folder", "adalah berkas; berikan folder"),
    ("no permission to write there", "tidak ada izin menulis di sana"),
    ("it cannot be created there", "tidak dapat dibuat di sana"),
    ("the file system is read-only", "sistem berkasnya hanya-baca"),
    ("no space left on the device", "tidak ada ruang tersisa di perangkat"),
    ("the disk quota is used up", "kuota disk sudah habis"),
    ("the name is too long", "namanya terlalu panjang"),
    ("no device to write to", "tidak ada perangkat untuk ditulisi"),
]

#: click's usage errors (the last line of its message).
USAGE: list[tuple[str, str]] = [
    ("Invalid value for {what}: {rev} is neither a folder nor a git revision of the SOP files",
     "Nilai tidak sah untuk {what}: {rev} bukan folder dan bukan revisi git berkas-berkas "
     "SOP itu"),
    *[(f"Invalid value for {{what}}: {kind} {{path}} {en}",
       f"Nilai tidak sah untuk {{what}}: {kind_id} {{path}} {id_}")
      for kind, kind_id in (("File", "berkas"), ("Directory", "folder"), ("Path", "jalur"))
      for en, id_ in (("does not exist.", "tidak ada."),
                      ("is a file.", "adalah berkas, bukan folder."),
                      ("is a directory.", "adalah folder, bukan berkas."),
                      ("is not readable.", "tidak dapat dibaca (tidak ada izin)."),
                      ("is not writable.", "tidak dapat ditulisi (tidak ada izin)."))],
    ("Invalid value for {what}: {value} is neither an SOP file nor an instance number",
     "Nilai tidak sah untuk {what}: {value} bukan berkas SOP dan bukan nomor instans"),
    ("Invalid value for {what}: {path}: the suffix gives the format, {first} or {second}",
     "Nilai tidak sah untuk {what}: {path}: akhiran berkas menentukan formatnya, {first} "
     "atau {second}"),
    ("Invalid value for {what}: {path}: its suffix names no format ({suffixes}); or give -f",
     "Nilai tidak sah untuk {what}: {path}: akhirannya tidak menyebut format apa pun "
     "({suffixes}); atau berikan -f"),
    ("Invalid value for {what}: {pair}: write STEP=BRANCH, e.g. koreksi=Tidak",
     "Nilai tidak sah untuk {what}: {pair}: tulis LANGKAH=JAWABAN, mis. koreksi=Tidak"),
    ("Invalid value for {what}: {step}: no such step; the decisions are: {names}",
     "Nilai tidak sah untuk {what}: {step}: langkah itu tidak ada; keputusannya: {names}"),
    ("Invalid value for {what}: {step}: that step is not a decision; the decisions are: "
     "{names}", "Nilai tidak sah untuk {what}: {step}: langkah itu bukan keputusan; "
     "keputusannya: {names}"),
    ("Invalid value for {what}: step {step} has no answer {branch}; its answers are: "
     "{names}", "Nilai tidak sah untuk {what}: langkah {step} tidak mempunyai jawaban "
     "{branch}; jawabannya: {names}"),
    ("{fmt} is binary: give an output file with -o",
     "{fmt} berupa data biner: berikan berkas keluaran dengan -o"),
    ("{where} holds no SOP files (*.yaml)", "{where} tidak berisi berkas SOP (*.yaml)"),
    ("--seed, --decide and --start go with --auto",
     "--seed, --decide dan --start hanya dipakai bersama --auto"),
    ("Invalid value for '--lang': {value} is not one of 'id', 'en'.",
     "Nilai tidak sah untuk '--lang' (atau $SOPENGINE_LANG): {value} bukan 'id' atau "
     "'en'."),
    ("Invalid value for {what}: {value} is not one of {choices}.",
     "Nilai tidak sah untuk {what}: {value} bukan salah satu dari {choices}."),
    ("Invalid value for {what}: {why}", "Nilai tidak sah untuk {what}: {why}"),
    ("No such option '{what}'. Did you mean {other}?",
     "Tidak ada opsi '{what}'. Maksud Anda {other}?"),
    ("No such option '{what}'.", "Tidak ada opsi '{what}'."),
    ("No such option: {what}", "Tidak ada opsi {what}"),
    ("No such command '{what}'.", "Tidak ada perintah '{what}'."),
    ("Missing argument '{what}'.", "Argumen '{what}' belum diberikan."),
    ("Missing option '{what}'.", "Opsi '{what}' belum diberikan."),
    ("Option '{what}' requires an argument.", "Opsi '{what}' memerlukan nilai."),
    ("Got unexpected extra argument ({what})", "Ada argumen lebih yang tidak diharapkan "
     "({what})"),
    ("Got unexpected extra arguments ({what})", "Ada argumen lebih yang tidak diharapkan "
     "({what})"),
]

WORDS = {
    "error": ("galat", "error"), "warning": ("peringatan", "warning"),
    "hint": ("saran", "hint"), "Error": ("Galat", "Error"),
    "internal": ("galat internal", "internal error"),
    "aborted": ("dibatalkan", "aborted"), "wrote": ("ditulis", "wrote"),
    "database": ("basis data", "database"),
    "bug": ("Ini bug di sopengine; laporkan beserta perintah yang Anda jalankan (dengan "
            "SOPENGINE_DEBUG=1 traceback-nya ditampilkan).", "This is a bug in sopengine; "
            "please report it with the command you ran (set SOPENGINE_DEBUG=1 to see the "
            "traceback)."),
}


#: a database's error, by kind (runtime/store_errors.py)
REASONS += [(label(key, "en"), label(key, "id")) for key in sorted(label_keys())
            if key.startswith("store_")]


def word(key: str, lang: str) -> str:
    return WORDS[key][0 if lang == "id" else 1]


def run_language(argv: list[str] | None = None) -> str:
    """The language of this run: ``--lang`` wherever it is given, else $SOPENGINE_LANG,
    else Indonesian (read before click reads the options: for the errors it reports,
    and for the help)."""
    args = sys.argv[1:] if argv is None else argv
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return "en" if args[i + 1] == "en" else "id"
        if arg.startswith("--lang="):
            return "en" if arg == "--lang=en" else "id"
    return "en" if default_lang() == "en" else "id"


def error_text(exc: SopError, lang: str) -> str:
    """The one line for ``exc`` (after ``error: ``) in ``lang``."""
    if lang != "id":
        return str(exc)
    if isinstance(exc, SopInvalid):
        errors = [in_language(d, lang) for d in exc.diagnostics if d.is_error]
        if errors:
            first = errors[0]
            more = f" (dan {len(errors) - 1} lainnya)" if len(errors) > 1 else ""
            return f"{exc.path}:{first.line}:{first.column}: {first.code}: {first.message}{more}"
    text = read_template(str(exc), ERRORS) or str(exc)
    for english, indonesian in REASONS:
        text = text.replace(english, indonesian)
    return text


def usage_text(message: str, lang: str) -> str:
    return message if lang != "id" else read_template(message, USAGE) or message


def show_click_error(exc: click.ClickException, lang: str) -> None:
    """click's error as click shows it (usage, then the message), in ``lang``."""
    if lang != "id":
        exc.show()
        return
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        click.echo(f"{ctx.get_usage()}\nCoba '{ctx.command_path} --help' untuk bantuan.\n",
                   err=True)
    click.echo(f"{word('Error', lang)}: {usage_text(exc.format_message(), lang)}", err=True)
