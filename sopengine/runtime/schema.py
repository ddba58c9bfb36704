"""The database schema and its migrations.

``events`` is the append-only history: every instance's state can be rebuilt
from it exactly. ``instances``, ``tasks`` and ``inbox`` are the current state,
kept in the same transaction as each event for fast queries: ``inbox`` holds one
row per ready task and actor, indexed for "my tasks, soonest due first".

``sop_revisions`` and ``sop_revision_events`` are the catalog of SOP documents
(migration 3): each revision's YAML, its state and who moved it when; at most
one open revision per SOP (migration 5's unique partial index).

Migrations are numbered functions, each run once in its own transaction and
recorded in ``sopengine_schema``. A database of a newer schema than this code
knows is refused rather than misread. Never edit a released migration: add one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    insert,
    inspect,
    select,
    text,
    update,
)

metadata = MetaData()

schema_table = Table(
    "sopengine_schema", metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String(100), nullable=False),
    Column("applied_at", DateTime, nullable=False),
)

definitions = Table(
    "definitions", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("sop_id", String(200), nullable=False),
    Column("title", Text, nullable=False),
    Column("path", Text, nullable=False),
    Column("source", Text, nullable=False),  # the YAML text exactly as started
    Column("stored_at", DateTime, nullable=False),
    # the SOP as this sopengine read it then (JSON of the model): what the instances run,
    # even if a later sopengine reads the text otherwise or refuses it (migration 8)
    Column("model", Text),
)

instances = Table(
    "instances", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sop_id", String(200), nullable=False),
    Column("definition", String(64), ForeignKey("definitions.sha256"), nullable=False),
    Column("status", String(20), nullable=False),
    Column("started_at", DateTime, nullable=False),
    Column("finished_at", DateTime),
    Column("clock", String(10), nullable=False),  # real | virtual
    Column("arrivals", Text, nullable=False, default="{}"),  # join counters, JSON
    Column("last_seq", Integer, nullable=False, default=0),
    Column("title", Text),  # from migration 2
    Column("started_by", String(100)),  # a user name, from migration 2
    Index("ix_instances_status", "status", "id"),
)

tasks = Table(
    "tasks", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("instance_id", Integer, ForeignKey("instances.id"), nullable=False),
    Column("step", String(200), nullable=False),
    Column("actors", Text, nullable=False),  # actor ids joined by ","
    Column("state", String(20), nullable=False),
    Column("ready_at", DateTime, nullable=False),
    Column("due_at", DateTime, nullable=False),
    Column("done_at", DateTime),
    Column("done_by", Text),
    Column("actor", String(200)),  # which of the actors completed it
    Column("branch", Text),
    Column("note", Text),
    Index("ix_tasks_instance", "instance_id", "id"),
    # (ix_tasks_step_state, by step and state, was read by no query: dropped, migration 6)
    # at most one ready task per step of an instance: the flow never needs two
    Index("ux_tasks_ready", "instance_id", "step", unique=True,
          sqlite_where=text("state = 'ready'"), postgresql_where=text("state = 'ready'")),
    # every ready task, soonest due first (a supervisor's view): walked, not sorted;
    # only ready tasks are in it, so it stays as small as the work in hand (migration 4)
    Index("ix_tasks_ready_due", "due_at", "id",
          sqlite_where=text("state = 'ready'"), postgresql_where=text("state = 'ready'")),
)

# inbox and events are clustered by their keys on SQLite (WITHOUT ROWID, migration 7):
# one B-tree each fewer for every completion to write
inbox = Table(
    "inbox", metadata,
    Column("task_id", Integer, ForeignKey("tasks.id"), primary_key=True),
    Column("actor", String(200), primary_key=True),
    Column("instance_id", Integer, nullable=False),
    Column("due_at", DateTime, nullable=False),
    Index("ix_inbox_actor_due", "actor", "due_at", "task_id"),
    sqlite_with_rowid=False,
)

events = Table(
    "events", metadata,
    # (an id column, the key until migration 7, numbered nothing that (instance, seq)
    # does not; the key is now (instance_id, seq), the history's order)
    Column("instance_id", Integer, ForeignKey("instances.id"), primary_key=True,
           autoincrement=False),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("kind", String(20), nullable=False),  # started | completed | cancelled
    Column("at", DateTime, nullable=False),
    Column("task_id", Integer),
    Column("step", String(200)),
    Column("actor", String(200)),
    Column("by_name", Text),
    Column("branch", Text),
    Column("note", Text),
    # JSON list: what the step handed over; NULL since migration 6, when the pinned
    # definition's step has it (Engine.history fills it in)
    Column("outputs", Text),
    UniqueConstraint("task_id", "kind", name="ux_events_task"),  # one completion per task
    sqlite_with_rowid=False,
)

V1_TABLES = [definitions, instances, tasks, inbox, events]

# -- the catalog of SOP documents (runtime/catalog.py) ------------------------

OPEN_WHERE = "state IN ('draft', 'in_review', 'returned')"  # runtime/revision.py's OPEN

sop_revisions = Table(
    "sop_revisions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sop_id", String(200), nullable=False),
    Column("revision", Integer, nullable=False),  # 1, 2, ... per sop_id
    Column("title", Text, nullable=False),
    Column("unit", Text),
    Column("state", String(20), nullable=False),
    Column("source", Text, nullable=False),  # the YAML exactly as last submitted
    Column("sha256", String(64), nullable=False),
    Column("published", Text),  # the source with number and dates filled at approval
    Column("number", Text),
    Column("created_on", Date),
    Column("revised_on", Date),
    Column("effective_on", Date),
    Column("reviewed_on", Date),  # the last yearly review that kept it unchanged
    Column("approved_at", DateTime),
    Column("approved_by", Text),
    Column("instance_id", Integer, ForeignKey("instances.id")),  # its review procedure
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    UniqueConstraint("sop_id", "revision", name="ux_sop_revisions_revision"),
    Index("ix_sop_revisions_state", "state", "sop_id"),
    # one open revision (being written or reviewed) per SOP at a time (migration 5)
    Index("ux_sop_revisions_open", "sop_id", unique=True,
          sqlite_where=text(OPEN_WHERE), postgresql_where=text(OPEN_WHERE)),
)

sop_revision_events = Table(
    "sop_revision_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("revision_id", Integer, ForeignKey("sop_revisions.id"), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("trigger", String(20), nullable=False),
    Column("from_state", String(20)),
    Column("to_state", String(20), nullable=False),
    Column("by_name", Text),
    Column("note", Text),
    Column("sha256", String(64)),
    Column("source", Text),  # the text submitted with this event, when it changed
    Index("ix_sop_revision_events_revision", "revision_id", "id"),
)


def _v1(conn: Connection) -> None:
    # a fresh database gets today's tables; later migrations add only what is missing
    for table in V1_TABLES:
        table.create(conn)


# -- accounts (migration 2): users, the positions each holds, sessions, API tokens,
# sign-in failures (throttling shared by every worker process), the app's secret
users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),  # the sign-in name
    Column("full_name", Text, nullable=False),
    Column("password_hash", Text, nullable=False),  # Argon2id, PHC string
    Column("admin", Integer, nullable=False, default=0),
    Column("disabled", Integer, nullable=False, default=0),
    Column("created_at", DateTime, nullable=False),
)

user_positions = Table(
    "user_positions", metadata,
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("position", String(200), nullable=False),
    PrimaryKeyConstraint("user_id", "position"),
    Index("ix_user_positions_position", "position"),
)

sessions = Table(
    "sessions", metadata,
    Column("token_hash", String(64), primary_key=True),  # sha256 of the cookie's token
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Index("ix_sessions_user", "user_id"),
)

api_tokens = Table(
    "api_tokens", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("label", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

signin_failures = Table(
    "signin_failures", metadata,
    Column("key", String(300), primary_key=True),  # "user:NAME" or "addr:IP"
    Column("count", Integer, nullable=False),
    Column("first_at", DateTime, nullable=False),
)

app_secrets = Table(
    "app_secrets", metadata,
    Column("name", String(50), primary_key=True),
    Column("value", LargeBinary, nullable=False),
)

attachments = Table(
    "attachments", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("instance_id", Integer, ForeignKey("instances.id"), nullable=False),
    Column("task_id", Integer, ForeignKey("tasks.id"), nullable=False),
    Column("stored_as", String(100), nullable=False, unique=True),  # a random name
    Column("name", Text, nullable=False),  # the uploader's file name, for display only
    Column("content_type", String(100), nullable=False),
    Column("size", Integer, nullable=False),
    Column("by_name", Text),
    Column("at", DateTime, nullable=False),
    Index("ix_attachments_instance", "instance_id", "id"),
)

V2_TABLES = [users, user_positions, sessions, api_tokens, signin_failures, app_secrets,
             attachments]


def _v2(conn: Connection) -> None:
    for table in V2_TABLES:
        table.create(conn)
    # an instance's title ("Pengukuran kinerja TW IV 2026") and who started it
    have = {c["name"] for c in inspect(conn).get_columns("instances")}
    for name, kind in (("title", "TEXT"), ("started_by", "VARCHAR(100)")):
        if name not in have:
            conn.execute(text(f"ALTER TABLE instances ADD COLUMN {name} {kind}"))


def _v3(conn: Connection) -> None:
    sop_revisions.create(conn)
    sop_revision_events.create(conn)


def _v4(conn: Connection) -> None:
    next(i for i in tasks.indexes if i.name == "ix_tasks_ready_due").create(conn, checkfirst=True)


def _v5(conn: Connection) -> None:
    """The open-revision index; a database that has two open revisions of one SOP (made
    by concurrent submits before it) keeps the newest open, the others withdrawn."""
    rev = sop_revisions.c
    rows = conn.execute(select(rev.id, rev.sop_id, rev.state).where(text(OPEN_WHERE))
                        .order_by(rev.sop_id, rev.revision.desc())).all()
    seen: set[str] = set()
    now = dt.datetime.now().replace(microsecond=0)
    for rid, sop_id, state in rows:
        if sop_id not in seen:
            seen.add(sop_id)
            continue
        conn.execute(update(sop_revisions).where(rev.id == rid)
                     .values(state="withdrawn", updated_at=now))
        conn.execute(insert(sop_revision_events).values(
            revision_id=rid, at=now, trigger="withdraw", from_state=state,
            to_state="withdrawn", by_name="sopengine",
            note="migrasi 5: revisi terbuka kedua dari SOP yang sama"))
    next(i for i in sop_revisions.indexes if i.name == "ux_sop_revisions_open").create(
        conn, checkfirst=True)


def _v6(conn: Connection) -> None:
    """One completion writes less: the index of tasks by step and state, which no
    query reads, is dropped (each completion rewrote two of its pages)."""
    conn.execute(text("DROP INDEX IF EXISTS ix_tasks_step_state"))


def _v7(conn: Connection) -> None:
    """The history keyed by (instance, seq) instead of an id plus a unique index, and on
    SQLite inbox and events stored in their key's order (WITHOUT ROWID): a completion
    writes two B-trees fewer. The rows are copied as they are; a database made new
    (migration 1 makes today's tables) has nothing to change."""
    if "id" not in {c["name"] for c in inspect(conn).get_columns("events")}:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(text("ALTER TABLE events DROP CONSTRAINT events_pkey"))
        conn.execute(text("ALTER TABLE events DROP COLUMN id"))
        conn.execute(text("ALTER TABLE events DROP CONSTRAINT ux_events_seq"))
        conn.execute(text("ALTER TABLE events ADD CONSTRAINT events_pkey "
                          "PRIMARY KEY (instance_id, seq)"))
        return
    for table, indexes in ((inbox, ["ix_inbox_actor_due"]), (events, [])):
        old = f"{table.name}_v6"
        conn.execute(text(f"ALTER TABLE {table.name} RENAME TO {old}"))
        for name in indexes:
            conn.execute(text(f"DROP INDEX {name}"))
        table.create(conn)
        columns = ", ".join(c.name for c in table.columns)
        conn.execute(text(f"INSERT INTO {table.name} ({columns}) SELECT {columns} FROM {old}"))
        conn.execute(text(f"DROP TABLE {old}"))


def _v8(conn: Connection) -> None:
    """Each definition keeps the SOP as read when it was pinned (its model as JSON), so
    a later sopengine whose loader reads the text otherwise (YAML 1.2 numbers) or
    refuses it (a newer rule) still runs the instances as they started. Definitions
    pinned before have none: they are read from their text, as before."""
    if "model" not in {c["name"] for c in inspect(conn).get_columns("definitions")}:
        conn.execute(text("ALTER TABLE definitions ADD COLUMN model TEXT"))


#: (version, name, function): applied in order, each in its own transaction
MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial tables: definitions, instances, tasks, inbox, events", _v1),
    # (names fit sopengine_schema.name, 100 characters)
    (2, "accounts, sessions, sign-in throttling, attachments; instance title", _v2),
    (3, "SOP catalog: sop_revisions, sop_revision_events", _v3),
    (4, "index of the ready tasks by due time", _v4),
    (5, "one open revision per SOP: a unique partial index", _v5),
    (6, "drop ix_tasks_step_state, an index no query reads", _v6),
    (7, "events keyed by (instance_id, seq); inbox and events WITHOUT ROWID", _v7),
    (8, "definitions keep the SOP as read when pinned (model JSON)", _v8),
]

LATEST = MIGRATIONS[-1][0]
