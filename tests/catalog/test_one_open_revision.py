"""One open revision (draft, in review, returned) per SOP at a time, enforced by the
database: a second draft while one is in review is refused naming the open one,
and concurrent submits make one revision, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, inspect, text

from sopengine.errors import OpenRevision, StoreError
from sopengine.runtime.catalog import Catalog
from sopengine.runtime.revision import Revision
from sopengine.runtime.schema import schema_table, sop_revisions
from sopengine.runtime.store import Store
from tests.catalog.conftest import FakeClock, approved, surat


def test_a_second_draft_while_one_is_in_review_is_refused_naming_it(catalog: Catalog) -> None:
    rev = catalog.submit(surat(), by="Kasubag Umum")
    with pytest.raises(OpenRevision, match=rf"revision 1 \(id {rev.id}\), in_review") as info:
        catalog.submit(surat(extra_step=True), by="Kasubag Lain")
    assert (info.value.sop_id, info.value.revision_id) == ("surat-masuk", rev.id)
    assert [r.id for r in catalog.revisions()] == [rev.id]
    assert catalog.get(rev.id).source == surat()  # the draft in review is untouched
    catalog.return_(rev.id, by="Kabag Organisasi", note="kurang")
    corrected = catalog.submit(surat(extra_step=True), by="Kasubag Umum")  # now it may
    assert (corrected.id, corrected.state) == (rev.id, "in_review")


def test_a_new_revision_of_an_sop_in_force_is_one_open_revision(catalog: Catalog) -> None:
    first = approved(catalog, surat())
    second = catalog.submit(surat(extra_step=True), by="Kasubag Umum")
    assert (second.revision, catalog.get(first).state) == (2, "in_force")
    with pytest.raises(OpenRevision, match="revision 2"):
        catalog.submit(surat(title="Lain"), by="Kasubag Umum")


class _Racing(Catalog):
    """A catalog whose look for an open revision finds none, once both racers looked."""

    def __init__(self, store: Store, clock: FakeClock, barrier: threading.Barrier) -> None:
        super().__init__(store, clock=clock)
        self.barrier, self.raced = barrier, False

    def _open_revision(self, sop_id: str) -> Revision | None:
        if not self.raced:
            self.raced = True
            self.barrier.wait(timeout=30)
            return None
        return super()._open_revision(sop_id)


def test_concurrent_submits_of_one_sop_make_one_open_revision(
        db_url: str, clock: FakeClock) -> None:
    barrier = threading.Barrier(2)
    outcome: list[object] = []

    def submit(n: int) -> None:
        store = Store(db_url)  # each its own connections, closed in its own thread
        try:
            racer = _Racing(store, clock, barrier)
            outcome.append(racer.submit(surat(title=f"Versi {n}"), by=f"Penyusun {n}"))
        except Exception as exc:  # the test reports what each got
            outcome.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in (0, 1)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=60)
    won = [o for o in outcome if isinstance(o, Revision)]
    lost = [o for o in outcome if not isinstance(o, Revision)]
    assert len(won) == 1, outcome
    assert len(lost) == 1, outcome
    assert isinstance(lost[0], OpenRevision), lost
    assert lost[0].revision_id == won[0].id
    store = Store(db_url)
    try:
        catalog = Catalog(store, clock=clock)
        assert [(r.id, r.state) for r in catalog.revisions()] == [(won[0].id, "in_review")]
        running = catalog.engine.instances(status="running")
        assert [i.id for i in running] == [won[0].instance_id]  # the loser's was cancelled
    finally:
        store.close()


def test_the_database_itself_refuses_a_second_open_revision(store: Store) -> None:
    now = dt.datetime(2026, 11, 23, 8, 0)
    row = {"sop_id": "x", "title": "X", "source": "", "sha256": "0" * 64,
           "created_at": now, "updated_at": now}
    with store.transaction() as conn:
        conn.execute(insert(sop_revisions).values(revision=1, state="in_force", **row))
        conn.execute(insert(sop_revisions).values(revision=2, state="draft", **row))
    with pytest.raises(StoreError) as refused, store.transaction() as conn:
        conn.execute(insert(sop_revisions).values(revision=3, state="returned", **row))
    assert refused.value.kind == "conflict"
    assert "ux_sop_revisions" not in str(refused.value)  # no constraint name for users
    with store.reading() as conn:
        names = {i["name"] for i in inspect(conn).get_indexes("sop_revisions")}
    assert "ux_sop_revisions_open" in names


def test_migration_5_keeps_the_newest_open_revision_of_a_duplicate(
        tmp_path: Path, clock: FakeClock) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    store = Store(url)
    catalog = Catalog(store, clock=clock)
    first = catalog.submit(surat(), by="Kasubag Umum")
    with store.transaction() as conn:  # as a database of schema 4 could be
        conn.execute(text("DROP INDEX ux_sop_revisions_open"))
        conn.execute(delete(schema_table).where(schema_table.c.version == 5))
        conn.execute(insert(sop_revisions).values(
            sop_id="surat-masuk", revision=2, title="T", source=surat(), sha256="1" * 64,
            state="draft", created_at=clock.now, updated_at=clock.now))
    store.close()
    store = Store(url)
    try:
        catalog = Catalog(store, clock=clock)
        assert [(r.revision, r.state) for r in catalog.revisions()] == [
            (2, "draft"), (1, "withdrawn")]
        [last] = catalog.history(first.id)[-1:]
        assert (last.trigger, last.by) == ("withdraw", "sopengine")
    finally:
        store.close()
