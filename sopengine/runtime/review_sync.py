"""Where a draft's review stands by its engine instance, whoever moved it.

The review's tasks sit in the reviewers' inboxes, so a reviewer may complete
one on the generic task page instead of through the catalog. The instance is
the truth: each of its completions means one catalog move (the drafting step:
submit; the organisation section's Ya: verify; a Tidak: return; a cancel:
withdraw). The catalog follows it (``Catalog._follow``) with the moves its own
audit trail lacks, each recorded with the engine's who, when and note, so a
verification done on the task page is in the audit like one done through the
catalog.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sopengine.runtime.engine import Engine
from sopengine.runtime.records import Event
from sopengine.runtime.review import APPROVE, DRAFT, NO, VERIFY, YES

FOLLOWED = ("submit", "verify", "return", "withdraw")  # the moves an engine event means


@dataclass(frozen=True)
class Move:
    trigger: str
    by: str | None
    note: str | None
    at: dt.datetime | None = None


def _meaning(e: Event) -> str | None:
    if e.kind == "cancelled":
        return "withdraw"
    if e.kind != "completed":
        return None
    if e.step == DRAFT:
        return "submit"
    if e.step in (VERIFY, APPROVE) and e.branch == NO:
        return "return"
    return "verify" if e.step == VERIFY and e.branch == YES else None


def engine_moves(history: Sequence[Event]) -> list[Move]:
    """The catalog moves the review instance's history means, in order."""
    return [Move(m, e.by, e.note, e.at) for e in history if (m := _meaning(e))]


def moves_to_follow(engine: Engine, instance_id: int, recorded: Sequence[str]) -> list[Move]:
    """The instance's moves after the last one the catalog recorded (``recorded``: the
    catalog's triggers, in order). Matched in order, so moves recorded through the
    catalog are not repeated; a move of the past the catalog missed stays missed."""
    done = [t for t in recorded if t in FOLLOWED]
    moves = engine_moves(engine.history(instance_id))
    matched, j = 0, 0
    for i, move in enumerate(moves):
        if j < len(done) and move.trigger == done[j]:
            j, matched = j + 1, i + 1
    return moves[matched:] if j == len(done) else []
