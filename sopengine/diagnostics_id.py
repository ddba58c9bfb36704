"""Diagnostics in Indonesian (``--lang id``, the default of the CLI).

The checks write their messages and hints in English (stable for tests, the web and
editors); this module holds the Indonesian of each. ``SUMMARY`` names what every code
means in both languages; ``MESSAGES`` and ``HINTS`` turn each English sentence, read by
its template (``{name}`` stands for a quoted value), into Indonesian. A sentence no
template reads keeps its English after the code's Indonesian summary, so no message is
ever lost; a test holds every code's cases to a full translation.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from sopengine.diagnostics import Diagnostic

#: code -> (Indonesian, English): what the code means, one line.
SUMMARY: dict[str, tuple[str, str]] = {
    "unreadable-file": ("berkas tidak dapat dibaca", "the file cannot be read"),
    "unreadable-directory": ("folder tidak dapat dibaca", "the directory cannot be read"),
    "file-too-large": ("berkas terlalu besar", "the file is too large"),
    "not-utf8": ("berkas bukan UTF-8", "the file is not UTF-8"),
    "empty-file": ("berkas kosong", "the file is empty"),
    "yaml-syntax": ("YAML tidak dapat dibaca", "the YAML cannot be read"),
    "duplicate-key": ("kunci ganda", "a key appears twice"),
    "unsupported-tag": ("tag YAML tidak diizinkan", "a YAML tag is not allowed"),
    "document-too-large": ("dokumen terlalu besar", "the document is too large"),
    "document-too-deep": ("dokumen terlalu dalam", "the document nests too deep"),
    "control-character": ("karakter kendali", "a control character"),
    "not-a-mapping": ("berkas bukan pemetaan kunci", "the file is not a mapping of keys"),
    "unsupported-version": ("versi format tidak didukung", "the format version is not "
                            "supported"),
    "unknown-key": ("kunci tidak dikenal", "an unknown key"),
    "missing-key": ("kunci wajib tidak ada", "a required key is missing"),
    "wrong-type": ("jenis nilai salah", "a value of the wrong type"),
    "bad-id": ("id tidak sah", "an id that is not valid"),
    "bad-date": ("tanggal tidak sah", "a date that is not valid"),
    "bad-duration": ("waktu tidak sah", "a duration that is not valid"),
    "bad-estimate": ("perkiraan tiga titik tidak sah", "a three-point estimate that is not "
                     "valid"),
    "bad-frequency": ("frekuensi tidak sah", "a frequency that is not valid"),
    "empty-value": ("nilai kosong", "an empty value"),
    "bad-value": ("nilai tidak sah", "a value that is not valid"),
    "unknown-actor": ("pelaksana tidak dikenal", "an unknown actor"),
    "unknown-target": ("tujuan langkah tidak dikenal", "an unknown step to lead to"),
    "duplicate-step-id": ("id langkah ganda", "a step id used twice"),
    "reserved-step-id": ("id langkah terlarang", "a reserved step id"),
    "next-and-branches": ("`next` dan `branches` sekaligus", "both `next` and `branches`"),
    "too-few-branches": ("keputusan dengan kurang dari dua jawaban", "a decision with fewer "
                         "than two answers"),
    "answers-differ-in-case": ("jawaban hanya berbeda huruf besar/kecil", "answers differing "
                               "only in letter case"),
    "bad-chance": ("peluang di luar 0..1", "a chance outside 0..1"),
    "chances-over-one": ("jumlah peluang lebih dari 1", "chances adding up to more than 1"),
    "duplicate-branch": ("cabang paralel ganda", "a parallel branch listed twice"),
    "bad-nip": ("NIP tidak sah", "a NIP that is not valid"),
    "dates-out-of-order": ("urutan tanggal salah", "dates out of order"),
    "duplicate-sop-id": ("id SOP ganda", "an SOP id used twice"),
    "unknown-related": ("SOP terkait tidak dikenal", "an unknown related SOP"),
    "duplicate-position": ("jabatan ganda", "a position named twice"),
    "unknown-position": ("jabatan tidak dikenal", "an unknown position"),
    "bad-logo": ("logo tidak dapat diterbitkan", "a logo that cannot be published"),
    "unreachable-step": ("langkah tidak terjangkau", "an unreachable step"),
    "no-way-to-end": ("akhir SOP tidak terjangkau", "no way to the end"),
    "loop-without-decision": ("pengulangan tanpa keputusan", "a loop without a decision"),
    "parallel-no-join": ("cabang paralel tidak bergabung", "parallel branches that never "
                         "rejoin"),
    "parallel-split-joins": ("cabang paralel bergabung di beberapa langkah", "parallel "
                             "branches rejoining at different steps"),
    "unsafe-merge": ("penggabungan tidak aman", "an unsafe merge"),
    "join-bypassed": ("titik gabung dilewati", "a join reached around its split"),
    "loop-crosses-parallel": ("pengulangan melintasi cabang paralel", "a loop crossing "
                              "parallel branches"),
    "unused-actor": ("pelaksana tanpa langkah", "an actor without steps"),
    "input-not-produced": ("masukan tidak dihasilkan", "an input no step produces"),
    "no-outputs": ("langkah tanpa output", "a step without outputs"),
    "stated-total-differs": ("jumlah waktu tertulis berbeda", "the stated total differs"),
    "action-has-subject": ("kegiatan diawali pelaksananya", "the action begins with its "
                           "actor"),
    "ask-without-branches": ("pertanyaan tanpa jawaban", "a question without answers"),
    "effort-exceeds-time": ("usaha melebihi waktu", "effort longer than the time"),
    "loop-never-exits": ("pengulangan tak pernah berakhir", "a loop that never exits"),
    "unmatched-actor": ("pelaksana tanpa jabatan", "an actor matching no position"),
}

#: English template -> Indonesian, per code. ``{where}``-like names are places
#: (``step 'x' (No. 2) → 'time'``) and ``{why}``-like names sentences: both translated too.
MESSAGES: dict[str, list[tuple[str, str]]] = {
    "unreadable-file": [("the file cannot be read: {why}", "berkas tidak dapat dibaca: {why}")],
    "unreadable-directory": [("the directory cannot be read: {why}",
                              "folder tidak dapat dibaca: {why}")],
    "file-too-large": [("the file is larger than {n} bytes, the most an SOP file may have",
                        "berkas lebih besar dari {n} bita, batas sebuah berkas SOP")],
    "not-utf8": [("byte {b} is not valid UTF-8", "bita {b} bukan UTF-8 yang sah")],
    "empty-file": [("the file holds no YAML document", "berkas tidak berisi dokumen YAML")],
    "yaml-syntax": [
        ("the file holds more than one YAML document ('---')",
         "berkas berisi lebih dari satu dokumen YAML ('---')"),
        ("alias '*{name}' refers to {what}", "alias '*{name}' merujuk ke {what}"),
        ("{detail}", "YAML tidak dapat dibaca: {detail}"),
    ],
    "duplicate-key": [("key '{key}' appears twice in this mapping (first at line {n})",
                       "kunci '{key}' muncul dua kali dalam pemetaan ini (pertama di baris "
                       "{n})")],
    "unsupported-tag": [("the YAML tag '{tag}' is not allowed in an SOP file",
                         "tag YAML '{tag}' tidak diizinkan dalam berkas SOP")],
    "document-too-large": [
        ("aliases (*name) expand the document by more than {n} nodes (under '{key}')",
         "alias (*nama) mengembangkan dokumen lebih dari {n} simpul (di bawah '{key}')"),
        ("aliases (*name) expand the document by more than {n} nodes",
         "alias (*nama) mengembangkan dokumen lebih dari {n} simpul"),
        ("the document expands to more than {n} nodes (under '{key}')",
         "dokumen mengembang menjadi lebih dari {n} simpul (di bawah '{key}')"),
        ("the document expands to more than {n} nodes",
         "dokumen mengembang menjadi lebih dari {n} simpul")],
    "document-too-deep": [("nesting deeper than {n} levels",
                           "susunan lebih dalam dari {n} tingkat")],
    "control-character": [
        ("the control character {char} cannot be printed or drawn",
         "karakter kendali {char} tidak dapat dicetak atau digambar"),
        ("the text holds the control character {char} (at character {n}), which cannot be "
         "printed or drawn", "teks memuat karakter kendali {char} (karakter ke-{n}), yang "
         "tidak dapat dicetak atau digambar")],
    "not-a-mapping": [
        ("an SOP file must be a mapping of keys (sop:, id:, title:, ...), but it holds {what}",
         "berkas SOP harus berupa pemetaan kunci (sop:, id:, title:, ...), tetapi berisi "
         "{what}"),
        ("a book file must be a mapping of settings (book: 1, unit: ...)",
         "berkas buku harus berupa pemetaan pengaturan (book: 1, unit: ...)"),
        ("{what} must be a mapping of settings (key: value)",
         "{what} harus berupa pemetaan pengaturan (kunci: nilai)")],
    "unsupported-version": [("format version {v} is not supported; this sopengine reads "
                             "version {have}", "versi format {v} tidak didukung; sopengine "
                             "ini membaca versi {have}")],
    "unknown-key": [
        ("unknown key '{key}' in {where}", "kunci '{key}' tidak dikenal di {where}"),
        ("the book file has no setting {key}", "berkas buku tidak mempunyai pengaturan {key}"),
        ("{what} has no setting {key}", "{what} tidak mempunyai pengaturan {key}"),
        ("no label is called {key}", "tidak ada label bernama {key}")],
    "missing-key": [
        ("{where} has no '{key}', which is required", "{where} tidak mempunyai '{key}', yang "
         "wajib ada"),
        ("the file does not say its format version", "berkas tidak menyebut versi formatnya"),
        ("{key} is required", "{key} wajib ada")],
    "wrong-type": [
        ("{where}: expected {kind}, got {value}", "{where}: seharusnya {kind}, tertulis "
         "{value}"),
        ("a mapping key must be plain text, not a list or mapping",
         "kunci pemetaan harus teks biasa, bukan daftar atau pemetaan"),
        ("'<<' must merge a mapping or a list of mappings",
         "'<<' harus menggabungkan pemetaan atau daftar pemetaan")],
    "bad-id": [("{where}: {value} is not a valid id", "{where}: {value} bukan id yang sah")],
    "bad-date": [("{where}: {value} is not a date", "{where}: {value} bukan tanggal")],
    "bad-duration": [
        ("{where}: {value} is not a duration: write minutes (15) or a number with a unit m, "
         "h, d or w (90m, 1.5h, 2d, 1w)", "{where}: {value} bukan waktu: tulis menit (15) "
         "atau angka dengan satuan m, h, d atau w (90m, 1.5h, 2d, 1w)"),
        ("{where}: expected minutes (15) or a text with a unit (90m, 1.5h, 2d, 1w), got "
         "{value}", "{where}: seharusnya menit (15) atau teks dengan satuan (90m, 1.5h, 2d, "
         "1w), tertulis {value}"),
        ("{where}: {value} is not a duration: it must be a finite number of minutes",
         "{where}: {value} bukan waktu: harus jumlah menit yang terhingga"),
        ("{where}: {value} is negative: a duration is zero or more",
         "{where}: {value} negatif: waktu bernilai nol atau lebih"),
        ("{where}: {value} is longer than a year: a step's time is at most {n} minutes "
         "(8784h, 366d, 52w)", "{where}: {value} lebih dari setahun: waktu sebuah langkah "
         "paling lama {n} menit (8784h, 366d, 52w)"),
        ("{where}: a three-point estimate has exactly the keys min, likely and max; got "
         "{keys}", "{where}: perkiraan tiga titik mempunyai tepat kunci min, likely dan max; "
         "tertulis {keys}")],
    "bad-estimate": [("{where}: a three-point estimate needs min <= likely <= max, got "
                      "{value}", "{where}: perkiraan tiga titik memerlukan min <= likely <= "
                      "max, tertulis {value}")],
    "bad-frequency": [("{where}: {value} is not a frequency: write e.g. 4/year, 2/month, "
                       "1/week (or a number per year)", "{where}: {value} bukan frekuensi: "
                       "tulis mis. 4/tahun, 2/bulan, 1/minggu (atau angka per tahun)")],
    "empty-value": [("{where} is empty", "{where} kosong")],
    "bad-value": [("{where}: {value} is not one of {expected}",
                   "{where}: {value} bukan salah satu dari {expected}"),
                  ("{where}: {detail} (got {value})", "{where}: {detail} (tertulis {value})")],
    "unknown-actor": [("unknown actor '{actor}' in step '{step}': it is not listed under "
                       "`actors`", "pelaksana '{actor}' pada langkah '{step}' tidak dikenal: "
                       "tidak tercantum di `actors`"),
                      ("short_names names '{name}', which no SOP of this book has as an "
                       "actor", "short_names menyebut '{name}', tetapi tidak ada SOP buku ini "
                       "yang mempunyai pelaksana itu")],
    "unknown-target": [("step '{step}' leads to '{target}', which is no step id (nor 'end')",
                        "langkah '{step}' menuju '{target}', yang bukan id langkah (juga "
                        "bukan 'end')")],
    "duplicate-step-id": [("step id '{step}' is already used by step No. {n}",
                           "id langkah '{step}' sudah dipakai langkah No. {n}")],
    "reserved-step-id": [("'end' cannot be a step id: it is the target that ends the SOP",
                          "'end' tidak boleh menjadi id langkah: itu tujuan yang mengakhiri "
                          "SOP")],
    "next-and-branches": [("step '{step}' has both `next` and `branches`",
                           "langkah '{step}' mempunyai `next` dan `branches` sekaligus")],
    "too-few-branches": [("decision '{step}' has {n} branch; a decision needs at least two "
                          "answers", "keputusan '{step}' mempunyai {n} cabang; sebuah "
                          "keputusan memerlukan paling sedikit dua jawaban")],
    "answers-differ-in-case": [("the answers '{a}' and '{b}' of decision '{step}' differ "
                                "only in letter case", "jawaban '{a}' dan '{b}' pada "
                                "keputusan '{step}' hanya berbeda huruf besar/kecil")],
    "bad-chance": [("chance {p} of answer '{answer}' is outside 0..1",
                    "peluang {p} untuk jawaban '{answer}' di luar 0..1")],
    "chances-over-one": [("the chances of decision '{step}' add up to {p}, more than 1",
                          "jumlah peluang keputusan '{step}' adalah {p}, lebih dari 1")],
    "duplicate-branch": [("step '{step}' starts '{branch}' twice in `next`",
                          "langkah '{step}' memulai '{branch}' dua kali di `next`")],
    "bad-nip": [("NIP '{nip}' is not valid: {why}", "NIP '{nip}' tidak sah: {why}")],
    "dates-out-of-order": [("the {which} date {later} is before the created date {created}",
                            "tanggal {which} {later} lebih awal dari tanggal pembuatan "
                            "{created}")],
    "duplicate-sop-id": [("SOP id '{sop}' is also used by {path}",
                          "id SOP '{sop}' juga dipakai oleh {path}"),
                         ("order names '{sop}' twice", "order menyebut '{sop}' dua kali")],
    "unknown-related": [("related SOP '{sop}' is not in this set of SOPs",
                         "SOP terkait '{sop}' tidak ada di kumpulan SOP ini"),
                        ("order names '{sop}', which no SOP file of this book has",
                         "order menyebut '{sop}', tetapi tidak ada berkas SOP buku ini "
                         "dengan id itu")],
    "duplicate-position": [("'{name}' is already named ('{first}'); names match ignoring "
                            "case and spaces", "'{name}' sudah disebut ('{first}'); nama "
                            "dicocokkan tanpa membedakan huruf besar/kecil dan spasi")],
    "unknown-position": [("alias '{alias}' names '{target}', which is not in `positions`",
                          "alias '{alias}' menyebut '{target}', yang tidak ada di "
                          "`positions`")],
    "bad-logo": [
        ("the logo '{path}' is an absolute path", "logo '{path}' adalah path absolut"),
        ("the logo '{path}' leads outside the folder of the book file",
         "logo '{path}' berada di luar folder berkas buku"),
        ("the logo '{path}' does not exist", "logo '{path}' tidak ada"),
        ("the logo '{path}' is not a file", "logo '{path}' bukan berkas"),
        ("the logo '{path}' cannot be read: {why}", "logo '{path}' tidak dapat dibaca: {why}"),
        ("the logo '{path}' is larger than {n} bytes", "logo '{path}' lebih besar dari {n} bita"),
        ("the logo '{path}' is not a PNG, JPEG or SVG image",
         "logo '{path}' bukan gambar PNG, JPEG atau SVG"),
        ("the logo '{path}' is not an SVG image: its root element is <{tag}>",
         "logo '{path}' bukan gambar SVG: elemen akarnya <{tag}>"),
        ("the logo '{path}' is not well-formed SVG (line {n} of the image)",
         "logo '{path}' bukan SVG yang tersusun benar (baris {n} gambar itu)"),
        ("the SVG logo '{path}' holds the element <{tag}>",
         "logo SVG '{path}' memuat elemen <{tag}>"),
        ("the SVG logo '{path}' holds the attribute {attr}",
         "logo SVG '{path}' memuat atribut {attr}"),
        ("the SVG logo '{path}' holds a link to {url}", "logo SVG '{path}' memuat tautan ke {url}"),
        ("the SVG logo '{path}' holds an entity declaration in a DOCTYPE",
         "logo SVG '{path}' memuat deklarasi entitas dalam DOCTYPE"),
        ("the SVG logo '{path}' holds the processing instruction <?{tag}?>",
         "logo SVG '{path}' memuat instruksi pemrosesan <?{tag}?>")],
    "unmatched-actor": [("actor '{key}' ({name}) of SOP '{sop}' matches no position of "
                         "{path}", "pelaksana '{key}' ({name}) dari SOP '{sop}' tidak cocok "
                         "dengan jabatan mana pun di {path}")],
    "unreachable-step": [("step '{step}' (No. {n}) cannot be reached from the first step",
                          "langkah '{step}' (No. {n}) tidak dapat dicapai dari langkah "
                          "pertama")],
    "no-way-to-end": [("from step '{step}' (No. {n}) the end of the SOP can never be "
                       "reached: it is caught in a loop without exit", "dari langkah "
                       "'{step}' (No. {n}) akhir SOP tidak pernah tercapai: langkah itu "
                       "terjebak dalam pengulangan tanpa jalan keluar")],
    "loop-without-decision": [("step '{step}' goes back to step '{target}', but no decision "
                               "lies on that loop: it would never end", "langkah '{step}' "
                               "kembali ke langkah '{target}', tetapi tidak ada keputusan "
                               "pada pengulangan itu: pengulangan tidak akan berakhir")],
    "parallel-no-join": [
        ("parallel branches {names} of step '{step}' reach the end of the SOP without "
         "rejoining the other branches", "cabang paralel {names} dari langkah '{step}' "
         "mencapai akhir SOP tanpa bergabung kembali dengan cabang lainnya"),
        ("parallel branch {names} of step '{step}' reach the end of the SOP without "
         "rejoining the other branches", "cabang paralel {names} dari langkah '{step}' "
         "mencapai akhir SOP tanpa bergabung kembali dengan cabang lainnya")],
    "parallel-split-joins": [("only the parallel branches {names} of step '{step}' meet at "
                              "step '{join}'; all branches of a split must rejoin at one "
                              "step", "hanya cabang paralel {names} dari langkah '{step}' "
                              "bertemu di langkah '{join}'; semua cabang sebuah percabangan "
                              "harus bergabung di satu langkah")],
    "unsafe-merge": [("step '{step}' is reached from inside parallel branch {inside} and "
                      "also from outside it: the join would wait forever or the steps after "
                      "it would run twice", "langkah '{step}' dicapai dari dalam cabang "
                      "paralel {inside} dan juga dari luarnya: penggabungan akan menunggu "
                      "selamanya atau langkah sesudahnya berjalan dua kali")],
    "join-bypassed": [("step '{step}' is where the parallel branches of step '{split}' "
                       "rejoin, and a path that never passed '{split2}' arrives there too "
                       "({via}): the join would wait for branches that never started",
                       "langkah '{step}' adalah tempat cabang paralel dari langkah "
                       "'{split}' bergabung, dan jalur yang tidak pernah melewati '{split2}' "
                       "juga tiba di sana ({via}): penggabungan akan menunggu cabang yang "
                       "tidak pernah dimulai")],
    "loop-crosses-parallel": [
        ("the answer '{answer}' of step '{step}' loops back to step '{target}', which is not "
         "inside the same parallel branch: a loop must stay within one branch or enclose the "
         "whole split and its join", "jawaban '{answer}' dari langkah '{step}' kembali ke "
         "langkah '{target}', yang tidak berada di cabang paralel yang sama: pengulangan "
         "harus tetap di satu cabang atau melingkupi seluruh percabangan dan titik gabungnya"),
        ("step '{step}' loops back to step '{target}', which is not inside the same parallel "
         "branch: a loop must stay within one branch or enclose the whole split and its "
         "join", "langkah '{step}' kembali ke langkah '{target}', yang tidak berada di "
         "cabang paralel yang sama: pengulangan harus tetap di satu cabang atau melingkupi "
         "seluruh percabangan dan titik gabungnya")],
    "unused-actor": [("actor '{actor}' has no step", "pelaksana '{actor}' tidak mempunyai "
                      "langkah")],
    "input-not-produced": [("input '{input}' of step '{step}' is not an output of any "
                            "earlier step, nor listed under `equipment`", "masukan "
                            "'{input}' dari langkah '{step}' bukan output langkah "
                            "sebelumnya, dan tidak tercantum di `equipment`")],
    "no-outputs": [("step '{step}' has no outputs (mutu baku: output)",
                    "langkah '{step}' tidak mempunyai output (mutu baku: output)")],
    "stated-total-differs": [("the stated total {stated} ({m} minutes) differs from the "
                              "critical-path total of {total} minutes", "jumlah waktu "
                              "tertulis {stated} ({m} menit) berbeda dari jumlah waktu jalur "
                              "kritis {total} menit")],
    "action-has-subject": [("the action of step '{step}' begins with its actor '{actor}'",
                            "kegiatan langkah '{step}' diawali pelaksananya '{actor}'")],
    "ask-without-branches": [("step '{step}' asks '{ask}' but has no `branches`",
                              "langkah '{step}' bertanya '{ask}' tetapi tidak mempunyai "
                              "`branches`")],
    "effort-exceeds-time": [("step '{step}' has effort {effort} longer than its time "
                             "{time}", "langkah '{step}' mempunyai usaha {effort} yang lebih "
                             "lama dari waktunya {time}")],
    "loop-never-exits": [("step {step}: the answer '{answer}' is the only way on to the end "
                          "and its chance is 0, so the flow would repeat forever",
                          "langkah {step}: jawaban '{answer}' satu-satunya jalan menuju "
                          "akhir dan peluangnya 0, sehingga alur akan berulang selamanya")],
}

#: English hint template -> Indonesian (hints are shared between codes).
HINTS: list[tuple[str, str]] = [
    ("put the image in the folder of book.yaml (or below it) and give its path from there",
     "taruh gambar itu di folder book.yaml (atau di bawahnya) dan tulis path-nya dari sana"),
    ("give a PNG, JPEG or SVG image of at most 2 MiB",
     "berikan gambar PNG, JPEG atau SVG berukuran paling besar 2 MiB"),
    ("save the logo as PNG, or remove scripts, event attributes (on...) and links to other "
     "files from the SVG", "simpan logo sebagai PNG, atau hapus skrip, atribut peristiwa "
     "(on...) dan tautan ke berkas lain dari SVG itu"),
    ("did you mean '{name}'?", "maksud Anda '{name}'?"),
    ("known SOP ids: {names}", "id SOP yang dikenal: {names}"),
    ("list each SOP once", "sebut setiap SOP sekali saja"),
    ("write the jabatan exactly as the SOP's `actors` does: {names}",
     "tulis jabatan itu persis seperti di `actors` SOP-nya: {names}"),
    ("known {what}: {names}", "{what} yang dikenal: {names}"),
    ("check that it exists and that you may read it; the other files were checked",
     "periksa bahwa berkas itu ada dan boleh Anda baca; berkas lainnya sudah diperiksa"),
    ("check that you may open it; the SOP files in it were not checked",
     "periksa bahwa folder itu boleh Anda buka; berkas SOP di dalamnya belum diperiksa"),
    ("split the procedure into several SOPs and link them with `related`",
     "pecah prosedur menjadi beberapa SOP dan hubungkan dengan `related`"),
    ("save the file as UTF-8 (in most editors: Save with Encoding -> UTF-8)",
     "simpan berkas sebagai UTF-8 (di kebanyakan editor: Save with Encoding -> UTF-8)"),
    ("start from the example in docs/format.md", "mulailah dari contoh di docs/format.md"),
    ("check the indentation and the punctuation just before this point",
     "periksa indentasi dan tanda baca tepat sebelum titik ini"),
    ("keep one SOP per file", "satu SOP untuk satu berkas"),
    ("keep one of them", "pertahankan salah satunya"),
    ("add it to `positions`", "tambahkan ke `positions`"),
    ("{near} Otherwise add '{name}' to `positions`, or to `aliases` naming the position it "
     "is", "{near} Jika bukan, tambahkan '{name}' ke `positions`, atau ke `aliases` dengan "
     "jabatan yang dimaksud"),
    ("Add '{name}' to `positions`, or to `aliases` naming the position it is",
     "Tambahkan '{name}' ke `positions`, atau ke `aliases` dengan jabatan yang dimaksud"),
    ("define '&{name}' on a complete value before using '*{name2}'",
     "definisikan '&{name}' pada nilai yang lengkap sebelum memakai '*{name2}'"),
    ("keep one of them; YAML readers would silently drop the first",
     "pertahankan salah satunya; pembaca YAML diam-diam membuang yang pertama"),
    ("remove the tag; plain YAML values suffice", "hapus tag itu; nilai YAML biasa cukup"),
    ("remove the repeated aliases (*name)", "hapus alias yang berulang (*nama)"),
    ("remove it (text pasted from a word processor may carry it) or write the character "
     "you meant", "hapus karakter itu (teks yang disalin dari pengolah kata bisa membawanya) "
     "atau tulis karakter yang dimaksud"),
    ("write `sop: 1`, or upgrade sopengine for a newer format",
     "tulis `sop: 1`, atau perbarui sopengine untuk format yang lebih baru"),
    ("add `sop: 1` as the first line", "tambahkan `sop: 1` sebagai baris pertama"),
    ("add `{key}:`", "tambahkan `{key}:`"),
    ("use lowercase letters, digits and hyphens, e.g. 'pengukuran-kinerja'",
     "pakai huruf kecil, angka dan tanda hubung, mis. 'pengukuran-kinerja'"),
    ("use letters, digits, '-' and '_' (lowercase for step ids), starting with a letter or "
     "digit", "pakai huruf, angka, '-' dan '_' (huruf kecil untuk id langkah), diawali huruf "
     "atau angka"),
    ("write dates as YYYY-MM-DD, e.g. 2024-01-15", "tulis tanggal sebagai TTTT-BB-HH, mis. "
     "2024-01-15"),
    ("give at least one", "isi paling sedikit satu"),
    ("write some text", "tulis teksnya"),
    ("write one of {expected}", "tulis salah satu dari {expected}"),
    ("see docs/rendering.md for the label names", "lihat docs/rendering.md untuk nama label"),
    ("known settings: {names}", "pengaturan yang dikenal: {names}"),
    ("give each SOP of a book its own id", "beri setiap SOP dalam buku id sendiri"),
    ("write free text (e.g. its title) for an SOP outside the book",
     "tulis teks bebas (mis. judulnya) untuk SOP di luar buku"),
    ("copy the NIP from the official's decree, e.g. '19671020 199303 1 009'",
     "salin NIP dari SK pejabat itu, mis. '19671020 199303 1 009'"),
    ("check the years and months", "periksa tahun dan bulannya"),
    ("remove it, or give it its steps: its column would be empty",
     "hapus pelaksana itu, atau beri langkahnya: kolomnya akan kosong"),
    ("say what the step hands on, e.g. `outputs: [Surat undangan]`",
     "sebutkan apa yang diserahkan langkah itu, mis. `outputs: [Surat undangan]`"),
    ("name it exactly as the step that produces it does, or add it to `equipment`",
     "namai persis seperti langkah yang menghasilkannya, atau tambahkan ke `equipment`"),
    ("write it as a verb without subject, e.g. 'Mengoreksi dokumen' (the actor's column "
     "already says who)", "tulis sebagai kata kerja tanpa subjek, mis. 'Mengoreksi dokumen' "
     "(kolom pelaksana sudah menyebut siapa)"),
    ("effort is the working time inside the step's elapsed time",
     "usaha adalah waktu kerja di dalam waktu langkah itu"),
    ("give the answer that leaves the loop a chance above 0",
     "beri jawaban yang keluar dari pengulangan peluang di atas 0"),
    ("rename the step, e.g. 'selesai'", "ganti id langkah itu, mis. 'selesai'"),
    ("give every step its own id", "beri setiap langkah id sendiri"),
    ("a decision leads on through its branches only: remove `next`",
     "keputusan berlanjut hanya melalui cabangnya: hapus `next`"),
    ("list each parallel branch once", "cantumkan setiap cabang paralel sekali"),
    ("add the answers under `branches`, or remove `ask`",
     "tambahkan jawabannya di `branches`, atau hapus `ask`"),
    ("add the other answer (e.g. Tidak), or use `next`",
     "tambahkan jawaban lainnya (mis. Tidak), atau pakai `next`"),
    ("give each answer its own word, or merge the two",
     "beri setiap jawaban kata sendiri, atau gabungkan keduanya"),
    ("write a share such as 0.2 (20%)", "tulis bagian seperti 0.2 (20%)"),
    ("make them sum to 1, or leave one unset to take the rest",
     "buat jumlahnya 1, atau biarkan satu tanpa peluang untuk mengambil sisanya"),
    ("point a `next` or a branch of an earlier step at it, or remove it",
     "arahkan `next` atau cabang langkah sebelumnya ke langkah itu, atau hapus langkahnya"),
    ("give the loop's decision an answer that leads on (or to 'end')",
     "beri keputusan pada pengulangan itu jawaban yang berlanjut (atau ke 'end')"),
    ("hand-summed totals are often wrong: check the document, or remove `stated_total` and "
     "let sopengine compute it", "jumlah yang dihitung tangan sering keliru: periksa "
     "dokumennya, atau hapus `stated_total` dan biarkan sopengine menghitungnya"),
    ("lead every branch of the split to the same join step",
     "arahkan setiap cabang percabangan ke langkah gabung yang sama"),
    ("lead the branch to the step where the other branches meet",
     "arahkan cabang itu ke langkah tempat cabang lainnya bertemu"),
    ("let the branch reach its join first, or lead the outside path elsewhere",
     "biarkan cabang mencapai titik gabungnya dulu, atau arahkan jalur luar ke tempat lain"),
    ("give the branches a join step of their own (e.g. 'Menggabungkan hasil') and lead the "
     "other path to the step after it", "beri cabang-cabang itu langkah gabung sendiri (mis. "
     "'Menggabungkan hasil') dan arahkan jalur lain ke langkah sesudahnya"),
    ("make the step a decision with an answer that leads on",
     "jadikan langkah itu keputusan dengan jawaban yang berlanjut"),
    ("loop back to a step of the same branch, or to before the split",
     "kembali ke langkah di cabang yang sama, atau ke sebelum percabangan"),
]

#: Phrases inside messages: places, reasons, kinds of value.
_PHRASES: list[tuple[str, str]] = [
    ("step '{id}' (No. {n})", "langkah '{id}' (No. {n})"),
    ("step No. {n}", "langkah No. {n}"),
    ("the SOP", "SOP"),
    ("a calendar file", "berkas kalender"), ("an org file", "berkas organisasi"),
    ("no such file", "tidak ada berkas itu"),
    ("is a directory; give a .yaml file", "adalah folder; berikan berkas .yaml"),
    ("is not a regular file (a device or a pipe); give a .yaml file",
     "bukan berkas biasa (perangkat atau pipa); berikan berkas .yaml"),
    ("no permission to read it", "tidak ada izin untuk membacanya"),
    ("Permission denied", "izin ditolak"),
    ("a list", "daftar"), ("text", "teks"), ("a mapping", "pemetaan"),
    ("a number", "angka"), ("a whole number", "bilangan bulat"),
    ("true or false", "true atau false"),
    ("the value {value}", "nilai {value}"),
    ("a NIP has 18 digits (spaces allowed), got {n} characters",
     "NIP terdiri dari 18 angka (spasi boleh), tertulis {n} karakter"),
    ("the first 8 digits '{d}' are not a valid date of birth (YYYYMMDD)",
     "8 angka pertama '{d}' bukan tanggal lahir yang sah (TTTTBBHH)"),
    ("digits 9-14 '{d}' are not a valid start month (YYYYMM)",
     "angka ke-9 sampai 14 '{d}' bukan bulan pengangkatan yang sah (TTTTBB)"),
    ("the start month {d} is before the holder could have been appointed (born {born})",
     "bulan pengangkatan {d} lebih awal dari saat pemiliknya dapat diangkat (lahir {born})"),
    ("digit 15 is the gender (1 or 2), got '{d}'",
     "angka ke-15 adalah jenis kelamin (1 atau 2), tertulis '{d}'"),
    ("from step {steps}", "dari langkah {steps}"),
    ("{branch} of step '{step}'", "{branch} dari langkah '{step}'"),
    ("from another split", "dari percabangan lain"),
    ("effective", "efektif"), ("revised", "revisi"),
    ("SOP ids", "id SOP"), ("step ids", "id langkah"), ("actors", "pelaksana"),
    ("keys", "kunci"), ("positions", "jabatan"),
]

# names whose value is itself a phrase or sentence to translate
_NESTED = {"where", "why", "kind", "what", "via", "which", "inside", "near"}


@cache
def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)"
                    for i, p in enumerate(parts))
    return re.compile(f"^{regex}$", re.DOTALL)


def read_template(text: str, table: list[tuple[str, str]]) -> str | None:
    """The translation of ``text`` by the first template of ``table`` that reads it."""
    for english, indonesian in table:
        match = _pattern(english).match(text)
        if match:
            values = {k: _phrase(v) if k in _NESTED else v for k, v in match.groupdict().items()}
            return indonesian.format(**values)
    return None


def _phrase(text: str) -> str:
    """A place (``step 'x' (No. 2) → 'time'``) or a reason, in Indonesian when known."""
    return " → ".join(read_template(part, _PHRASES) or read_template(part, HINTS) or part
                      for part in text.split(" → "))


def message_id(code: str, message: str) -> str | None:
    """The Indonesian of ``message`` (of ``code``), or None when no template reads it."""
    return read_template(message, MESSAGES.get(code, []))


def hint_id(hint: str) -> str | None:
    return read_template(hint, HINTS) if hint else ""


def in_language(d: Diagnostic, lang: str) -> Diagnostic:
    """``d`` with its message and hint in ``lang``; an English sentence no template reads
    follows the code's Indonesian summary."""
    if lang != "id":
        return d
    message = message_id(d.code, d.message) or f"{SUMMARY[d.code][0]}: {d.message}"
    hint = hint_id(d.hint)
    return replace(d, message=message, hint=d.hint if hint is None else hint)
