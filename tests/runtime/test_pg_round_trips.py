"""On PostgreSQL a completion's writes are one round trip (issue 14): counted at the
driver, in libpq's own trace of the protocol, and storing the same rows and returning
the same completion as the writes one statement after another (the SQLite path)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from psycopg import pq
from sqlalchemy import text

from sopengine.definition.loader import LoadedSop, check_file
from sopengine.runtime.autorun import run_auto
from sopengine.runtime.engine import Completion, Engine
from sopengine.runtime.replay import replay_differences
from sopengine.runtime.store import Store
from tests.conftest import CASES, ROOT
from tests.runtime.conftest import PG_URL, FakeClock, reset_postgres

pytestmark = pytest.mark.skipif(not PG_URL, reason="needs PostgreSQL (SOPENGINE_TEST_PG)")

NESTED = CASES / "valid" / "nested-parallel.yaml"  # mulai splits into a1 and b1


@pytest.fixture
def store() -> Iterator[Store]:
    assert PG_URL
    reset_postgres(PG_URL)
    s = Store(PG_URL)
    yield s
    s.close()


@contextmanager
def round_trips(store: Store) -> Iterator[list[str]]:
    """The messages the server sent on this thread's write connection, one per line of
    libpq's trace; each ReadyForQuery ends one round trip."""
    with store.raw_transaction() as driver:  # the thread's write connection
        pass
    found: list[str] = []
    with tempfile.TemporaryFile() as trace:
        driver.pgconn.trace(trace.fileno())
        driver.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS | pq.Trace.REGRESS_MODE)
        try:
            yield found
        finally:
            driver.pgconn.untrace()
            trace.seek(0)
            found.extend(trace.read().decode().splitlines())


def ends(lines: list[str]) -> int:
    return sum(1 for line in lines if line.split("\t")[2:3] == ["ReadyForQuery"])


def test_a_completion_that_splits_is_four_round_trips(store: Store) -> None:
    """BEGIN (psycopg sends it alone), the locking read, every write, COMMIT: before,
    each write was a round trip of its own (11 here: two new tasks)."""
    engine = Engine(store, clock=FakeClock())
    loaded = check_file(NESTED)
    for _ in range(6):  # past psycopg's prepare threshold: the steady state
        engine.complete(engine.start(loaded).id, "mulai")
    inst = engine.start(loaded)
    with round_trips(store) as lines:
        completion = engine.complete(inst.id, "mulai")
    assert [t.step for t in completion.new_tasks] == ["a1", "b1"]
    assert ends(lines) == 4, "\n".join(lines)
    assert [t.step for t in engine.tasks(instance_id=inst.id)] == ["a1", "b1"]
    assert replay_differences(engine, inst.id) == []


def test_the_last_completion_reads_once_more_whether_anything_is_still_open(
        store: Store) -> None:
    engine = Engine(store, clock=FakeClock())
    loaded = check_file(CASES / "valid" / "sequence.yaml")
    assert loaded.sop is not None
    first, last = (s.id for s in loaded.sop.steps)
    for _ in range(6):  # past psycopg's prepare threshold
        inst = engine.start(loaded)
        engine.complete(inst.id, first)
        engine.complete(inst.id, last)
    inst = engine.start(loaded)
    engine.complete(inst.id, first)
    with round_trips(store) as lines:
        completion = engine.complete(inst.id, last)
    assert completion.instance_status == "completed"
    assert ends(lines) == 5, "\n".join(lines)  # and the read of the open tasks


def test_a_completion_whose_task_was_done_meanwhile_writes_nothing(store: Store) -> None:
    """The task's UPDATE matches no row (its row, read with the lock, was older than
    the lock): AlreadyDone, and the transaction rolled back."""
    from sopengine.errors import AlreadyDone

    engine = Engine(store, clock=FakeClock())
    inst = engine.start(check_file(NESTED))
    before = rows(store)
    with store.raw_transaction() as driver:
        pass
    real = engine._lock_ready

    def stale(conn: Any, *args: Any) -> Any:  # the read of a lock that waited
        found = real(conn, *args)
        driver.execute("UPDATE tasks SET state = 'done', done_by = 'Ani', "
                       "done_at = '2026-11-23 09:05' WHERE instance_id = %s", (inst.id,))
        return found

    engine._lock_ready = stale  # type: ignore[method-assign]
    with pytest.raises(AlreadyDone, match="already completed by Ani at 2026-11-23 09:05"):
        engine.complete(inst.id, "mulai")
    assert rows(store) == before


def rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored row of the instance tables, in the order of their keys."""
    queries = {
        "instances": "SELECT * FROM instances ORDER BY id",
        "tasks": "SELECT * FROM tasks ORDER BY id",
        "inbox": "SELECT * FROM inbox ORDER BY task_id, actor",
        "events": "SELECT * FROM events ORDER BY instance_id, seq",
    }
    with store.reading() as conn:
        return {name: [tuple(r) for r in conn.execute(text(q))] for name, q in queries.items()}


def run_each(engine: Engine, sops: list[LoadedSop]) -> list[list[Completion]]:
    return [run_auto(engine, loaded, seed=seed)[1]
            for seed in (1, 2, 3) for loaded in sops]


@pytest.mark.parametrize("path", [*sorted((CASES / "valid").glob("*.yaml")),
                                  ROOT / "sops" / "pengukuran.yaml"], ids=lambda p: p.stem)
def test_the_writes_at_once_store_what_the_writes_in_turn_store(path: Any) -> None:
    """The same runs (seeded decisions, virtual clock) on two new databases: one
    with the writes in one statement, one with them in turn (SQLite's path)."""
    loaded = check_file(path)
    assert loaded.ok, loaded.diagnostics

    def run(pick: Callable[[Engine], Any]) -> tuple[list[list[Completion]], dict[str, Any]]:
        assert PG_URL
        reset_postgres(PG_URL)
        store = Store(PG_URL)
        try:
            engine = Engine(store, clock=FakeClock())
            engine._write_at_once = pick(engine)  # type: ignore[method-assign]
            return run_each(engine, [loaded]), rows(store)
        finally:
            store.close()

    at_once = run(lambda e: e._write_at_once)
    in_turn = run(lambda e: e._write_in_turn)
    assert at_once == in_turn
