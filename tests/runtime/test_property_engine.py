"""Random valid flows: the validator accepts them, and the engine runs every one
to its end along random decisions, with the stored state equal to the replay."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopengine.analysis.cpm import critical_path
from sopengine.definition.loader import check_bytes
from sopengine.runtime.autorun import run_auto
from sopengine.runtime.engine import Engine
from sopengine.runtime.replay import replay_differences
from sopengine.runtime.store import Store
from tests.strategies import valid_flows

SETTINGS = settings(deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(valid_flows())
def test_generated_flows_are_valid(doc: dict[str, object]) -> None:
    loaded = check_bytes(yaml.safe_dump(doc, sort_keys=False).encode())
    assert [(d.code, d.message) for d in loaded.errors] == []
    assert loaded.sop is not None
    assert critical_path(loaded.sop).critical_path


@settings(SETTINGS, max_examples=60)
@given(valid_flows(), st.integers(0, 2**16))
def test_engine_runs_every_valid_flow_to_its_end(tmp_path_factory: object, doc: dict[str, object],
                                                 seed: int) -> None:
    tmp: Path = tmp_path_factory.mktemp("db")  # type: ignore[attr-defined]
    loaded = check_bytes(yaml.safe_dump(doc, sort_keys=False).encode(), "acak.yaml")
    store = Store(f"sqlite:///{tmp / 'x.db'}", sqlite_sync="OFF")
    try:
        engine = Engine(store)
        instance, done = run_auto(engine, loaded, seed=seed)
        assert instance.status == "completed"
        assert engine.tasks(instance_id=instance.id) == []
        assert replay_differences(engine, instance.id) == []
        assert {c.task.step for c in done} >= {loaded.sop.steps[0].id}  # type: ignore[union-attr]
    finally:
        store.close()
