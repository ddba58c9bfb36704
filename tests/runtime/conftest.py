"""Stores for runtime tests: SQLite always, PostgreSQL when SOPENGINE_TEST_PG is set
(.ci/run starts a server on loopback and sets it)."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from sopengine.definition.loader import LoadedSop, check_text
from sopengine.runtime.engine import Engine
from sopengine.runtime.store import Store

PG_URL = os.environ.get("SOPENGINE_TEST_PG")
BACKENDS = ["sqlite", *(["postgresql"] if PG_URL else [])]
MONDAY = dt.datetime(2026, 11, 23, 7, 30)  # a working Monday at opening time


def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def make_url(backend: str, tmp_path: Path) -> str:
    if backend == "postgresql":
        assert PG_URL
        reset_postgres(PG_URL)
        return PG_URL
    return f"sqlite:///{tmp_path / 'sop.db'}"


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return make_url(request.param, tmp_path)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store(db_url)
    yield s
    s.close()


class FakeClock:
    def __init__(self, start: dt.datetime = MONDAY) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, minutes: float) -> dt.datetime:
        self.now += dt.timedelta(minutes=minutes)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def engine(store: Store, clock: FakeClock) -> Engine:
    return Engine(store, clock=clock)


def sop(text_: str, path: str = "test.yaml") -> LoadedSop:
    loaded = check_text(textwrap.dedent(text_), path)
    assert loaded.ok, loaded.diagnostics
    return loaded


#: one step of one actor: the smallest SOP an instance runs through
NOTE = sop("""\
    sop: 1
    id: nota
    title: Nota dinas
    actors: {staf: Staf}
    steps:
      - {id: tulis, actor: staf, action: Menulis nota, time: 15, outputs: [Nota]}
    """)
