"""A running instance keeps the SOP as it was read when it started, even when a later
sopengine reads or checks the stored text otherwise (issue 10: stored definitions were
read again with the newest loader and rules, so an upgrade could change or stop the
instances already running)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import update

from sopengine.definition.model import Sop
from sopengine.runtime.engine import Engine
from sopengine.runtime.schema import definitions
from sopengine.runtime.store import Store
from tests.conftest import ROOT, SOPS
from tests.runtime.conftest import FakeClock
from tests.strategies import valid_flows

PENGUKURAN = SOPS / "pengukuran.yaml"


def test_an_instance_runs_as_started_when_its_text_would_now_be_read_otherwise(
        store: Store, clock: FakeClock) -> None:
    engine = Engine(store, clock=clock)
    inst = engine.start(PENGUKURAN)
    # what a later loader might make of the same text: the first step now 30 minutes
    # longer ("030" read as octal once), or the whole file refused by a newer rule
    with store.transaction() as conn:
        conn.execute(update(definitions).where(definitions.c.sha256 == inst.definition)
                     .values(source="sop: 1\nid: [not, valid]\n"))
    later = Engine(store, clock=clock)  # a new process: nothing cached
    pinned, _ = later.definition(inst.definition)
    assert pinned.id == "pengukuran-kinerja"
    assert later.complete(inst.id, "perintah").task.step == "perintah"
    assert [t.step for t in later.tasks(instance_id=inst.id)] == ["format"]


def test_a_definition_pinned_before_models_were_kept_is_read_from_its_text(
        tmp_path: Path) -> None:
    """A database of migration 1 (tests/data/db/v1.sqlite) has definitions without a
    model: they load from their text, and the running instances go on."""
    db = tmp_path / "v1.sqlite"
    shutil.copy(ROOT / "tests" / "data" / "db" / "v1.sqlite", db)
    store = Store(f"sqlite:///{db}")
    columns = {r[1] for r in sqlite3.connect(db).execute("PRAGMA table_info(definitions)")}
    assert "model" in columns
    engine = Engine(store)
    running = engine.instances(status="running", limit=10)
    assert running
    for inst in running:
        sop, _ = engine.definition(inst.definition)
        assert sop.steps


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=valid_flows())
def test_the_stored_model_reads_back_equal(doc: dict) -> None:
    """Generated SOPs (parallel blocks, decisions, loops), with times in every unit."""
    import yaml

    from sopengine.definition.loader import check_text

    units = ["15", "'1 jam'", "2h", "1d", "'30 menit'", "{min: 5, likely: 10, max: 30}"]
    for k, step in enumerate(doc["steps"]):
        step["time"] = yaml.safe_load(units[k % len(units)])
    loaded = check_text(yaml.safe_dump(doc, allow_unicode=True), "x.yaml")
    assert loaded.sop is not None, loaded.diagnostics
    assert Sop.model_validate_json(loaded.sop.model_dump_json()) == loaded.sop


def test_a_second_start_writes_no_copy_of_the_sop_and_a_rolled_back_one_does_not_count(
        tmp_path: Path, monkeypatch) -> None:
    store = Store(f"sqlite:///{tmp_path / 'pin.db'}")
    engine = Engine(store)
    real = engine._create_tasks

    def failing(*args, **kwargs):  # the start's transaction fails after the pin
        raise RuntimeError("disk gone")

    monkeypatch.setattr(engine, "_create_tasks", failing)
    with pytest.raises(RuntimeError):
        engine.start(PENGUKURAN)
    monkeypatch.setattr(engine, "_create_tasks", real)
    sent: list[str] = []
    with store.raw_transaction() as driver:
        driver.set_trace_callback(sent.append)
    first = engine.start(PENGUKURAN)  # stores it: the failed start's insert rolled back
    assert sum("INSERT INTO definitions" in s for s in sent) == 1
    engine.start(PENGUKURAN)
    assert sum("INSERT INTO definitions" in s for s in sent) == 1  # not again
    again = Engine(store)  # another process: it reads the stored copy
    assert again.definition(first.definition)[0].id == "pengukuran-kinerja"
    store.close()
