"""After approval: in force on its date, started only then, due for review a year on."""

from __future__ import annotations

import datetime as dt

import pytest

from sopengine.errors import IllegalTransition, NotFound, SopInvalid
from sopengine.runtime.catalog import Catalog
from tests.catalog.conftest import FakeClock, approved, surat


def test_only_a_published_revision_is_started(catalog: Catalog) -> None:
    with pytest.raises(NotFound):
        catalog.start("surat-masuk")
    rev = catalog.submit(surat(), by="Kasubag Umum")
    with pytest.raises(IllegalTransition, match="cannot start"):
        catalog.start("surat-masuk")
    catalog.verify(rev.id, by="Kabag Organisasi")
    catalog.approve(rev.id, by="Camat", number="800/1")
    instance = catalog.start("surat-masuk")
    pinned, _ = catalog.engine.definition(instance.definition)
    assert pinned.number == "800/1"


def test_running_instances_keep_the_revision_they_started_with(
        catalog: Catalog, clock: FakeClock) -> None:
    first = approved(catalog, surat())
    old = catalog.start("surat-masuk")
    clock.advance(60)
    second = approved(catalog, surat(extra_step=True))
    assert catalog.get(first).state == "withdrawn"  # superseded
    assert [e.note for e in catalog.history(first)][-1] == "diganti revisi 2"
    new = catalog.start("surat-masuk")
    assert new.definition != old.definition
    engine = catalog.engine
    engine.complete(old.id, "catat")
    assert engine.complete(old.id, "disposisi").instance_status == "completed"
    engine.complete(new.id, "catat")
    engine.complete(new.id, "disposisi")
    assert [t.step for t in engine.tasks(instance_id=new.id)] == ["arsip"]
    assert catalog.current("surat-masuk").id == second  # type: ignore[union-attr]


def test_approved_for_a_later_date_takes_effect_then(
        catalog: Catalog, clock: FakeClock) -> None:
    first = approved(catalog, surat())
    later = clock.now.date() + dt.timedelta(days=10)
    second = approved(catalog, surat(extra_step=True), effective=later)
    assert catalog.get(second).state == "approved"
    assert catalog.current("surat-masuk").id == first  # type: ignore[union-attr]
    clock.advance(10 * 24 * 60)
    catalog.refresh()
    assert (catalog.get(first).state, catalog.get(second).state) == ("withdrawn", "in_force")
    assert catalog.get(second).revised_on == dt.date(2026, 11, 23)


def test_due_for_review_a_year_after_tanggal_efektif(catalog: Catalog,
                                                     clock: FakeClock) -> None:
    rid = approved(catalog, surat(), effective=dt.date(2026, 11, 23))
    clock.now = dt.datetime(2027, 11, 22, 8, 0)
    assert catalog.due() == []
    clock.now = dt.datetime(2027, 11, 23, 8, 0)
    [due] = catalog.due()
    assert (due.id, due.state, due.due_on()) == (rid, "due_for_review", dt.date(2027, 11, 23))
    assert catalog.current("surat-masuk").id == rid  # type: ignore[union-attr]
    catalog.start("surat-masuk")  # still in force while reviewed
    rev = catalog.confirm(rid, by="Kabag Organisasi", note="masih sesuai")
    assert (rev.state, rev.due_on()) == ("in_force", dt.date(2028, 11, 23))
    assert catalog.due() == []


def test_the_review_period_is_configurable(catalog: Catalog, clock: FakeClock) -> None:
    clock.now = dt.datetime(2026, 8, 31, 8, 0)
    half = Catalog(catalog.store, clock=clock, review_months=6)
    rid = approved(half, surat(), effective=dt.date(2026, 8, 31))
    assert half.get(rid).due_on(6) == dt.date(2027, 2, 28)
    clock.now = dt.datetime(2027, 2, 28, 8, 0)
    assert [r.id for r in half.due()] == [rid]


def test_an_approval_that_makes_the_sop_invalid_is_refused(catalog: Catalog) -> None:
    rev = catalog.submit(surat(), by="Kasubag Umum")
    catalog.verify(rev.id, by="Kabag Organisasi")
    with pytest.raises(SopInvalid, match="surat-masuk@1"):
        catalog.approve(rev.id, by="Camat", number="1", effective=dt.date(2020, 1, 1))
    assert catalog.get(rev.id).state == "in_review"
    assert catalog.review.stage(rev.instance_id or 0) == "setujui"


def test_search_the_published_book_by_title_unit_and_text(catalog: Catalog) -> None:
    approved(catalog, surat())
    draft = surat().replace("surat-masuk", "cuti").replace("Penanganan Surat Masuk", "Cuti")
    catalog.submit(draft, by="Kasubag Umum")  # not published: never found

    def ids(query: str, field: str = "all") -> list[str]:
        return [rev.sop_id for rev, _ in catalog.search(query, field)]

    assert ids("") == ["surat-masuk"]
    assert ids("surat MASUK", "title") == ["surat-masuk"]
    assert ids("disposisi") == ["surat-masuk"]  # a step's action
    assert ids("disposisi", "title") == []
    assert ids("sekretariat", "unit") == ["surat-masuk"]
    assert ids("cuti") == []
    with pytest.raises(ValueError, match="field must be"):
        catalog.search("x", "nomor")


def test_an_sop_approved_for_a_later_date_is_not_started_before_it(
        catalog: Catalog, clock: FakeClock) -> None:
    later = clock.now.date() + dt.timedelta(days=10)
    approved(catalog, surat(), effective=later)
    with pytest.raises(IllegalTransition, match=f"in force from {later:%Y-%m-%d}"):
        catalog.start("surat-masuk")
    assert catalog.engine.instances(sop_id="surat-masuk") == []
    clock.advance(10 * 24 * 60)
    assert catalog.start("surat-masuk", title="Surat 1", by="Ani").title == "Surat 1"
