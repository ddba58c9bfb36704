"""What an SOP's report reads: the times of its done tasks, streamed, and how many
instances each SOP has, counted by the database.

At 100,000 stored instances an SOP has more than a million done tasks: building a
``Task`` record for each (every column, twelve fields) cost ``sopengine report``
19 s and 940 MB. The report needs four columns of each and keeps only a number
per task, so the rows come a batch at a time, as named tuples of those columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sqlalchemy import bindparam, func, literal_column, select

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


def step_times(store: Store, fast: FastSQL, sop_id: str) -> Iterator[StepTime]:
    """When each done task of the SOP's instances became ready, was due and was done,
    in no particular order."""
    parse = dt.datetime.fromisoformat if store.is_sqlite else None  # SQLite keeps ISO text
    with store.raw_reading() as conn:
        cursor = fast.execute(conn, _DONE_TIMES, {"sop": sop_id})
        while batch := cursor.fetchmany(BATCH):
            if parse is None:
                yield from map(StepTime._make, batch)
            else:
                yield from (StepTime(step, parse(ready), parse(due), parse(done))
                            for step, ready, due, done in batch)


def instance_counts(store: Store, fast: FastSQL) -> dict[str, int]:
    """How many instances each SOP has (of every status), by SOP id."""
    with store.raw_reading() as conn:
        return {sop_id: int(n) for sop_id, n in fast.fetch_all(conn, _COUNTS, {})}
