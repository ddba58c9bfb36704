"""A worker process for the concurrency and crash tests (run as a script).

    python -m tests.runtime.worker race URL INSTANCES NAME OUT START_FILE [THREADS]
        complete every step of every instance, racing the other workers (from
        THREADS threads sharing commits); write one line per completion this
        worker won, then "lost N" and "batched N" (completions that shared a
        commit with another).
    python -m tests.runtime.worker chaos URL ACK SEED
        keep starting instances and completing random ready tasks until killed;
        append "instance task" to ACK after each completion has returned.
    python -m tests.runtime.worker chaos-threads URL ACK SEED THREADS
        the same from THREADS threads of one process, whose completions share
        commits (group commit); each line also says how many completions of
        this process were written in a batch of more than one so far.
    python -m tests.runtime.worker first-open URL SOP_FILE STARTS OUT START_FILE
        once START_FILE exists, open the (empty) database and start SOP_FILE STARTS
        times, racing the other workers' migrations and first starts.
"""

from __future__ import annotations

import os
import random
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sopengine.definition.loader import check_file
from sopengine.errors import AlreadyDone, NotFound
from sopengine.runtime.engine import Engine
from sopengine.runtime.routing import branch_chances
from sopengine.runtime.store import Store

ROOT = Path(__file__).resolve().parents[2]
CHAOS_SOPS = [ROOT / "sops" / "pengukuran.yaml", ROOT / "sops" / "pengumpulan-data.yaml"]


# nested-parallel.yaml with b1 answered "Lengkap": b2 never runs
RACE_STEPS = ["mulai", "a1", "b1", "a2", "a3", "a4", "gabung"]


def race(url: str, instances: list[int], name: str, out: Path, start_file: Path,
         threads: int = 1) -> None:
    store = Store(url)
    engine = Engine(store, group_commit=threads > 1 or None)
    engine.definition(engine.instance(instances[0]).definition)  # warm up before the race
    Path(f"{out}.ready").touch()
    while not start_file.exists():  # all workers start together
        time.sleep(0.001)
    results: list[tuple[list[str], int]] = []
    # each thread starts a little further on, so they run into each other too
    orders = [instances[n * 3:] + instances[:n * 3] for n in range(threads)]
    workers = [threading.Thread(target=lambda o=o, k=k: results.append(
        _race_through(engine, o, f"{name}.{k}"))) for k, o in enumerate(orders)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    won = [line for lines, _ in results for line in lines]
    lost = sum(n for _, n in results)
    group = store.group_commit
    out.write_text("".join(f"{line}\n" for line in won) + f"lost {lost}\n"
                   f"batched {group.batched}\n")


def _race_through(engine: Engine, instances: list[int], name: str) -> tuple[list[str], int]:
    won, lost = [], 0
    for iid in instances:
        pending = list(RACE_STEPS)
        while pending:
            for step in list(pending):
                try:
                    engine.complete(iid, step, by=name,
                                    branch="Lengkap" if step == "b1" else None)
                    won.append(f"{iid} {step}")
                    pending.remove(step)
                except AlreadyDone:
                    pending.remove(step)
                    lost += 1
                except NotFound:
                    pass  # not ready yet: an earlier step is still open
    return won, lost


def chaos(url: str, ack: Path, seed: int) -> None:
    engine = Engine(Store(url))
    loaded = [check_file(p) for p in CHAOS_SOPS]
    with ack.open("a") as log:
        _chaos_loop(engine, loaded, random.Random(seed), lambda line: _ack(log, line))


def chaos_threads(url: str, ack: Path, seed: int, threads: int) -> None:
    store = Store(url)
    engine = Engine(store, group_commit=True)  # on PostgreSQL too
    loaded = [check_file(p) for p in CHAOS_SOPS]
    lock = threading.Lock()
    with ack.open("a") as log:
        def acked(line: str) -> None:
            group = store.group_commit
            with lock:
                _ack(log, f"{line} {group.batched}")

        workers = [threading.Thread(target=_chaos_loop, daemon=True,
                                    args=(engine, loaded, random.Random(seed * 100 + n), acked))
                   for n in range(threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()


def _chaos_loop(engine: Engine, loaded: list[Any], rng: random.Random,
                acked: Callable[[str], None]) -> None:
    """Start instances and complete random ready tasks until killed; ``acked`` is told
    of each completion after it returned."""
    while True:
        ready = engine.tasks(limit=50)
        if len(ready) < 5:
            engine.start(rng.choice(loaded))
            continue
        task = rng.choice(ready)
        _, flow = engine.definition(engine.instance(task.instance_id).definition)
        options = branch_chances(flow, task.step)
        branch = rng.choice(options)[0] if options else None
        try:
            done = engine.complete(task.instance_id, task.step, branch=branch)
        except (AlreadyDone, NotFound):
            continue
        acked(f"{task.instance_id} {done.task.id}")


def _ack(log: Any, line: str) -> None:
    log.write(f"{line}\n")
    log.flush()
    os.fsync(log.fileno())


def first_open(url: str, sop_file: Path, starts: int, out: Path, start_file: Path) -> None:
    loaded = check_file(sop_file)
    Path(f"{out}.ready").touch()
    while not start_file.exists():  # all workers open together
        time.sleep(0.001)
    store = Store(url)
    engine = Engine(store)
    ids = [engine.start(loaded).id for _ in range(starts)]
    store.close()
    out.write_text(" ".join(map(str, ids)))


if __name__ == "__main__":
    mode, url = sys.argv[1], sys.argv[2]
    if mode == "race":
        race(url, [int(i) for i in sys.argv[3].split(",")], sys.argv[4], Path(sys.argv[5]),
             Path(sys.argv[6]), int(sys.argv[7]) if len(sys.argv) > 7 else 1)
    elif mode == "first-open":
        first_open(url, Path(sys.argv[3]), int(sys.argv[4]), Path(sys.argv[5]),
                   Path(sys.argv[6]))
    elif mode == "chaos-threads":
        chaos_threads(url, Path(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    else:
        chaos(url, Path(sys.argv[3]), int(sys.argv[4]))
