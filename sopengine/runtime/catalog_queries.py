"""Reading the catalog: revisions by state or SOP, the published book, the audit trail."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import select

from sopengine.definition.loader import check_text
from sopengine.definition.model import Sop
from sopengine.definition.search import matches
from sopengine.errors import NotFound
from sopengine.runtime.revision import OPEN, PUBLISHED, Revision, RevisionEvent
from sopengine.runtime.schema import sop_revision_events, sop_revisions
from sopengine.runtime.store import Store

_REV = sop_revisions.c
_PREFERRED = {"in_force": 0, "due_for_review": 0, "approved": 1}  # which revision is current


class CatalogQueries:
    """The read side; :class:`~sopengine.runtime.catalog.Catalog` adds the moves."""

    store: Store

    def get(self, revision_id: int) -> Revision:
        with self.store.reading() as conn:
            row = conn.execute(select(sop_revisions).where(_REV.id == revision_id)).first()
        if row is None:
            raise NotFound(f"no SOP revision {revision_id}")
        return to_revision(row)

    def revisions(self, *, state: str | None = None, sop_id: str | None = None,
                  limit: int = 1000) -> list[Revision]:
        """Revisions, newest first, optionally of one state or one SOP."""
        query = select(sop_revisions).order_by(_REV.sop_id, _REV.revision.desc()).limit(limit)
        if state:
            query = query.where(_REV.state == state)
        if sop_id:
            query = query.where(_REV.sop_id == sop_id)
        with self.store.reading() as conn:
            return [to_revision(r) for r in conn.execute(query)]

    def published(self) -> list[Revision]:
        """The current revision of every published SOP (in force, else approved), by id."""
        query = select(sop_revisions).where(_REV.state.in_(PUBLISHED))
        with self.store.reading() as conn:
            rows = [to_revision(r) for r in conn.execute(query)]
        best: dict[str, Revision] = {}
        for rev in sorted(rows, key=lambda r: (_PREFERRED[r.state], -r.revision)):
            best.setdefault(rev.sop_id, rev)
        return [best[k] for k in sorted(best)]

    def current(self, sop_id: str) -> Revision | None:
        """The published revision of ``sop_id`` (the one that is started), if any."""
        return next((r for r in self.published() if r.sop_id == sop_id), None)

    def search(self, query: str = "", field: str = "all") -> list[tuple[Revision, Sop]]:
        """Published SOPs whose ``field`` (all, title, unit) holds every word of ``query``."""
        found = []
        for rev in self.published():
            sop = self.published_sop(rev)
            if sop is not None and matches(sop, query, field):
                found.append((rev, sop))
        return found

    def published_sop(self, rev: Revision) -> Sop | None:
        """The model of a revision's published text (cached by its text)."""
        return _model(rev.published) if rev.published else None

    def source_sop(self, rev: Revision) -> Sop | None:
        """The model of a revision's text as submitted."""
        return _model(rev.source)

    def history(self, revision_id: int) -> list[RevisionEvent]:
        """Every move of a revision, in order: who, when, from which state to which."""
        query = (select(sop_revision_events)
                 .where(sop_revision_events.c.revision_id == revision_id)
                 .order_by(sop_revision_events.c.id))
        with self.store.reading() as conn:
            return [RevisionEvent(r.at, r.trigger, r.from_state, r.to_state, r.by_name,
                                  r.note, r.sha256) for r in conn.execute(query)]

    def sources(self, revision_id: int) -> list[tuple[RevisionEvent, str]]:
        """Every text submitted for a revision, with the event that brought it."""
        query = (select(sop_revision_events)
                 .where(sop_revision_events.c.revision_id == revision_id,
                        sop_revision_events.c.source.is_not(None))
                 .order_by(sop_revision_events.c.id))
        with self.store.reading() as conn:
            return [(RevisionEvent(r.at, r.trigger, r.from_state, r.to_state, r.by_name,
                                   r.note, r.sha256), r.source) for r in conn.execute(query)]

    def _open_revision(self, sop_id: str) -> Revision | None:
        query = select(sop_revisions).where(_REV.sop_id == sop_id,
                                            _REV.state.in_(OPEN))
        with self.store.reading() as conn:
            row = conn.execute(query).first()
        return to_revision(row) if row else None


def to_revision(r: Any) -> Revision:
    return Revision(r.id, r.sop_id, r.revision, r.title, r.unit, r.state, r.source, r.sha256,
                    r.published, r.number, r.created_on, r.revised_on, r.effective_on,
                    r.reviewed_on, r.approved_at, r.approved_by, r.instance_id, r.created_at,
                    r.updated_at)


@lru_cache(maxsize=512)
def _model(text: str) -> Sop | None:
    return check_text(text).sop
