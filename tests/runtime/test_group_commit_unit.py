"""GroupCommit on its own, with a stand-in transaction: what each caller gets when a
piece of a batch hits a database error, or interrupts its leader."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from sopengine.runtime.group_commit import GroupCommit


class Stop(BaseException):
    """Stands for KeyboardInterrupt or SystemExit inside one piece of work."""


class FakeDb:
    """Records the statements; each transaction ends in COMMIT or ROLLBACK."""

    def __init__(self) -> None:
        self.log: list[str] = []

    def cursor(self) -> FakeDb:
        return self

    def execute(self, sql: str) -> None:
        self.log.append(sql)

    @contextmanager
    def transaction(self) -> Iterator[FakeDb]:
        self.log.append("BEGIN")
        try:
            yield self
        except BaseException:
            self.log.append("ROLLBACK")
            raise
        self.log.append("COMMIT")


def queued(group: GroupCommit, works: list[Callable[[Any], object]]) -> list[object]:
    """Run ``works`` from threads as one batch behind a held-up first piece."""
    release = threading.Event()
    results: list[list[object]] = [[] for _ in works]

    def call(work: Callable[[Any], object], out: list[object]) -> None:
        try:
            out.append(group.run(work))
        except BaseException as exc:
            out.append(exc)

    first: list[object] = []
    threads = [threading.Thread(target=call, args=(lambda c: release.wait(), first))]
    threads[0].start()
    while not group.busy:
        time.sleep(0.001)
    for n, (work, out) in enumerate(zip(works, results, strict=True)):
        threads.append(threading.Thread(target=call, args=(work, out)))
        threads[-1].start()
        while group.waiting < n + 1:  # queued in this order
            time.sleep(0.001)
    release.set()
    for t in threads:
        t.join(timeout=30)
        assert not t.is_alive(), "a caller was never answered"
    return [r[0] for r in results]


def test_a_database_error_in_a_batch_runs_that_piece_again_alone() -> None:
    db = FakeDb()
    group = GroupCommit(db.transaction, OSError, lambda e: RuntimeError(str(e)))
    tries = []

    def flaky(conn: Any) -> str:
        tries.append(1)
        if len(tries) == 1:
            raise OSError("deadlock detected")
        return "flaky done"

    found = queued(group, [flaky, lambda c: "b", lambda c: "c"])
    assert found == ["flaky done", "b", "c"]
    assert len(tries) == 2
    assert group.commits == 3  # the held-up one, the batch, the piece alone
    assert db.log.count("ROLLBACK TO SAVEPOINT sop_completion") == 1


def test_a_database_error_that_persists_reaches_only_its_caller() -> None:
    db = FakeDb()
    group = GroupCommit(db.transaction, OSError, lambda e: RuntimeError(str(e)))

    def broken(conn: Any) -> str:
        raise OSError("disk I/O error")

    found = queued(group, [broken, lambda c: "b"])
    assert isinstance(found[0], RuntimeError)
    assert str(found[0]) == "disk I/O error"
    assert found[1] == "b"


def test_an_interrupted_leader_leaves_the_rest_of_its_batch_to_the_next() -> None:
    db = FakeDb()
    group = GroupCommit(db.transaction, OSError, lambda e: e)

    def interrupted(conn: Any) -> str:
        raise Stop

    found = queued(group, [interrupted, lambda c: "b", lambda c: "c"])
    assert isinstance(found[0], Stop)
    assert found[1:] == ["b", "c"]
    assert not group.busy


@pytest.mark.parametrize("writers", [1, 3])
def test_many_threads_each_get_their_own_result(writers: int) -> None:
    db = FakeDb()
    group = GroupCommit(db.transaction, OSError, lambda e: e, writers=writers)
    results: dict[int, object] = {}

    def call(n: int) -> None:
        for k in range(50):
            results[n * 100 + k] = group.run(lambda c, v=n * 100 + k: v)

    threads = [threading.Thread(target=call, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert results == {v: v for v in results}
    assert len(results) == 16 * 50
    assert group.committed == 16 * 50
    assert not group.busy


def test_an_interruption_while_a_failed_batch_reruns_alone_answers_the_others() -> None:
    db = FakeDb()
    commits = [0]

    @contextmanager
    def failing_second_commit() -> Iterator[FakeDb]:
        with db.transaction() as conn:
            yield conn
            commits[0] += 1
            if commits[0] == 2:  # the batch behind the held-up one
                raise RuntimeError("the commit failed")

    group = GroupCommit(failing_second_commit, OSError, lambda e: e)
    calls = []

    def interrupted_alone(conn: Any) -> str:
        calls.append(1)
        if len(calls) == 2:  # ran in the batch, then alone
            raise Stop
        return "never returned"

    found = queued(group, [interrupted_alone, lambda c: "b", lambda c: "c"])
    assert isinstance(found[0], Stop)
    assert found[1:] == ["b", "c"]
