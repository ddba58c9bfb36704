"""Which SOPs may be started: only one in force. With the catalog in use (any
revision recorded at all), an SOP may start when a revision of it is in force or
due for review (still in force); one withdrawn, not yet approved, approved but
before its Tanggal Efektif, or not in the catalog is refused (409). A plain
directory of SOPs, without any catalog record, starts every SOP, as before."""

from __future__ import annotations

import sopengine
from sopengine.web.i18n import t
from sopengine.web.security import PageError

IN_FORCE = ("in_force", "due_for_review")
NOT_YET = ("draft", "in_review", "returned")


def in_force_ids(catalog: sopengine.Catalog) -> frozenset[str] | None:
    """The ids of the SOPs in force; None when the catalog is not in use."""
    catalog.refresh()
    if not catalog.revisions(limit=1):
        return None
    return frozenset(rev.sop_id for state in IN_FORCE
                     for rev in catalog.revisions(state=state, limit=1_000_000))


def check_in_force(catalog: sopengine.Catalog, sop: sopengine.Sop, lang: str) -> None:
    """Nothing when ``sop`` may start; else a 409 PageError saying why not."""
    catalog.refresh()
    revisions = catalog.revisions(sop_id=sop.id)
    if any(rev.state in IN_FORCE for rev in revisions):
        return
    if not revisions:
        if catalog.revisions(limit=1):
            raise PageError(409, "err_start_not_in_catalog", title=sop.title)
        return  # no catalog in use
    approved = next((rev for rev in revisions if rev.state == "approved"), None)
    if approved is not None:
        effective = f"{approved.effective_on:%d-%m-%Y}" if approved.effective_on else "-"
        raise PageError(409, "err_start_not_yet", title=sop.title, date=effective)
    open_ = next((rev for rev in revisions if rev.state in NOT_YET), None)  # newest first
    if open_ is not None:
        raise PageError(409, "err_start_not_approved", title=sop.title,
                        state=t(f"state_{open_.state}", lang))
    raise PageError(409, "err_start_withdrawn", title=sop.title)
