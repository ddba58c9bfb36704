"""The schema is versioned; databases written by earlier versions keep working."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlalchemy import insert

from sopengine.errors import StoreError
from sopengine.runtime.engine import Engine
from sopengine.runtime.replay import replay_differences
from sopengine.runtime.schema import LATEST, schema_table
from sopengine.runtime.store import Store
from tests.conftest import ROOT

FROZEN = ROOT / "tests" / "data" / "db"


def test_fresh_database_is_at_the_latest_version(store: Store) -> None:
    assert store.schema_version == LATEST
    store.migrate()  # idempotent
    assert store.schema_version == LATEST


def test_frozen_v1_database_opens_and_its_instance_runs_on(tmp_path: Path) -> None:
    db = tmp_path / "v1.sqlite"
    shutil.copy(FROZEN / "v1.sqlite", db)
    store = Store(f"sqlite:///{db}")
    try:
        engine = Engine(store)
        [inst] = engine.instances()
        assert [t.step for t in engine.tasks(instance_id=inst.id)] == ["undang-rapat"]
        assert replay_differences(engine, inst.id) == []
        at = dt.datetime(2026, 11, 23, 10, 0)
        for step in ("undang-rapat", "rapat", "himpun-format", "validasi-data",
                     "sampaikan-data"):
            engine.complete(inst.id, step, at=at)
        engine.complete(inst.id, "koreksi", branch="Ya", at=at)
        for step in ("sampaikan-dokumen", "tandatangan", "surat-pengantar", "gandakan",
                     "arsipkan"):
            engine.complete(inst.id, step, at=at)
        assert engine.instance(inst.id).status == "completed"
        assert replay_differences(engine, inst.id) == []
    finally:
        store.close()


def test_a_newer_schema_is_refused_not_misread(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    Store(url).close()
    s = Store(url)
    with s.transaction() as conn:
        conn.execute(insert(schema_table).values(version=LATEST + 1, name="future",
                                                 applied_at=dt.datetime(2030, 1, 1)))
    s.close()
    with pytest.raises(StoreError, match=f"schema version {LATEST + 1}, newer"):
        Store(url)
