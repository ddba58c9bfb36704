"""One completion writes only what the history and the queries need (issue 14): no copy
of the step's outputs in its event, no index that no query reads, the status index
rewritten only when the status changes, the history keyed by (instance, seq) and
stored in that order."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text

from sopengine.runtime.engine import Engine
from sopengine.runtime.replay import replay_differences
from sopengine.runtime.schema import events
from sopengine.runtime.store import Store
from tests.conftest import ROOT
from tests.runtime.conftest import PG_URL, FakeClock, reset_postgres, sop

LINE = sop("""\
    sop: 1
    id: surat
    title: Surat
    actors: {staf: Staf, camat: Camat}
    steps:
      - {id: susun, actor: staf, action: Menyusun draf, time: 30, outputs: [Draf, Lampiran]}
      - {id: tandatangan, actor: camat, action: Menandatangani, time: 5, outputs: [Surat]}
    """)


def test_a_completion_stores_no_copy_of_its_outputs_and_the_history_still_shows_them(
        store: Store) -> None:
    engine = Engine(store, clock=FakeClock())
    inst = engine.start(LINE)
    engine.complete(inst.id, "susun")
    engine.complete(inst.id, "tandatangan")
    with store.reading() as conn:
        stored = [r[0] for r in conn.execute(select(events.c.outputs).where(
            events.c.kind == "completed"))]
    assert stored == [None, None]
    assert [e.outputs for e in engine.history(inst.id)] == [(), ("Draf", "Lampiran"),
                                                            ("Surat",)]


def test_events_stored_with_their_outputs_by_an_older_version_keep_them(
        tmp_path: Path) -> None:
    db = tmp_path / "v1.sqlite"
    shutil.copy(ROOT / "tests" / "data" / "db" / "v1.sqlite", db)
    store = Store(f"sqlite:///{db}")
    try:
        engine = Engine(store)
        [inst] = engine.instances()
        assert [e.outputs for e in engine.history(inst.id)][1:] == [
            ("Disposisi",), ("Draf pengukuran kinerja",), ("Draf masukan dan arahan",)]
        engine.complete(inst.id, "undang-rapat")
        assert engine.history(inst.id)[-1].outputs != ()
        assert replay_differences(engine, inst.id) == []
    finally:
        store.close()


def _indexes(path: Path) -> set[str]:
    db = sqlite3.connect(path)
    try:
        return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    finally:
        db.close()


def test_no_index_of_tasks_by_step_and_state_new_or_migrated(tmp_path: Path) -> None:
    Store(f"sqlite:///{tmp_path / 'new.db'}").close()
    old = tmp_path / "v1.sqlite"
    shutil.copy(ROOT / "tests" / "data" / "db" / "v1.sqlite", old)
    assert "ix_tasks_step_state" in _indexes(old)
    Store(f"sqlite:///{old}").close()
    for path in (tmp_path / "new.db", old):
        names = _indexes(path)
        assert "ix_tasks_step_state" not in names
        assert {"ix_tasks_instance", "ix_tasks_ready_due", "ix_inbox_actor_due"} <= names


def test_the_status_is_written_only_by_the_completion_that_changes_it(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'sop.db'}")
    try:
        engine = Engine(store, clock=FakeClock())
        inst = engine.start(LINE)
        sent: list[str] = []
        with store.raw_transaction() as driver:  # the write connection: traced from here
            driver.set_trace_callback(sent.append)
        engine.complete(inst.id, "susun")
        middle = [s for s in sent if s.startswith("UPDATE instances")]
        sent.clear()
        engine.complete(inst.id, "tandatangan")
        last = [s for s in sent if s.startswith("UPDATE instances")]
    finally:
        store.close()
    assert len(middle) == 1
    assert "status" not in middle[0]
    assert len(last) == 1
    assert "status" in last[0]
    assert "finished_at" in last[0]


def test_an_older_database_gets_its_history_keyed_by_instance_and_seq(tmp_path: Path) -> None:
    db = tmp_path / "v1.sqlite"
    shutil.copy(ROOT / "tests" / "data" / "db" / "v1.sqlite", db)
    raw = sqlite3.connect(db)
    before = raw.execute("SELECT instance_id, seq, kind, at, task_id, step, actor, by_name, "
                         "branch, note, outputs FROM events ORDER BY id").fetchall()
    inbox_before = raw.execute("SELECT * FROM inbox ORDER BY task_id, actor").fetchall()
    raw.close()
    Store(f"sqlite:///{db}").close()
    raw = sqlite3.connect(db)
    try:
        columns = [r[1] for r in raw.execute("PRAGMA table_info(events)")]
        after = raw.execute(f"SELECT {', '.join(columns)} FROM events").fetchall()
        tables = dict(raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                                  "AND name IN ('events', 'inbox')").fetchall())
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        inbox_after = raw.execute("SELECT * FROM inbox ORDER BY task_id, actor").fetchall()
    finally:
        raw.close()
    assert "id" not in columns
    assert after == before  # every event kept, in the history's order
    assert inbox_after == inbox_before
    assert all("WITHOUT ROWID" in sql for sql in tables.values())


OLD_EVENTS = """
CREATE TABLE events (id SERIAL PRIMARY KEY,
    instance_id INTEGER NOT NULL REFERENCES instances (id), seq INTEGER NOT NULL,
    kind VARCHAR(20) NOT NULL, at TIMESTAMP WITHOUT TIME ZONE NOT NULL, task_id INTEGER,
    step VARCHAR(200), actor VARCHAR(200), by_name TEXT, branch TEXT, note TEXT,
    outputs TEXT, CONSTRAINT ux_events_seq UNIQUE (instance_id, seq),
    CONSTRAINT ux_events_task UNIQUE (task_id, kind))
"""


@pytest.mark.skipif(not PG_URL, reason="needs PostgreSQL (SOPENGINE_TEST_PG)")
def test_an_older_postgresql_database_gets_its_history_keyed_by_instance_and_seq() -> None:
    assert PG_URL
    reset_postgres(PG_URL)
    store = Store(PG_URL)
    engine = Engine(store, clock=FakeClock())
    inst = engine.start(LINE)
    engine.complete(inst.id, "susun")
    history = engine.history(inst.id)
    with store.transaction() as conn:  # back to the events table of migrations 1-6
        rows = conn.execute(text("SELECT instance_id, seq, kind, at, task_id, step, actor, "
                                 "by_name FROM events ORDER BY seq")).all()
        conn.execute(text("DROP TABLE events"))
        conn.execute(text(OLD_EVENTS))
        for r in rows:
            conn.execute(text("INSERT INTO events (instance_id, seq, kind, at, task_id, step, "
                              "actor, by_name) VALUES (:a, :b, :c, :d, :e, :f, :g, :h)"),
                         dict(zip("abcdefgh", r, strict=True)))
        conn.execute(text("DELETE FROM sopengine_schema WHERE version = 7"))
    store.close()
    store = Store(PG_URL)
    try:
        engine = Engine(store, clock=FakeClock())
        with store.reading() as conn:
            columns = {r[0] for r in conn.execute(text(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'events'"))}
            key = conn.execute(text(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conname = 'events_pkey'")).scalar_one()
        assert "id" not in columns
        assert key == "PRIMARY KEY (instance_id, seq)"
        assert engine.history(inst.id) == history
        engine.complete(inst.id, "tandatangan")
        assert replay_differences(engine, inst.id) == []
    finally:
        store.close()
