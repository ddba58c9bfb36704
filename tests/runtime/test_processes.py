"""Several processes at once: races for the same task, and workers killed mid-flight."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select, text

from sopengine.definition.loader import check_file
from sopengine.runtime.engine import Engine
from sopengine.runtime.replay import replay_differences
from sopengine.runtime.schema import events
from sopengine.runtime.store import Store
from tests.conftest import CASES, ROOT
from tests.runtime.worker import RACE_STEPS


def spawn(*args: str, quiet: bool = False) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "tests.runtime.worker", *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL if quiet else subprocess.PIPE)


def test_racing_processes_complete_each_task_exactly_once(db_url: str, store: Store,
                                                          tmp_path: Path) -> None:
    race_and_check(db_url, store, tmp_path, workers=4, threads=1)


def test_racing_processes_of_batching_threads_complete_each_task_exactly_once(
        db_url: str, store: Store, tmp_path: Path) -> None:
    """Two processes of four threads each, whose completions share commits."""
    batched = race_and_check(db_url, store, tmp_path, workers=2, threads=4)
    assert batched > 0, "no completions shared a commit: the batched path was not exercised"


def race_and_check(db_url: str, store: Store, tmp_path: Path, workers: int,
                   threads: int) -> int:
    """Workers race over 30 instances; every task has exactly one winner. Returns how
    many completions shared a commit with another."""
    engine = Engine(store)
    loaded = check_file(CASES / "valid" / "nested-parallel.yaml")
    ids = [engine.start(loaded).id for _ in range(30)]
    go = tmp_path / "go"
    # each worker starts a quarter further on, so they run into each other
    orders = [ids[n * 7:] + ids[: n * 7] for n in range(workers)]
    procs = [spawn("race", db_url, ",".join(map(str, orders[n])), f"w{n}",
                   str(tmp_path / f"w{n}"), str(go), str(threads)) for n in range(workers)]
    deadline = time.monotonic() + 120
    while not all((tmp_path / f"w{n}.ready").exists() for n in range(workers)):
        assert time.monotonic() < deadline, "workers did not start"
        time.sleep(0.01)
    go.touch()  # every worker is connected: start them together
    for w in procs:
        _, err = w.communicate(timeout=300)
        assert w.returncode == 0, err.decode()
    lines = [line for n in range(workers)
             for line in (tmp_path / f"w{n}").read_text().splitlines()]
    won = Counter(line for line in lines if not line.startswith(("lost", "batched")))
    lost = sum(int(line.split()[1]) for line in lines if line.startswith("lost"))
    assert lost > 0, "no worker ever lost a race: there was no contention"
    assert sorted(won) == sorted(f"{i} {s}" for i in ids for s in RACE_STEPS)
    assert set(won.values()) == {1}  # exactly one winner per task
    with store.reading() as conn:
        completions = conn.execute(select(func.count()).select_from(events).where(
            events.c.kind == "completed")).scalar_one()
    assert completions == len(ids) * len(RACE_STEPS)
    for iid in ids:
        assert engine.instance(iid).status == "completed"
        assert replay_differences(engine, iid) == []
    return sum(int(line.split()[1]) for line in lines if line.startswith("batched"))


def wait_for_progress(ack: Path, workers: list[subprocess.Popen[bytes]]) -> None:
    """Wait until the ack file grows: the workers have imported, connected and are
    completing tasks (a fixed sleep is too short on a loaded machine)."""
    size = ack.stat().st_size
    deadline = time.monotonic() + 120
    while ack.stat().st_size == size:
        assert time.monotonic() < deadline, "the workers completed nothing"
        assert any(w.poll() is None for w in workers), "every worker died"
        time.sleep(0.01)


def test_killed_workers_lose_and_duplicate_nothing(db_url: str, store: Store,
                                                   tmp_path: Path) -> None:
    ack = tmp_path / "ack"
    kills = kill_rounds(ack, lambda seed: spawn("chaos", db_url, str(ack), str(seed),
                                                quiet=True), rounds=12)
    acked = [tuple(map(int, line.split())) for line in ack.read_text().splitlines() if line]
    assert kills >= 12
    assert len(acked) > 50
    check_after_kills(store, {a[:2] for a in acked})


def test_killed_workers_committing_in_batches_lose_and_duplicate_nothing(
        db_url: str, store: Store, tmp_path: Path) -> None:
    """The same with four threads per worker process, whose completions share commits:
    a worker killed while a batch commits loses only what it had not acknowledged."""
    ack = tmp_path / "ack"
    kills = kill_rounds(ack, lambda seed: spawn("chaos-threads", db_url, str(ack), str(seed),
                                                "4", quiet=True), rounds=8)
    lines = [tuple(map(int, line.split())) for line in ack.read_text().splitlines() if line]
    assert kills >= 8
    assert len(lines) > 50
    # (instance, task, completions so far written in a batch of more than one)
    assert any(batched > 0 for _, _, batched in lines), \
        "no completions shared a commit: the batched path was not exercised"
    check_after_kills(store, {a[:2] for a in lines})


def kill_rounds(ack: Path, start: Callable[[int], subprocess.Popen[bytes]],
                rounds: int) -> int:
    """Rounds of two workers killed with SIGKILL at random moments mid-flight."""
    rng = random.Random(1234)
    ack.touch()
    kills = 0
    for round_ in range(rounds):
        workers = [start(round_ * 10 + n) for n in range(2)]
        wait_for_progress(ack, workers)  # started and completing: kill mid-flight
        for _ in range(3):
            time.sleep(rng.uniform(0.05, 0.25))
            victim = rng.choice(workers)
            if victim.poll() is None:
                os.kill(victim.pid, signal.SIGKILL)
                kills += 1
        for w in workers:
            if w.poll() is None:
                os.kill(w.pid, signal.SIGKILL)
            w.wait()
    return kills


def check_after_kills(store: Store, acked: set[tuple[int, ...]]) -> None:
    """Every acknowledged completion is stored, none twice, and state equals history."""
    engine = Engine(store)
    with store.reading() as conn:
        completed = {(r.instance_id, r.task_id) for r in conn.execute(
            select(events.c.instance_id, events.c.task_id).where(events.c.kind == "completed"))}
        per_task = conn.execute(select(events.c.task_id, func.count()).where(
            events.c.kind == "completed").group_by(events.c.task_id)).all()
        if store.is_sqlite:
            assert conn.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    assert acked <= completed, "an acknowledged completion was lost"
    assert all(n == 1 for _, n in per_task), "a task was completed twice"
    for inst in engine.instances(limit=10_000):
        assert replay_differences(engine, inst.id) == [], inst.id
