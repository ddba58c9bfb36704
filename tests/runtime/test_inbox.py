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
