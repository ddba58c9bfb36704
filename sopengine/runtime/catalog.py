"""The catalog of SOP documents: every revision, its state, its review on the engine.

A revision is submitted as YAML (validated; an invalid file is refused whole
with every located diagnostic), reviewed as an instance of the penyusunan-sop
procedure (runtime/review.py), approved with its number and dates filled in
(definition/stamp.py), and then in force, due for review and finally
withdrawn. Each move is checked against the lifecycle (runtime/revision.py),
written with the previous state as a condition (two reviewers acting at once:
the second gets AlreadyDone) and recorded in ``sop_revision_events``.

The review's engine step is completed first, then the catalog's row: the
engine refuses a second completion of the same step, so a move happens once.
An SOP has at most one open revision (draft, in review, returned): the
database's unique partial index (migration 5) refuses a second, however many
submits race; the loser's review instance is cancelled and it is told which
revision is open (OpenRevision).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, update

from sopengine.definition.duration import WorkingTime
from sopengine.definition.loader import LoadedSop, check_file, check_text
from sopengine.definition.stamp import stamp
from sopengine.errors import (
    AlreadyDone,
    BadChoice,
    IllegalTransition,
    NotFound,
    OpenRevision,
    SopInvalid,
    StoreError,
)
from sopengine.runtime.approval import dates_for, number_for
from sopengine.runtime.catalog_queries import CatalogQueries
from sopengine.runtime.engine import Engine
from sopengine.runtime.records import Instance
from sopengine.runtime.review import APPROVE, DRAFT, NO, PUBLISH, VERIFY, YES, Review
from sopengine.runtime.review_sync import moves_to_follow
from sopengine.runtime.revision import IN_FORCE, OPEN, REVISION, Revision
from sopengine.runtime.schema import sop_revision_events, sop_revisions
from sopengine.runtime.store import Store

SYSTEM = "sopengine"  # who makes the calendar's moves
PEOPLE_MOVES = ("submit", "verify", "return", "approve", "withdraw", "confirm")
_REV = sop_revisions.c


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class Catalog(CatalogQueries):
    """SOP documents and their revisions in a :class:`Store`."""

    def __init__(self, store: Store, *, engine: Engine | None = None,
                 procedure: LoadedSop | str | Path | None = None, review_months: int = 12,
                 clock: Callable[[], dt.datetime] | None = None) -> None:
        self.store = store
        self.clock = clock or (engine.clock if engine else _now)
        self.engine = engine or Engine(store, clock=self.clock)
        self.review = Review(self.engine, procedure)
        self.review_months = review_months

    # -- people's moves ------------------------------------------------------------

    def submit(self, source: str | Path | LoadedSop, *, by: str, note: str | None = None,
               draft: bool = False, path: str | None = None) -> Revision:
        """Add a revision (or correct the open draft of the same SOP) and send it for review.

        ``source`` is YAML text, a file, or a checked file; invalid: SopInvalid, nothing
        stored. ``draft=True`` keeps it a draft, not yet sent.
        """
        loaded = self._check(source, path)
        assert loaded.sop is not None
        at = self.clock()
        rev = self._open_revision(loaded.sop.id)
        rev = self._follow(rev) if rev is not None else None  # withdrawn on the task page?
        if rev is None or rev.state not in OPEN:
            rev = self._create(loaded, by, at)
        elif rev.state == "in_review":
            raise _open_error(rev)
        elif rev.sha256 != loaded.sha256:
            rev = self._move(rev, "revise", by, note, at, _text_values(loaded), loaded)
        if draft:
            return rev
        return self.send(rev.id, by=by, note=note)

    def send(self, revision_id: int, *, by: str, note: str | None = None) -> Revision:
        """Send a draft (or a returned, corrected revision) for verification."""
        rev = self._expect(revision_id, "submit")
        at = self.clock()
        self.review.complete(self._instance(rev), DRAFT, by=by, note=note, at=at)
        return self._move(rev, "submit", by, note, at)

    def verify(self, revision_id: int, *, by: str, note: str | None = None) -> Revision:
        """The organisation section passes the draft on to the head."""
        rev = self._expect(revision_id, "verify", stages=(VERIFY,))
        at = self.clock()
        self.review.complete(self._instance(rev), VERIFY, branch=YES, by=by, note=note, at=at)
        return self._move(rev, "verify", by, note, at)

    def return_(self, revision_id: int, *, by: str, note: str | None = None) -> Revision:
        """Send the draft back to its unit for correction (at verification or approval)."""
        rev = self._expect(revision_id, "return")
        stage = self.review.stage(self._instance(rev))
        at = self.clock()
        self.review.complete(self._instance(rev), stage or VERIFY, branch=NO, by=by, note=note,
                             at=at)
        return self._move(rev, "return", by, note, at)

    def approve(self, revision_id: int, *, by: str, number: str | None = None,
                effective: dt.date | None = None, note: str | None = None) -> Revision:
        """The head approves: the number and the dates are filled, the SOP is published."""
        rev = self._expect(revision_id, "approve", stages=(APPROVE, PUBLISH, None))
        at = self.clock()
        number = number or number_for(self, rev)
        dates = dates_for(self, rev, at.date(), effective or at.date())
        published = stamp(rev.source, number, dates)
        if published is None:
            raise BadChoice(f"cannot fill the number and dates into SOP '{rev.sop_id}': write "
                            "its top-level keys one per line (title: ... on its own line)")
        self._check(published, f"{rev.sop_id}@{rev.revision}")  # e.g. effective before created
        iid = self._instance(rev)
        stage = self.review.stage(iid)  # the head may have said Ya on the task page
        if stage == APPROVE:
            self.review.complete(iid, APPROVE, branch=YES, by=by, note=note, at=at)
        if stage in (APPROVE, PUBLISH):
            self.review.complete(iid, PUBLISH, by=by, note=number, at=at)
        values = {"published": published, "number": number, "approved_at": at,
                  "approved_by": by, "created_on": dates["created"],
                  "revised_on": dates.get("revised"), "effective_on": dates["effective"]}
        self._move(rev, "approve", by, note, at, values)
        self.refresh()
        return self.get(rev.id)

    def withdraw(self, revision_id: int, *, by: str, note: str | None = None) -> Revision:
        """Withdraw a revision: a draft abandoned, or an SOP no longer in force."""
        rev = self._expect(revision_id, "withdraw")
        at = self.clock()
        if rev.instance_id is not None:
            self.review.cancel(rev.instance_id, by=by, note=note, at=at)
        return self._move(rev, "withdraw", by, note, at)

    def confirm(self, revision_id: int, *, by: str, note: str | None = None) -> Revision:
        """A yearly review found the SOP still right: in force again, due a year on."""
        rev = self._expect(revision_id, "confirm")
        at = self.clock()
        return self._move(rev, "confirm", by, note, at, {"reviewed_on": at.date()})

    def follow(self, revision_id: int) -> Revision:
        """The revision, once it has followed its review instance (see ``_follow``)."""
        return self._follow(self.get(revision_id))

    def moves(self, rev: Revision) -> list[str]:
        """The people's moves the revision allows now (its review's stage considered)."""
        stage = self.review.stage(rev.instance_id) if rev.instance_id else None
        out = [m for m in PEOPLE_MOVES if REVISION.can(rev.state, m)]
        if rev.state == "in_review":
            out = [m for m in out if (m != "verify" or stage == VERIFY)
                   and (m != "approve" or stage in (APPROVE, PUBLISH, None))]
        return out

    def default_number(self, rev: Revision) -> str | None:
        """The number an approval without one would give, if any."""
        try:
            return number_for(self, rev)
        except BadChoice:
            return None

    # -- the calendar's moves ------------------------------------------------------

    def refresh(self) -> None:
        """Take approved revisions into force on their Tanggal Efektif (withdrawing the one
        they replace) and mark those a review period old as due for review."""
        at = self.clock()
        for state in OPEN:
            for rev in self.revisions(state=state):
                self._follow(rev)
        for rev in self.revisions(state="approved"):
            if rev.effective_on and rev.effective_on <= at.date():
                self._take_effect(rev, at)
        for rev in self.revisions(state="in_force"):
            due = rev.due_on(self.review_months)
            if due and due <= at.date():
                self._move(rev, "review_due", SYSTEM, f"jatuh tempo reviu {due}", at)

    def due(self) -> list[Revision]:
        """SOPs due for review, the longest overdue first."""
        self.refresh()
        revs = self.revisions(state="due_for_review")
        return sorted(revs, key=lambda r: (r.due_on(self.review_months) or dt.date.max))

    def _take_effect(self, rev: Revision, at: dt.datetime) -> None:
        for old in self.revisions(sop_id=rev.sop_id):
            if old.state in ("in_force", "due_for_review") and old.revision < rev.revision:
                self._move(old, "withdraw", SYSTEM, f"diganti revisi {rev.revision}", at)
        self._move(rev, "take_effect", SYSTEM, None, at)

    # -- running the SOP -----------------------------------------------------------

    def start(self, sop_id: str, *, at: dt.datetime | None = None, virtual: bool = False,
              title: str | None = None, by: str | None = None,
              user: str | None = None) -> Instance:
        """Start an instance of the revision of ``sop_id`` in force (its published text,
        exactly as approved); ``title``, ``by`` and ``user`` as for ``Engine.start``. An SOP
        approved for a later Tanggal Efektif starts only from that day."""
        loaded = self.startable(sop_id)
        return self.engine.start(loaded, at=at, virtual=virtual, title=title, by=by, user=user)

    def in_force(self, sop_id: str, *, refresh: bool = True) -> Revision | None:
        """The revision of ``sop_id`` in force today (also when due for review), if any;
        ``refresh`` False when the caller has just made the calendar's moves."""
        if refresh:
            self.refresh()
        return next((r for r in self.revisions(sop_id=sop_id) if r.state in IN_FORCE), None)

    def startable(self, sop_id: str, *, refresh: bool = True) -> LoadedSop:
        """The checked text of the revision in force of ``sop_id``: NotFound when the
        catalog has no such SOP, IllegalTransition (saying why) when none is in force."""
        rev = self.in_force(sop_id, refresh=refresh)
        if rev is not None and rev.published is not None:
            return _checked(rev.published, f"{sop_id}@{rev.revision}",
                            self.engine.working_time)
        latest = self.revisions(sop_id=sop_id, limit=1)
        if not latest:
            raise NotFound(f"no SOP '{sop_id}' in the catalog")
        approved = next((r for r in self.revisions(sop_id=sop_id) if r.state == "approved"),
                        None)
        if approved is not None and approved.effective_on is not None:
            raise IllegalTransition(REVISION.name, f"approved, in force from "
                                    f"{approved.effective_on:%Y-%m-%d}", "start", [])
        raise IllegalTransition(REVISION.name, latest[0].state, "start", [])

    # -- internals -----------------------------------------------------------------

    def _check(self, source: str | Path | LoadedSop, path: str | None) -> LoadedSop:
        wt = self.engine.working_time
        if isinstance(source, LoadedSop):
            loaded = source
        elif isinstance(source, Path):
            loaded = check_file(source, wt)
        else:
            loaded = check_text(source, path or "<upload>", wt)
        if not loaded.ok or loaded.sop is None:
            raise SopInvalid(loaded.path, loaded.diagnostics)
        return loaded

    def _create(self, loaded: LoadedSop, by: str, at: dt.datetime) -> Revision:
        sop = loaded.sop
        assert sop is not None
        instance = self.review.start(at, title=f"Draf SOP {sop.title} ({sop.id})", by=by)
        try:
            with self.store.transaction() as conn:
                last = conn.execute(select(func.max(_REV.revision))
                                    .where(_REV.sop_id == sop.id)).scalar()
                rid = conn.execute(insert(sop_revisions).values(
                    sop_id=sop.id, revision=(last or 0) + 1, state=REVISION.initial,
                    instance_id=instance.id, created_at=at, updated_at=at,
                    **_text_values(loaded)).returning(_REV.id)).scalar_one()
                _record(conn, rid, "create", None, REVISION.initial, by, None, at, loaded)
        except StoreError as exc:  # a conflict: another submit made its open revision first
            if exc.kind != "conflict":
                raise
            self.review.cancel(instance.id, by=SYSTEM, note="revisi terbuka lain", at=at)
            other = self._open_revision(sop.id)
            if other is None:  # pragma: no cover - the other was withdrawn meanwhile
                raise AlreadyDone(f"SOP '{sop.id}' was submitted by someone else just now") \
                    from None
            raise _open_error(other) from None
        return self.get(rid)

    def _move(self, rev: Revision, trigger: str, by: str | None, note: str | None,
              at: dt.datetime, values: dict[str, Any] | None = None,
              loaded: LoadedSop | None = None) -> Revision:
        state = REVISION.advance(rev.state, trigger)
        with self.store.transaction() as conn:
            done = conn.execute(update(sop_revisions)
                                .where(_REV.id == rev.id, _REV.state == rev.state)
                                .values(state=state, updated_at=at, **(values or {})))
            if done.rowcount == 1:
                _record(conn, rev.id, trigger, rev.state, state, by, note, at, loaded)
        now = self.get(rev.id)
        if done.rowcount != 1 and now.state != state:  # the same move made elsewhere is fine
            raise AlreadyDone(f"SOP revision {rev.id} was moved by someone else just now")
        return now

    def _expect(self, revision_id: int, trigger: str,
                stages: tuple[str | None, ...] | None = None) -> Revision:
        """The revision, if ``trigger`` is allowed now (and its review is at one of
        ``stages``), once it has followed its review instance."""
        rev = self._follow(self.get(revision_id))
        REVISION.advance(rev.state, trigger)
        if stages is not None:
            at = self.review.stage(self._instance(rev))
            if at not in stages:
                allowed = [t for t, s in (("verify", VERIFY), ("approve", APPROVE)) if s == at]
                raise IllegalTransition(REVISION.name, f"{rev.state} ({at})", trigger,
                                        [*allowed, "return", "withdraw"])
        return rev

    def _follow(self, rev: Revision) -> Revision:
        """An open revision brought in line with its review instance, when a reviewer
        moved that on the task page rather than through the catalog."""
        if rev.state not in OPEN or rev.instance_id is None:
            return rev
        recorded = [e.trigger for e in self.history(rev.id)]
        for move in moves_to_follow(self.engine, rev.instance_id, recorded):
            rev = self._move(rev, move.trigger, move.by, move.note, move.at or self.clock())
        return rev

    def _instance(self, rev: Revision) -> int:
        if rev.instance_id is None:  # pragma: no cover - every revision starts one
            raise NotFound(f"SOP revision {rev.id} has no review instance")
        return rev.instance_id


def _open_error(rev: Revision) -> OpenRevision:
    return OpenRevision(rev.sop_id, rev.id, rev.revision, rev.state)


@lru_cache(maxsize=512)
def _checked(text: str, path: str, working_time: WorkingTime) -> LoadedSop:
    """A published text checked once (it never changes once approved)."""
    return check_text(text, path, working_time)


def _text_values(loaded: LoadedSop) -> dict[str, Any]:
    sop = loaded.sop
    assert sop is not None
    return {"source": loaded.text, "sha256": loaded.sha256, "title": sop.title,
            "unit": sop.unit}


def _record(conn: Any, rid: int, trigger: str, before: str | None, after: str,
            by: str | None, note: str | None, at: dt.datetime,
            loaded: LoadedSop | None) -> None:
    conn.execute(insert(sop_revision_events).values(
        revision_id=rid, at=at, trigger=trigger, from_state=before, to_state=after,
        by_name=by, note=note, sha256=loaded.sha256 if loaded else None,
        source=loaded.text if loaded else None))
