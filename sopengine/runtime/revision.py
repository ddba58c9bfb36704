"""An SOP document's revisions: the records and the lifecycle they move through.

::

    draft ──submit──> in_review ──verify──> in_review ──approve──> approved
      ^                  │                                            │ take_effect
      └──── returned <── return                                       v
            (submit again)                      due_for_review <── in_force
                                                   │  confirm ──────> ^
    withdraw: from any state but withdrawn ──> withdrawn

``take_effect`` and ``review_due`` are the calendar's moves (Tanggal Efektif
reached; a year after it, or after the last review); the others are people's.
A revision whose successor takes effect is withdrawn, superseded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sopengine.runtime.lifecycle import Lifecycle

STATES = ("draft", "in_review", "returned", "approved", "in_force", "due_for_review",
          "withdrawn")
OPEN = ("draft", "in_review", "returned")  # still being written or reviewed
PUBLISHED = ("approved", "in_force", "due_for_review")  # in the book
IN_FORCE = ("in_force", "due_for_review")  # can be started

REVISION = Lifecycle(
    "SOP revision", list(STATES),
    [["revise", "draft", "draft"], ["revise", "returned", "returned"],
     ["submit", "draft", "in_review"], ["submit", "returned", "in_review"],
     ["verify", "in_review", "in_review"], ["return", "in_review", "returned"],
     ["approve", "in_review", "approved"], ["take_effect", "approved", "in_force"],
     ["review_due", "in_force", "due_for_review"], ["confirm", "due_for_review", "in_force"],
     ["withdraw", [s for s in STATES if s != "withdrawn"], "withdrawn"]],
    "draft")


@dataclass(frozen=True)
class Revision:
    """One revision of one SOP in the catalog."""

    id: int
    sop_id: str
    revision: int
    title: str
    unit: str | None
    state: str
    source: str  # the YAML as submitted, exactly
    sha256: str
    published: str | None  # the YAML with number and dates, once approved
    number: str | None
    created_on: dt.date | None
    revised_on: dt.date | None
    effective_on: dt.date | None
    reviewed_on: dt.date | None
    approved_at: dt.datetime | None
    approved_by: str | None
    instance_id: int | None  # the instance of penyusunan-sop that reviews it
    created_at: dt.datetime
    updated_at: dt.datetime

    @property
    def is_published(self) -> bool:
        return self.state in PUBLISHED

    def due_on(self, months: int = 12) -> dt.date | None:
        """When the next review is due: ``months`` after the last review or Tanggal Efektif."""
        since = self.reviewed_on or self.effective_on
        return add_months(since, months) if since else None


@dataclass(frozen=True)
class RevisionEvent:
    """One move of a revision: the audit trail."""

    at: dt.datetime
    trigger: str
    from_state: str | None
    to_state: str
    by: str | None
    note: str | None
    sha256: str | None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (29 February + 12 months: 28 February)."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month + 1, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover
