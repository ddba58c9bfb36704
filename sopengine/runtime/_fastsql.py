"""Prebuilt statements, compiled once per dialect, run on the DBAPI connection.

A completion runs the same few statements every time. SQLAlchemy's per-call
machinery (cache keys, execution contexts, result objects, the transaction
wrapper) cost about three quarters of a completion's time, more than SQLite
itself (bench/engine.py). Here each Core statement is compiled once for the
store's dialect, values go through SQLAlchemy's own bind processors (so what is
stored is exactly what Core would store), and the driver's cursor runs it.
Portable: the SQL text, parameter style and processors come from the dialect.
"""

from __future__ import annotations

import datetime as dt
from collections import namedtuple
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy.sql import ClauseElement


class Prepared:
    """One statement compiled for one dialect and one set of parameter names."""

    def __init__(self, stmt: ClauseElement, dialect: Any, keys: Sequence[str]) -> None:
        compiled = stmt.compile(dialect=dialect, column_keys=list(keys))
        self.sql = str(compiled)
        self.positional = bool(compiled.positional)
        names = compiled.positiontup if compiled.positional else list(compiled.binds)
        # per parameter: its name, the value the statement fixes (for literals such
        # as state = 'ready'), and SQLAlchemy's bind processor for its type
        self.plan = [(name, compiled.binds[name].value,
                      compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect))
                     for name in names or ()]

    def args(self, params: Mapping[str, Any]) -> Any:
        values = []
        for name, fixed, proc in self.plan:
            value = params.get(name, fixed)
            values.append(proc(value) if proc is not None and value is not None else value)
        if self.positional:
            return values
        return {name: v for (name, _, _), v in zip(self.plan, values, strict=True)}


class FastSQL:
    """Runs prebuilt statements on a DBAPI connection of one dialect."""

    def __init__(self, dialect: Any) -> None:
        self.dialect = dialect
        self._cache: dict[tuple[int, tuple[str, ...]], Prepared] = {}

    def _prepared(self, stmt: ClauseElement, keys: Sequence[str]) -> Prepared:
        key = (id(stmt), tuple(keys))
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = Prepared(stmt, self.dialect, keys)
        return found

    def execute(self, conn: Any, stmt: ClauseElement, params: Mapping[str, Any]) -> Any:
        prepared = self._prepared(stmt, sorted(params))
        cursor = conn.cursor()
        cursor.execute(prepared.sql, prepared.args(params))
        return cursor

    def execute_many(self, conn: Any, stmt: ClauseElement,
                     rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        prepared = self._prepared(stmt, sorted(rows[0]))
        conn.cursor().executemany(prepared.sql, [prepared.args(r) for r in rows])

    def stream(self, conn: Any, stmt: ClauseElement, params: Mapping[str, Any],
               size: int) -> Iterator[Any]:
        """psycopg only: the rows ``size`` at a time as the server sends them, so a long
        result is never all in the client's memory (``execute`` holds it all)."""
        prepared = self._prepared(stmt, sorted(params))
        return conn.cursor().stream(prepared.sql, prepared.args(params), size=size)  # type: ignore[no-any-return]

    def fetch_all(self, conn: Any, stmt: ClauseElement, params: Mapping[str, Any],
                  timestamps: Sequence[str] = ()) -> list[Any]:
        """The rows as named tuples; columns named in ``timestamps`` become datetimes."""
        cursor = self.execute(conn, stmt, params)
        names = tuple(d[0] for d in cursor.description)
        make = _row_type(names)._make
        at = [i for i, name in enumerate(names) if name in timestamps]
        if not at:
            return [make(row) for row in cursor.fetchall()]
        rows = []
        for row in cursor.fetchall():
            values = list(row)
            for i in at:
                if isinstance(values[i], str):  # SQLite keeps timestamps as ISO text
                    values[i] = dt.datetime.fromisoformat(values[i])
            rows.append(make(values))
        return rows

    def fetch_one(self, conn: Any, stmt: ClauseElement, params: Mapping[str, Any],
                  timestamps: Sequence[str] = ()) -> Any | None:
        rows = self.fetch_all(conn, stmt, params, timestamps)
        return rows[0] if rows else None


@cache
def _row_type(names: tuple[str, ...]) -> Any:
    """One named-tuple class per statement's columns: a row is built in C and read
    by attribute (a dict and a namespace per row cost more than reading it)."""
    return namedtuple("Row", names)
