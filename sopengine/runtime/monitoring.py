"""What supervisors and reviewers read (the guideline's monitoring and evaluation):
the instances with their filters and late flags, the times of an SOP's done tasks
for its report (streamed), and how many instances each SOP has; each in one query.

At 100,000 stored instances an SOP has more than a million done tasks: building a
``Task`` record for each (every column, twelve fields) cost ``sopengine report``
19 s and 940 MB. The report needs four columns of each and keeps only a number
per task, so the rows come a batch at a time, as named tuples of those columns.
The instance list filters in the database too: filtering the newest 500 afterwards
(as the page did) found nothing started in an earlier month once 500 newer existed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from sqlalchemy import ColumnElement, DateTime, bindparam, exists, func, literal_column, select
from sqlalchemy.engine import Row

from sopengine.runtime._fastsql import FastSQL
from sopengine.runtime.records import StepTime
from sopengine.runtime.schema import instances, tasks
from sopengine.runtime.store import Store

BATCH = 2000  # rows read at a time
_DONE_TIMES = (select(tasks.c.step, tasks.c.ready_at, tasks.c.due_at, tasks.c.done_at)
               .select_from(instances.join(tasks, tasks.c.instance_id == instances.c.id))
               .where(instances.c.sop_id == bindparam("sop"),
                      tasks.c.state == literal_column("'done'")))
_COUNTS = select(instances.c.sop_id, func.count()).group_by(instances.c.sop_id)
_STATE = select(func.count(), func.coalesce(func.sum(instances.c.last_seq), 0)).where(
    instances.c.sop_id == bindparam("sop"))


def step_times(store: Store, fast: FastSQL, sop_id: str) -> Iterator[StepTime]:
    """When each done task of the SOP's instances became ready, was due and was done,
    in no particular order."""
    params = {"sop": sop_id}
    with store.raw_reading() as conn:
        if not store.is_sqlite:  # psycopg: datetimes, streamed by the server
            yield from map(StepTime._make, fast.stream(conn, _DONE_TIMES, params, BATCH))
            return
        parse = dt.datetime.fromisoformat  # SQLite keeps timestamps as ISO text
        cursor = fast.execute(conn, _DONE_TIMES, params)
        while batch := cursor.fetchmany(BATCH):
            yield from (StepTime(step, parse(ready), parse(due), parse(done))
                        for step, ready, due, done in batch)


def instance_counts(store: Store, fast: FastSQL) -> dict[str, int]:
    """How many instances each SOP has (of every status), by SOP id."""
    with store.raw_reading() as conn:
        return {sop_id: int(n) for sop_id, n in fast.fetch_all(conn, _COUNTS, {})}


def history_state(store: Store, fast: FastSQL, sop_id: str) -> tuple[int, int]:
    """The SOP's instances and their events, counted: a start adds an instance, every
    completion or cancellation an event, and nothing is ever taken away, so the pair
    changes whenever anything a report of the SOP reads does."""
    with store.raw_reading() as conn:
        row = fast.fetch_one(conn, _STATE, {"sop": sop_id})
    assert row is not None
    return int(row[0]), int(row[1])


# an instance is late when one of its tasks is (Task.is_late): done after its due time,
# or still open past it; cancelled tasks are never late
_LATE = exists().where(
    tasks.c.instance_id == instances.c.id, tasks.c.state != literal_column("'cancelled'"),
    func.coalesce(tasks.c.done_at, bindparam("now", type_=DateTime)) > tasks.c.due_at)


def find_instances(store: Store, *, now: dt.datetime, status: str | None = None,
                   sop_id: str | None = None, started_from: dt.date | None = None,
                   started_until: dt.date | None = None, late_only: bool = False,
                   limit: int = 500) -> list[Row[Any]]:
    """The newest ``limit`` instances that pass every filter given (started on or after
    ``started_from``, on or before ``started_until``): their rows, with ``late``."""
    query = select(instances, _LATE.label("late"))
    for condition in _filters(status, sop_id, started_from, started_until, late_only):
        query = query.where(condition)
    query = query.order_by(instances.c.id.desc()).limit(limit)
    with store.reading() as conn:
        return list(conn.execute(query, {"now": now}).all())


def _filters(status: str | None, sop_id: str | None, started_from: dt.date | None,
             started_until: dt.date | None, late_only: bool) -> list[ColumnElement[bool]]:
    found = []
    if status:
        found.append(instances.c.status == status)
    if sop_id:
        found.append(instances.c.sop_id == sop_id)
    if started_from:
        found.append(instances.c.started_at >= dt.datetime.combine(started_from, dt.time()))
    if started_until:
        day_after = dt.datetime.combine(started_until + dt.timedelta(days=1), dt.time())
        found.append(instances.c.started_at < day_after)
    if late_only:
        found.append(_LATE)
    return found
