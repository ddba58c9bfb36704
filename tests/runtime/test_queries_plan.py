"""The queries an office runs walk an index instead of sorting every ready task
(issue 14): checked on SQLite's plan for the statement the engine sends."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sopengine.runtime.engine import Engine
from sopengine.runtime.store import Store
from tests.conftest import SOPS


def _plans(tmp_path: Path, call) -> list[str]:
    """SQLite's plan of every SELECT the engine sends while ``call`` runs."""
    path = tmp_path / "plan.db"
    store = Store(f"sqlite:///{path}")
    engine = Engine(store)
    engine.start(SOPS / "pengukuran.yaml")
    sent: list[str] = []
    with store.raw_reading() as driver:  # the queries' connection: every statement traced
        driver.set_trace_callback(sent.append)
    call(engine)
    store.close()
    db = sqlite3.connect(path)
    try:
        return [" ".join(str(r[-1]) for r in db.execute("EXPLAIN QUERY PLAN " + sql))
                for sql in sent if sql.lstrip().upper().startswith("SELECT")]
    finally:
        db.close()


def test_all_ready_tasks_walk_the_ready_index(tmp_path: Path) -> None:
    [plan] = _plans(tmp_path, lambda e: e.tasks(limit=50))
    assert "ix_tasks_ready_due" in plan
    assert "TEMP B-TREE" not in plan


def test_an_inbox_walks_its_index(tmp_path: Path) -> None:
    [plan] = _plans(tmp_path, lambda e: e.tasks(actor="camat", limit=50))
    assert "ix_inbox_actor_due" in plan
    assert "TEMP B-TREE" not in plan


def test_the_inbox_of_several_positions_walks_each_index(tmp_path: Path) -> None:
    """One person holding several positions (the web app's Tugas saya): no sort of
    every ready task of theirs, which grew with the office (44 ms at 100,000)."""
    plans = _plans(tmp_path, lambda e: e.inbox(["camat", "sekretaris", "sektim"], limit=201))
    assert len(plans) == 3
    for plan in plans:
        assert "ix_inbox_actor_due" in plan
        assert "TEMP B-TREE" not in plan


def test_counting_an_inbox_reads_the_index_alone(tmp_path: Path) -> None:
    """The nav bar's count: one statement on the inbox index, no table read."""
    [plan] = _plans(tmp_path, lambda e: e.inbox_count(["camat", "sekretaris"], limit=201))
    assert "SEARCH inbox USING COVERING INDEX ix_inbox_actor_due" in plan
    assert "instances" not in plan
    assert "tasks" not in plan


def test_a_v1_database_gains_the_ready_index(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import ROOT

    db = tmp_path / "v1.sqlite"
    shutil.copy(ROOT / "tests" / "data" / "db" / "v1.sqlite", db)
    Store(f"sqlite:///{db}").close()
    names = {r[0] for r in sqlite3.connect(db).execute(
        "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "ix_tasks_ready_due" in names
