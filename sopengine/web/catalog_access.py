"""Who may move an SOP revision: the one place every catalog page asks.

Each move completes a step of the review procedure (penyusunan-sop), so it is
for the holders of that step's actor's position, and for admins: submitting
for the drafting unit (and the organisation section, who often uploads for
it), verifying and returning for the organisation section, approving for the
head (who may return too), withdrawing and the yearly review for the
organisation section. Reading the catalog is for whoever may make any move.
"""

from __future__ import annotations

import sopengine
from sopengine.web.positions import held, position_of

# move: the procedure's actors who make it
MOVERS: dict[str, tuple[str, ...]] = {
    "submit": ("penyusun", "organisasi"), "verify": ("organisasi",),
    "return": ("organisasi", "pimpinan"), "approve": ("pimpinan",),
    "withdraw": ("organisasi",), "confirm": ("organisasi",),
}


def positions_for(catalog: sopengine.Catalog, move: str, org: sopengine.Org) -> list[str]:
    procedure = catalog.review.loaded.sop
    assert procedure is not None
    found = (position_of(org, procedure.actors[a]) for a in MOVERS[move] if a in procedure.actors)
    return [p for p in found if p]


def may(catalog: sopengine.Catalog, user: sopengine.User | None, move: str,
        org: sopengine.Org) -> bool:
    if user is None or user.disabled:
        return False
    return user.admin or bool(held(org, user.positions) & set(positions_for(catalog, move, org)))


def may_see(catalog: sopengine.Catalog, user: sopengine.User | None, org: sopengine.Org) -> bool:
    return any(may(catalog, user, move, org) for move in MOVERS)
