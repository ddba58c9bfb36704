"""Prebuilt write statements, compiled once per dialect, run on the DBAPI cursor.

A completion writes the same six statements every time. SQLAlchemy's per-call
machinery (cache keys, execution contexts, result objects) cost about three
quarters of a completion's time, more than SQLite itself (bench/engine.py). Here
each Core statement is compiled once for the connection's dialect, values go
through SQLAlchemy's own bind processors (so what is stored is exactly what Core
would store), and the cursor runs it inside the transaction Core began.
Portable: the SQL text, parameter style and processors come from the dialect.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.sql import ClauseElement


class Prepared:
    """One statement compiled for one dialect and one set of parameter names."""

    def __init__(self, stmt: ClauseElement, dialect: Any, keys: Sequence[str]) -> None:
        self.compiled = stmt.compile(dialect=dialect, column_keys=list(keys))
        self.sql = str(self.compiled)
        self.names = self.compiled.positiontup if self.compiled.positional else None
        self.processors = {
            name: proc for name, bind in self.compiled.binds.items()
            if (proc := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None}

    def args(self, params: Mapping[str, Any]) -> Any:
        values = self.compiled.construct_params(dict(params))
        for name, proc in self.processors.items():
            if name in values:
                values[name] = proc(values[name])
        return [values[n] for n in self.names] if self.names is not None else values


class FastWriter:
    """Runs prebuilt statements straight on the connection's DBAPI cursor."""

    def __init__(self) -> None:
        self._cache: dict[tuple[int, str, tuple[str, ...]], Prepared] = {}

    def _prepared(self, conn: Connection, stmt: ClauseElement, keys: Sequence[str]) -> Prepared:
        key = (id(stmt), conn.dialect.name, tuple(keys))
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = Prepared(stmt, conn.dialect, keys)
        return found

    def execute(self, conn: Connection, stmt: ClauseElement, params: Mapping[str, Any]) -> Any:
        prepared = self._prepared(conn, stmt, sorted(params))
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        cursor.execute(prepared.sql, prepared.args(params))
        return cursor

    def execute_many(self, conn: Connection, stmt: ClauseElement,
                     rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        prepared = self._prepared(conn, stmt, sorted(rows[0]))
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        cursor.executemany(prepared.sql, [prepared.args(r) for r in rows])

    def fetch_one(self, conn: Connection, stmt: ClauseElement, params: Mapping[str, Any],
                  timestamps: Sequence[str] = ()) -> SimpleNamespace | None:
        """The first row as attributes; columns named in ``timestamps`` become datetimes."""
        cursor = self.execute(conn, stmt, params)
        row = cursor.fetchone()
        if row is None:
            return None
        names = [d[0] for d in cursor.description]
        values = dict(zip(names, row, strict=True))
        for name in timestamps:
            if isinstance(values.get(name), str):  # SQLite keeps timestamps as ISO text
                values[name] = dt.datetime.fromisoformat(values[name])
        return SimpleNamespace(**values)
