"""On PostgreSQL a read is one round trip in autocommit, and a connection keeps its
prepared statements across reads and completions (psycopg forgets them all at
every ROLLBACK: the completion's statements were parsed and planned anew each
time)."""

from __future__ import annotations

import pytest

from sopengine.runtime.engine import Engine
from sopengine.runtime.store import Store
from tests.runtime.conftest import PG_URL, FakeClock, reset_postgres, sop
from tests.runtime.test_inbox import MEETING


@pytest.mark.skipif(not PG_URL, reason="needs PostgreSQL (SOPENGINE_TEST_PG)")
def test_reads_leave_the_prepared_statements_and_no_transaction() -> None:
    assert PG_URL
    reset_postgres(PG_URL)
    store = Store(PG_URL)
    engine = Engine(store, clock=FakeClock())
    loaded = sop(MEETING)
    for _ in range(8):  # psycopg prepares a statement from its fifth run on
        inst = engine.start(loaded)
        engine.complete(inst.id, "siapkan")
        engine.inbox(["camat"], limit=5)
        engine.all_tasks(inst.id)
    with store.raw_reading() as driver:  # the thread's write connection
        assert driver.autocommit
        prepared = driver.execute("SELECT statement FROM pg_prepared_statements").fetchall()
        assert driver.info.transaction_status == 0  # IDLE: the read opened none
    assert not driver.autocommit  # writes run in transactions again
    texts = " ".join(r[0] for r in prepared)
    assert "INSERT INTO events" in texts
    assert "FROM inbox" in texts
    with store.raw_reading() as other:  # still usable for a read after a write
        assert other.execute("SELECT 1").fetchone() == (1,)
    store.close()
