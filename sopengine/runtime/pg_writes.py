"""A completion's writes on PostgreSQL in one statement: one round trip, not six or more.

On PostgreSQL each statement is a round trip to the server, and a completion
waited for the answer to each of its writes in turn (the task done, its inbox
rows gone, the event, each new task and its inbox rows, the instance): with many
clients on few cores the connections spent their time waiting, not working
(issue 14). Here all of them go as one statement of data-modifying CTEs, sent
after the locking read and the routing in Python:

    WITH done AS (UPDATE tasks ... WHERE id = :tid AND state = 'ready' RETURNING id),
         gone AS (DELETE FROM inbox WHERE task_id IN (SELECT id FROM done)),
         event AS (INSERT INTO events ... SELECT ... FROM done),
         new_0 AS (INSERT INTO tasks ... SELECT ... FROM done RETURNING id),
         inbox_0 AS (INSERT INTO inbox ... SELECT new_0.id, ... FROM new_0 UNION ALL ...),
         instance AS (UPDATE instances ... WHERE id = :iid AND EXISTS (SELECT FROM done))
    SELECT done.id, (SELECT id FROM new_0), ... FROM done

Every write reads from ``done``: when the task's UPDATE matched no row (it was
completed while this completion waited for the instance's lock), nothing is
written and no row comes back, and the caller raises AlreadyDone as before. The
rows and values are the ones the statement-by-statement path writes: the same
parameter dicts, typed by their columns. A statement is built once per shape
(its columns, how many new tasks, how many actors each) and kept, so FastSQL
compiles it once and psycopg prepares it on the server.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Table, bindparam, delete, exists, insert, select, union_all, update
from sqlalchemy.sql import ClauseElement

from sopengine.runtime._fastsql import FastSQL
from sopengine.runtime.schema import events, inbox, instances, tasks


@dataclass(frozen=True)
class NewTask:
    """A task to create: its row (columns of ``tasks``) and its inbox rows (columns of
    ``inbox`` but ``task_id``, which is the new task's id; the same columns each)."""

    row: Mapping[str, Any]
    inbox: Sequence[Mapping[str, Any]]


def write_completion(fast: FastSQL, conn: Any, finish: Mapping[str, Any],
                     event: Mapping[str, Any], new: Sequence[NewTask],
                     instance: Mapping[str, Any]) -> tuple[int, ...] | None:
    """Write a completion in one statement; the new tasks' ids, or None when the task
    was no longer ready (then nothing was written).

    ``finish``: ``tid`` and the task's columns to set; ``event``: the event's columns;
    ``instance``: ``iid`` and the instance's columns to set."""
    shape = (tuple(finish), tuple(event),
             tuple((tuple(t.row), tuple(t.inbox[0]) if t.inbox else (), len(t.inbox))
                   for t in new),
             tuple(instance))
    params = {**_named("f", finish), **_named("e", event), **_named("u", instance)}
    for k, task in enumerate(new):
        params.update(_named(f"t{k}", task.row))
        for j, row in enumerate(task.inbox):
            params.update(_named(f"i{k}_{j}", row))
    found = fast.execute(conn, _statement(shape), params).fetchone()
    return None if found is None else tuple(found[1:])


Columns = tuple[str, ...]
#: the columns of the finish, of the event, of each new task (its row's, its inbox
#: rows', how many inbox rows) and of the instance
Shape = tuple[Columns, Columns, tuple[tuple[Columns, Columns, int], ...], Columns]


@cache  # never dropped: FastSQL knows a statement by its id(); the shapes are few
def _statement(shape: Shape) -> ClauseElement:
    """The one statement of a completion of this shape."""
    finish, event, new, instance = shape
    done = (update(tasks).where(tasks.c.id == _param("f_tid", tasks, "id"),
                                tasks.c.state == "ready")
            .values({c: _param(f"f_{c}", tasks, c) for c in finish if c != "tid"})
            .returning(tasks.c.id).cte("done"))
    gone = delete(inbox).where(inbox.c.task_id.in_(select(done.c.id))).cte("gone")
    writes = [gone, _insert_after(done, events, "e", event).cte("event")]
    created = []
    for k, (row, inbox_columns, count) in enumerate(new):
        task = _insert_after(done, tasks, f"t{k}", row).returning(tasks.c.id).cte(f"new_{k}")
        created.append(select(task.c.id).scalar_subquery())
        if count:
            writes.append(_inbox_of(task, k, inbox_columns, count).cte(f"inbox_{k}"))
    writes.append(update(instances)
                  .where(instances.c.id == _param("u_iid", instances, "id"),
                         exists(select(done.c.id)))
                  .values({c: _param(f"u_{c}", instances, c) for c in instance if c != "iid"})
                  .cte("instance"))
    return select(done.c.id, *created).add_cte(*writes)


def _insert_after(done: Any, table: Table, prefix: str, columns: Sequence[str]) -> Any:
    """INSERT INTO table (columns) SELECT the parameters FROM done: a row only if the
    task was finished."""
    values = select(*[_param(f"{prefix}_{c}", table, c) for c in columns]).select_from(done)
    return insert(table).from_select(list(columns), values)


def _inbox_of(task: Any, k: int, columns: Columns, count: int) -> Any:
    """The ``count`` inbox rows of new task ``k``, in order, each with its new id."""
    selects = [select(task.c.id, *[_param(f"i{k}_{j}_{c}", inbox, c) for c in columns])
               for j in range(count)]
    return insert(inbox).from_select(["task_id", *columns], selects[0] if count == 1
                                     else union_all(*selects))


def _param(name: str, table: Table, column: str) -> Any:
    """A parameter typed as the column it fills (the value is bound as Core binds it)."""
    return bindparam(name, type_=table.c[column].type)


def _named(prefix: str, values: Mapping[str, Any]) -> dict[str, Any]:
    return {f"{prefix}_{k}": v for k, v in values.items()}
