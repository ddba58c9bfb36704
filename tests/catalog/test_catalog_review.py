"""A draft's way through review, run as an instance of sops/penyusunan-sop.yaml."""

from __future__ import annotations

import datetime as dt

import pytest

from sopengine.definition.loader import check_text
from sopengine.errors import AlreadyDone, BadChoice, IllegalTransition, SopInvalid
from sopengine.runtime.catalog import Catalog
from sopengine.runtime.review import PACKAGED
from tests.catalog.conftest import FakeClock, approved, surat
from tests.conftest import SOPS


def test_an_invalid_file_is_refused_with_located_errors_and_nothing_stored(
        catalog: Catalog) -> None:
    bad = surat().replace("actor: camat", "actor: lurah")
    with pytest.raises(SopInvalid) as info:
        catalog.submit(bad, by="Kasubag Umum", path="surat.yaml")
    [d] = [d for d in info.value.diagnostics if d.is_error]
    assert (d.code, d.line, d.file) == ("unknown-actor", 16, "surat.yaml")
    assert catalog.revisions() == []
    assert catalog.engine.instances() == []


def test_draft_verify_return_correct_approve(catalog: Catalog, clock: FakeClock) -> None:
    engine = catalog.engine
    rev = catalog.submit(surat(), by="Kasubag Umum", draft=True)
    assert (rev.state, rev.revision, rev.sop_id) == ("draft", 1, "surat-masuk")
    assert [t.step for t in engine.tasks(actor="penyusun")] == ["susun-draf"]
    assert engine.instance(rev.instance_id or 0).title == "Draf SOP Penanganan Surat Masuk " \
        "(surat-masuk)"  # how the reviewers' inboxes name it

    catalog.send(rev.id, by="Kasubag Umum")
    assert [t.step for t in engine.tasks(actor="organisasi")] == ["verifikasi"]
    clock.advance(60)
    rev = catalog.return_(rev.id, by="Kabag Organisasi", note="dasar hukum kurang")
    assert rev.state == "returned"
    assert [t.step for t in engine.tasks(actor="penyusun")] == ["susun-draf"]

    corrected = surat(title="Penanganan Surat Masuk Dinas")
    rev = catalog.submit(corrected, by="Kasubag Umum", note="sudah diperbaiki")
    assert (rev.state, rev.source, rev.title) == ("in_review", corrected,
                                                  "Penanganan Surat Masuk Dinas")
    catalog.verify(rev.id, by="Kabag Organisasi")
    assert [t.step for t in engine.tasks(actor="pimpinan")] == ["setujui"]
    rev = catalog.approve(rev.id, by="Camat", number="800/SOP-07/2026")

    assert rev.state == "in_force"  # effective today
    assert (rev.number, rev.effective_on, rev.created_on) == (
        "800/SOP-07/2026", clock.now.date(), clock.now.date())
    sop = check_text(rev.published or "").sop
    assert sop is not None
    assert sop.number == "800/SOP-07/2026"
    assert rev.published.startswith("# Surat masuk")  # comments and layout kept
    assert engine.instance(rev.instance_id or 0).status == "completed"
    assert [(e.trigger, e.to_state, e.by) for e in catalog.history(rev.id)] == [
        ("create", "draft", "Kasubag Umum"), ("submit", "in_review", "Kasubag Umum"),
        ("return", "returned", "Kabag Organisasi"), ("revise", "returned", "Kasubag Umum"),
        ("submit", "in_review", "Kasubag Umum"), ("verify", "in_review", "Kabag Organisasi"),
        ("approve", "approved", "Camat"), ("take_effect", "in_force", "sopengine")]
    assert [text for _, text in catalog.sources(rev.id)] == [surat(), corrected]


def test_the_review_history_is_the_engines(catalog: Catalog) -> None:
    rid = approved(catalog, surat())
    rev = catalog.get(rid)
    history = catalog.engine.history(rev.instance_id or 0)
    assert [(e.step, e.branch, e.by) for e in history if e.kind == "completed"] == [
        ("susun-draf", None, "Kasubag Umum"), ("verifikasi", "Ya", "Kabag Organisasi"),
        ("setujui", "Ya", "Camat"), ("terbitkan", None, "Camat")]


def test_illegal_moves_are_refused(catalog: Catalog) -> None:
    rev = catalog.submit(surat(), by="Kasubag Umum", draft=True)
    with pytest.raises(IllegalTransition, match="cannot approve the SOP revision: it is draft"):
        catalog.approve(rev.id, by="Camat", number="1")
    catalog.send(rev.id, by="Kasubag Umum")
    with pytest.raises(IllegalTransition, match=r"in_review \(verifikasi\).*verify"):
        catalog.approve(rev.id, by="Camat", number="1")
    with pytest.raises(IllegalTransition, match="already has an open revision"):
        catalog.submit(surat(extra_step=True), by="Kasubag Umum")
    catalog.withdraw(rev.id, by="Kabag Organisasi", note="tidak diperlukan")
    with pytest.raises(IllegalTransition, match="it is withdrawn"):
        catalog.withdraw(rev.id, by="Kabag Organisasi")
    assert catalog.engine.instance(rev.instance_id or 0).status == "cancelled"


def test_two_reviewers_at_once_one_wins(catalog: Catalog, store: object) -> None:
    rev = catalog.submit(surat(), by="Kasubag Umum")
    other = Catalog(catalog.store, clock=catalog.clock)
    catalog.verify(rev.id, by="Kabag A")
    with pytest.raises((AlreadyDone, IllegalTransition)):
        other.verify(rev.id, by="Kabag B")
    assert [e.by for e in catalog.history(rev.id) if e.trigger == "verify"] == ["Kabag A"]


def test_the_number_comes_from_the_draft_or_the_revision_it_replaces(
        catalog: Catalog) -> None:
    rev = catalog.submit(surat(), by="Kasubag Umum")
    catalog.verify(rev.id, by="Kabag Organisasi")
    with pytest.raises(BadChoice, match="no number yet"):
        catalog.approve(rev.id, by="Camat")
    catalog.approve(rev.id, by="Camat", number="800/SOP-01/2026")
    second = approved(catalog, surat(extra_step=True), number="")
    assert catalog.get(second).number == "800/SOP-01/2026"
    own = surat().replace("unit: Sekretariat", 'unit: Sekretariat\nnumber: "OWN/1"')
    third = catalog.submit(own, by="Kasubag Umum")
    catalog.verify(third.id, by="Kabag Organisasi")
    assert catalog.approve(third.id, by="Camat").number == "OWN/1"


def test_the_packaged_procedure_is_the_one_in_sops() -> None:
    assert PACKAGED.read_bytes() == (SOPS / "penyusunan-sop.yaml").read_bytes()


def test_a_review_moved_on_the_task_page_is_followed(catalog: Catalog) -> None:
    engine = catalog.engine
    rev = catalog.submit(surat(), by="Kasubag Umum", draft=True)
    iid = rev.instance_id or 0
    engine.complete(iid, "susun-draf", by="Staf Umum")
    [listed] = catalog.revisions()
    assert listed.state == "draft"  # not yet looked at
    catalog.refresh()
    assert catalog.get(rev.id).state == "in_review"
    engine.complete(iid, "verifikasi", branch="Tidak", by="Kabag", note="kurang")
    with pytest.raises(IllegalTransition, match="it is returned"):
        catalog.verify(rev.id, by="Kabag")
    engine.complete(iid, "susun-draf", by="Staf Umum")
    engine.complete(iid, "verifikasi", branch="Ya", by="Kabag")
    engine.complete(iid, "setujui", branch="Ya", by="Camat")  # the head, on the task page
    assert catalog.approve(rev.id, by="Camat", number="800/9").state == "in_force"
    assert [(e.trigger, e.by, e.note) for e in catalog.history(rev.id)][1:4] == [
        ("submit", "Staf Umum", None), ("return", "Kabag", "kurang"),
        ("submit", "Staf Umum", None)]
    assert engine.instance(iid).status == "completed"


def test_the_moves_a_revision_allows_now(catalog: Catalog) -> None:
    rev = catalog.submit(surat(), by="Kasubag Umum", draft=True)
    assert catalog.moves(rev) == ["submit", "withdraw"]
    rev = catalog.send(rev.id, by="Kasubag Umum")
    assert catalog.moves(rev) == ["verify", "return", "withdraw"]
    rev = catalog.verify(rev.id, by="Kabag Organisasi")
    assert catalog.moves(rev) == ["return", "approve", "withdraw"]
    assert catalog.default_number(rev) is None
    rev = catalog.approve(rev.id, by="Camat", number="800/1")
    assert catalog.moves(rev) == ["withdraw"]
    assert catalog.default_number(rev) == "800/1"


def test_a_verification_on_the_task_page_is_in_the_audit_with_who_when_and_note(
        catalog: Catalog, clock: FakeClock) -> None:
    engine = catalog.engine
    rev = catalog.submit(surat(), by="Kasubag Umum")
    clock.advance(90)
    engine.complete(rev.instance_id or 0, "verifikasi", branch="Ya", by="Kabag Organisasi",
                    note="lengkap")
    clock.advance(30)
    catalog.refresh()
    catalog.refresh()  # followed once, not again
    verified = [e for e in catalog.history(rev.id) if e.trigger == "verify"]
    assert [(e.by, e.note, e.at, e.to_state) for e in verified] == [
        ("Kabag Organisasi", "lengkap", clock.now - dt.timedelta(minutes=30), "in_review")]
    assert catalog.moves(catalog.get(rev.id)) == ["return", "approve", "withdraw"]
    catalog.approve(rev.id, by="Camat", number="800/2")
    assert [e.trigger for e in catalog.history(rev.id)] == [
        "create", "submit", "verify", "approve", "take_effect"]
