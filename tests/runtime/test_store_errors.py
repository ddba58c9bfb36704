"""A database's error reaches the user as what happened and what to do, never as
SQL, a table or constraint name, or "internal error" (issue 10 item 15)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from sopengine.errors import StoreError
from sopengine.runtime.engine import Engine
from sopengine.runtime.store import Store
from sopengine.runtime.store_errors import kind_of, store_error
from tests.conftest import SOPS
from tests.runtime.conftest import PG_URL, reset_postgres
from tests.test_cli import run

PENGUKURAN = SOPS / "pengukuran.yaml"
RAW = ("Traceback", "internal error", "galat internal", "sqlite", "SQL", "inbox",
       "no such table", "psycopg")


def said(r: object) -> str:
    out = r.stdout + r.stderr  # type: ignore[attr-defined]
    for raw in RAW:
        assert raw not in out, (raw, out)
    return out


def test_a_file_that_is_not_a_database_is_named_as_such(tmp_path: Path) -> None:
    junk = tmp_path / "sop.db"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    r = run("list", "--db", junk)
    assert r.returncode == 3
    assert "basis data rusak atau bukan basis data sopengine" in said(r)
    r = run("list", "--db", junk, "--lang", "en")
    assert "the database is damaged or is not a sopengine database" in said(r)


def test_a_database_missing_a_table_is_damaged_not_a_bug(tmp_path: Path) -> None:
    db = tmp_path / "sop.db"
    assert run("start", PENGUKURAN, "--db", db).returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE inbox")
    for args in (("complete", "1", "perintah"), ("tasks", "--actor", "camat"),
                 ("cancel", "1")):
        r = run(*args, "--db", db)
        assert r.returncode == 3, (args, r.stderr)
        assert "basis data rusak" in said(r), args


@pytest.mark.parametrize(("make", "kind"), [
    (lambda c: c.execute("CREATE TABLE t (a UNIQUE)") and c.execute(
        "INSERT INTO t VALUES (1), (1)"), "conflict"),
    (lambda c: c.execute("SELECT * FROM nowhere"), "damaged"),
    (lambda c: c.execute("SELEC 1"), "refused"),
])
def test_sqlite_errors_are_sorted_by_their_code(make: object, kind: str) -> None:
    conn = sqlite3.connect(":memory:")
    with pytest.raises(sqlite3.Error) as raised:
        make(conn)  # type: ignore[operator]
    assert kind_of(raised.value) == kind
    error = store_error(raised.value)
    assert error.kind == kind
    assert error.detail
    assert "nowhere" not in str(error)
    assert " t " not in str(error)


def test_a_busy_database_is_busy(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(path, timeout=0)
    with pytest.raises(sqlite3.Error) as raised:
        other.execute("SELECT * FROM sqlite_master").fetchall()
    holder.rollback()
    assert kind_of(raised.value) == "busy"


def test_a_read_only_sqlite_connection_is_read_only(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    sqlite3.connect(path).execute("CREATE TABLE t (a)")
    ro = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.Error) as raised:
        ro.execute("INSERT INTO t VALUES (1)")
    assert kind_of(raised.value) == "read-only"


@pytest.mark.skipif(not PG_URL, reason="needs SOPENGINE_TEST_PG")
def test_a_dropped_server_connection_is_unavailable_and_the_next_call_works(
        tmp_path: Path) -> None:
    assert PG_URL
    reset_postgres(PG_URL)
    store = Store(PG_URL)
    engine = Engine(store)
    inst = engine.start(PENGUKURAN)
    killer = create_engine(PG_URL)
    with killer.begin() as conn:  # the server ends every other session (a restart)
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE pid <> pg_backend_pid() AND datname = current_database()"))
    killer.dispose()
    with pytest.raises(StoreError) as lost:
        engine.complete(inst.id, "perintah")
    assert lost.value.kind == "unavailable"
    assert "terminat" not in str(lost.value)  # the server's words stay in .detail
    done = engine.complete(inst.id, "perintah")  # a new connection: nothing was lost
    assert done.task.step == "perintah"
    assert [e.kind for e in engine.history(inst.id)] == ["started", "completed"]
    store.close()


@pytest.mark.skipif(not PG_URL, reason="needs SOPENGINE_TEST_PG")
def test_postgresql_errors_are_sorted_by_sqlstate() -> None:
    import psycopg

    assert PG_URL
    with psycopg.connect(PG_URL.replace("postgresql+psycopg", "postgresql")) as conn:
        for sql, kind in (("SELECT * FROM nowhere", "damaged"),
                          ("CREATE TEMP TABLE t (a int UNIQUE); INSERT INTO t VALUES (1), (1)",
                           "conflict"),
                          ("SET TRANSACTION READ ONLY; CREATE TEMP TABLE u (a int)",
                           "read-only")):
            with pytest.raises(psycopg.Error) as raised:
                conn.execute(sql)
            conn.rollback()
            assert kind_of(raised.value) == kind, sql
