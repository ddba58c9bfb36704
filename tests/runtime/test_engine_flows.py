"""Every flow shape through the engine, on every backend: the right tasks become
ready, joins wait, loops repeat, and the stored state equals the replay."""

from __future__ import annotations

import pytest

from sopengine.errors import AlreadyDone, BadChoice, IllegalTransition, NotFound
from sopengine.runtime.engine import Engine
from sopengine.runtime.replay import replay_differences
from tests.conftest import CASES, SOPS
from tests.runtime.conftest import FakeClock, sop

DECISION = sop("""\
    sop: 1
    id: keputusan
    title: Keputusan
    actors: {staf: Staf, camat: Camat}
    steps:
      - {id: susun, actor: staf, action: Menyusun draf, time: 30, outputs: [Draf]}
      - id: periksa
        actor: camat
        action: Memeriksa draf
        time: 10
        outputs: [Draf diperiksa]
        branches: {Ya: tandatangan, Tidak: {to: susun, chance: 0.3}}
      - {id: tandatangan, actor: camat, action: Menandatangani, time: 5, outputs: [Surat]}
    """)


def ready(engine: Engine, iid: int) -> list[str]:
    return sorted(t.step for t in engine.tasks(instance_id=iid))


def test_sequence(engine: Engine) -> None:
    from sopengine.definition.loader import check_file

    inst = engine.start(check_file(CASES / "valid" / "sequence.yaml"))
    assert ready(engine, inst.id) == ["1"]
    engine.complete(inst.id, "1")
    assert ready(engine, inst.id) == ["2"]
    done = engine.complete(inst.id, "2")
    assert done.instance_status == "completed"
    assert engine.instance(inst.id).status == "completed"
    assert replay_differences(engine, inst.id) == []


def test_decision_loop_taken_several_times(engine: Engine, clock: FakeClock) -> None:
    inst = engine.start(DECISION)
    for _ in range(3):
        engine.complete(inst.id, "susun", at=clock.advance(30))
        engine.complete(inst.id, "periksa", branch="tidak", at=clock.advance(10))  # any case
    engine.complete(inst.id, "susun", at=clock.advance(30))
    engine.complete(inst.id, "periksa", branch="Ya", at=clock.advance(10))
    assert ready(engine, inst.id) == ["tandatangan"]
    engine.complete(inst.id, "tandatangan", at=clock.advance(5))
    history = engine.history(inst.id)
    assert [e.branch for e in history if e.step == "periksa"] == ["Tidak"] * 3 + ["Ya"]
    assert len([t for t in engine.all_tasks(inst.id) if t.step == "susun"]) == 4
    assert engine.instance(inst.id).status == "completed"
    assert replay_differences(engine, inst.id) == []


def test_decision_needs_a_valid_branch(engine: Engine) -> None:
    inst = engine.start(DECISION)
    engine.complete(inst.id, "susun")
    with pytest.raises(BadChoice, match="choose a branch"):
        engine.complete(inst.id, "periksa")
    with pytest.raises(BadChoice, match="Ya, Tidak"):
        engine.complete(inst.id, "periksa", branch="Mungkin")
    assert ready(engine, inst.id) == ["periksa"]  # nothing changed
    assert replay_differences(engine, inst.id) == []


def test_nested_parallel_join_waits_for_every_branch(engine: Engine) -> None:
    from sopengine.definition.loader import check_file

    inst = engine.start(check_file(CASES / "valid" / "nested-parallel.yaml"))
    engine.complete(inst.id, "mulai")
    assert ready(engine, inst.id) == ["a1", "b1"]
    engine.complete(inst.id, "b1", branch="Kurang")
    engine.complete(inst.id, "b2")
    assert ready(engine, inst.id) == ["a1"]  # gabung waits for branch a
    engine.complete(inst.id, "a1")
    assert ready(engine, inst.id) == ["a2", "a3"]
    engine.complete(inst.id, "a3")
    assert ready(engine, inst.id) == ["a2"]  # a4 waits for a2
    engine.complete(inst.id, "a2")
    engine.complete(inst.id, "a4")
    assert ready(engine, inst.id) == ["gabung"]
    engine.complete(inst.id, "gabung")
    assert engine.instance(inst.id).status == "completed"
    assert replay_differences(engine, inst.id) == []


def test_join_that_is_a_decision_reruns_the_whole_split(engine: Engine) -> None:
    from sopengine.definition.loader import check_file

    inst = engine.start(check_file(CASES / "valid" / "join-is-decision.yaml"))
    for answer in ("Tidak valid", "Valid"):
        engine.complete(inst.id, "kirim")
        engine.complete(inst.id, "isi-b")
        assert ready(engine, inst.id) == ["isi-a"]
        engine.complete(inst.id, "isi-a")
        engine.complete(inst.id, "validasi", branch=answer)
    assert engine.instance(inst.id).status == "completed"
    assert replay_differences(engine, inst.id) == []


def test_multi_actor_step_is_in_every_inbox_and_done_once(engine: Engine) -> None:
    from sopengine.definition.loader import check_file

    inst = engine.start(check_file(CASES / "valid" / "multi-actor.yaml"))
    engine.complete(inst.id, "1")
    for actor in ("camat", "sekretaris", "staf"):
        assert [t.step for t in engine.tasks(actor=actor)] == ["2"]
    with pytest.raises(BadChoice, match="not 'lurah'"):
        engine.complete(inst.id, "2", actor="lurah")
    done = engine.complete(inst.id, "2", actor="sekretaris", by="Siti")
    assert (done.task.actor, done.task.done_by) == ("sekretaris", "Siti")
    assert engine.tasks(actor="camat") == []
    with pytest.raises(AlreadyDone, match="already completed by Siti"):
        engine.complete(inst.id, "2", actor="camat")
    assert replay_differences(engine, inst.id) == []


def test_seed_sops_run_to_the_end(engine: Engine) -> None:
    from sopengine.definition.loader import check_file
    from sopengine.runtime.autorun import run_auto

    for name in ("pengukuran.yaml", "pengumpulan-data.yaml", "pengawasan-internal.yaml"):
        inst, done = run_auto(engine, check_file(SOPS / name), seed=7)
        assert inst.status == "completed"
        assert replay_differences(engine, inst.id) == []
        assert len(done) >= len(check_file(SOPS / name).sop.steps)


def test_history_records_who_when_branch_note_outputs(engine: Engine,
                                                      clock: FakeClock) -> None:
    inst = engine.start(DECISION)
    at = clock.advance(42)
    engine.complete(inst.id, "susun", by="Budi", note="draf pertama", at=at)
    [started, completed] = engine.history(inst.id)
    assert started.kind == "started"
    assert (completed.kind, completed.step, completed.by, completed.actor, completed.note,
            completed.at, completed.outputs) == ("completed", "susun", "Budi", "staf",
                                                 "draf pertama", at, ("Draf",))


def test_errors_name_what_is_ready(engine: Engine) -> None:
    inst = engine.start(DECISION)
    with pytest.raises(NotFound, match="not ready; ready: susun"):
        engine.complete(inst.id, "tandatangan")
    with pytest.raises(NotFound, match="has no step 'tidakada'"):
        engine.complete(inst.id, "tidakada")
    with pytest.raises(NotFound, match="no instance 999"):
        engine.complete(999, "susun")


def test_cancel_closes_open_tasks_and_is_final(engine: Engine) -> None:
    inst = engine.start(DECISION)
    engine.cancel(inst.id, by="Camat", note="dibatalkan")
    assert engine.instance(inst.id).status == "cancelled"
    assert engine.tasks(actor="staf") == []
    assert [t.state for t in engine.all_tasks(inst.id)] == ["cancelled"]
    with pytest.raises(IllegalTransition, match="cannot cancel the instance: it is cancelled"):
        engine.cancel(inst.id)
    with pytest.raises(AlreadyDone, match="is cancelled"):
        engine.complete(inst.id, "susun")
    assert replay_differences(engine, inst.id) == []


def test_editing_the_yaml_does_not_change_a_running_instance(engine: Engine, tmp_path) -> None:
    path = tmp_path / "sop.yaml"
    path.write_text(DECISION.text)
    first = engine.start(path)
    path.write_text(DECISION.text.replace("time: 30", "time: 45").replace(
        "Menyusun draf", "Menyusun draf surat"))
    second = engine.start(path)
    assert first.definition != second.definition
    sop1, _ = engine.definition(first.definition)
    sop2, _ = engine.definition(second.definition)
    assert sop1.step("susun").time.minutes() == 30
    assert sop2.step("susun").time.minutes() == 45
    engine.complete(first.id, "susun")  # the first keeps running on its own copy
    assert ready(engine, first.id) == ["periksa"]


def test_due_times_follow_the_working_calendar_and_late_is_flagged(
        engine: Engine, clock: FakeClock) -> None:
    import datetime as dt

    friday = dt.datetime(2026, 11, 27, 14, 50)
    inst = engine.start(DECISION, at=friday)
    [task] = engine.tasks(instance_id=inst.id)
    assert task.due_at == dt.datetime(2026, 11, 30, 7, 50)  # 10 min Fri + 20 min Mon
    assert not task.is_late(dt.datetime(2026, 11, 30, 7, 50))
    assert task.is_late(dt.datetime(2026, 11, 30, 7, 51))
    done = engine.complete(inst.id, "susun", at=dt.datetime(2026, 11, 30, 9, 0))
    assert done.task.is_late(dt.datetime(2026, 11, 30, 9, 0))
