"""The engine: start instances, hand out tasks, complete them, keep the history.

Every change is one database transaction that appends its event to the
history and updates the current state (instance, tasks, inbox) to match, so the
two never disagree; ``replay`` checks that they do not. Completing a task is
exactly-once: the instance is locked (``BEGIN IMMEDIATE`` on SQLite, ``SELECT
... FOR UPDATE`` on PostgreSQL) and the task moves from ready to done only if
it is still ready; whoever comes second gets :class:`AlreadyDone` naming who
came first. Completions that threads of one process make at the same moment share
one transaction and one commit (runtime/group_commit.py), each in its own savepoint.
On PostgreSQL, where each statement is a round trip, a completion's writes after the
locking read go as one statement (runtime/pg_writes.py); SQLite runs them in turn.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import os
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    bindparam,
    delete,
    func,
    insert,
    literal_column,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from sopengine.definition.calendar import WorkingCalendar
from sopengine.definition.duration import WorkingTime
from sopengine.definition.flow import Flow
from sopengine.definition.loader import LoadedSop, check_file, check_text
from sopengine.definition.model import Sop
from sopengine.errors import AlreadyDone, BadChoice, NotFound, SopInvalid, StoreError
from sopengine.runtime._fastsql import FastSQL
from sopengine.runtime.inbox_count import StoredDefinitions, count_inbox
from sopengine.runtime.lifecycle import INSTANCE, TASK
from sopengine.runtime.monitoring import (
    find_instances,
    history_state,
    instance_counts,
    step_times,
)
from sopengine.runtime.pg_writes import NewTask, write_completion
from sopengine.runtime.records import Event, Instance, StepTime, Task
from sopengine.runtime.routing import Move, route
from sopengine.runtime.schema import definitions, events, inbox, instances, tasks
from sopengine.runtime.store import Store

# Statements built once; values travel as parameters, so SQLAlchemy compiles each
# statement once per connection (per completion it only binds and executes).
_LOCK = select(instances).where(instances.c.id == bindparam("iid"))
_LOCK_FOR_UPDATE = _LOCK.with_for_update()
# the instance and, in the same query, the ready task of the step being completed
_READY = tasks.alias("ready")
# written out, not bound: a partial index (WHERE state = 'ready') serves only a literal
_IS_READY = tasks.c.state == literal_column("'ready'")
_LOCK_WITH_TASK = (
    select(instances, *[c.label(f"t_{c.name}") for c in _READY.c])
    .select_from(instances.outerjoin(_READY, (_READY.c.instance_id == instances.c.id)
                                     & (_READY.c.step == bindparam("sid"))
                                     & (_READY.c.state == "ready")))
    .where(instances.c.id == bindparam("iid")))
_LOCK_WITH_TASK_FOR_UPDATE = _LOCK_WITH_TASK.with_for_update(of=instances)
_LAST_TASK = (select(tasks).where(tasks.c.instance_id == bindparam("iid"),
                                  tasks.c.step == bindparam("sid"))
              .order_by(tasks.c.id.desc()).limit(1))
_TASK_BY_ID = select(tasks).where(tasks.c.id == bindparam("tid"),
                                  tasks.c.instance_id == bindparam("iid"),
                                  tasks.c.step == bindparam("sid"))
_READY_STEPS = select(tasks.c.step).where(tasks.c.instance_id == bindparam("iid"),
                                          tasks.c.state == "ready")
_OTHER_READY = _READY_STEPS.where(tasks.c.id != bindparam("tid")).limit(1)
# the queries, built once so each is compiled once per dialect (runtime/_fastsql.py)
_TASK_TIMES = ("ready_at", "due_at", "done_at")
_INBOX = (select(tasks).join(inbox, inbox.c.task_id == tasks.c.id)
          .where(inbox.c.actor == bindparam("actor"))
          .order_by(inbox.c.due_at, inbox.c.task_id).limit(bindparam("lim")))
_ALL_READY = (select(tasks).where(_IS_READY)  # the partial index ix_tasks_ready_due
              .order_by(tasks.c.due_at, tasks.c.id).limit(bindparam("lim")))
_READY_TASKS = {  # (of an actor, of an instance)
    (True, False): _INBOX,
    (True, True): _INBOX.where(inbox.c.instance_id == bindparam("iid")),
    (False, False): _ALL_READY,
    (False, True): _ALL_READY.where(tasks.c.instance_id == bindparam("iid")),
}
# an actor's inbox with each task's instance, in the order of ix_inbox_actor_due
_INBOX_OF = (select(*tasks.c, *[c.label(f"i_{c.name}") for c in instances.c])
             .select_from(inbox.join(tasks, tasks.c.id == inbox.c.task_id)
                          .join(instances, instances.c.id == tasks.c.instance_id))
             .where(inbox.c.actor == bindparam("actor"))
             .order_by(inbox.c.due_at, inbox.c.task_id).limit(bindparam("lim")))
_INBOX_TIMES = ("ready_at", "due_at", "done_at", "i_started_at", "i_finished_at")
# one task of an instance, with the instance
_TASK_OF = (select(*tasks.c, *[c.label(f"i_{c.name}") for c in instances.c])
            .select_from(tasks.join(instances, instances.c.id == tasks.c.instance_id))
            .where(tasks.c.id == bindparam("tid"), tasks.c.instance_id == bindparam("iid")))
_ALL_TASKS = select(tasks).where(tasks.c.instance_id == bindparam("iid")).order_by(tasks.c.id)
_INSTANCE = select(instances).where(instances.c.id == bindparam("iid"))
_NEWEST = select(instances).order_by(instances.c.id.desc()).limit(bindparam("lim"))
_INSTANCES = {  # (of a status, of an SOP)
    (False, False): _NEWEST,
    (True, False): _NEWEST.where(instances.c.status == bindparam("status")),
    (False, True): _NEWEST.where(instances.c.sop_id == bindparam("sop")),
    (True, True): _NEWEST.where(instances.c.status == bindparam("status"),
                                instances.c.sop_id == bindparam("sop")),
}
_FINISH_TASK = update(tasks).where(tasks.c.id == bindparam("tid"), tasks.c.state == "ready")
_LEAVE_INBOX = delete(inbox).where(inbox.c.task_id == bindparam("tid"))
_UPDATE_INSTANCE = update(instances).where(instances.c.id == bindparam("iid"))
_ADD_TASK = insert(tasks).returning(tasks.c.id)
_ADD_INSTANCE = insert(instances).returning(instances.c.id)
_TASK = select(tasks).where(tasks.c.id == bindparam("tid"))
# a definition is stored once, however many first starts race (idempotent insert)
_ADD_DEFINITION = {
    "postgresql": pg_insert(definitions).on_conflict_do_nothing(index_elements=["sha256"]),
    "sqlite": sqlite_insert(definitions).on_conflict_do_nothing(index_elements=["sha256"]),
}
_ADD_INBOX = insert(inbox)
_ADD_EVENT = insert(events)


_TIMESTAMPS = ("ready_at", "due_at", "done_at")


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class Completion:
    """What one completion did."""

    task: Task
    branch: str | None
    new_tasks: tuple[Task, ...]
    instance_status: str


class Engine:
    """Runs SOP instances stored in a :class:`Store`."""

    def __init__(self, store: Store, calendar: WorkingCalendar | None = None,
                 clock: Callable[[], dt.datetime] = _now, *,
                 group_commit: bool | None = None) -> None:
        self.store = store
        #: completions of this process's threads share commits (runtime/group_commit.py):
        #: by default on SQLite (one writer, one fsync per commit); PostgreSQL already
        #: shares its WAL flushes among concurrent transactions (docs/runtime.md);
        #: $SOPENGINE_GROUP_COMMIT (on/off) decides where the caller does not
        self.group_commit = _group_commit(store) if group_commit is None else group_commit
        self.calendar = calendar or WorkingCalendar()
        self.clock = clock
        self.working_time = WorkingTime(day_minutes=self.calendar.day_minutes)
        self._definitions: dict[str, tuple[Sop, Flow]] = {}
        self._stored: set[str] = set()  # definitions known to be in the store (committed)
        self._fast = FastSQL(store.engine.dialect)
        self._all_definitions = StoredDefinitions(store, self._fast)
        self._add_definition = _ADD_DEFINITION[store.engine.dialect.name]

    # -- definitions -------------------------------------------------------------

    def definition(self, sha256: str) -> tuple[Sop, Flow]:
        """The pinned SOP an instance runs: as it was read when the instance started (the
        model stored with it), so a newer sopengine that reads or checks the text
        otherwise does not change or stop running instances; from the stored text for
        definitions pinned before models were kept, or whose model no longer loads."""
        if sha256 not in self._definitions:
            with self.store.reading() as conn:
                row = conn.execute(select(definitions.c.source, definitions.c.path,
                                          definitions.c.model)
                                   .where(definitions.c.sha256 == sha256)).first()
            if row is None:
                raise NotFound(f"no stored definition {sha256[:12]}")
            sop = _stored_model(row.model)
            if sop is None:
                loaded = check_text(row.source, row.path, self.working_time)
                if loaded.sop is None:
                    raise SopInvalid(row.path, loaded.diagnostics)
                sop = loaded.sop
            self._definitions[sha256] = (sop, Flow(sop))
            self._stored.add(sha256)
        return self._definitions[sha256]

    def _pin(self, conn: Any, loaded: LoadedSop, at: dt.datetime) -> str:
        """Store the definition (text and model) unless a committed start or read of this
        engine already found it stored: a start then writes no copy of the SOP again."""
        assert loaded.sop is not None
        if loaded.sha256 in self._stored:
            return loaded.sha256
        self._fast.execute(conn, self._add_definition, {
            "sha256": loaded.sha256, "sop_id": loaded.sop.id, "title": loaded.sop.title,
            "path": loaded.path, "source": loaded.text, "stored_at": at,
            "model": loaded.sop.model_dump_json()})
        self._definitions.setdefault(loaded.sha256, (loaded.sop, Flow(loaded.sop)))
        return loaded.sha256

    # -- changes -----------------------------------------------------------------

    def start(self, source: LoadedSop | str | Path, *, at: dt.datetime | None = None,
              virtual: bool = False, title: str | None = None, by: str | None = None,
              user: str | None = None) -> Instance:
        """Start an instance of an SOP file (or an already checked one); ``title`` names
        it, ``by`` (a name, kept in the history) and ``user`` (a user name) say who."""
        loaded = source if isinstance(source, LoadedSop) else check_file(
            source, self.working_time)
        if not loaded.ok or loaded.sop is None:
            raise SopInvalid(loaded.path, loaded.diagnostics)
        at = at or self.clock()
        clock = "virtual" if virtual else "real"
        with self.store.raw_transaction() as conn:
            sha = self._pin(conn, loaded, at)
            iid = self._fast.execute(conn, _ADD_INSTANCE, {
                "sop_id": loaded.sop.id, "definition": sha, "status": INSTANCE.initial,
                "started_at": at, "clock": clock, "arrivals": "{}", "last_seq": 1,
                "title": title, "started_by": user,
            }).fetchone()[0]
            self._fast.execute(conn, _ADD_EVENT, {"instance_id": iid, "seq": 1,
                                                  "kind": "started", "at": at, "by_name": by})
            sop, _ = self._definitions[sha]
            self._create_tasks(conn, iid, sop, [sop.steps[0].id], at)
        self._stored.add(sha)  # committed: later starts need not store it again
        return Instance(iid, sop.id, sha, INSTANCE.initial, at, None, clock, title, user)

    def complete(self, instance_id: int, step: str, *, branch: str | None = None,
                 by: str | None = None, actor: str | None = None, note: str | None = None,
                 at: dt.datetime | None = None, task_id: int | None = None) -> Completion:
        """Complete the ready task of ``step``; ``branch`` answers a decision.
        ``task_id``: complete only that task (AlreadyDone when it is no longer ready)."""
        at = at or self.clock()

        def work(conn: Any) -> Completion:
            return self._complete(conn, instance_id, step, branch, by, actor, note, at,
                                  task_id)

        if self.group_commit:
            return self.store.group_commit.run(work, key=instance_id)
        with self.store.raw_transaction() as conn:
            return work(conn)

    def _complete(self, conn: Any, instance_id: int, step: str, branch: str | None,
                  by: str | None, actor: str | None, note: str | None, at: dt.datetime,
                  task_id: int | None) -> Completion:
        """One completion inside the transaction ``conn``: lock, check, write."""
        inst, task, sop, flow = self._lock_ready(conn, instance_id, step, task_id)
        who = _pick_actor(task, actor)
        TASK.advance(task.state, "complete")
        move = route(flow, step, branch, json.loads(inst.arrivals))
        name = by or sop.actors[who]
        seq = inst.last_seq + 1
        finish = {"tid": task.id, "state": "done", "done_at": at, "done_by": name,
                  "actor": who, "branch": move.branch, "note": note}
        # the step's outputs are not copied into the event: the pinned definition
        # has them (history() fills them in)
        event = {"instance_id": instance_id, "seq": seq, "kind": "completed", "at": at,
                 "task_id": task.id, "step": step, "actor": who, "by_name": name,
                 "branch": move.branch, "note": note}
        write = self._write_in_turn if self.store.is_sqlite else self._write_at_once
        new, status = write(conn, inst, sop, move, finish, event, at)
        finished = Task(task.id, task.instance_id, step, task.actors, "done", task.ready_at,
                        task.due_at, at, name, who, move.branch, note)
        return Completion(finished, move.branch, tuple(new), status)

    def _lock_ready(self, conn: Any, instance_id: int, step: str, task_id: int | None
                    ) -> tuple[Any, Task, Sop, Flow]:
        """Lock the instance and find the ready task of ``step`` (else the right error)."""
        query = _LOCK_WITH_TASK if self.store.is_sqlite else _LOCK_WITH_TASK_FOR_UPDATE
        inst = self._fast.fetch_one(conn, query, {"iid": instance_id, "sid": step},
                                    timestamps=("t_ready_at", "t_due_at"))
        if inst is None:
            raise NotFound(f"no instance {instance_id}")
        sop, flow = self.definition(inst.definition)
        if inst.status != "running":
            raise AlreadyDone(f"instance {instance_id} is {inst.status}; nothing to "
                              "complete")
        task = _joined_task(inst)
        if task is None or task_id not in (None, task.id):
            task = self._not_ready(conn, inst, sop, step, task_id)
        return inst, task, sop, flow

    def _write_in_turn(self, conn: Any, inst: Any, sop: Sop, move: Move,
                       finish: dict[str, Any], event: dict[str, Any], at: dt.datetime
                       ) -> tuple[list[Task], str]:
        """A completion's writes one statement after another (SQLite: no round trips);
        the new tasks and the instance's status."""
        fast = self._fast
        done = fast.execute(conn, _FINISH_TASK, finish)
        if done.rowcount != 1:  # PostgreSQL: the task row read was older than the lock
            self._completed_first(conn, inst.id, finish["tid"])
        fast.execute(conn, _LEAVE_INBOX, {"tid": finish["tid"]})
        fast.execute(conn, _ADD_EVENT, event)
        new = self._create_tasks(conn, inst.id, sop, move.ready, at)
        status = self._status_after(conn, inst, move.reached_end)
        fast.execute(conn, _UPDATE_INSTANCE, _instance_changes(inst, move, event["seq"],
                                                               status, at))
        return new, status

    def _write_at_once(self, conn: Any, inst: Any, sop: Sop, move: Move,
                       finish: dict[str, Any], event: dict[str, Any], at: dt.datetime
                       ) -> tuple[list[Task], str]:
        """A completion's writes in one statement, one round trip (PostgreSQL,
        runtime/pg_writes.py); the new tasks and the instance's status."""
        rows = self._task_rows(inst.id, sop, move.ready, at)
        status = self._status_before(conn, inst, finish["tid"], move)
        ids = write_completion(self._fast, conn, finish, event, [
            NewTask(row, _inbox_rows(row, sop)) for row in rows],
            _instance_changes(inst, move, event["seq"], status, at))
        if ids is None:  # the task row read was older than the lock: nothing written
            self._completed_first(conn, inst.id, finish["tid"])
        assert ids is not None
        return [_new_task(tid, row, sop) for tid, row in zip(ids, rows, strict=True)], status

    def cancel(self, instance_id: int, *, by: str | None = None, note: str | None = None,
               at: dt.datetime | None = None) -> Instance:
        """Cancel a running instance and its open tasks."""
        at = at or self.clock()
        with self.store.transaction() as conn:
            inst = self._lock(conn, instance_id)
            status = INSTANCE.advance(inst.status, "cancel")
            open_ids = [r.id for r in conn.execute(select(tasks.c.id).where(
                tasks.c.instance_id == instance_id, tasks.c.state == "ready"))]
            if open_ids:
                conn.execute(delete(inbox).where(inbox.c.task_id.in_(open_ids)))
                conn.execute(update(tasks).where(tasks.c.id.in_(open_ids)).values(
                    state=TASK.advance("ready", "cancel"), done_at=at))
            seq = inst.last_seq + 1
            conn.execute(insert(events).values(instance_id=instance_id, seq=seq,
                                               kind="cancelled", at=at, by_name=by, note=note))
            conn.execute(update(instances).where(instances.c.id == instance_id).values(
                status=status, finished_at=at, last_seq=seq))
        return self.instance(instance_id)

    # -- queries -----------------------------------------------------------------

    def instance(self, instance_id: int) -> Instance:
        with self.store.raw_reading() as conn:
            row = self._fast.fetch_one(conn, _INSTANCE, {"iid": instance_id},
                                       timestamps=("started_at", "finished_at"))
        if row is None:
            raise NotFound(f"no instance {instance_id}")
        return _instance(row)

    def instances(self, *, status: str | None = None, sop_id: str | None = None,
                  limit: int = 100) -> list[Instance]:
        params: dict[str, Any] = {"lim": limit}
        if status:
            params["status"] = status
        if sop_id:
            params["sop"] = sop_id
        query = _INSTANCES[(bool(status), bool(sop_id))]
        with self.store.raw_reading() as conn:
            rows = self._fast.fetch_all(conn, query, params,
                                        timestamps=("started_at", "finished_at"))
        return [_instance(r) for r in rows]

    def tasks(self, *, actor: str | None = None, instance_id: int | None = None,
              limit: int = 100) -> list[Task]:
        """Ready tasks, soonest due first: an actor's inbox, or an instance's open tasks."""
        params: dict[str, Any] = {"lim": limit}
        if actor is not None:
            params["actor"] = actor
        if instance_id is not None:
            params["iid"] = instance_id
        query = _READY_TASKS[(actor is not None, instance_id is not None)]
        with self.store.raw_reading() as conn:
            rows = self._fast.fetch_all(conn, query, params, timestamps=_TASK_TIMES)
        return [_task(r) for r in rows]

    def all_tasks(self, instance_id: int) -> list[Task]:
        """Every task of an instance, open and closed, in the order they arose."""
        with self.store.raw_reading() as conn:
            rows = self._fast.fetch_all(conn, _ALL_TASKS, {"iid": instance_id},
                                        timestamps=_TASK_TIMES)
        return [_task(r) for r in rows]

    def task(self, instance_id: int, task_id: int) -> tuple[Instance, Task]:
        """A task of an instance, open or closed, with the instance; NotFound if the
        instance has no task of that number."""
        with self.store.raw_reading() as conn:
            row = self._fast.fetch_one(conn, _TASK_OF, {"iid": instance_id, "tid": task_id},
                                       timestamps=_INBOX_TIMES)
        if row is None:
            raise NotFound(f"no task {task_id} in instance {instance_id}")
        return _instance_of(row), _task(row)

    def inbox(self, actors: Sequence[str], *, limit: int = 100) -> list[tuple[Task, Instance]]:
        """The ready tasks of any of ``actors`` (ids) with their instances, soonest due
        first, each task once: what one person holding several positions sees.

        One query per actor, each reading only its first ``limit`` rows in the order of
        ix_inbox_actor_due, merged here: a query over all the actors at once would
        sort every ready task of theirs (a temporary B-tree growing with the office)."""
        if not actors:
            return []
        with self.store.raw_reading() as conn:
            per_actor = [self._fast.fetch_all(conn, _INBOX_OF, {"actor": a, "lim": limit},
                                              timestamps=_INBOX_TIMES)
                         for a in dict.fromkeys(actors)]
        found: dict[int, tuple[Task, Instance]] = {}
        for r in heapq.merge(*per_actor, key=lambda r: (r.due_at, r.id)):
            if r.id not in found:
                found[r.id] = (_task(r), _instance_of(r))
                if len(found) == limit:
                    break
        return list(found.values())

    def inbox_count(self, actors: Sequence[str], *, limit: int = 100,
                    skip: Collection[tuple[str, str]] = ()) -> int:
        """How many tasks :meth:`inbox` would list, counted by the database up to
        ``limit``: each task once; a task waiting only as an actor of an (actor id,
        definition sha256) pair in ``skip`` is not counted."""
        return count_inbox(self.store, self._fast, actors, limit, skip)

    def definitions(self) -> list[str]:
        """The sha256 of every stored definition (each SOP text instances were started
        from), oldest first."""
        return self._all_definitions()

    def tasks_of_sop(self, sop_id: str) -> list[Task]:
        """Done tasks of every instance of an SOP (for reports)."""
        query = (select(tasks).join(instances, instances.c.id == tasks.c.instance_id)
                 .where(instances.c.sop_id == sop_id, tasks.c.state == "done")
                 .order_by(tasks.c.id))
        with self.store.reading() as conn:
            return [_task(r) for r in conn.execute(query)]

    def step_times(self, sop_id: str) -> Iterator[StepTime]:
        """The ready, due and done times of every done task of the SOP's instances, a
        batch at a time (for reports: a million tasks are never all in memory)."""
        return step_times(self.store, self._fast, sop_id)

    def find_instances(self, *, status: str | None = None, sop_id: str | None = None,
                       started_from: dt.date | None = None,
                       started_until: dt.date | None = None, late_only: bool = False,
                       limit: int = 500) -> list[tuple[Instance, bool]]:
        """The newest instances passing every filter given (the start dates inclusive),
        each with whether it is late now (a task done after its due time or open past
        it); filtered by the database, so an older month is found among any number."""
        rows = find_instances(self.store, now=self.clock(), status=status, sop_id=sop_id,
                              started_from=started_from, started_until=started_until,
                              late_only=late_only, limit=limit)
        return [(_instance(r), bool(r.late)) for r in rows]

    def history_state(self, sop_id: str) -> tuple[int, int]:
        """(instances, events) of the SOP: different whenever anything its report reads
        has changed (an instance started, a task completed, one cancelled), so a report
        can be kept until it is (runtime/monitoring.py)."""
        return history_state(self.store, self._fast, sop_id)

    def instance_counts(self) -> dict[str, int]:
        """How many instances each SOP has, by SOP id (SOPs with none are absent)."""
        return instance_counts(self.store, self._fast)

    def versions(self, sop_id: str) -> list[Sop]:
        """Every version of an SOP its instances are pinned to, the newest instance's
        first (for reports across versions); empty when it has no instance."""
        newest = func.max(instances.c.id)
        query = (select(instances.c.definition, newest).where(instances.c.sop_id == sop_id)
                 .group_by(instances.c.definition).order_by(newest.desc()))
        with self.store.reading() as conn:
            shas = [r[0] for r in conn.execute(query)]
        return [self.definition(sha)[0] for sha in shas]

    def history(self, instance_id: int) -> list[Event]:
        """The instance's events in order; a completion's outputs are its step's in the
        pinned definition (older databases stored a copy in the event: kept as stored)."""
        with self.store.reading() as conn:
            rows = conn.execute(select(events).where(events.c.instance_id == instance_id)
                                .order_by(events.c.seq)).all()
        sop = None
        if any(r.kind == "completed" and r.outputs is None for r in rows):
            sop = self.definition(self.instance(instance_id).definition)[0]
        return [_event(r, sop) for r in rows]

    # -- internals ---------------------------------------------------------------

    def _lock(self, conn: Connection, instance_id: int) -> Any:
        # SQLite's BEGIN IMMEDIATE already serialises writers
        query = _LOCK if self.store.is_sqlite else _LOCK_FOR_UPDATE
        row = conn.execute(query, {"iid": instance_id}).first()
        if row is None:
            raise NotFound(f"no instance {instance_id}")
        return row

    def _not_ready(self, conn: Any, inst: Any, sop: Sop, step: str,
                   task_id: int | None = None) -> Task:
        """Raise the right error for a step that has no ready task (or not that one)."""
        query = _TASK_BY_ID if task_id is not None else _LAST_TASK
        rows = [_task(r) for r in self._fast.fetch_all(
            conn, query, {"iid": inst.id, "sid": step, "tid": task_id}, _TIMESTAMPS)]
        if rows and rows[0].state == "done":
            _already_done(inst.id, rows[0])
        if not any(s.id == step for s in sop.steps):
            raise NotFound(f"SOP '{sop.id}' has no step '{step}'")
        ready = [r.step for r in self._fast.fetch_all(conn, _READY_STEPS, {"iid": inst.id})]
        raise NotFound(f"step '{step}' of instance {inst.id} is not ready; ready: "
                       f"{', '.join(ready) or 'nothing'}")

    def _completed_first(self, conn: Any, instance_id: int, task_id: int) -> None:
        """The task was completed while this completion waited for the lock."""
        row = self._fast.fetch_one(conn, _TASK, {"tid": task_id}, _TIMESTAMPS)
        assert row is not None  # tasks are never deleted
        _already_done(instance_id, _task(row))

    def _create_tasks(self, conn: Any, instance_id: int, sop: Sop,
                      steps: Sequence[str], at: dt.datetime) -> list[Task]:
        created = []
        for row in self._task_rows(instance_id, sop, steps, at):
            tid = self._fast.execute(conn, _ADD_TASK, row).fetchone()[0]
            self._fast.execute_many(conn, _ADD_INBOX, [{"task_id": tid, **r}
                                                         for r in _inbox_rows(row, sop)])
            created.append(_new_task(tid, row, sop))
        return created

    def _task_rows(self, instance_id: int, sop: Sop, steps: Sequence[str],
                   at: dt.datetime) -> list[dict[str, Any]]:
        """The rows of the tasks that become ready: each step's due time on the calendar."""
        rows = []
        for sid in steps:
            step = sop.step(sid)
            due = self.calendar.add(at, step.time.minutes(self.working_time))
            rows.append({"instance_id": instance_id, "step": sid,
                         "actors": ",".join(step.actor), "state": "ready", "ready_at": at,
                         "due_at": due})
        return rows

    def _status_after(self, conn: Any, inst: Any, reached_end: bool) -> str:
        if not reached_end:
            return str(inst.status)
        still_open = self._fast.fetch_one(conn, _READY_STEPS, {"iid": inst.id})
        return str(inst.status) if still_open else INSTANCE.advance(inst.status, "finish")

    def _status_before(self, conn: Any, inst: Any, task_id: int, move: Move) -> str:
        """The status :meth:`_status_after` finds, read before the writes: with the
        task ``task_id`` still ready, so it is left out."""
        if not move.reached_end or move.ready:
            return str(inst.status)
        still_open = self._fast.fetch_one(conn, _OTHER_READY, {"iid": inst.id,
                                                               "tid": task_id})
        return str(inst.status) if still_open else INSTANCE.advance(inst.status, "finish")


def _group_commit(store: Store) -> bool:
    """Group commit by default: $SOPENGINE_GROUP_COMMIT ``on`` or ``off``, else on for
    SQLite only."""
    chosen = os.environ.get("SOPENGINE_GROUP_COMMIT", "").strip().lower()
    if chosen in ("on", "off"):
        return chosen == "on"
    if chosen:
        raise StoreError("SOPENGINE_GROUP_COMMIT must be on or off")
    return store.is_sqlite


def _stored_model(model: str | None) -> Sop | None:
    """The SOP stored as JSON when pinned; None without one, or if this sopengine's
    model can no longer read it (then the text is read instead)."""
    if not model:
        return None
    try:
        return Sop.model_validate_json(model)
    except ValueError:  # pydantic's ValidationError is a ValueError
        return None


def _already_done(instance_id: int, task: Task) -> None:
    raise AlreadyDone(f"step '{task.step}' of instance {instance_id} was already completed "
                      f"by {task.done_by} at {task.done_at:%Y-%m-%d %H:%M}")


def _joined_task(r: Any) -> Task | None:
    if r.t_id is None:
        return None
    return Task(r.t_id, r.t_instance_id, r.t_step, tuple(r.t_actors.split(",")), r.t_state,
                r.t_ready_at, r.t_due_at)


def _instance_changes(inst: Any, move: Move, seq: int, status: str,
                      at: dt.datetime) -> dict[str, Any]:
    changes = {"iid": inst.id, "arrivals": json.dumps(move.arrivals, sort_keys=True),
               "last_seq": seq}
    if status != inst.status:  # else the status index is left untouched
        changes.update(status=status, finished_at=at)
    return changes


def _inbox_rows(row: dict[str, Any], sop: Sop) -> list[dict[str, Any]]:
    """A new task's inbox rows but their ``task_id``: one per actor of its step."""
    return [{"actor": a, "instance_id": row["instance_id"], "due_at": row["due_at"]}
            for a in sop.step(row["step"]).actor]


def _new_task(tid: int, row: dict[str, Any], sop: Sop) -> Task:
    return Task(tid, row["instance_id"], row["step"], sop.step(row["step"]).actor, "ready",
                row["ready_at"], row["due_at"])


def _pick_actor(task: Task, actor: str | None) -> str:
    if actor is None:
        return task.actors[0]
    if actor not in task.actors:
        raise BadChoice(f"step '{task.step}' is done by {', '.join(task.actors)}, "
                        f"not '{actor}'")
    return actor


def _instance(r: Any) -> Instance:
    return Instance(r.id, r.sop_id, r.definition, r.status, r.started_at, r.finished_at,
                    r.clock, r.title, r.started_by)


def _instance_of(r: Any) -> Instance:
    """The instance of a row whose instance columns are labelled ``i_*``."""
    return Instance(r.i_id, r.i_sop_id, r.i_definition, r.i_status, r.i_started_at,
                    r.i_finished_at, r.i_clock, r.i_title, r.i_started_by)


def _task(r: Any) -> Task:
    return Task(r.id, r.instance_id, r.step, tuple(r.actors.split(",")), r.state, r.ready_at,
                r.due_at, r.done_at, r.done_by, r.actor, r.branch, r.note)


def _event(r: Any, sop: Sop | None = None) -> Event:
    if r.outputs is not None:
        outputs = tuple(json.loads(r.outputs))
    elif sop is not None and r.kind == "completed":
        outputs = tuple(next((s.outputs for s in sop.steps if s.id == r.step), ()))
    else:
        outputs = ()
    return Event(r.seq, r.kind, r.at, r.step, r.actor, r.by_name, r.branch, r.note, outputs,
                 r.task_id)
