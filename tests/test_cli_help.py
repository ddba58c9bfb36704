"""The CLI's help in Indonesian by default and in English with --lang en: every
command's and option's help has its Indonesian (cli/help_id.py), click's own words
too, and a run in one language leaves the next in its own."""

from __future__ import annotations

import click
import pytest

from sopengine.cli import lazy
from sopengine.cli.help_id import HELP, shown_help
from sopengine.cli.main import cli
from tests.cli_driver import invoke

ENGLISH_LEFT = ("Usage:", "Options:", "Commands:", "Show this message", "default:",
                "required]")


def _every_command() -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []

    def walk(command: click.Command, path: str) -> None:
        found.append((path, command))
        if isinstance(command, click.Group):
            ctx = click.Context(command, info_name=path)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None
                walk(sub, f"{path} {name}")

    walk(cli, "sopengine")
    return found


def test_every_help_text_has_its_indonesian() -> None:
    missing = []
    for path, command in _every_command():
        texts = [shown_help(command)] + [p.help for p in command.params
                                         if isinstance(p, click.Option) and p.help]
        texts += [p.show_default for p in command.params
                  if isinstance(p, click.Option) and isinstance(p.show_default, str)]
        missing += [(path, text) for text in texts if text and text not in HELP]
    assert missing == []
    assert len(_every_command()) > 35


def test_the_command_table_says_the_first_sentence_of_each_indonesian_help() -> None:
    """`sopengine --help` lists the commands from the table without loading them: its
    Indonesian lines are those of the loaded commands."""
    for name, (_, first) in lazy.COMMANDS.items():
        full = HELP[shown_help(lazy.load_command(name)) or ""]
        assert click.Command(name, help=full).get_short_help_str(1000) == HELP[first], name


def test_no_indonesian_line_is_left_in_english() -> None:
    for english, indonesian in HELP.items():
        if english.startswith(("Nomor SOP", "Tanggal Efektif", "Monte Carlo")):
            continue  # Indonesian terms or a method's name in both
        assert indonesian != english, english


@pytest.fixture
def cli_run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COLUMNS", "250")
    return lambda *args: invoke(capsys, monkeypatch, *args)


def test_the_help_is_indonesian_by_default(cli_run) -> None:
    root = cli_run("--help")
    assert root.code == 0
    assert root.out.startswith("Penggunaan: ")  # (the program named as it was started)
    assert "sopengine [OPTIONS] COMMAND [ARGS]..." in root.out.splitlines()[0]
    assert "Menulis, memeriksa, menjalankan dan menerbitkan SOP" in root.out
    assert "\nOpsi:\n" in root.out
    assert "\nPerintah:\n" in root.out
    assert "Tampilkan bantuan ini lalu keluar." in root.out
    rows = dict(row.split(maxsplit=1) for row in
                root.out[root.out.index("Perintah:"):].splitlines()[1:])
    assert sorted(rows) == sorted(lazy.COMMANDS)
    for name, line in rows.items():  # as click would shorten the Indonesian help
        help_id = HELP[lazy.COMMANDS[name][1]]
        assert line == click.Command(name, help=help_id).get_short_help_str(78 - 6 - 8)
    assert rows["run"].startswith("Memulai instans FILE dan menjalankannya")
    for word in ENGLISH_LEFT:
        assert word not in root.out, word
    run = " ".join(cli_run("run", "--help").out.split())  # as read, not as wrapped
    assert "Memulai instans FILE dan menjalankannya sampai selesai, lalu meringkasnya." in run
    assert "Bahasa label dan pesan: Indonesia (id) atau Inggris (en). [bawaan: (id, atau " \
        "$SOPENGINE_LANG)]" in run
    assert "Tanpa pertanyaan: jalannya disimulasikan" in run
    approve = " ".join(cli_run("sop", "approve", "--help").out.split())
    assert "[bawaan: ($SOPENGINE_USER atau nama login)" in approve
    assert "Pimpinan menyetujui revisi ID" in approve
    assert "wajib]" in cli_run("gantt", "--help").out
    for out in (run, approve):
        for word in ENGLISH_LEFT:
            assert word not in out, word


def test_english_on_request_and_after_an_indonesian_run(cli_run) -> None:
    assert "Penggunaan:" in cli_run("sop", "--help").out
    english = " ".join(cli_run("run", "--lang", "en", "--help").out.split())
    assert english.startswith("Usage: ")
    assert "sopengine run [OPTIONS] FILE" in english
    assert "Start an instance of FILE and drive it to its end" in english
    assert "[default: (id, or $SOPENGINE_LANG)]" in english
    assert "Show this message and exit." in english
    sop = " ".join(cli_run("sop", "approve", "--lang", "en", "--help").out.split())
    assert "The head approves revision ID" in sop
    assert "[default: ($SOPENGINE_USER or login name)]" in sop
    assert click.core._("Options") == "Options"  # click's own words are its own again
    assert lazy.localize_command is None
