"""One person's inbox across several actors: each task once, soonest due first,
with its instance."""

from __future__ import annotations

from sopengine.runtime.engine import Engine
from tests.runtime.conftest import FakeClock, sop

MEETING = """\
sop: 1
id: rapat
title: Rapat
actors: {camat: Camat, sekretaris: Sekretaris}
steps:
  - {id: siapkan, actor: sekretaris, action: Menyiapkan, time: 30}
  - {id: rapat, actor: [camat, sekretaris], action: Rapat, time: 60}
"""


def test_inbox_of_several_actors(engine: Engine, clock: FakeClock) -> None:
    loaded = sop(MEETING)
    first = engine.start(loaded, title="Pertama", user="sekretaris")
    clock.advance(10)
    second = engine.start(loaded, title="Kedua")
    engine.complete(first.id, "siapkan")
    found = engine.inbox(["camat", "sekretaris"], limit=10)
    assert [(t.step, i.title) for t, i in found] == [("siapkan", "Kedua"), ("rapat", "Pertama")]
    assert found[1][1].started_by == "sekretaris"
    assert found[1][1] == engine.instance(first.id)
    assert [t.step for t, _ in engine.inbox(["camat"], limit=10)] == ["rapat"]
    assert len(engine.inbox(["camat", "sekretaris"], limit=1)) == 1
    assert engine.inbox([], limit=5) == []
    assert second.title == "Kedua"


def test_the_database_counts_what_the_inbox_lists(engine: Engine, clock: FakeClock) -> None:
    """The nav bar's count: each task once (the meeting waits for both actors), up to the
    limit, leaving out what waits only under a skipped (actor, definition) pair."""
    loaded = sop(MEETING)
    first = engine.start(loaded, title="Pertama")
    clock.advance(10)
    engine.start(loaded, title="Kedua")
    engine.complete(first.id, "siapkan")
    both = ["camat", "sekretaris"]
    assert engine.inbox_count(both, limit=10) == len(engine.inbox(both, limit=10)) == 2
    assert engine.inbox_count(["camat"], limit=10) == 1
    assert engine.inbox_count(both, limit=1) == 1
    assert engine.inbox_count([], limit=5) == 0
    assert engine.definitions() == [loaded.sha256]
    skip = {("sekretaris", loaded.sha256)}
    assert engine.inbox_count(both, limit=10, skip=skip) == 1  # the meeting, as camat
    assert engine.inbox_count(["sekretaris"], limit=10, skip=skip) == 0
    other = sop(MEETING.replace("title: Rapat", "title: Rapat lain"))
    engine.start(other)
    assert engine.definitions() == [loaded.sha256, other.sha256]  # read again when it grew
    assert engine.inbox_count(["sekretaris"], limit=10, skip=skip) == 1


def test_one_task_of_an_instance(engine: Engine) -> None:
    import pytest

    from sopengine.errors import NotFound

    loaded = sop(MEETING)
    first = engine.start(loaded, title="Pertama")
    other = engine.start(loaded, title="Kedua")
    [task] = engine.tasks(instance_id=first.id)
    inst, found = engine.task(first.id, task.id)
    assert (inst, found) == (engine.instance(first.id), task)
    engine.complete(first.id, "siapkan")
    assert engine.task(first.id, task.id)[1].state == "done"  # closed tasks too
    with pytest.raises(NotFound):
        engine.task(other.id, task.id)  # not a task of that instance
    with pytest.raises(NotFound):
        engine.task(first.id, 999_999)
