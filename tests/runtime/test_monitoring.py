"""What a report reads: the times of an SOP's done tasks (streamed, four columns, not
a Task record each) and the instances per SOP (counted by the database); on SQLite
and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import tracemalloc
from pathlib import Path

import sopengine
from bench.engine import LOADED, T0, _fill
from sopengine.runtime.engine import Engine
from sopengine.runtime.records import StepTime
from sopengine.runtime.store import Store
from tests.runtime.conftest import NOTE, FakeClock, sop

LETTER = sop("""\
    sop: 1
    id: surat
    title: Surat keluar
    actors: {staf: Staf, camat: Camat}
    steps:
      - {id: draf, actor: staf, action: Menyusun draf, time: 30, outputs: [Draf]}
      - {id: tanda, actor: camat, action: Menandatangani, inputs: [Draf], time: 10,
         outputs: [Surat]}
    """)


def _run(engine: Engine, clock: FakeClock, loaded, minutes: list[float]) -> None:
    inst = engine.start(loaded)
    for wait, step in zip(minutes, [s.id for s in loaded.sop.steps], strict=False):
        clock.advance(wait)
        engine.complete(inst.id, step)


def test_step_times_are_those_of_the_done_tasks(engine: Engine, clock: FakeClock) -> None:
    _run(engine, clock, LETTER, [20, 45])
    _run(engine, clock, LETTER, [35])  # its signing still open: not reported
    _run(engine, clock, NOTE, [5])  # another SOP's
    engine.cancel(engine.start(LETTER).id)  # cancelled: nothing done
    times = sorted(engine.step_times("surat"))
    done = sorted(StepTime(t.step, t.ready_at, t.due_at, t.done_at)
                  for t in engine.tasks_of_sop("surat"))
    assert times == done
    assert [t.step for t in times] == ["draf", "draf", "tanda"]
    assert all(isinstance(t.done_at, type(T0)) for t in times)  # datetimes on both stores
    assert list(engine.step_times("tidak-ada")) == []
    rows = {r.step: r for r in sopengine.compare_actuals(
        LETTER.sop, engine.step_times("surat"), engine.calendar, engine.working_time)}
    assert (rows["draf"].count, rows["draf"].median_minutes) == (2, 27.5)
    assert (rows["tanda"].count, rows["tanda"].median_minutes) == (1, 45)


def test_instances_are_counted_per_sop(engine: Engine, clock: FakeClock) -> None:
    assert engine.instance_counts() == {}
    _run(engine, clock, LETTER, [1, 1])
    _run(engine, clock, LETTER, [])
    engine.cancel(engine.start(LETTER).id)
    _run(engine, clock, NOTE, [])
    assert engine.instance_counts() == {"surat": 3, "nota": 1}


def test_a_report_keeps_a_number_per_done_task_not_the_tasks(tmp_path: Path) -> None:
    """2,000 instances, about 26,000 done tasks: read for the report a batch at a time
    (a Task record each, every column, took about 600 bytes a task and grew with the
    history: 940 MB at 100,000 instances)."""
    db = tmp_path / "r.db"
    store = Store(f"sqlite:///{db}")
    engine = Engine(store)
    sha = engine.start(LOADED, at=T0).definition
    _fill(db, 2000, sha)
    sop_id = LOADED.sop.id
    tasks = sum(1 for _ in engine.step_times(sop_id))
    assert tasks > 25_000
    tracemalloc.start()
    rows = sopengine.compare_actuals(LOADED.sop, engine.step_times(sop_id), engine.calendar,
                                     engine.working_time)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    store.close()
    assert sum(r.count for r in rows) == tasks
    assert peak < 2_000_000 + 100 * tasks  # a batch of rows, and a float per task


def _started(engine: Engine, clock: FakeClock, day: int, loaded=LETTER):
    """An instance started at 07:30 on 2026-11-``day``."""
    clock.now = dt.datetime(2026, 11, day, 7, 30)
    return engine.start(loaded)


def test_instances_are_found_by_every_filter_in_the_database(engine: Engine,
                                                             clock: FakeClock) -> None:
    old = _started(engine, clock, 2)  # a Monday, long before the others
    clock.advance(60)
    engine.complete(old.id, "draf")  # draf: 30 minutes standard, done in 60: late
    on_time = _started(engine, clock, 16)
    clock.advance(10)
    engine.complete(on_time.id, "draf")
    clock.advance(5)
    engine.complete(on_time.id, "tanda")  # completed, never late
    cancelled = _started(engine, clock, 17)
    engine.cancel(cancelled.id)
    newer = [_started(engine, clock, 24) for _ in range(4)]
    note = _started(engine, clock, 25, NOTE)
    clock.now = dt.datetime(2026, 11, 25, 7, 40)  # the Nov 24 drafts past due: late
    ids = lambda found: [i.id for i, _ in found]  # noqa: E731
    late = {i.id: flag for i, flag in engine.find_instances()}
    assert late == {old.id: True, on_time.id: False, cancelled.id: False,
                    **{n.id: True for n in newer}, note.id: False}
    for inst, flag in engine.find_instances():  # the same as each task says
        assert flag == any(t.is_late(clock.now) for t in engine.all_tasks(inst.id))
    # an older month among more newer instances than the list holds
    assert ids(engine.find_instances(started_until=dt.date(2026, 11, 2), limit=3)) == [old.id]
    assert ids(engine.find_instances(limit=3)) == [note.id, newer[3].id, newer[2].id]
    assert ids(engine.find_instances(started_from=dt.date(2026, 11, 16),
                                     started_until=dt.date(2026, 11, 17))) == \
        [cancelled.id, on_time.id]  # both days inclusive, newest first
    assert ids(engine.find_instances(late_only=True, limit=2)) == [newer[3].id, newer[2].id]
    assert ids(engine.find_instances(late_only=True, status="running",
                                     started_until=dt.date(2026, 11, 20))) == [old.id]
    assert ids(engine.find_instances(status="completed")) == [on_time.id]
    assert ids(engine.find_instances(sop_id="nota")) == [note.id]
    assert engine.find_instances(started_from=dt.date(2026, 11, 26)) == []


def test_history_state_moves_with_every_event_of_the_sop_and_only_its(
        engine: Engine, clock: FakeClock) -> None:
    assert engine.history_state("surat") == (0, 0)
    inst = engine.start(LETTER)
    assert engine.history_state("surat") == (1, 1)
    engine.complete(inst.id, "draf")
    assert engine.history_state("surat") == (1, 2)
    _run(engine, clock, NOTE, [5])  # another SOP's history
    engine.tasks(instance_id=inst.id)  # a read
    assert engine.history_state("surat") == (1, 2)
    engine.cancel(inst.id)
    assert engine.history_state("surat") == (1, 3)
    engine.start(LETTER)
    assert engine.history_state("surat") == (2, 4)
    assert engine.history_state("nota") == (1, 2)
