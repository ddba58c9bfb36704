"""Group commit (issue 14): completions that threads of one process make at the same
moment share one commit, each acknowledged only after it; a race's loser and a failing
completion get their own error without failing the others."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, func, select, text

from sopengine.errors import AlreadyDone, BadChoice, CalendarError, StoreError
from sopengine.runtime.engine import Completion, Engine
from sopengine.runtime.replay import replay_differences
from sopengine.runtime.schema import events
from sopengine.runtime.store import Store
from tests.runtime.conftest import FakeClock, sop

THREADS = 16
LINE = sop("""\
    sop: 1
    id: surat
    title: Surat
    actors: {staf: Staf, camat: Camat}
    steps:
      - {id: susun, actor: staf, action: Menyusun draf, time: 10, outputs: [Draf]}
      - {id: periksa, actor: camat, action: Memeriksa, time: 10, outputs: [Draf diperiksa]}
      - {id: kirim, actor: staf, action: Mengirim, time: 10, outputs: [Surat]}
    """)


class Commits:
    """Counts the commits sent on the store's connections, at the driver: on SQLite
    the COMMIT statements traced, on PostgreSQL the calls of the connection's commit."""

    def __init__(self, store: Store) -> None:
        self.seen = 0
        self.sqlite = store.is_sqlite
        event.listen(store.engine, "checkout", self._watch)

    def _watch(self, dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
        if self.sqlite:
            dbapi_conn.set_trace_callback(self._traced)
        elif not getattr(dbapi_conn, "_counted", False):
            commit = dbapi_conn.commit

            def counting() -> None:
                commit()
                self.seen += 1

            dbapi_conn.commit, dbapi_conn._counted = counting, True

    def _traced(self, sql: str) -> None:
        if sql == "COMMIT":
            self.seen += 1

    def count(self) -> int:
        return self.seen


def completions(store: Store, instance_id: int | None = None) -> int:
    query = select(func.count()).select_from(events).where(events.c.kind == "completed")
    if instance_id is not None:
        query = query.where(events.c.instance_id == instance_id)
    with store.reading() as conn:
        return int(conn.execute(query).scalar_one())


@contextmanager
def holding(store: Store, instance_id: int) -> Iterator[None]:
    """Another connection holds what a completion of the instance needs: SQLite's write
    lock, or the instance's row on PostgreSQL."""
    if store.is_sqlite:
        other = sqlite3.connect(str(store.file), isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()
        return
    with store.engine.connect() as other:
        held = other.begin()
        other.execute(text("SELECT id FROM instances WHERE id = :i FOR UPDATE"),
                      {"i": instance_id})
        try:
            yield
        finally:
            held.rollback()


def in_thread(fn: Callable[[], object], results: list[object]) -> threading.Thread:
    def run() -> None:
        try:
            results.append(fn())
        except BaseException as exc:
            results.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, "the completions did not queue up"
        time.sleep(0.005)


def one_batch(store: Store, engine: Engine, calls: list[Callable[[], object]]
              ) -> list[object]:
    """Run ``calls`` (completions) as one batch: a first completion is held up while
    committing, the others queue behind it, then all are let go. Returns the calls'
    results or errors, in order."""
    blocker = engine.start(LINE)
    group = store.group_commit
    first: list[object] = []
    results: list[list[object]] = [[] for _ in calls]
    with holding(store, blocker.id):
        threads = [in_thread(lambda: engine.complete(blocker.id, "susun"), first)]
        wait_for(lambda: group.busy)
        threads += [in_thread(call, out) for call, out in zip(calls, results, strict=True)]
        wait_for(lambda: group.waiting == len(calls))
    for thread in threads:
        thread.join()
    assert isinstance(first[0], Completion), first
    return [r[0] for r in results]


def test_concurrent_completions_share_commits(store: Store) -> None:
    engine = Engine(store, clock=FakeClock(), group_commit=True)
    ids = [engine.start(LINE).id for _ in range(THREADS)]
    commits = Commits(store)
    found = one_batch(store, engine, [lambda i=i: engine.complete(i, "susun") for i in ids])
    assert all(isinstance(r, Completion) for r in found), found
    assert commits.count() == 2  # the held-up one, then the sixteen together
    assert completions(store) == THREADS + 1
    for iid in ids:
        assert [t.step for t in engine.tasks(instance_id=iid)] == ["periksa"]
        assert replay_differences(engine, iid) == []


def test_free_running_threads_commit_fewer_times_than_they_complete(store: Store) -> None:
    engine = Engine(store, clock=FakeClock(), group_commit=True)
    ids = [engine.start(LINE).id for _ in range(THREADS * 2)]
    commits = Commits(store)
    barrier = threading.Barrier(THREADS)

    def finish(share: list[int]) -> None:
        barrier.wait()
        for iid in share:
            for step in ("susun", "periksa", "kirim"):
                engine.complete(iid, step)

    threads = [threading.Thread(target=finish, args=(ids[k::THREADS],)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert completions(store) == len(ids) * 3
    assert commits.count() < len(ids) * 3
    assert all(engine.instance(i).status == "completed" for i in ids)
    assert all(replay_differences(engine, i) == [] for i in ids)


def test_a_same_task_race_inside_one_batch_has_exactly_one_winner(store: Store) -> None:
    engine = Engine(store, clock=FakeClock(), group_commit=True)
    contested = engine.start(LINE)
    commits = Commits(store)
    found = one_batch(store, engine, [
        lambda n=n: engine.complete(contested.id, "susun", by=f"w{n}") for n in range(THREADS)])
    winners = [r for r in found if isinstance(r, Completion)]
    losers = [r for r in found if isinstance(r, AlreadyDone)]
    assert len(winners) == 1
    assert len(losers) == THREADS - 1
    who = winners[0].task.done_by
    pattern = re.compile(rf"step 'susun' of instance {contested.id} was already completed "
                         rf"by {who} at 2026-11-23 07:30")
    assert all(pattern.fullmatch(str(e)) for e in losers), losers
    assert commits.count() == 2
    assert completions(store, contested.id) == 1
    assert replay_differences(engine, contested.id) == []


def test_a_failing_completion_does_not_lose_the_others_in_its_batch(store: Store) -> None:
    engine = Engine(store, clock=FakeClock(), group_commit=True)
    ids = [engine.start(LINE).id for _ in range(THREADS)]
    engine.complete(ids[1], "susun")
    late = dt.datetime(9999, 12, 31, 14, 55)  # the next task's due time is past 9999
    calls: list[Callable[[], object]] = [
        lambda: engine.complete(ids[0], "susun", at=late),  # fails after writing rows
        lambda: engine.complete(ids[1], "periksa", actor="staf"),  # not its actor
    ] + [lambda i=i: engine.complete(i, "susun") for i in ids[2:]]
    commits = Commits(store)
    found = one_batch(store, engine, calls)
    assert isinstance(found[0], CalendarError)
    assert isinstance(found[1], BadChoice)
    assert all(isinstance(r, Completion) for r in found[2:]), found
    assert commits.count() == 2
    assert completions(store, ids[0]) == 0  # its half-written completion was rolled back
    assert [t.step for t in engine.tasks(instance_id=ids[0])] == ["susun"]
    assert [t.step for t in engine.tasks(instance_id=ids[1])] == ["periksa"]
    for iid in ids:
        assert replay_differences(engine, iid) == [], iid
    for iid in ids[2:]:
        assert [t.step for t in engine.tasks(instance_id=iid)] == ["periksa"]


def test_without_group_commit_each_completion_commits_alone(store: Store) -> None:
    engine = Engine(store, clock=FakeClock(), group_commit=False)
    ids = [engine.start(LINE).id for _ in range(4)]
    commits = Commits(store)
    threads = [threading.Thread(target=engine.complete, args=(i, "susun")) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert commits.count() == completions(store) == 4


@pytest.mark.parametrize("size", [1, 3])
def test_a_batch_whose_commit_fails_gives_each_caller_its_own_outcome(
        store: Store, size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A transaction that fails as a whole (its commit) is retried piece by piece."""
    engine = Engine(store, clock=FakeClock(), group_commit=True)
    ids = [engine.start(LINE).id for _ in range(size)]
    group = store.group_commit
    real = group.transaction
    opened = [0]
    fail_at = 1 if size == 1 else 2  # a batch of one, or the batch behind the held-up one

    @contextmanager
    def failing_once() -> Iterator[Any]:
        with real() as conn:
            yield conn
            opened[0] += 1
            if opened[0] == fail_at:
                raise RuntimeError("the commit failed")

    monkeypatch.setattr(group, "transaction", failing_once)
    if size == 1:  # its caller sees the failure; nothing is written
        found = [_catch(lambda: engine.complete(ids[0], "susun"))]
        assert isinstance(found[0], RuntimeError)
        assert completions(store) == 0
    else:  # the batch of three failed at its commit and ran again one by one
        found = one_batch(store, engine, [lambda i=i: engine.complete(i, "susun")
                                          for i in ids])
        assert all(isinstance(r, Completion) for r in found), found
        assert completions(store) == size + 1
    for iid in ids:
        assert replay_differences(engine, iid) == []


def _catch(fn: Callable[[], object]) -> object:
    try:
        return fn()
    except Exception as exc:
        return exc


def test_the_environment_turns_group_commit_on_or_off(store: Store,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """An office chooses by measuring its own disk (docs/performance.md: on this
    machine's fast fsync the web app served more with it off)."""
    monkeypatch.setenv("SOPENGINE_GROUP_COMMIT", "off")
    assert Engine(store).group_commit is False
    monkeypatch.setenv("SOPENGINE_GROUP_COMMIT", "on")
    assert Engine(store).group_commit is True
    assert Engine(store, group_commit=False).group_commit is False  # the caller decides
    monkeypatch.delenv("SOPENGINE_GROUP_COMMIT")
    assert Engine(store).group_commit is store.is_sqlite
    monkeypatch.setenv("SOPENGINE_GROUP_COMMIT", "maybe")
    with pytest.raises(StoreError, match="on or off"):
        Engine(store)
