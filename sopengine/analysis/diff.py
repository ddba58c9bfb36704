"""What changed between two versions of an SOP: steps, actors, times, identity.

Steps are matched by id. The result is plain data (``SopDiff``) that the CLI
prints as text or JSON and that the book's revision page can print.
"""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass, field
from typing import Any

from sopengine.analysis.cpm import critical_path
from sopengine.definition.duration import DEFAULT_WORKING_TIME, WorkingTime
from sopengine.definition.model import Sop, Step

IDENTITY = ("id", "title", "number", "unit", "dates", "approved_by", "legal_basis",
            "qualifications", "related", "equipment", "warnings", "records", "actors")
STEP_FIELDS = ("inputs", "outputs", "note", "next", "ask", "branches", "effort")


@dataclass(frozen=True)
class Change:
    """One field of one step (or of the identity page): its old and new values."""

    step: str | None
    field: str
    old: Any
    new: Any


@dataclass
class SopDiff:
    identity: list[Change] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    reassigned: list[Change] = field(default_factory=list)
    reworded: list[Change] = field(default_factory=list)
    retimed: list[Change] = field(default_factory=list)
    other: list[Change] = field(default_factory=list)
    total: tuple[float, float] = (0.0, 0.0)

    @property
    def empty(self) -> bool:
        return not (self.identity or self.added or self.removed or self.moved or self.reassigned
                    or self.reworded or self.retimed or self.other) and \
            self.total[0] == self.total[1]

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["total"] = {"old": self.total[0], "new": self.total[1]}
        return data


def _plain(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict) or hasattr(value, "items"):
        return {k: _plain(v) for k, v in value.items()}
    return value


def diff_sops(old: Sop, new: Sop, wt: WorkingTime = DEFAULT_WORKING_TIME) -> SopDiff:
    """Every difference between ``old`` and ``new``, and the critical-path totals."""
    out = SopDiff()
    for key in IDENTITY:
        a, b = _plain(getattr(old, key)), _plain(getattr(new, key))
        if a != b:
            out.identity.append(Change(None, key, a, b))
    old_ids, new_ids = [s.id for s in old.steps], [s.id for s in new.steps]
    out.added = [i for i in new_ids if i not in old_ids]
    out.removed = [i for i in old_ids if i not in new_ids]
    out.moved = _moved([i for i in old_ids if i in new_ids], [i for i in new_ids if i in old_ids])
    for step in new.steps:
        if step.id in old_ids:
            _step(old.step(step.id), step, out, wt)
    out.total = (critical_path(old, working_time=wt).total_minutes,
                 critical_path(new, working_time=wt).total_minutes)
    return out


def _moved(old: list[str], new: list[str]) -> list[str]:
    """Ids outside the longest common order of the two sequences."""
    kept: set[str] = set()
    for block in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_matching_blocks():
        kept.update(old[block.a:block.a + block.size])
    return [i for i in new if i not in kept]


def _step(a: Step, b: Step, out: SopDiff, wt: WorkingTime) -> None:
    if a.actor != b.actor:
        out.reassigned.append(Change(b.id, "actor", list(a.actor), list(b.actor)))
    if a.action != b.action:
        out.reworded.append(Change(b.id, "action", a.action, b.action))
    if a.time.three_point(wt) != b.time.three_point(wt):
        out.retimed.append(Change(b.id, "time", a.time.minutes(wt), b.time.minutes(wt)))
    for key in STEP_FIELDS:
        x, y = _plain(getattr(a, key)), _plain(getattr(b, key))
        if x != y:
            out.other.append(Change(b.id, key, x, y))
