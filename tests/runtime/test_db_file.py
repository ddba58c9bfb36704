"""The database file as a user meets it: a mistyped --db is refused, not a new empty
database; a new one is announced; a file removed under a running process is noticed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sopengine.errors import StoreError
from sopengine.runtime.engine import Engine
from sopengine.runtime.store import Store
from tests.cli_driver import invoke
from tests.conftest import CASES

SEQUENCE = CASES / "valid" / "sequence.yaml"
INVALID = CASES / "invalid" / "unknown-actor.yaml"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("SOPENGINE_DB", raising=False)
    monkeypatch.delenv("SOPENGINE_DEBUG", raising=False)
    return lambda *args: invoke(capsys, monkeypatch, *args)


@pytest.mark.parametrize("command", [
    ["list"], ["tasks"], ["show", "1"], ["report", "urutan"], ["complete", "1", "1"],
    ["cancel", "1"], ["gantt", "1", "-o", "{tmp}/g.svg"],
])
def test_a_reading_command_on_a_mistyped_db_creates_nothing(cli, tmp_path: Path,
                                                            command: list[str]) -> None:
    typo = tmp_path / "x" / "typo.db"
    r = cli(*[a.replace("{tmp}", str(tmp_path)) for a in command], "--db", typo)
    assert r.code == 3, (r.out, r.err)
    assert r.err.startswith(f"galat: basis data {typo} tidak ada; tidak ada yang dibuat"), \
        r.err
    assert "Traceback" not in r.err
    assert not typo.parent.exists()  # no file, not even its folder


def test_the_refusal_in_english_and_for_a_sqlite_url(cli, tmp_path: Path) -> None:
    typo = tmp_path / "typo.db"
    r = cli("list", "--db", f"sqlite:///{typo}", "--lang", "en")
    assert r.code == 3
    assert r.err.startswith(f"error: the database {typo} does not exist; nothing was created")
    assert not typo.exists()


def test_start_creates_a_new_database_and_says_so(cli, tmp_path: Path) -> None:
    new = tmp_path / "new.db"
    r = cli("start", SEQUENCE, "--db", new)
    assert r.code == 0, r.err
    assert r.err == f"basis data baru dibuat: {new}\n"
    assert new.is_file()
    again = cli("start", SEQUENCE, "--db", new)
    assert again.code == 0
    assert again.err == ""  # an existing one: nothing to say
    assert "berjalan" in cli("list", "--db", new).out


def test_run_announces_the_new_database_in_english(cli, tmp_path: Path) -> None:
    new = tmp_path / "sub" / "new.db"
    r = cli("run", SEQUENCE, "--auto", "--db", new, "--lang", "en", "--json")
    assert r.code == 0, r.err
    assert r.err == f"created a new database: {new}\n"
    assert r.out.startswith("{")  # stdout stays JSON only


def test_an_invalid_sop_makes_no_database(cli, tmp_path: Path) -> None:
    new = tmp_path / "new.db"
    assert cli("start", INVALID, "--db", new).code == 1
    assert not new.exists()


def test_the_default_location_is_announced_when_made(cli, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cli("list").code == 3
    assert not (tmp_path / "data").exists()
    r = cli("start", SEQUENCE)
    assert r.code == 0, r.err
    made = Path(r.err.removeprefix("basis data baru dibuat: ").strip())
    assert made.is_file()
    assert made.name == "sopengine.db"


def _remove(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def test_a_completion_into_a_removed_file_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    engine = Engine(Store.open(str(db)))
    instance = engine.start(SEQUENCE)
    _remove(db)
    with pytest.raises(StoreError, match="was removed or replaced while in use"):
        engine.complete(instance.id, "1", by="Budi")
    with pytest.raises(StoreError, match="removed or replaced"):  # and every write after
        engine.cancel(instance.id)
    assert not db.exists()  # nothing wrote a new file either


def test_a_replaced_file_is_refused_and_said_in_indonesian(tmp_path: Path) -> None:
    from sopengine.cli.messages import error_text

    db, other = tmp_path / "live.db", tmp_path / "other.db"
    engine = Engine(Store.open(str(db)))
    instance = engine.start(SEQUENCE)
    Engine(Store.open(str(other))).start(SEQUENCE)
    os.replace(other, db)  # e.g. a backup restored over it
    with pytest.raises(StoreError) as caught:
        engine.complete(instance.id, "1", by="Budi")
    assert error_text(caught.value, "id").startswith(
        f"berkas basis data {db} dihapus atau diganti selagi dipakai; tidak ada yang ditulis")
    fresh = Engine(Store.open(str(db), create=False))  # a new process opens the new file
    assert [t.step for t in fresh.tasks(instance_id=instance.id)] == ["1"]
    assert fresh.history(instance.id)[-1].kind == "started"  # the completion is not there


def test_a_file_still_in_place_is_written_as_before(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    engine = Engine(Store.open(str(db)))
    instance = engine.start(SEQUENCE)
    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)  # touching other files changes nothing
    assert engine.complete(instance.id, "1", by="Budi").task.state == "done"
    assert Store.open(str(db), create=False).created is False
