"""The queries an office runs, at 100,000 stored instances, against their bare SQL.

The database: ``bench/engine.py``'s fill (90% of the instances completed with 14
done tasks each, 10% running with one open task; 1.27 million task rows),
SQLite in WAL mode. Each ``Engine`` query (what the CLI and the web pages call:
rows turned into ``Task``/``Instance`` records) is timed against the bare SQL
that returns the same rows: the statement written by hand, run on a plain
``sqlite3`` connection to the same file, rows fetched as tuples. Alternating,
``--runs`` times each; the figure is the ratio of the medians (target: at most
5x). Also printed: whether SQLite's plan for the bare SQL sorts in a temporary
B-tree (it reads every ready task, then sorts) or walks an index.

    python bench/queries.py [--instances 100000] [--runs 200] [--report-runs 7]
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.engine import LOADED, T0, _fill
from sopengine.runtime.engine import Engine
from sopengine.runtime.store import Store

COLUMNS = ", ".join(f"tasks.{c}" for c in (
    "id", "instance_id", "step", "actors", "state", "ready_at", "due_at", "done_at", "done_by",
    "actor", "branch", "note"))


def queries(engine: Engine, some_instance: int) -> dict[str, tuple[Callable[[], list], str]]:
    """name: (the Engine call, its bare SQL)."""
    return {
        "inbox of one actor (50 soonest due)": (
            lambda: engine.tasks(actor="camat", limit=50),
            f"SELECT {COLUMNS} FROM tasks JOIN inbox ON inbox.task_id = tasks.id "
            "WHERE inbox.actor = 'camat' ORDER BY inbox.due_at, inbox.task_id LIMIT 50"),
        "all ready tasks (50 soonest due)": (
            lambda: engine.tasks(limit=50),
            f"SELECT {COLUMNS} FROM tasks WHERE state = 'ready' "
            "ORDER BY due_at, id LIMIT 50"),
        "open tasks of one instance": (
            lambda: engine.tasks(instance_id=some_instance),
            f"SELECT {COLUMNS} FROM tasks WHERE state = 'ready' AND instance_id = "
            f"{some_instance} ORDER BY due_at, id LIMIT 100"),
        "running instances (100 newest)": (
            lambda: engine.instances(status="running", limit=100),
            "SELECT * FROM instances WHERE status = 'running' ORDER BY id DESC LIMIT 100"),
        "all instances (100 newest)": (
            lambda: engine.instances(limit=100),
            "SELECT * FROM instances ORDER BY id DESC LIMIT 100"),
        "every task of one instance": (
            lambda: engine.all_tasks(some_instance),
            f"SELECT {COLUMNS} FROM tasks WHERE instance_id = {some_instance} ORDER BY id"),
    }


def report_queries(engine: Engine) -> dict[str, tuple[Callable[[], list], str]]:
    """What a report reads (every done task of the SOP: 1.2 million rows at 100,000
    instances, so fewer runs), as ``queries``; the bare SQL returns the timestamps as
    stored, sopengine as datetimes."""
    sop_id = LOADED.sop.id
    return {
        "report: every done task's times": (
            lambda: list(engine.step_times(sop_id)),
            "SELECT tasks.step, tasks.ready_at, tasks.due_at, tasks.done_at FROM instances "
            "JOIN tasks ON tasks.instance_id = instances.id "
            f"WHERE instances.sop_id = '{sop_id}' AND tasks.state = 'done'"),
        "instances page: newest 500, late flags": (
            lambda: engine.find_instances(limit=500),
            "SELECT instances.*, EXISTS (SELECT 1 FROM tasks WHERE tasks.instance_id = "
            "instances.id AND tasks.state != 'cancelled' AND COALESCE(tasks.done_at, "
            f"'{T0.isoformat(' ')}') > tasks.due_at) FROM instances ORDER BY id DESC LIMIT 500"),
        "report kept? the SOP's history state": (
            lambda: [engine.history_state(sop_id)],
            "SELECT COUNT(*), COALESCE(SUM(last_seq), 0) FROM instances "
            f"WHERE sop_id = '{sop_id}'"),
        "reports index: instances per SOP": (
            lambda: list(engine.instance_counts().items()),
            "SELECT sop_id, COUNT(*) FROM instances GROUP BY sop_id"),
    }


def plan(db: sqlite3.Connection, sql: str) -> str:
    rows = db.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
    return "; ".join(str(r[-1]) for r in rows)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--report-runs", type=int, default=7,
                        help="runs of the report's queries (each reads every done task)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "office.db"
        store = Store(f"sqlite:///{path}", sqlite_sync="OFF")
        sha = Engine(store).start(LOADED, at=T0).definition
        store.close()
        _fill(path, args.instances, sha)
        store = Store(f"sqlite:///{path}")
        engine = Engine(store)
        db = sqlite3.connect(path)
        some = engine.tasks(limit=1)[0].instance_id
        print(f"machine: {platform.machine()}, {platform.python_implementation()} "
              f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}, WAL; "
              f"{args.instances:,} instances; median (range) of {args.runs}, alternating")
        every = [(q, args.runs) for q in queries(engine, some).items()] + \
            [(q, args.report_runs) for q in report_queries(engine).items()]
        for (name, (call, sql)), runs in every:
            assert len(call()) == len(db.execute(sql).fetchall()), name
            ours, bare = [], []
            for _ in range(runs):
                ours.append(timed(call))
                bare.append(timed(lambda sql=sql: db.execute(sql).fetchall()))
            o, b = statistics.median(ours), statistics.median(bare)
            print(f"{name:38s} {o * 1000:7.3f} ms ({min(ours) * 1000:.3f}-"
                  f"{max(ours) * 1000:.3f})  bare {b * 1000:7.3f} ms  {o / b:6.1f}x")
            print(f"    plan: {plan(db, sql)}")
        db.close()
        store.close()


if __name__ == "__main__":
    main()
