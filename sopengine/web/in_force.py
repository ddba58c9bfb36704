"""Which SOPs may be started: only one in force. With the catalog in use (any
revision recorded at all), an SOP may start when a revision of it is in force or
due for review (still in force); one withdrawn, not yet approved, approved but
before its Tanggal Efektif, or not in the catalog is refused (409). A plain
directory of SOPs, without any catalog record, starts every SOP, as before.

With the catalog in use, what starts is the revision in force exactly as
approved (its published text, with its number and dates; ``Catalog.start``), not
the file of that name in the SOP folder, which may have been edited since."""

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


def startable(catalog: sopengine.Catalog, folder: dict[str, sopengine.LoadedSop]
              ) -> tuple[list[sopengine.LoadedSop], bool]:
    """The SOPs that may be started: those in force in the catalog (their approved text),
    or every file of the folder when the catalog is not in use; and whether it is. The
    calendar's moves are made once for all of them."""
    ids = in_force_ids(catalog)
    if ids is None:
        return list(folder.values()), False
    return sorted((catalog.startable(sop_id, refresh=False) for sop_id in ids),
                  key=lambda loaded: loaded.sop.title if loaded.sop else ""), True


def start_source(catalog: sopengine.Catalog, folder: dict[str, sopengine.LoadedSop],
                 sop_id: str, lang: str) -> sopengine.LoadedSop:
    """What starting ``sop_id`` runs: the catalog's revision in force when the catalog is
    in use, else the folder's file; 404 when neither knows it, 409 saying why when the
    catalog has it but not in force."""
    catalog.refresh()
    in_folder = folder.get(sop_id)
    if not catalog.revisions(limit=1):  # no catalog in use
        if in_folder is None or in_folder.sop is None:
            raise PageError(404, "err_404")
        return in_folder
    revisions = catalog.revisions(sop_id=sop_id)
    if not revisions:
        if in_folder is None or in_folder.sop is None:
            raise PageError(404, "err_404")
        raise PageError(409, "err_start_not_in_catalog", title=in_folder.sop.title)
    if not any(rev.state in IN_FORCE for rev in revisions):
        _refuse(revisions, lang)
    return catalog.startable(sop_id, refresh=False)


def _refuse(revisions: list[sopengine.Revision], lang: str) -> None:
    """The 409 for an SOP of the catalog with no revision in force."""
    title = revisions[0].title
    approved = next((rev for rev in revisions if rev.state == "approved"), None)
    if approved is not None:
        effective = f"{approved.effective_on:%d-%m-%Y}" if approved.effective_on else "-"
        raise PageError(409, "err_start_not_yet", title=title, date=effective)
    open_ = next((rev for rev in revisions if rev.state in NOT_YET), None)  # newest first
    if open_ is not None:
        raise PageError(409, "err_start_not_approved", title=title,
                        state=t(f"state_{open_.state}", lang))
    raise PageError(409, "err_start_withdrawn", title=title)
