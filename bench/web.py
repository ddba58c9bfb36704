"""The web app under load: simulated office users over HTTP on loopback.

`sopengine serve` runs in its own process (uvicorn) on a database holding
100,000 stored instances (bench/engine.py's fill: 90% completed, 10% running
with one open task each, at every step of pengukuran). 50 simulated users
(an async HTTP client, one session each, the four positions of pengukuran
shared round robin, so colleagues race for the same tasks) sign in, then each
loops: open Tugas saya, complete one of its tasks (answering "Ya" at the
decision), until the time or the completion budget runs out.

Reported, as ratios within one run: completions per second over HTTP against
the engine's own in-process rate on a copy of the same database (target: HTTP
no more than 3x slower), p50/p95 of the inbox page and of the completion POST
(target p95 <= 50 ms), and the check that every acknowledged completion (303) is
stored exactly once and nothing else was stored.

    python bench/web.py [--users 50] [--seconds 20] [--max-completions 3000]
                        [--instances 100000] [--workers 1] [--sync FULL|NORMAL]
                        [--think SECONDS] [--pg URL]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.engine import LOADED, T0, _fill  # noqa: E402
from sopengine.runtime.accounts import Accounts  # noqa: E402
from sopengine.runtime.engine import Engine  # noqa: E402
from sopengine.runtime.store import Store  # noqa: E402
from tests.web.server import serving  # noqa: E402

PASSWORD = "rahasia-bench"
POSITIONS = ["Camat", "Sekretaris", "Sekretaris Tim SAKIP", "Anggota Tim SAKIP"]
TASK = re.compile(r'<a href="(/instans/\d+/tugas/(\d+))">\s*<strong>(.*?)</strong>')
CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')


def prepare(tmp: Path, instances: int, users: int) -> tuple[Path, Path]:
    """The seed book, and a database with the users and the stored instances."""
    sops = ROOT / "sops"
    db = tmp / "web.db"
    store = Store(f"sqlite:///{db}", sqlite_sync="OFF")
    engine = Engine(store)
    sha = engine.start(LOADED, at=T0).definition
    accounts = Accounts(store)
    for k in range(users):
        accounts.add(f"u{k}", PASSWORD, positions=[POSITIONS[k % len(POSITIONS)]])
    store.close()
    _fill(db, instances - 1, sha)
    return sops, db


# tables copied to PostgreSQL, parents first; the sequences set past the copied ids
COPIED = ["definitions", "users", "user_positions", "instances", "tasks", "inbox", "events"]
SEQUENCES = {"instances": "id", "tasks": "id", "users": "id"}


def to_postgres(db: Path, url: str) -> None:
    """The prepared SQLite database's rows into an empty PostgreSQL database (its
    schema made by Store, the rows by COPY)."""
    import psycopg

    Store(url).close()
    source = sqlite3.connect(db)
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as pg:
        for table in COPIED:
            cursor = source.execute(f"SELECT * FROM {table}")  # our own table names
            names = ", ".join(d[0] for d in cursor.description)
            with pg.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in cursor:
                    copy.write_row(row)
        for table, column in SEQUENCES.items():
            pg.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                       f"(SELECT max({column}) FROM {table}))")
        pg.execute("ANALYZE")
    source.close()


def engine_rate(db: Path, count: int, sync: str, url: str | None = None) -> float:
    """Completions per second of Engine.complete in this process, on a copy (or on
    the PostgreSQL database, before the users come)."""
    if url is None:
        copy = db.with_name("engine-copy.db")
        shutil.copy(db, copy)
        url = f"sqlite:///{copy}"
    store = Store(url, sqlite_sync=sync)
    engine = Engine(store)
    actors = list(LOADED.sop.actors)
    # a step of several actors is in each one's inbox: once here
    todo = list({t.id: t for a in actors for t, _ in engine.inbox([a], limit=count)}
                .values())[:count]
    started = time.perf_counter()
    for task in todo:
        engine.complete(task.instance_id, task.step, task_id=task.id,
                        branch="Ya" if task.step == "koreksi" else None)
    seconds = time.perf_counter() - started
    store.close()
    return len(todo) / seconds


class Results:
    def __init__(self) -> None:
        self.inbox: list[float] = []
        self.post: list[float] = []
        self.acknowledged: list[int] = []  # task ids answered 303
        self.lost_races = 0
        self.errors: list[str] = []


async def user(client: object, name: str, rank: random.Random, results: Results, deadline: float,
               budget: list[int], think: float = 0.0) -> None:
    c = client  # an httpx2.AsyncClient with its own cookies
    page = await c.get("/masuk")  # type: ignore[attr-defined]
    token = CSRF.search(page.text).group(1)  # type: ignore[union-attr]
    signed = await c.post("/masuk", data={"username": name, "password": PASSWORD,  # type: ignore[attr-defined]
                                          "csrf": token})
    assert signed.status_code == 303, re.findall(r"role=.alert.>(.*?)<", signed.text)
    if think:  # users do not all begin at the same moment
        await asyncio.sleep(min(rank.uniform(0, think), max(0.0, deadline - time.perf_counter())))
    while time.perf_counter() < deadline and budget[0] > 0:
        t0 = time.perf_counter()
        page = await c.get("/tugas")  # type: ignore[attr-defined]
        results.inbox.append(time.perf_counter() - t0)
        tasks = TASK.findall(page.text)
        if not tasks:
            return
        path, tid, action = rank.choice(tasks[:50])  # colleagues of a position may collide
        data = {"csrf": CSRF.search(page.text).group(1)}  # type: ignore[union-attr]
        if action.startswith("Camat mengoreksi"):
            data["answer"] = "Ya"
        budget[0] -= 1
        t0 = time.perf_counter()
        done = await c.post(path, data=data)  # type: ignore[attr-defined]
        results.post.append(time.perf_counter() - t0)
        if done.status_code == 303:
            results.acknowledged.append(int(tid))
        elif done.status_code == 409:
            results.lost_races += 1
        else:
            results.errors.append(f"{done.status_code} {path}")
        if think:  # reading the next task, doing the work: seconds, not none
            await asyncio.sleep(min(rank.expovariate(1 / think),
                                    max(0.0, deadline - time.perf_counter())))


async def load(base: str, users: int, seconds: float, most: int,
               think: float = 0.0) -> tuple[Results, float]:
    import httpx2

    results = Results()
    clients = [httpx2.AsyncClient(base_url=base, follow_redirects=False, timeout=60)
               for _ in range(users)]
    budget = [most]
    started = time.perf_counter()
    await asyncio.gather(*[user(c, f"u{k}", random.Random(k), results,
                                started + seconds, budget, think)
                           for k, c in enumerate(clients)])
    elapsed = time.perf_counter() - started
    for c in clients:
        await c.aclose()
    return results, elapsed


def completed(url: str) -> dict[int, int]:
    """Completion events per task id."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as con:
        rows = con.execute(text("SELECT task_id, COUNT(*) FROM events "
                                "WHERE kind = 'completed' GROUP BY task_id")).all()
    engine.dispose()
    return {int(t): int(n) for t, n in rows}


def stored_once(db: str, acknowledged: list[int], before: dict[int, int]) -> tuple[bool, int]:
    counts = {t: n for t, n in completed(db).items() if t not in before}
    ok = all(counts.get(t) == 1 for t in acknowledged) and set(counts) == set(acknowledged) \
        and all(n == 1 for n in counts.values())
    return ok, len(counts)


def server_cpu() -> float:
    """CPU seconds used so far by the processes this one started (the server and its
    workers), from /proc: what the server spends, without the simulated users' share."""
    tick = os.sysconf("SC_CLK_TCK")
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    mine, total, grew = {os.getpid()}, 0, True
    while grew:
        grew = False
        for pid, (parent, _) in stats.items():
            if parent in mine and pid not in mine:
                mine.add(pid)
                grew = True
    for pid in mine - {os.getpid()}:
        total += stats[pid][1]
    return total / tick


def ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--max-completions", type=int, default=3000)
    parser.add_argument("--instances", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--sync", choices=["FULL", "NORMAL"], default="FULL")
    parser.add_argument("--pg", help="an empty PostgreSQL database (URL) to serve from "
                                     "instead of SQLite: the same rows are copied into it")
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean seconds a user waits after each completion (exponential); "
                             "0: none, every user asks again at once (the server saturated)")
    args = parser.parse_args()
    os.environ["SOPENGINE_SQLITE_SYNC"] = args.sync
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        sops, db = prepare(tmp, args.instances, args.users)
        if args.pg:
            to_postgres(db, args.pg)
        url = args.pg or f"sqlite:///{db}"
        rate = engine_rate(db, 500, args.sync, args.pg)
        before = completed(url)
        with serving(sops, args.pg or str(db), tmp, workers=args.workers) as base:
            cpu_before, mine_before = server_cpu(), sum(os.times()[:2])
            results, elapsed = asyncio.run(load(base, args.users, args.seconds,
                                                args.max_completions, args.think))
            cpu, mine = server_cpu() - cpu_before, sum(os.times()[:2]) - mine_before
        ok, stored = stored_once(url, results.acknowledged, before)
    http_rate = len(results.acknowledged) / elapsed
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, "
          + ("PostgreSQL, " if args.pg
             else f"SQLite {sqlite3.sqlite_version}, synchronous={args.sync}, ")
          + f"group commit {os.environ.get('SOPENGINE_GROUP_COMMIT', 'default')}, "
          f"{args.workers} worker(s), {os.cpu_count()} cores")
    print(f"{args.instances} stored instances; {args.users} users for {elapsed:.1f} s "
          f"(budget {args.max_completions} completions), think time "
          + (f"{args.think:g} s mean (exponential)" if args.think else "none"))
    print(f"completions over HTTP: {len(results.acknowledged)} acknowledged, "
          f"{results.lost_races} lost races (409), {len(results.errors)} errors "
          f"{results.errors[:3]}")
    print(f"HTTP: {http_rate:.1f} completions/s; engine in-process: {rate:.1f}/s; "
          f"engine/HTTP = {rate / http_rate:.2f}x (target <= 3x)")
    per = 1000 * cpu / max(len(results.post), 1)
    print(f"server CPU: {per:.2f} ms per completion with its Tugas saya page "
          f"({cpu:.1f} s for {len(results.post)}); engine in-process {1000 / rate:.2f} ms "
          f"per completion: {per * rate / 1000:.2f}x; the simulated users used "
          f"{mine / elapsed:.0%} of a core")
    print(f"inbox page  p50 {ms(results.inbox, 0.5):.1f} ms, p95 {ms(results.inbox, 0.95):.1f} ms"
          f" ({len(results.inbox)} requests)")
    print(f"completion  p50 {ms(results.post, 0.5):.1f} ms, p95 {ms(results.post, 0.95):.1f} ms"
          f" ({len(results.post)} requests)")
    print(f"stored exactly once: {'yes' if ok else 'NO'} ({stored} completions stored, "
          f"{len(results.acknowledged)} acknowledged)")
    if results.inbox:
        print(f"mean inbox {statistics.mean(results.inbox) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
