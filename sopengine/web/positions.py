"""Which position (jabatan) stands behind an SOP actor.

Until the office's org file (positions and aliases beside the SOPs) is read
here, an actor is matched to the position of exactly its name. Everything in the
web app asks this module, so switching to the org file changes one place.
"""

from __future__ import annotations

from collections.abc import Iterable

import sopengine


def position_of(actor_name: str) -> str:
    """The position an actor's name stands for."""
    return actor_name.strip()


def held_actors(sop: sopengine.Sop, positions: Iterable[str]) -> list[str]:
    """The actor ids of ``sop`` that the holder of ``positions`` acts as."""
    held = set(positions)
    return [a for a, name in sop.actors.items() if position_of(name) in held]


def may_act(sop: sopengine.Sop, actors: Iterable[str], positions: Iterable[str]) -> str | None:
    """The first of ``actors`` (ids) the holder of ``positions`` acts as, or None."""
    mine = held_actors(sop, positions)
    return next((a for a in actors if a in mine), None)
