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
from sopengine.web.positions import position_of

# move: the procedure's actors who make it
MOVERS: dict[str, tuple[str, ...]] = {
    "submit": ("penyusun", "organisasi"), "verify": ("organisasi",),
    "return": ("organisasi", "pimpinan"), "approve": ("pimpinan",),
    "withdraw": ("organisasi",), "confirm": ("organisasi",),
}


def positions_for(catalog: sopengine.Catalog, move: str) -> list[str]:
    procedure = catalog.review.loaded.sop
    assert procedure is not None
    return [position_of(procedure.actors[a]) for a in MOVERS[move] if a in procedure.actors]


def may(catalog: sopengine.Catalog, user: sopengine.User | None, move: str) -> bool:
    if user is None or user.disabled:
        return False
    return user.admin or any(user.holds(p) for p in positions_for(catalog, move))


def may_see(catalog: sopengine.Catalog, user: sopengine.User | None) -> bool:
    return any(may(catalog, user, move) for move in MOVERS)
