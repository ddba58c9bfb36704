"""Which position (jabatan) stands behind an SOP actor: the office's org file
(``org.yaml`` beside the SOPs: positions and an alias table), through the public
``load_org`` API. Without an org file an actor's position is its own name.
Everything in the web app asks this module, so matching lives in one place."""

from __future__ import annotations

from collections.abc import Iterable

import sopengine


def position_of(org: sopengine.Org, name: str) -> str | None:
    """The position an actor's name (or a user's position as written) stands for."""
    return org.position_of(name)


def held(org: sopengine.Org, positions: Iterable[str]) -> set[str]:
    """The positions (as the org file names them) of positions as a user's record writes them."""
    return {p for p in (org.position_of(name) for name in positions) if p}


def held_actors(org: sopengine.Org, sop: sopengine.Sop, positions: Iterable[str]) -> list[str]:
    """The actor ids of ``sop`` that the holder of ``positions`` acts as."""
    mine = held(org, positions)
    return [a for a, name in sop.actors.items() if org.position_of(name) in mine]


def may_act(org: sopengine.Org, sop: sopengine.Sop, actors: Iterable[str],
            positions: Iterable[str]) -> str | None:
    """The first of ``actors`` (ids) the holder of ``positions`` acts as, or None."""
    mine = held_actors(org, sop, positions)
    return next((a for a in actors if a in mine), None)


def unknown_positions(org: sopengine.Org, positions: Iterable[str]) -> list[str]:
    """Positions as written that the org file does not know (none without one)."""
    return [p for p in positions if org.configured and org.position_of(p) is None]
