"""Many users at once on one database (issue 10, part C): first opens of an empty
database, first starts of a new SOP, and the loser of a race told who won."""

from __future__ import annotations

import multiprocessing
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from sopengine.errors import AlreadyDone
from sopengine.runtime.engine import Engine
from sopengine.runtime.schema import MIGRATIONS, definitions, instances, schema_table, tasks
from sopengine.runtime.store import Store
from tests.conftest import CASES, ROOT
from tests.runtime.conftest import MONDAY, PG_URL, FakeClock, sop

WORKERS = 8
STARTS = 3
SEQUENCE = CASES / "valid" / "sequence.yaml"


def run_together(args: list[list[str]], tmp_path: Path) -> list[str]:
    """Run workers that wait for a go file, release them at once, return their outputs."""
    go = tmp_path / "go"
    outs = [tmp_path / f"w{n}" for n in range(len(args))]
    procs = [subprocess.Popen([sys.executable, "-m", "tests.runtime.worker", *a, str(out),
                               str(go)], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE) for a, out in zip(args, outs, strict=True)]
    deadline = time.monotonic() + 180
    while not all(Path(f"{out}.ready").exists() for out in outs):
        assert time.monotonic() < deadline, "workers did not start"
        assert all(p.poll() is None for p in procs), "a worker died before the start"
        time.sleep(0.01)
    go.touch()
    errors = [p.communicate(timeout=300)[1].decode() for p in procs]
    failed = [e for p, e in zip(procs, errors, strict=True) if p.returncode != 0]
    assert not failed, f"{len(failed)} of {len(procs)} workers failed:\n{failed[0]}"
    return [out.read_text() for out in outs]


def test_many_processes_open_an_empty_database_and_start_a_new_sop_at_once(
        db_url: str, tmp_path: Path) -> None:
    outs = run_together([["first-open", db_url, str(SEQUENCE), str(STARTS)]] * WORKERS,
                        tmp_path)
    ids = [int(i) for out in outs for i in out.split()]
    assert len(set(ids)) == WORKERS * STARTS
    store = Store(db_url)
    try:
        with store.reading() as conn:
            versions = [r[0] for r in conn.execute(select(schema_table.c.version))]
            stored = conn.execute(select(func.count()).select_from(definitions)).scalar_one()
            started = conn.execute(select(func.count()).select_from(instances)).scalar_one()
    finally:
        store.close()
    assert sorted(versions) == [v for v, _, _ in MIGRATIONS]  # each migration ran once
    assert (stored, started) == (1, WORKERS * STARTS)


def _open_when_released(url: str, barrier: object, results: object) -> None:
    barrier.wait()  # type: ignore[attr-defined]
    try:
        Store(url).close()
        results.put("")  # type: ignore[attr-defined]
    except BaseException as exc:  # reported to the parent
        results.put(repr(exc))  # type: ignore[attr-defined]


def test_processes_switching_a_new_sqlite_file_to_wal_at_once_never_see_it_locked(
        tmp_path: Path) -> None:
    """SQLite skips the busy handler in this race: about one round in eight lost a
    process to "database is locked" before the switch was retried."""
    ctx = multiprocessing.get_context("fork")
    failures = []
    for round_ in range(16):
        url = f"sqlite:///{tmp_path}/r{round_}.db"
        barrier, results = ctx.Barrier(WORKERS), ctx.Queue()
        procs = [ctx.Process(target=_open_when_released, args=(url, barrier, results))
                 for _ in range(WORKERS)]
        for p in procs:
            p.start()
        failures += [r for r in (results.get(timeout=120) for _ in procs) if r]
        for p in procs:
            p.join(timeout=60)
        store = Store(url)
        try:
            with store.reading() as conn:
                assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        finally:
            store.close()
    assert not failures, f"{len(failures)} opens failed, first: {failures[0]}"


def test_threads_starting_a_new_sop_at_once_all_succeed(store: Store) -> None:
    engine = Engine(store, clock=FakeClock())
    loaded = sop("""\
        sop: 1
        id: baru
        title: Baru
        actors: {staf: Staf}
        steps:
          - {id: a, actor: staf, action: Menyusun, time: 10, outputs: [Draf]}
        """)
    barrier = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def start() -> None:
        barrier.wait()
        try:
            engine.start(loaded)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(engine.instances()) == WORKERS


pg_only = pytest.mark.skipif(not PG_URL, reason="needs PostgreSQL (SOPENGINE_TEST_PG)")


def wait_until_blocked(store: Store) -> None:
    """Until another session of this database waits for a lock."""
    query = text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                 "AND wait_event_type = 'Lock'")
    deadline = time.monotonic() + 60
    while True:
        with store.reading() as conn:
            if conn.execute(query).scalar_one():
                return
        assert time.monotonic() < deadline, "nobody waited for the lock"
        time.sleep(0.01)


def in_thread(fn: object) -> tuple[threading.Thread, list[object]]:
    result: list[object] = []

    def run() -> None:
        try:
            result.append(fn())  # type: ignore[operator]
        except BaseException as exc:
            result.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, result


@pg_only
def test_a_start_waiting_on_another_first_start_of_the_same_sop_succeeds() -> None:
    from tests.runtime.conftest import reset_postgres

    assert PG_URL
    reset_postgres(PG_URL)
    store = Store(PG_URL)
    try:
        engine = Engine(store, clock=FakeClock())
        loaded = sop("""\
            sop: 1
            id: serentak
            title: Serentak
            actors: {staf: Staf}
            steps:
              - {id: a, actor: staf, action: Menyusun, time: 10, outputs: [Draf]}
            """)
        other = Engine(Store(PG_URL), clock=FakeClock())
        with other.store.raw_transaction() as conn:  # a first start, not yet committed
            other._pin(conn, loaded, MONDAY)
            thread, result = in_thread(lambda: engine.start(loaded))
            wait_until_blocked(store)  # its insert waits for this one's
        thread.join()
        other.store.close()
        assert not isinstance(result[0], BaseException), result[0]
    finally:
        store.close()


@pg_only
def test_the_loser_of_a_race_is_told_who_completed_the_task_and_when() -> None:
    from tests.runtime.conftest import reset_postgres

    assert PG_URL
    reset_postgres(PG_URL)
    store = Store(PG_URL)
    try:
        engine = Engine(store, clock=FakeClock())
        inst = engine.start(SEQUENCE)
        [task] = engine.tasks(instance_id=inst.id)
        winner = store.engine.connect()
        with winner.begin():  # the winner holds the instance while completing
            winner.execute(select(instances.c.id).where(instances.c.id == inst.id)
                           .with_for_update())
            thread, result = in_thread(lambda: engine.complete(inst.id, task.step, by="Budi"))
            wait_until_blocked(store)
            winner.execute(tasks.update().where(tasks.c.id == task.id).values(
                state="done", done_by="Ani", actor=task.actors[0],
                done_at=MONDAY.replace(hour=9, minute=5)))
        winner.close()
        thread.join()
        [error] = result
        assert isinstance(error, AlreadyDone)
        assert str(error) == (f"step '{task.step}' of instance {inst.id} was already "
                              "completed by Ani at 2026-11-23 09:05")
    finally:
        store.close()


def test_every_loser_of_a_race_is_told_who_won(store: Store) -> None:
    engine = Engine(store, clock=FakeClock())
    ids = [engine.start(SEQUENCE).id for _ in range(10)]
    barrier = threading.Barrier(4)
    lost: list[str] = []

    def race(name: str) -> None:
        for iid in ids:
            barrier.wait()
            try:
                engine.complete(iid, "1", by=name)
            except AlreadyDone as exc:
                lost.append(str(exc))

    threads = [threading.Thread(target=race, args=(f"w{n}",)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(lost) == 3 * len(ids)
    pattern = re.compile(r"step '1' of instance \d+ was already completed by w\d at "
                         r"2026-11-23 07:30")
    assert all(pattern.fullmatch(m) for m in lost), lost
