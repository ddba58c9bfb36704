"""Completed instances per second: sopengine against SpiffWorkflow and a bare floor.

All three run SOP Pengukuran Kinerja (14 human steps, "Ya" at the correction)
in this process on the same machine, one database transaction per completion
(an office system commits each person's action), SQLite in WAL mode with the
same ``synchronous`` setting:

* sopengine: ``Engine.start`` then ``Engine.complete`` for each step (history
  event, task rows, inbox, instance row, all in one transaction each);
* SpiffWorkflow 3.x: bench/pengukuran.bpmn parsed once; per instance
  ``BpmnWorkflow``, ``do_engine_steps``; per human task: load its JSON from
  SQLite and deserialise, run the ready manual task, ``do_engine_steps``,
  serialise and store (UPDATE + COMMIT);
* same rows: the rows sopengine writes, as bare ``sqlite3`` statements with
  one COMMIT per completion and no reads (a floor that moves with the design);
* floor: the least a durable completion must write, one INSERT of one small
  event row (instance, seq, kind, time, step, actor) and one COMMIT per start
  and per completion, bare ``sqlite3``, no index but the rowid.

Besides the time, bytes per finished instance, two ways: *written* is every
byte the process hands to ``write()`` during the run (``wchar`` in
/proc/self/io: WAL frames, checkpoints into the database file), *stored* is
the growth of the database file once the WAL is checkpointed (the rows and
their indexes as they lie on disk).

Then the inbox query (``Engine.tasks(actor=...)``, 50 soonest due) with 100,000
stored instances.

With ``--clients 16``: completions per second of one client against 16 threads
of one process (with and without group commit), 16 processes, and 4 processes
of 4 threads, each finishing its share of the same started instances; on SQLite
and, given ``--pg URL``, on PostgreSQL (its public schema is dropped and made
again). "per commit" is completions per commit (group commit's counters).

    python bench/engine.py [--instances 200] [--runs 5] [--sync FULL|NORMAL]
                           [--no-spiff] [--inbox-instances 100000]
                           [--clients 16 [--only-clients] [--pg URL]]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import platform
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sopengine.definition.loader import check_file  # noqa: E402
from sopengine.runtime.engine import Engine  # noqa: E402
from sopengine.runtime.store import Store  # noqa: E402

SOP = ROOT / "sops" / "pengukuran.yaml"
BPMN = ROOT / "bench" / "pengukuran.bpmn"
T0 = dt.datetime(2026, 11, 23, 7, 30)
LOADED = check_file(SOP)
assert LOADED.sop is not None
STEPS = [s.id for s in LOADED.sop.steps]


def run_sopengine(path: Path, n: int, sync: str, group_commit: bool = True) -> None:
    store = Store(f"sqlite:///{path}", sqlite_sync=sync)
    engine = Engine(store, group_commit=group_commit)
    if n == 0:  # the empty database has the definition pinned: not counted per instance
        with store.raw_transaction() as conn:
            engine._pin(conn, LOADED, T0)
    for _ in range(n):
        iid = engine.start(LOADED, at=T0).id
        for step in STEPS:
            engine.complete(iid, step, branch="Ya" if step == "koreksi" else None, at=T0)
    store.close()


def run_spiff(path: Path, n: int, sync: str) -> None:
    from SpiffWorkflow.bpmn import BpmnWorkflow
    from SpiffWorkflow.bpmn.parser import BpmnParser
    from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
    from SpiffWorkflow.util.task import TaskState

    parser = BpmnParser()
    parser.add_bpmn_file(str(BPMN))
    spec = parser.get_spec("pengukuran")
    serializer = BpmnWorkflowSerializer()
    db = _sqlite(path, sync)
    db.execute("CREATE TABLE IF NOT EXISTS workflows (id INTEGER PRIMARY KEY, state TEXT)")
    for _ in range(n):
        workflow = BpmnWorkflow(spec)
        workflow.do_engine_steps()
        db.execute("BEGIN IMMEDIATE")
        wid = db.execute("INSERT INTO workflows (state) VALUES (?)",
                         (serializer.serialize_json(workflow),)).lastrowid
        db.execute("COMMIT")
        while True:
            state = db.execute("SELECT state FROM workflows WHERE id = ?", (wid,)).fetchone()[0]
            workflow = serializer.deserialize_json(state)
            ready = workflow.get_tasks(state=TaskState.READY, manual=True)
            if not ready:
                break
            task = ready[0]
            task.data["ok"] = True
            task.run()
            workflow.do_engine_steps()
            db.execute("BEGIN IMMEDIATE")
            db.execute("UPDATE workflows SET state = ? WHERE id = ?",
                       (serializer.serialize_json(workflow), wid))
            db.execute("COMMIT")
    db.close()


def run_rows(path: Path, n: int, sync: str) -> None:
    Store(f"sqlite:///{path}", sqlite_sync=sync).close()  # the same schema and indexes
    db = _sqlite(path, sync)
    sop = LOADED.sop
    assert sop is not None
    now = T0.isoformat(" ")
    outputs = {s.id: json.dumps(list(s.outputs)) for s in sop.steps}
    for _ in range(n):
        db.execute("BEGIN IMMEDIATE")
        iid = db.execute("INSERT INTO instances (sop_id, definition, status, started_at, clock,"
                         " arrivals, last_seq) VALUES (?, ?, 'running', ?, 'real', '{}', 1)",
                         (sop.id, "x" * 64, now)).lastrowid
        db.execute("INSERT INTO events (instance_id, seq, kind, at) VALUES (?, 1, 'started', ?)",
                   (iid, now))
        tid = _new_task(db, iid, STEPS[0], sop.steps[0].actor, now)
        db.execute("COMMIT")
        for i, step in enumerate(STEPS):
            db.execute("BEGIN IMMEDIATE")
            db.execute("UPDATE tasks SET state='done', done_at=?, done_by='x', actor='x' "
                       "WHERE id = ? AND state = 'ready'", (now, tid))
            db.execute("DELETE FROM inbox WHERE task_id = ?", (tid,))
            db.execute("INSERT INTO events (instance_id, seq, kind, at, task_id, step, actor, "
                       "by_name, outputs) VALUES (?, ?, 'completed', ?, ?, ?, 'x', 'x', ?)",
                       (iid, i + 2, now, tid, step, outputs[step]))
            if i + 1 < len(STEPS):
                tid = _new_task(db, iid, STEPS[i + 1], sop.steps[i + 1].actor, now)
            db.execute("UPDATE instances SET arrivals='{}', last_seq=?, status=? WHERE id=?",
                       (i + 2, "running" if i + 1 < len(STEPS) else "completed", iid))
            db.execute("COMMIT")
    db.close()


FLOOR_TABLE = ("CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, instance_id INTEGER "
               "NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL, "
               "step TEXT, actor TEXT)")


def run_floor(path: Path, n: int, sync: str) -> None:
    """One INSERT of one small event row and one COMMIT per start and per completion."""
    db = _sqlite(path, sync)
    db.execute(FLOOR_TABLE)
    sop = LOADED.sop
    assert sop is not None
    now = T0.isoformat(" ")
    add = ("INSERT INTO events (instance_id, seq, kind, at, step, actor) "
           "VALUES (?, ?, ?, ?, ?, ?)")
    for iid in range(1, n + 1):
        db.execute("BEGIN IMMEDIATE")
        db.execute(add, (iid, 1, "started", now, None, None))
        db.execute("COMMIT")
        for i, step in enumerate(STEPS):
            db.execute("BEGIN IMMEDIATE")
            db.execute(add, (iid, i + 2, "completed", now, step, sop.steps[i].actor[0]))
            db.execute("COMMIT")
    db.close()


def _prepare(url: str, instances: int) -> list[int]:
    """A new database with ``instances`` started instances of the SOP."""
    if url.startswith("postgresql"):
        from sqlalchemy import create_engine, text

        db = create_engine(url)
        with db.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.dispose()
    store = Store(url, sqlite_sync="OFF")
    engine = Engine(store, group_commit=False)
    ids = [engine.start(LOADED, at=T0).id for _ in range(instances)]
    store.close()
    return ids


def _finish_all(engine: Engine, ids: list[int]) -> None:
    for iid in ids:
        for step in STEPS:
            engine.complete(iid, step, branch="Ya" if step == "koreksi" else None, at=T0)


def run_clients(url: str, sync: str, ids: list[int], threads: int,
                group_commit: bool = True, writers: int = 1) -> tuple[float, int]:
    """Seconds for ``threads`` threads of one process to finish ``ids`` (each its share),
    and the commits it took."""
    store = Store(url, sqlite_sync=sync)
    store.group_commit.writers = writers
    engine = Engine(store, group_commit=group_commit)
    engine.definition(engine.instance(ids[0]).definition)
    shares = [ids[k::threads] for k in range(threads)]
    workers = [threading.Thread(target=_finish_all, args=(engine, share)) for share in shares]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    secs = time.perf_counter() - start
    commits = store.group_commit.commits if group_commit else len(ids) * len(STEPS)
    store.close()
    return secs, commits


def _process_client(url: str, sync: str, ids: list[int], threads: int, go: Any,
                    done: Any) -> None:
    store = Store(url, sqlite_sync=sync)
    engine = Engine(store, group_commit=True)
    engine.definition(engine.instance(ids[0]).definition)
    shares = [ids[k::threads] for k in range(threads)]
    workers = [threading.Thread(target=_finish_all, args=(engine, share)) for share in shares]
    go.wait()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    done.put(store.group_commit.commits)
    store.close()


def run_processes(url: str, sync: str, ids: list[int], processes: int,
                  threads: int) -> tuple[float, int]:
    """Seconds for ``processes`` processes of ``threads`` threads each to finish ``ids``."""
    ctx = multiprocessing.get_context("fork")
    go, done = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_process_client,
                         args=(url, sync, ids[k::processes], threads, go, done))
             for k in range(processes)]
    for proc in procs:
        proc.start()
    time.sleep(1.0)  # every process has opened the store (not timed)
    start = time.perf_counter()
    go.set()
    commits = sum(done.get() for _ in procs)
    secs = time.perf_counter() - start
    for proc in procs:
        proc.join()
    return secs, commits


def clients_table(url: str, sync: str, instances: int, runs: int, clients: int) -> None:
    """Completions per second: one client against ``clients`` concurrent ones."""
    name = "PostgreSQL" if url.startswith("postgresql") else f"SQLite synchronous={sync}"
    total = instances * len(STEPS)
    setups: list[tuple[str, Callable[[list[int]], tuple[float, int]]]] = [
        ("1 client", lambda ids: run_clients(url, sync, ids, 1)),
        (f"{clients} threads, no group commit",
         lambda ids: run_clients(url, sync, ids, clients, group_commit=False)),
        (f"{clients} threads", lambda ids: run_clients(url, sync, ids, clients)),
        *([(f"{clients} threads, 4 batches at once",
            lambda ids: run_clients(url, sync, ids, clients, writers=4))]
          if url.startswith("postgresql") else []),
        (f"{clients} processes x 1 thread",
         lambda ids: run_processes(url, sync, ids, clients, 1)),
        (f"4 processes x {clients // 4} threads",
         lambda ids: run_processes(url, sync, ids, 4, clients // 4)),
    ]
    print(f"{name}: {instances} instances x {len(STEPS)} completions, median (range) of "
          f"{runs} runs, the setups in turn")
    measured: dict[str, list[tuple[float, float]]] = {label: [] for label, _ in setups}
    for _ in range(runs):
        for label, fn in setups:
            ids = _prepare(url, instances)
            secs, commits = fn(ids)
            measured[label].append((total / secs, total / max(commits, 1)))
    base = None
    for label, found in measured.items():
        rates, per_commit = [r for r, _ in found], [c for _, c in found]
        rate = statistics.median(rates)
        base = base or rate
        print(f"  {label:34s} {rate:8.0f} completions/s ({min(rates):.0f}-{max(rates):.0f})  "
              f"{statistics.median(per_commit):5.1f} per commit  {rate / base:5.2f}x")


def _new_task(db: sqlite3.Connection, iid: int, step: str, actors: tuple[str, ...],
              now: str) -> int:
    tid = db.execute("INSERT INTO tasks (instance_id, step, actors, state, ready_at, due_at) "
                     "VALUES (?, ?, ?, 'ready', ?, ?)", (iid, step, ",".join(actors), now,
                                                         now)).lastrowid
    db.executemany("INSERT INTO inbox (task_id, actor, instance_id, due_at) VALUES (?,?,?,?)",
                   [(tid, a, iid, now) for a in actors])
    assert tid is not None
    return tid


def _sqlite(path: Path, sync: str) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(f"PRAGMA synchronous={sync}")
    return db


@dataclass
class Measured:
    times: list[float]  # seconds per run
    written: float  # bytes handed to write() per instance (median of the runs)
    stored: float  # growth of the checkpointed database file per instance

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def _written_bytes() -> int:
    """Bytes this process has handed to write() so far (Linux /proc/self/io)."""
    with open("/proc/self/io") as io:
        return next(int(line.split()[1]) for line in io if line.startswith("wchar:"))


def _db_size(path: Path) -> int:
    """The database file's size with its WAL checkpointed into it (0: no file)."""
    if not path.exists():
        return 0
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path.stat().st_size


def measure_once(fn: Callable[[Path, int, str], None], n: int, sync: str
                 ) -> tuple[float, float, float]:
    """Seconds, bytes written per instance, bytes stored per instance: one run."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        fn(path, 0, sync)  # the empty schema, not counted
        empty = _db_size(path)
        before = _written_bytes()
        start = time.perf_counter()
        fn(path, n, sync)
        secs = time.perf_counter() - start
        return secs, (_written_bytes() - before) / n, (_db_size(path) - empty) / n


def timed_together(peers: list[tuple[str, Callable[[Path, int, str], None]]], n: int,
                   sync: str, runs: int) -> dict[str, Measured]:
    """Each run runs every peer once, in turn, so a machine shared with other work
    slows them alike."""
    found: dict[str, list[tuple[float, float, float]]] = {name: [] for name, _ in peers}
    for _ in range(runs):
        for name, fn in peers:
            found[name].append(measure_once(fn, n, sync))
    return {name: Measured([r[0] for r in rs], statistics.median(r[1] for r in rs),
                           statistics.median(r[2] for r in rs)) for name, rs in found.items()}


def inbox_query(count: int, runs: int) -> tuple[float, int]:
    """Median seconds of one inbox query with ``count`` stored instances."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "inbox.db"
        store = Store(f"sqlite:///{path}", sqlite_sync="OFF")
        engine = Engine(store)
        iid = engine.start(LOADED, at=T0).id  # pins the definition
        sha = engine.instance(iid).definition
        store.close()
        _fill(path, count, sha)
        store = Store(f"sqlite:///{path}")
        engine = Engine(store)
        found = engine.tasks(actor="camat", limit=50)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            engine.tasks(actor="camat", limit=50)
            times.append(time.perf_counter() - start)
        store.close()
    return statistics.median(times), len(found)


def _fill(path: Path, count: int, sha: str) -> None:
    """``count`` instances: 90% completed with 14 done tasks, 10% running with one open."""
    db = _sqlite(path, "OFF")
    sop = LOADED.sop
    assert sop is not None
    db.execute("BEGIN")
    now = T0.isoformat(" ")
    for k in range(count):
        running = k % 10 == 0
        iid = db.execute("INSERT INTO instances (sop_id, definition, status, started_at, "
                         "clock, arrivals, last_seq) VALUES (?, ?, ?, ?, 'real', '{}', 1)",
                         (sop.id, sha, "running" if running else "completed", now)).lastrowid
        upto = (k // 10) % len(STEPS) if running else len(STEPS)
        rows = [(iid, s, ",".join(sop.steps[i].actor), "done", now, now, now)
                for i, s in enumerate(STEPS[:upto])]
        db.executemany("INSERT INTO tasks (instance_id, step, actors, state, ready_at, due_at, "
                       "done_at) VALUES (?,?,?,?,?,?,?)", rows)
        if running:
            due = (T0 + dt.timedelta(minutes=k % 5000)).isoformat(" ")
            _new_task(db, iid, STEPS[upto], sop.steps[upto].actor, due)
    db.execute("COMMIT")
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sync", choices=["FULL", "NORMAL"], default="FULL")
    parser.add_argument("--no-spiff", action="store_true", help="skip SpiffWorkflow")
    parser.add_argument("--inbox-instances", type=int, default=100_000,
                        help="0 skips the inbox query")
    parser.add_argument("--clients", type=int, default=0,
                        help="concurrent clients against one (0: skip)")
    parser.add_argument("--only-clients", action="store_true",
                        help="only the concurrent clients")
    parser.add_argument("--pg", help="a PostgreSQL URL for the concurrent clients too")
    args = parser.parse_args()
    n, sync = args.instances, args.sync
    if args.clients:
        with tempfile.TemporaryDirectory() as tmp:
            clients_table(f"sqlite:///{Path(tmp) / 'clients.db'}", sync, n, args.runs,
                          args.clients)
        if args.pg:
            clients_table(args.pg, sync, n, args.runs, args.clients)
    if args.only_clients:
        return
    peers: list[tuple[str, Callable[[Path, int, str], None]]] = [
        ("sopengine", run_sopengine),
        ("no group commit", lambda path, n, sync: run_sopengine(path, n, sync, False)),
        ("same rows", run_rows), ("floor", run_floor)]
    if not args.no_spiff:
        peers.insert(1, ("SpiffWorkflow", run_spiff))
    found = timed_together(peers, n, sync, args.runs)
    print(f"machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}, WAL, "
          f"synchronous={sync}")
    print(f"{n} instances x {len(STEPS)} human steps, one commit per completion; "
          f"median (range) of {args.runs} runs, the peers in turn; bytes per finished "
          "instance")
    for name, m in found.items():
        low, high = min(m.times) / n * 1000, max(m.times) / n * 1000
        print(f"  {name:15s} {n / m.median:8.1f} inst/s {m.median / n * 1000:7.2f} ms/instance "
              f"({low:.2f}-{high:.2f})  written {m.written:9,.0f} B  stored {m.stored:7,.0f} B")
    ours, floor = found["sopengine"], found["floor"]
    if "SpiffWorkflow" in found:
        print(f"sopengine vs SpiffWorkflow: {found['SpiffWorkflow'].median / ours.median:.1f}x "
              "faster")
    print(f"sopengine vs the floor: {ours.median / floor.median:.2f}x the time (target <= "
          f"{1.5 if sync == 'FULL' else 2}x), {ours.written / floor.written:.2f}x the bytes "
          f"written, {ours.stored / floor.stored:.2f}x the bytes stored (target <= 2x)")
    if args.inbox_instances:
        query, count = inbox_query(args.inbox_instances, 200)
        print(f"inbox query, {args.inbox_instances:,} instances: {query * 1000:.2f} ms median "
              f"of 200 ({count} tasks returned; target <= 10 ms)")

if __name__ == "__main__":
    main()
