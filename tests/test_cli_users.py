"""`sopengine user list / disable / enable / password / positions`: what an admin
at a terminal sees (Indonesian by default, English with --lang en), and what the
database then holds (the web app signs people in against it)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

import sopengine
from tests.cli_driver import Result, invoke

PASSWORD = "rahasia-123"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    db = tmp_path / "sop.db"

    def run(*args: str | Path, stdin: str | None = None) -> Result:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        result = invoke(capsys, monkeypatch, *args, "--db", db)
        assert "Traceback" not in result.err, result.err
        assert "galat internal" not in result.err, result.err
        assert "internal error" not in result.err, result.err
        return result

    assert run("user", "add", "camat", "--admin", "--position", "Camat", "--full-name",
               "Budi Santoso", "--password-stdin", stdin=PASSWORD + "\n").code == 0
    assert run("user", "add", "staf", "--position", "Anggota Tim SAKIP", "--password-stdin",
               stdin=PASSWORD + "\n").code == 0
    run.db = db  # type: ignore[attr-defined]
    return run


def _accounts(db: Path) -> sopengine.Accounts:
    return sopengine.Accounts(sopengine.Store.open(str(db)))


def test_list_shows_every_user_with_role_status_and_positions(cli) -> None:
    shown = cli("user", "list")
    assert shown.code == 0
    lines = shown.out.splitlines()
    assert lines[0].split() == ["NAMA", "NAMA", "LENGKAP", "PERAN", "STATUS", "JABATAN"]
    assert lines[1].split() == ["camat", "Budi", "Santoso", "admin", "aktif", "Camat"]
    assert lines[2].split() == ["staf", "staf", "pengguna", "aktif", "Anggota", "Tim", "SAKIP"]
    english = cli("user", "list", "--lang", "en")
    assert english.out.splitlines()[0].split() == ["NAME", "FULL", "NAME", "ROLE", "STATUS",
                                                   "POSITIONS"]


def test_list_of_an_empty_database_says_how_to_begin(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "empty.db"
    sopengine.Store.open(str(db)).close()
    shown = invoke(capsys, monkeypatch, "user", "list", "--db", db)
    assert shown.code == 0
    assert "belum ada pengguna" in shown.err
    assert "sopengine user add NAMA --admin" in shown.err


def test_disable_stops_signing_in_and_enable_restores_it(cli) -> None:
    done = cli("user", "disable", "staf")
    assert (done.code, done.out.strip()) == (0, "pengguna 'staf' dinonaktifkan: tidak dapat "
                                                "masuk lagi")
    assert cli("user", "list").out.splitlines()[2].split()[:4] == ["staf", "staf", "pengguna",
                                                                 "nonaktif"]
    signin = sopengine.SignIn(sopengine.Store.open(str(cli.db)))
    with pytest.raises(sopengine.SignInRefused):
        signin.check("staf", PASSWORD, "127.0.0.1")
    again = cli("user", "enable", "staf", "--lang", "en")
    assert (again.code, again.out.strip()) == (0, "user 'staf' enabled again")
    assert signin.check("staf", PASSWORD, "127.0.0.1")


def test_password_is_read_from_stdin_and_replaces_the_old(cli) -> None:
    done = cli("user", "password", "staf", "--password-stdin", stdin="baru-sekali-9\n")
    assert (done.code, done.out.strip()) == (0, "kata sandi pengguna 'staf' diganti")
    signin = sopengine.SignIn(sopengine.Store.open(str(cli.db)))
    assert signin.check("staf", "baru-sekali-9", "127.0.0.1")
    with pytest.raises(sopengine.SignInRefused):
        signin.check("staf", PASSWORD, "127.0.0.2")


def test_password_is_asked_twice_without_echo(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import getpass

    asked: list[str] = []
    answers = iter(["baru-sekali-9", "lain-sekali-9"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt: asked.append(prompt) or next(answers))
    done = cli("user", "password", "staf")
    assert asked == ["Kata sandi: ", "Ulangi kata sandi: "]
    assert done.code == 3
    assert "galat: kedua kata sandi berbeda; tidak ada yang diubah" in done.err
    assert "baru-sekali-9" not in done.out + done.err
    assert _accounts(cli.db).password_hash("staf") is not None
    signin = sopengine.SignIn(sopengine.Store.open(str(cli.db)))
    assert signin.check("staf", PASSWORD, "127.0.0.1")  # unchanged


def test_a_short_password_is_refused(cli) -> None:
    done = cli("user", "password", "staf", "--password-stdin", stdin="pendek\n")
    assert done.code == 3
    assert "galat: kata sandinya terlalu pendek: paling sedikit 8 karakter" in done.err


def test_positions_replace_the_held_ones_or_are_cleared(cli) -> None:
    done = cli("user", "positions", "staf", "Sekretaris", "Sekretaris Tim SAKIP")
    assert done.out.strip() == "jabatan pengguna 'staf': Sekretaris, Sekretaris Tim SAKIP"
    assert _accounts(cli.db).get("staf").positions == ("Sekretaris", "Sekretaris Tim SAKIP")
    nothing = cli("user", "positions", "staf")
    assert nothing.code == 3
    assert "--clear" in nothing.err
    assert _accounts(cli.db).get("staf").positions == ("Sekretaris", "Sekretaris Tim SAKIP")
    cleared = cli("user", "positions", "staf", "--clear")
    assert cleared.out.strip() == "jabatan pengguna 'staf': -"
    assert _accounts(cli.db).get("staf").positions == ()


@pytest.mark.parametrize("args", [("disable",), ("enable",), ("positions", "Camat"),
                                  ("password", "--password-stdin")])
def test_an_unknown_user_is_named_with_exit_3(cli, args: tuple[str, ...]) -> None:
    done = cli("user", args[0], "tidak-ada", *args[1:], stdin="rahasia-123\n")
    assert done.code == 3
    assert done.out == ""
    assert done.err.strip() == ("galat: tidak ada pengguna bernama 'tidak-ada' "
                                "(lihat `sopengine user list`)")
    english = cli("user", args[0], "tidak-ada", *args[1:], "--lang", "en",
                  stdin="rahasia-123\n")
    assert english.err.strip() == "error: no user named 'tidak-ada'"


def test_a_mistyped_database_is_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "salah.db"
    done = invoke(capsys, monkeypatch, "user", "list", "--db", db)
    assert done.code == 3
    assert "tidak ada yang dibuat" in done.err
    assert not db.exists()
