"""Indonesian by default, English with --lang en: labels, diagnostics (messages and
hints), the CLI's own errors, and the words `list --status` accepts (issue 10, item 26)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sopengine.definition.loader import check_file
from sopengine.diagnostics import CODES
from sopengine.diagnostics_id import SUMMARY, hint_id, message_id
from sopengine.runtime.store import Store
from tests.cli_driver import invoke
from tests.conftest import CASES

INVALID = CASES / "invalid" / "unknown-actor.yaml"
SEQUENCE = CASES / "valid" / "sequence.yaml"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("SOPENGINE_DB", str(tmp_path / "test.db"))
    # an empty database: the reading commands refuse one that does not exist
    Store.open(str(tmp_path / "test.db")).close()
    monkeypatch.setenv("COLUMNS", "200")

    def _cli(*args: str | Path):
        result = invoke(capsys, monkeypatch, *args)
        assert "galat internal" not in result.err, result.err
        assert "internal error" not in result.err, result.err
        return result

    return _cli


def test_every_code_has_both_languages() -> None:
    assert set(SUMMARY) == set(CODES)
    for code, (indonesian, english) in SUMMARY.items():
        assert indonesian, code
        assert english, code
        assert indonesian != english, code


def _case_diagnostics() -> list:
    return [d for f in sorted(CASES.rglob("*.yaml")) for d in check_file(f).diagnostics]


def test_every_diagnostic_of_the_cases_reads_in_indonesian() -> None:
    found = _case_diagnostics()
    assert len({d.code for d in found}) > 40
    for d in found:
        message = message_id(d.code, d.message)
        assert message, (d.code, d.message)
        assert "step '" not in message, message
        assert hint_id(d.hint) is not None, (d.code, d.hint)


@pytest.mark.parametrize(("org", "code"), [
    ("org: 1\npositions: [Camat]\naliases: {Sekretaris: Sekretaris Kecamatn}\n",
     "unknown-position"),
    ("org: 1\npositions: [Camat, camat]\n", "duplicate-position"),
    ("org: 1\npositions: [Camat]\n", "unmatched-actor"),
    ("org: 1\nposisi: []\npositions: [Camat]\n", "unknown-key"),
    ("- Camat\n", "not-a-mapping"),
])
def test_the_org_files_diagnostics_read_in_indonesian(tmp_path: Path, org: str,
                                                       code: str) -> None:
    from sopengine.definition.collection import check_paths

    (tmp_path / "org.yaml").write_text(org, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(SEQUENCE.read_text(), encoding="utf-8")
    found = [d for r in check_paths([tmp_path]) for d in r.diagnostics]
    assert code in [d.code for d in found]
    for d in found:
        assert message_id(d.code, d.message), (d.code, d.message)
        assert hint_id(d.hint) is not None, (d.code, d.hint)


def test_validate_speaks_indonesian_by_default_and_english_on_request(cli) -> None:
    r = cli("validate", INVALID)
    assert r.code == 1
    assert "galat[unknown-actor] pelaksana 'kamat' pada langkah '2' tidak dikenal" in r.out
    assert "saran: maksud Anda 'camat'?" in r.out
    assert "1 galat, 0 peringatan: 1 dari 1 berkas tidak sah" in r.out
    en = cli("validate", INVALID, "--lang", "en")
    assert "error[unknown-actor] unknown actor 'kamat' in step '2'" in en.out
    assert "hint: did you mean 'camat'?" in en.out
    data = json.loads(cli("validate", "--json", INVALID).out)
    assert data["files"][0]["errors"][0]["message"].startswith("pelaksana 'kamat'")
    data = json.loads(cli("validate", "--json", "--lang", "en", INVALID).out)
    assert data["files"][0]["errors"][0]["message"].startswith("unknown actor 'kamat'")


@pytest.mark.parametrize("command", [["analyze"], ["start"], ["run", "--auto"],
                                     ["simulate", "-n", "10"], ["draw"], ["report"]])
def test_an_invalid_sop_is_reported_in_the_language_asked(cli, command) -> None:
    r = cli(*command, INVALID)
    assert r.code == 1
    assert "pelaksana 'kamat' pada langkah '2' tidak dikenal" in r.out + r.err
    r = cli(*command, INVALID, "--lang", "en")
    assert "unknown actor 'kamat' in step '2'" in r.out + r.err


def test_the_cli_errors_follow_the_language(cli, tmp_path: Path) -> None:
    assert cli("show", "99").err.strip() == "galat: tidak ada instans 99"
    assert cli("sop", "show", "99").err.strip() == \
        "galat: tidak ada revisi SOP 99 (lihat `sopengine sop list`)"
    assert cli("sop", "show", "99", "--lang", "en").err.strip() == "error: no SOP revision 99"
    cli("start", SEQUENCE)
    cli("cancel", "1")
    assert cli("complete", "1", "a").err.strip() == \
        "galat: instans 1 sudah dibatalkan; tidak ada yang diselesaikan"
    assert cli("show", "99", "--lang", "en").err.strip() == "error: no instance 99"
    assert cli("validate", tmp_path / "nope.yaml").err.strip() == \
        f"galat: {tmp_path / 'nope.yaml'}: tidak ada berkas atau folder itu"
    usage = cli("show", "abc").err
    assert "Galat: Nilai tidak sah untuk" in usage
    assert "Error: Invalid value for" in cli("show", "abc", "--lang", "en").err
    assert "Galat: Tidak ada opsi '--bogus'." in cli("list", "--bogus").err
    assert "list --help' untuk bantuan." in cli("list", "--bogus").err
    bogus = cli("list", "--bogus").err  # (click names the program as it was started)
    assert bogus.startswith("Penggunaan: ")
    assert "sopengine list [OPTIONS]" in bogus.splitlines()[0]
    missing = cli("run", tmp_path / "nope.yaml").err
    assert f"Galat: Nilai tidak sah untuk 'FILE': berkas '{tmp_path / 'nope.yaml'}' tidak " \
        "ada." in missing
    assert "does not exist" not in missing
    assert "adalah folder, bukan berkas." in cli("run", tmp_path).err
    english = cli("run", tmp_path / "nope.yaml", "--lang", "en").err
    assert english.startswith("Usage: ")
    assert "sopengine run [OPTIONS] FILE" in english.splitlines()[0]
    assert "File '" in english
    assert "does not exist." in english


PENGUKURAN = CASES.parent.parent / "sops" / "pengukuran.yaml"


@pytest.mark.parametrize(("args", "said"), [
    (["draw", PENGUKURAN, "-f", "png"], "PNG berupa data biner: berikan berkas keluaran dengan -o"),
    (["gantt", "xyz", "-o", "a.svg"], "'xyz' bukan berkas SOP dan bukan nomor instans"),
    (["draw", PENGUKURAN, "-o", "x.foo"], "'x.foo': akhirannya tidak menyebut format apa pun"),
    (["gantt", PENGUKURAN, "-o", "a.jpg"], "akhiran berkas menentukan formatnya, .svg atau .png"),
    (["run", PENGUKURAN, "--auto", "--decide", "koreksi"], "tulis LANGKAH=JAWABAN"),
    (["run", PENGUKURAN, "--auto", "--decide", "rapat=Ya"],
     "'rapat': langkah itu bukan keputusan; keputusannya: koreksi"),
    (["run", PENGUKURAN, "--auto", "--decide", "nope=Ya"], "'nope': langkah itu tidak ada"),
    (["run", PENGUKURAN, "--auto", "--decide", "koreksi=Mungkin"],
     "langkah 'koreksi' tidak mempunyai jawaban 'Mungkin'; jawabannya: Ya, Tidak"),
    (["run", PENGUKURAN, "--seed", "3"], "--seed, --decide dan --start hanya dipakai bersama"),
])
def test_the_commands_own_usage_errors_read_in_indonesian(cli, args, said) -> None:
    refused = cli(*args)
    assert refused.code == 2
    assert said in refused.err
    assert refused.err.count("Galat: ") == 1


def test_a_bug_is_said_plainly_in_either_language(capsys, monkeypatch) -> None:
    from sopengine.cli import report

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.delenv("SOPENGINE_DEBUG", raising=False)
    monkeypatch.setattr(report, "validation_text", broken)
    said = invoke(capsys, monkeypatch, "validate", SEQUENCE)
    assert said.code == 3
    assert said.err == ("galat internal: RuntimeError: kaboom\nIni bug di sopengine; laporkan "
                        "beserta perintah yang Anda jalankan (dengan SOPENGINE_DEBUG=1 "
                        "traceback-nya ditampilkan).\n")
    english = invoke(capsys, monkeypatch, "validate", SEQUENCE, "--lang", "en")
    assert english.err.startswith("internal error: RuntimeError: kaboom\nThis is a bug")
    assert "Traceback" not in said.err + english.err


def test_sopengine_lang_switches_a_terminal_to_english(cli, monkeypatch) -> None:
    monkeypatch.setenv("SOPENGINE_LANG", "en")
    assert cli("show", "99").err.strip() == "error: no instance 99"
    assert "Usage: " in cli("--help").out
    assert "Write, check, run and publish SOPs" in cli("--help").out
    table = cli("analyze", SEQUENCE).out
    assert "times in minutes" in table
    assert "waktu dalam menit" in cli("analyze", SEQUENCE, "--lang", "id").out  # --lang wins
    assert cli("show", "99", "--lang", "id").err.strip() == "galat: tidak ada instans 99"
    monkeypatch.setenv("SOPENGINE_LANG", "fr")
    refused = cli("list")
    assert refused.code == 2
    assert "Nilai tidak sah untuk '--lang' (atau $SOPENGINE_LANG): 'fr' bukan 'id' atau " \
        "'en'." in refused.err


def test_list_status_takes_the_words_it_prints(cli) -> None:
    for _ in range(2):
        cli("start", SEQUENCE)
    cli("cancel", "1")
    shown = cli("list").out
    assert "dibatalkan" in shown
    assert "berjalan" in shown
    for word, ids in (("dibatalkan", [1]), ("cancelled", [1]), ("berjalan", [2]),
                      ("Berjalan", [2]), ("running", [2]), ("selesai", []),
                      ("completed", [])):
        data = json.loads(cli("list", "--json", "--status", word).out)
        assert [i["instance"] for i in data["instances"]] == ids, word
    assert cli("list", "--status", "batal").code == 2


def test_runtime_output_is_indonesian_by_default(cli) -> None:
    cli("start", SEQUENCE)
    done = cli("complete", "1", "1", "--by", "Budi")
    assert done.out.strip() == "1 selesai oleh Budi; berikutnya: 2; instans 1 berjalan"
    assert "2 done by Camat; next: -; instance 1 completed" in \
        cli("complete", "1", "2", "--lang", "en").out
    shown = cli("show", "1").out
    assert "Riwayat" in shown
    assert "dimulai" in shown
    assert "started" not in shown
    assert "started" in cli("show", "1", "--lang", "en").out
