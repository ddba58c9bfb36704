"""`run --auto`'s guard counts rework rounds, as its message says, not completions
(issue 10 item 19): a long SOP without loops runs to its end."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.generate import large_sop_text
from sopengine.definition.loader import check_text
from sopengine.errors import EngineError
from sopengine.runtime import autorun
from sopengine.runtime.engine import Engine
from sopengine.runtime.store import Store
from tests.runtime.conftest import sop


def test_a_long_sop_without_loops_runs_to_its_end(tmp_path: Path) -> None:
    loaded = check_text(large_sop_text(10_050, rework_every=0, parallel_every=0))
    assert loaded.ok
    engine = Engine(Store(f"sqlite:///{tmp_path / 'long.db'}", sqlite_sync="OFF"))
    instance, done = autorun.run_auto(engine, loaded)
    assert instance.status == "completed"
    assert len(done) == 10_050


def test_a_loop_taken_too_often_is_named(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(autorun, "MAX_LOOP_ROUNDS", 5)
    loaded = sop("""\
        sop: 1
        id: ulang
        title: Ulang
        actors: {a: Staf, b: Kasi}
        steps:
          - {id: susun, actor: a, action: Menyusun, time: 10, outputs: [x]}
          - id: periksa
            actor: b
            action: Memeriksa
            time: 5
            outputs: [x]
            branches: {Ya: end, Tidak: {to: susun, chance: 0.5}}
        """)
    with pytest.raises(EngineError, match=r"'periksa' sent the work back to step 'susun' 5 "
                                          r"times: a rework loop kept repeating"):
        autorun.run_auto(engine, loaded, decide={"periksa": "Tidak"})
    instance, done = autorun.run_auto(engine, loaded, decide={"periksa": "Ya"})
    assert instance.status == "completed"
    assert len(done) == 2
