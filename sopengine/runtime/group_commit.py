"""Group commit: the completions that threads of one process make at the same moment
share one transaction and one commit (one fsync on SQLite).

A thread that submits work while no batch is being written becomes the leader: it
takes every piece of work waiting at that moment, runs them in one write
transaction, each inside its own SAVEPOINT, and commits once. Work that arrives
meanwhile waits for the next batch: the leader hands it to the first of its threads
(only that one wakes), and wakes the others of its own batch once they are done.
Each caller gets its result, or its own error, only after the commit that holds
its work: what ``run`` returned is durable.

- An error of one piece of work (AlreadyDone for a race's loser, NotFound, a
  calendar overflow after some of its rows were written) rolls back to its
  savepoint: only its own changes go, the others commit, and the error is raised
  to its caller.
- A database error inside one piece (on PostgreSQL a deadlock, say) also rolls
  back to its savepoint; that piece runs again alone after the batch's commit.
- A batch whose transaction fails as a whole (its BEGIN or COMMIT) runs each
  piece again alone, in its own transaction: nothing was committed, so each
  caller gets its own outcome.
- A batch of one runs without a savepoint: one client pays what it paid before.

On PostgreSQL the pieces run in the order of their key (the instance they lock),
so two processes' batches take their row locks in the same order and cannot
deadlock each other.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")
Work = Callable[[Any], T]


@dataclass(eq=False)
class _Job(Generic[T]):
    work: Work[T]
    key: int
    done: bool = False
    result: Any = None
    error: BaseException | None = None
    retry: bool = False  # a database error inside the batch: run again alone
    #: set when the work is done, or when its thread is to write ``batch`` next
    wake: threading.Event = field(default_factory=threading.Event)
    batch: list[_Job[Any]] | None = None

    def outcome(self) -> T:
        if self.error is not None:
            raise self.error
        return self.result  # type: ignore[no-any-return]


@dataclass
class GroupCommit:
    """Batches write transactions of one process on one store.

    ``transaction`` opens one write transaction on the calling thread's connection and
    yields the driver connection; ``db_error`` is the driver's base exception, which
    ``wrap`` turns into the error a caller sees.
    """

    transaction: Callable[[], AbstractContextManager[Any]]
    db_error: type[BaseException]
    wrap: Callable[[BaseException], BaseException]
    ordered: bool = False  # PostgreSQL: run a batch in key order
    #: batches written at once, each on its own connection (SQLite has one writer)
    writers: int = 1
    #: transactions committed, pieces of work committed, pieces written in a batch of
    #: more than one (for tests and benchmarks)
    commits: int = 0
    committed: int = 0
    batched: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _queue: list[_Job[Any]] = field(default_factory=list)
    _writing: int = 0  # batches being written

    @property
    def busy(self) -> bool:
        """Whether a batch is being written."""
        with self._lock:
            return self._writing > 0

    @property
    def waiting(self) -> int:
        """Pieces of work queued for the next batch."""
        with self._lock:
            return len(self._queue)

    def run(self, work: Work[T], key: int = 0) -> T:
        """Run ``work(conn)`` in a write transaction shared with the work other threads
        submit meanwhile; return its result once that transaction is committed."""
        job: _Job[T] = _Job(work, key)
        with self._lock:
            self._queue.append(job)
            if self._writing < self.writers:
                self._writing += 1
                job.batch, self._queue = self._queue, []
        if job.batch is None:  # wait until done, or until handed the next batch
            job.wake.wait()
            if job.done:
                return job.outcome()
        batch, job.batch = job.batch, None
        assert batch is not None
        try:
            self._write(batch, job)
        finally:
            self._hand_on()
        return job.outcome()

    def _hand_on(self) -> None:
        """Give the work queued meanwhile to the first of its threads, which writes it
        next (only that thread wakes), or free the writer's place."""
        with self._lock:
            if self._queue:
                first = self._queue[0]
                first.batch, self._queue = self._queue, []
                first.wake.set()
            else:
                self._writing -= 1

    def _write(self, batch: list[_Job[Any]], own: _Job[Any]) -> None:
        try:
            if len(batch) == 1:
                self._write_alone(own)
                return
            try:
                self._write_batch(batch)
            except Exception:  # nothing of the batch is committed: each piece on its own
                for job in batch:
                    self._write_alone(job)
            for job in batch:
                if job.retry:
                    self._write_alone(job)
        except BaseException:  # interrupted: what is not done waits for the next leader
            with self._lock:
                self._queue[:0] = [j for j in batch if j is not own and not j.done]
            raise

    def _write_batch(self, batch: list[_Job[Any]]) -> None:
        with self._lock:
            self.batched += len(batch)
        outcomes: list[tuple[_Job[Any], Any, BaseException | None]] = []
        with self.transaction() as conn:
            cursor = conn.cursor()
            for job in sorted(batch, key=lambda j: j.key) if self.ordered else batch:
                job.retry = False
                outcomes.append((job, *self._savepoint(cursor, conn, job)))
        self._committed([(job, result, error) for job, result, error in outcomes
                         if not job.retry])

    def _savepoint(self, cursor: Any, conn: Any, job: _Job[Any]
                   ) -> tuple[Any, BaseException | None]:
        cursor.execute("SAVEPOINT sop_completion")
        try:
            result = job.work(conn)
        except Exception as exc:
            cursor.execute("ROLLBACK TO SAVEPOINT sop_completion")
            cursor.execute("RELEASE SAVEPOINT sop_completion")
            job.retry = isinstance(exc, self.db_error)
            return None, exc
        cursor.execute("RELEASE SAVEPOINT sop_completion")
        return result, None

    def _write_alone(self, job: _Job[Any]) -> None:
        """One piece in its own transaction (the transaction turns a database error
        into the caller's error)."""
        job.retry = False
        try:
            with self.transaction() as conn:
                result = job.work(conn)
        except Exception as exc:
            self._committed([(job, None, exc)], commit=False)
        else:
            self._committed([(job, result, None)])

    def _committed(self, outcomes: list[tuple[_Job[Any], Any, BaseException | None]],
                   commit: bool = True) -> None:
        """Hand each piece its outcome: its transaction has ended."""
        with self._lock:
            for job, result, error in outcomes:
                if isinstance(error, self.db_error):
                    error = self.wrap(error)
                job.result, job.error, job.done = result, error, True
                job.wake.set()
                self.committed += error is None
            self.commits += commit
