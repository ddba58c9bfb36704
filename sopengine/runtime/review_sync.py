"""Where a draft's review stands by its engine instance, whoever moved it.

The review's tasks sit in the reviewers' inboxes, so a reviewer may complete
one on the generic task page instead of through the catalog. The instance is
the truth: the state it implies is read from its last completion, and the
catalog follows it (``Catalog._follow``) with the moves that lead there,
each recorded with the engine's who and note.
"""

from __future__ import annotations

from dataclasses import dataclass

from sopengine.runtime.engine import Engine
from sopengine.runtime.records import Event
from sopengine.runtime.review import APPROVE, DRAFT, NO, VERIFY

# (stored state, implied state): the catalog's moves from one to the other
PATHS = {("draft", "in_review"): ("submit",), ("returned", "in_review"): ("submit",),
         ("in_review", "returned"): ("return",), ("draft", "returned"): ("submit", "return")}


@dataclass(frozen=True)
class Move:
    trigger: str
    by: str | None
    note: str | None


def _is_return(e: Event) -> bool:
    return e.step in (VERIFY, APPROVE) and e.branch == NO


def implied_state(history: list[Event]) -> str:
    if history and history[-1].kind == "cancelled":
        return "withdrawn"
    done = [e for e in history if e.kind == "completed"]
    if not done:
        return "draft"
    return "returned" if _is_return(done[-1]) else "in_review"


def moves_to_follow(engine: Engine, instance_id: int, stored: str) -> list[Move]:
    """The moves that bring a revision in ``stored`` state in line with its instance."""
    history = engine.history(instance_id)
    target = implied_state(history)
    if target == stored:
        return []
    if target == "withdrawn":
        return [Move("withdraw", history[-1].by, history[-1].note)]
    moves = []
    for trigger in PATHS.get((stored, target), ()):
        picked = [e for e in history if e.kind == "completed"
                  and (_is_return(e) if trigger == "return" else e.step == DRAFT)]
        last = picked[-1] if picked else None
        moves.append(Move(trigger, last.by if last else None, last.note if last else None))
    return moves
