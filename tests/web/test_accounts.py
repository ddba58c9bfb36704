"""Accounts in the database: `sopengine user add`, hashes, throttling windows,
sessions and tokens."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pytest

import sopengine
from tests.cli_driver import invoke


def test_user_add_reads_the_password_from_stdin(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "sop.db"
    monkeypatch.setattr(sys, "stdin", io.StringIO("rahasia-123\n"))
    done = invoke(capsys, monkeypatch, "user", "add", "camat", "--position", "Camat",
                  "--position", "Sekretaris", "--admin", "--password-stdin", "--db", db)
    assert done.code == 0, done.err
    assert "admin 'camat' dibuat; jabatan: Camat, Sekretaris" in done.out
    assert f"basis data baru dibuat: {db}" in done.err  # the first admin makes the database
    store = sopengine.Store.open(str(db))
    user = sopengine.Accounts(store).get("camat")
    assert user.admin
    assert user.positions == ("Camat", "Sekretaris")
    stored = sopengine.Accounts(store).password_hash("camat")
    assert stored.startswith("$argon2id$")
    assert "rahasia" not in stored
    monkeypatch.setattr(sys, "stdin", io.StringIO("rahasia-123\n"))
    again = invoke(capsys, monkeypatch, "user", "add", "camat", "--password-stdin", "--db", db)
    assert again.code == 3
    assert "galat: pengguna bernama 'camat' sudah ada" in again.err
    assert "basis data baru" not in again.err


def test_user_add_asks_without_echo(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import getpass

    asked: list[str] = []
    monkeypatch.setattr(getpass, "getpass", lambda prompt: asked.append(prompt) or "pendek")
    done = invoke(capsys, monkeypatch, "user", "add", "x", "--db", tmp_path / "d.db")
    assert len(asked) == 2
    assert done.code == 3
    assert "terlalu pendek" in done.err


def test_serve_refuses_an_invalid_book(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bad.yaml").write_text("sop: 1\nid: x\n")
    done = invoke(capsys, monkeypatch, "serve", tmp_path, "--db", tmp_path / "d.db")
    assert done.code == 1
    assert "bad.yaml:" in done.err
    assert "Traceback" not in done.err


@pytest.mark.parametrize(("lang", "said"), [
    ("id", "peringatan: pengukuran.yaml: Camat: tidak ada pengguna yang memegang jabatan "
           "Camat"),
    ("en", "warning: pengukuran.yaml: Camat: no user holds the position Camat"),
])
def test_serve_names_the_actors_no_user_holds_in_its_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        lang: str, said: str) -> None:
    import uvicorn

    from tests.conftest import SOPS

    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)  # no server here
    done = invoke(capsys, monkeypatch, "serve", SOPS, "--db", tmp_path / "d.db",
                  "--lang", lang)
    assert done.code == 0, done.err
    assert said in done.err
    where = "basis data" if lang == "id" else "database"
    assert f"sopengine: http://127.0.0.1:8000/ (4 SOP, {where} " in done.err


def test_serve_refuses_an_upload_folder_it_cannot_make(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
        ) -> None:
    import uvicorn

    from tests.conftest import SOPS

    served: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: served.append(args))
    (tmp_path / "afile").write_text("a file where a folder goes")
    bad = tmp_path / "afile" / "uploads"
    done = invoke(capsys, monkeypatch, "serve", SOPS, "--db", tmp_path / "d.db",
                  "--uploads", bad)
    assert done.code == 2
    assert done.err.strip() == f"galat: tidak dapat menulis {bad}: sebagian jalurnya " \
        "berkas, bukan folder"
    assert served == []


def test_serve_says_what_is_wrong_with_its_folder_in_indonesian(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
        ) -> None:
    import uvicorn

    from tests.conftest import SOPS

    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)
    empty = tmp_path / "kosong"
    empty.mkdir()
    done = invoke(capsys, monkeypatch, "serve", empty, "--db", tmp_path / "d.db")
    assert done.err.strip() == f"galat: {empty}: tidak ada berkas SOP (*.yaml)"
    calendar = tmp_path / "calendar.yaml"
    calendar.write_text("calendar: 1\nbogus: 1\n")
    done = invoke(capsys, monkeypatch, "serve", SOPS, "--db", tmp_path / "d.db",
                  "--calendar", calendar)
    assert done.code != 0
    assert "berkas kalender tidak mempunyai pengaturan 'bogus'" in done.err


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 23, 8, 0)

    def __call__(self) -> dt.datetime:
        return self.now


def test_throttle_window_sessions_and_tokens(tmp_path: Path) -> None:
    clock = Clock()
    signin = sopengine.SignIn(sopengine.Store.open(str(tmp_path / "s.db")), clock)
    user = signin.accounts.add("staf", "rahasia-123", positions=["Staf"])
    for _ in range(5):
        with pytest.raises(sopengine.SignInRefused, match="wrong"):
            signin.check("staf", "salah", "10.0.0.1")
    with pytest.raises(sopengine.SignInRefused) as refused:
        signin.check("staf", "rahasia-123", "10.0.0.2")
    assert 0 < refused.value.retry_after <= 15 * 60 + 1
    clock.now += dt.timedelta(minutes=16)
    assert signin.check("staf", "rahasia-123", "10.0.0.2") == user
    token = signin.open_session(user, hours=1)
    assert signin.session_user(token) == user
    clock.now += dt.timedelta(hours=2)
    assert signin.session_user(token) is None  # expired
    api = signin.new_token("staf", "integrasi")
    assert signin.token_user(api) == user
    assert signin.token_user(api + "x") is None
    signin.accounts.set_disabled("staf", True)
    assert signin.token_user(api) is None
    assert signin.secret() == signin.secret()
    with pytest.raises(sopengine.SignInRefused):
        signin.check("nobody", "whatever", "10.0.0.3")


def test_a_session_carries_every_position_and_follows_changes(tmp_path: Path) -> None:
    """The one-statement lookup each request makes: the user as Accounts has them,
    positions in order (none held: empty), a change of positions seen at once."""
    signin = sopengine.SignIn(sopengine.Store.open(str(tmp_path / "s.db")), Clock())
    kasi = signin.accounts.add("kasi", "rahasia-123", positions=["Sekretaris", "Camat"])
    nobody = signin.accounts.add("baru", "rahasia-123")
    token, fresh = signin.open_session(kasi), signin.open_session(nobody)
    assert signin.session_user(token) == signin.accounts.get("kasi") == kasi
    assert kasi.positions == ("Camat", "Sekretaris")
    assert signin.session_user(fresh) == nobody
    assert nobody.positions == ()
    signin.accounts.set_positions("kasi", ["Staf"])
    assert signin.session_user(token).positions == ("Staf",)  # type: ignore[union-attr]
    api = signin.new_token("kasi")
    assert signin.token_user(api) == signin.accounts.get("kasi")
    assert signin.session_user("no-such-token") is None


def test_migration_names_fit_their_column() -> None:
    from sopengine.runtime.schema import MIGRATIONS, schema_table

    for version, name, _ in MIGRATIONS:
        assert len(name) <= schema_table.c.name.type.length, version
