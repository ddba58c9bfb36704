"""Where instances live: SQLite by default, PostgreSQL given its URL.

``Store.open(where)`` takes a file path or a database URL; with nothing given
it uses ``$SOPENGINE_DB``, else ``sopengine.db`` in the user's data directory.

SQLite runs in WAL mode (readers never block the writer) with
``synchronous=FULL`` by default, so a completion that returned is on disk even
after a power cut (``SOPENGINE_SQLITE_SYNC=NORMAL`` trades that for speed; a
killed process still loses nothing). Each write transaction starts with
``BEGIN IMMEDIATE``: writers queue up front instead of failing half-way with
"database is locked". On PostgreSQL the engine locks the instance row instead.

``Store.open(where, create=False)`` refuses a SQLite file that does not exist
(nothing is made, no folder either); ``store.created`` says whether this open
made a new file. A write transaction first checks, with one ``os.stat``, that
the file is still the one opened: a file removed or replaced while in use is a
StoreError, never writes into an unlinked file.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, insert, make_url, select, text
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from sopengine.errors import StoreError
from sopengine.runtime.group_commit import GroupCommit
from sopengine.runtime.schema import LATEST, MIGRATIONS, metadata, schema_table
from sopengine.runtime.store_errors import store_error

SYNC_MODES = ("OFF", "NORMAL", "FULL", "EXTRA")
BUSY_MS = 30_000  # how long a connection waits for another's lock
#: the PostgreSQL advisory lock key that serialises migrations ("sopeng" in ASCII)
SCHEMA_LOCK = 0x736F70656E67
_GROUP_LOCK = threading.Lock()  # makes each store's GroupCommit once


def default_location() -> str:
    from platformdirs import user_data_dir

    return os.environ.get("SOPENGINE_DB") or str(Path(user_data_dir("sopengine")) /
                                                 "sopengine.db")


def to_url(where: str) -> str:
    """A database URL from a URL or a file path."""
    if "://" in where:
        return where
    path = Path(where).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


class Store:
    """A database connection pool plus the schema, migrated on open."""

    def __init__(self, url: str, *, sqlite_sync: str | None = None) -> None:
        self.url = url
        self._local = threading.local()
        #: the SQLite file (None: PostgreSQL, or in memory), and its identity once open
        self.file = _sqlite_file(url)
        self._identity: tuple[int, int] | None = None
        #: whether ``Store.open`` made a new database file
        self.created = False
        try:
            self.engine: Engine = _make_engine(url, sqlite_sync)
            self.is_sqlite = self.engine.dialect.name == "sqlite"
            self.migrate()
            if self.file is not None:
                found = os.stat(self.file)
                self._identity = (found.st_dev, found.st_ino)
        except (ArgumentError, SQLAlchemyError, ImportError, StoreError, OSError) as exc:
            known = store_error(exc) if isinstance(exc, DBAPIError) else exc
            why = known.reason if isinstance(known, StoreError) else _first_line(exc)
            raise StoreError(f"cannot open the database {_safe(url)}: {why}",
                             kind=getattr(known, "kind", None)) from None

    @classmethod
    def open(cls, where: str | None = None, *, create: bool = True, **kwargs: Any) -> Store:
        """The store at ``where`` (a path or URL; default: :func:`default_location`).

        A SQLite file that does not exist is made (``store.created`` is then True),
        unless ``create`` is False: then it is a StoreError and nothing is made.
        """
        where = where or default_location()
        file = _sqlite_file(where)
        new = file is not None and not file.exists()
        if new and not create:
            raise StoreError(f"the database {file} does not exist; nothing was created "
                             "(check the path; a command that starts an instance creates "
                             "a new one)")
        store = cls(to_url(where), **kwargs)
        store.created = new
        return store

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction (``BEGIN IMMEDIATE`` on SQLite).

        Each thread keeps one write connection, so a completion does not pay for a
        pool checkout; a connection that failed is discarded. A SQLite file removed
        or replaced since the open is a StoreError before anything is written.
        """
        self._check_file()
        try:
            conn = getattr(self._local, "conn", None)
            if conn is None or conn.closed or conn.invalidated:
                conn = self._local.conn = self.engine.connect().execution_options(
                    sopengine_write=True)
            with conn.begin():
                yield conn
        except DBAPIError as exc:
            self._drop_write_connection()
            raise store_error(exc) from None

    def _check_file(self) -> None:
        """The SQLite file is still the one opened (one ``os.stat``, about a microsecond):
        else a write would go into a removed file and be lost with it."""
        if self._identity is None:
            return
        try:
            found = os.stat(self.file)  # type: ignore[arg-type]
        except OSError:
            found = None
        if found is None or (found.st_dev, found.st_ino) != self._identity:
            raise StoreError(f"the database file {self.file} was removed or replaced while "
                             "in use; nothing was written (restart the program to open the "
                             "file now at that path)")

    @contextmanager
    def raw_transaction(self) -> Iterator[Any]:
        """One write transaction on the driver's own connection (the engine's hot path).

        The same semantics as ``transaction()`` (``BEGIN IMMEDIATE`` on SQLite; on
        PostgreSQL the driver opens the transaction at the first statement) without
        SQLAlchemy's per-call machinery. Yields the DBAPI connection.
        """
        self._check_file()
        raw = getattr(self._local, "raw", None)
        if raw is None:
            raw = self._local.raw = self._raw_connection()
        driver = raw.driver_connection
        try:
            if self.is_sqlite:
                driver.execute("BEGIN IMMEDIATE")
            yield driver
            driver.commit()
        except BaseException as exc:
            self._abandon_raw(raw)
            if isinstance(exc, self.engine.dialect.loaded_dbapi.Error):
                raise store_error(exc) from None
            raise

    def _raw_connection(self) -> Any:
        try:
            return self.engine.raw_connection()
        except DBAPIError as exc:
            raise store_error(exc) from None

    @property
    def group_commit(self) -> GroupCommit:
        """This store's group commit (runtime/group_commit.py): write transactions that
        threads of this process submit at the same moment share one commit."""
        group = self.__dict__.get("_group_commit")
        if group is None:
            with _GROUP_LOCK:
                group = self.__dict__.setdefault("_group_commit", GroupCommit(
                    self.raw_transaction, self.engine.dialect.loaded_dbapi.Error,
                    store_error, ordered=not self.is_sqlite))
        return group  # type: ignore[no-any-return]

    def _abandon_raw(self, raw: Any) -> None:
        try:
            raw.driver_connection.rollback()
        except Exception:  # the connection is broken: drop it, the pool makes a new one
            self._local.raw = None
            raw.invalidate()

    @contextmanager
    def raw_reading(self) -> Iterator[Any]:
        """Reads on the driver's own connection (the queries' hot path), outside any
        write: SQLite reads the last commit; on PostgreSQL the read's snapshot is
        ended afterwards. A thread that writes reads on its write connection; any
        other borrows one from the pool for the read and gives it back, so reading
        threads (a web server's) hold no connection between requests. Yields the
        DBAPI connection.

        On PostgreSQL the read runs in autocommit: each statement its own snapshot,
        with no BEGIN and ROLLBACK around it (two round trips), and the connection
        keeps its prepared statements (psycopg forgets them all at every ROLLBACK,
        so the completion's statements were parsed and planned anew each time)."""
        kept = getattr(self._local, "raw", None)
        raw = kept if kept is not None else self._raw_connection()
        driver = raw.driver_connection
        try:
            if not self.is_sqlite:
                driver.autocommit = True
            yield driver
            if not self.is_sqlite:
                driver.autocommit = False
        except BaseException as exc:
            if kept is not None:
                self._abandon_raw(raw)
            else:
                raw.invalidate()
            if isinstance(exc, self.engine.dialect.loaded_dbapi.Error):
                raise store_error(exc) from None
            raise
        finally:
            if kept is None:
                raw.close()  # back to the pool

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A connection for reads (SQLAlchemy Core); a driver's error is a StoreError."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except DBAPIError as exc:
            raise store_error(exc) from None

    def migrate(self) -> None:
        """Bring the schema up to date; safe when many processes open one new database.

        Each step runs in a transaction holding the schema lock (an advisory lock on
        PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite) and re-reads what is done under
        it, so a migration runs exactly once however many opens race.
        """
        with self._schema_lock() as conn:
            schema_table.create(conn, checkfirst=True)
            done = _versions(conn)
        newer = [v for v in done if v > LATEST]
        if newer:
            raise StoreError(f"the database has schema version {max(newer)}, newer than this "
                             f"sopengine knows ({LATEST}); upgrade sopengine")
        for version, name, apply in MIGRATIONS:
            if version in done:
                continue
            with self._schema_lock() as conn:
                if version in _versions(conn):  # another process got here first
                    continue
                apply(conn)
                conn.execute(insert(schema_table).values(
                    version=version, name=name, applied_at=dt.datetime.now()))

    @contextmanager
    def _schema_lock(self) -> Iterator[Connection]:
        with self.transaction() as conn:
            if self.engine.dialect.name == "postgresql":  # held until the commit
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
            yield conn

    @property
    def schema_version(self) -> int:
        with self.reading() as conn:
            return max(row[0] for row in conn.execute(select(schema_table.c.version)))

    def _drop_write_connection(self) -> None:
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            conn.close()

    def close(self) -> None:
        self._drop_write_connection()
        raw = getattr(self._local, "raw", None)
        if raw is not None:
            self._local.raw = None
            raw.close()
        self.engine.dispose()


def _make_engine(url: str, sqlite_sync: str | None) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    sync = (sqlite_sync or os.environ.get("SOPENGINE_SQLITE_SYNC", "FULL")).upper()
    if sync not in SYNC_MODES:
        raise StoreError(f"SOPENGINE_SQLITE_SYNC must be one of {', '.join(SYNC_MODES)}")
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_MS}")
        _switch_to_wal(cur)
        cur.execute(f"PRAGMA synchronous={sync}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # writers take the write lock up front; readers never wait (WAL)
        write = conn.get_execution_options().get("sopengine_write")
        conn.connection.driver_connection.execute(  # type: ignore[union-attr]
            "BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _switch_to_wal(cur: Any) -> None:
    """Put the file in WAL mode, waiting out other processes doing the same.

    SQLite does not call the busy handler for every lock the switch needs (two
    processes opening a new file at once), so "locked" is retried here, up to
    the same busy timeout.
    """
    deadline = time.monotonic() + BUSY_MS / 1000
    pause = 0.001
    while True:
        try:
            mode = cur.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
            continue
        if str(mode).lower() != "wal" and "memory" not in str(mode).lower():
            raise StoreError(f"the database cannot use WAL mode (journal mode {mode})")
        return


def _sqlite_file(where: str) -> Path | None:
    """The file of a SQLite path or URL; None for another database, for SQLite in
    memory, or a URL that does not parse (opening it says why)."""
    if "://" not in where:
        return Path(where).expanduser().resolve()
    if not where.startswith("sqlite"):
        return None
    try:
        url = make_url(where)
    except ArgumentError:
        return None
    name = url.database
    if not name or name == ":memory:" or name.startswith("file:") or url.query.get("uri"):
        return None
    return Path(name).resolve()


def _versions(conn: Connection) -> set[int]:
    return {row[0] for row in conn.execute(select(schema_table.c.version))}


def _first_line(exc: BaseException) -> str:
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


def _safe(url: str) -> str:
    """The URL without its password; a SQLite file as its path."""
    if url.startswith("sqlite:///") and len(url) > len("sqlite:///"):
        return url.removeprefix("sqlite:///")
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url


__all__ = ["Store", "default_location", "metadata", "to_url"]
