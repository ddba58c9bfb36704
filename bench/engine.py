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
* floor: the same rows sopengine writes, as bare ``sqlite3`` statements with
  one COMMIT per completion and no reads.

Then the inbox query (``Engine.tasks(actor=...)``, 50 soonest due) with 100,000
stored instances.

    python bench/engine.py [--instances 200] [--runs 5] [--sync FULL|NORMAL]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

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


def run_sopengine(path: Path, n: int, sync: str) -> None:
    store = Store(f"sqlite:///{path}", sqlite_sync=sync)
    engine = Engine(store)
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


def run_floor(path: Path, n: int, sync: str) -> None:
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


def timed(fn: Callable[[Path, int, str], None], n: int, sync: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            fn(Path(tmp) / "bench.db", n, sync)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


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
    parser.add_argument("--inbox-instances", type=int, default=100_000)
    args = parser.parse_args()
    n, sync = args.instances, args.sync
    ours = timed(run_sopengine, n, sync, args.runs)
    spiff = timed(run_spiff, n, sync, args.runs)
    floor = timed(run_floor, n, sync, args.runs)
    query, found = inbox_query(args.inbox_instances, 200)
    print(f"machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}, WAL, "
          f"synchronous={sync}")
    print(f"{n} instances x {len(STEPS)} human steps, one commit per completion; "
          f"median of {args.runs} runs")
    for name, secs in (("sopengine", ours), ("SpiffWorkflow", spiff), ("bare commits", floor)):
        print(f"  {name:14s} {n / secs:8.1f} instances/s  {secs / n * 1000:7.2f} ms/instance")
    print(f"sopengine vs SpiffWorkflow: {spiff / ours:.1f}x faster (target >= 20x)")
    print(f"sopengine vs bare commits:  {ours / floor:.2f}x the floor (target <= 2x)")
    print(f"inbox query, {args.inbox_instances:,} instances: {query * 1000:.2f} ms median of 200 "
          f"({found} tasks returned; target <= 10 ms)")


if __name__ == "__main__":
    main()
