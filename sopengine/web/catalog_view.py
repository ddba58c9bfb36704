"""What a revision's page shows: the SOP, where its review stands, the diff
against the version in force, the moves this user may make, and its history."""

from __future__ import annotations

from typing import Any

import sopengine
from sopengine.web import catalog_access as access

DIFF_PARTS = ("identity", "reassigned", "reworded", "retimed", "other")


def revision_context(catalog: sopengine.Catalog, rev: sopengine.Revision,
                     user: sopengine.User, org: sopengine.Org) -> dict[str, Any]:
    sop = catalog.source_sop(rev)
    current = catalog.current(rev.sop_id)
    diff = None
    if current is not None and current.id != rev.id and sop is not None:
        old = catalog.published_sop(current)
        diff = sopengine.diff_sops(old, sop) if old is not None else None
    stage = catalog.review.stage(rev.instance_id) if rev.instance_id else None
    history = catalog.history(rev.id)
    return {"rev": rev, "sop": sop, "stage": stage, "current": current, "diff": diff,
            "diff_parts": DIFF_PARTS,
            "moves": [m for m in catalog.moves(rev) if access.may(catalog, user, m, org)],
            "default_number": catalog.default_number(rev),
            "today": catalog.clock().date(), "history": history, "seen": len(history),
            "review": catalog.engine.history(rev.instance_id) if rev.instance_id else [],
            "lines": list(enumerate((rev.published or rev.source).splitlines(), start=1)),
            "due_on": rev.due_on(catalog.review_months), "problem": None}
