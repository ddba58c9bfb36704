"""Counting an inbox (the navigation bar's badge on every page) in one statement.

Reading the waiting tasks to count them costs a row each, and on SQLite each row
hands the interpreter lock to another thread and waits to get it back: with a
web server's threads busy that made the count cost more than the page. Here the
database counts: over the inbox index alone, or, where a stored definition gives
one of the actor ids another meaning, joined to the instances to leave those
(actor, definition) pairs out.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import Select, bindparam, func, not_, select, tuple_

from sopengine.runtime._fastsql import FastSQL
from sopengine.runtime.schema import definitions, inbox, instances
from sopengine.runtime.store import Store

_HOW_MANY = select(func.count()).select_from(definitions)
_ALL = select(definitions.c.sha256).order_by(definitions.c.stored_at, definitions.c.sha256)
_BY_SIZE: dict[int, Select[tuple[int]]] = {}  # the prebuilt count for n actors


def count_inbox(store: Store, fast: FastSQL, actors: Sequence[str], limit: int,
                skip: Collection[tuple[str, str]] = ()) -> int:
    """Distinct ready tasks waiting for any of ``actors``, up to ``limit``, leaving out
    the inbox rows whose (actor, definition) is in ``skip``."""
    ids = sorted(set(actors))
    if not ids:
        return 0
    if skip:  # rare: built for the pairs, through SQLAlchemy
        rows = (select(inbox.c.task_id).where(inbox.c.actor.in_(ids))
                .join(instances, instances.c.id == inbox.c.instance_id)
                .where(not_(tuple_(inbox.c.actor, instances.c.definition).in_(sorted(skip)))))
        counted = select(func.count()).select_from(rows.distinct().limit(limit).subquery())
        with store.reading() as conn:
            return int(conn.execute(counted).scalar_one())
    params: dict[str, object] = {f"a{k}": a for k, a in enumerate(ids)}
    params["lim"] = limit
    with store.raw_reading() as conn:
        return int(fast.execute(conn, _count_of(len(ids)), params).fetchone()[0])


def _count_of(n: int) -> Select[tuple[int]]:
    if n not in _BY_SIZE:
        rows = (select(inbox.c.task_id)
                .where(inbox.c.actor.in_([bindparam(f"a{k}") for k in range(n)]))
                .distinct().limit(bindparam("lim")))
        _BY_SIZE[n] = select(func.count()).select_from(rows.subquery())
    return _BY_SIZE[n]


class StoredDefinitions:
    """The sha256 of every stored definition, oldest first; read again only when
    their number has changed (definitions are never changed or removed)."""

    def __init__(self, store: Store, fast: FastSQL) -> None:
        self.store, self.fast = store, fast
        self._known: list[str] = []

    def __call__(self) -> list[str]:
        """Every page asks (the nav bar's count): one prebuilt statement on the driver."""
        with self.store.raw_reading() as conn:
            if self.fast.execute(conn, _HOW_MANY, {}).fetchone()[0] != len(self._known):
                self._known = [r[0] for r in self.fast.execute(conn, _ALL, {}).fetchall()]
        return list(self._known)
