"""One completion writes only what the history and the queries need (issue 14): no copy
of the step's outputs in its event, no index that no query reads, the status index
rewritten only when the status changes."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import select

from sopengine.runtime.engine import Engine
from sopengine.runtime.replay import replay_differences
from sopengine.runtime.schema import events
from sopengine.runtime.store import Store
from tests.conftest import ROOT
from tests.runtime.conftest import FakeClock, sop

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
