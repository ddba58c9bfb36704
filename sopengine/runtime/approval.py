"""What an approval writes into an SOP: its number and its dates.

The number: the one the approver gives, else the draft's own ``number``, else
the number of the revision it replaces. The dates: created is the first
approved revision's (or the draft's own, else today); revised is today when an
earlier revision was approved (else the draft's own, if any); effective is as
given.
"""

from __future__ import annotations

import datetime as dt

from sopengine.errors import BadChoice
from sopengine.runtime.catalog_queries import CatalogQueries
from sopengine.runtime.revision import Revision


def number_for(catalog: CatalogQueries, rev: Revision) -> str:
    sop = catalog.source_sop(rev)
    if sop is not None and sop.number:
        return str(sop.number)
    earlier = [r.number for r in catalog.revisions(sop_id=rev.sop_id) if r.number]
    if earlier:
        return earlier[0]
    raise BadChoice(f"SOP '{rev.sop_id}' has no number yet: give one when approving")


def dates_for(catalog: CatalogQueries, rev: Revision, today: dt.date,
              effective: dt.date) -> dict[str, dt.date]:
    sop = catalog.source_sop(rev)
    own = sop.dates if sop is not None else None
    earlier = [r for r in catalog.revisions(sop_id=rev.sop_id)
               if r.approved_at and r.id != rev.id]
    created = (earlier[-1].created_on if earlier else None) or (own and own.created) or today
    dates = {"created": created}
    if earlier:
        dates["revised"] = today
    elif own and own.revised:
        dates["revised"] = own.revised
    dates["effective"] = effective
    return dates
