"""Which of the guideline's five symbols a step is drawn with.

The SOP AP guideline knows five symbols and no others: the capsule
(terminator), the rectangle (process), the diamond (decision), the arrow and the
pentagon (off-page connector). The capsule marks the first and the last
*activities*: they are real, numbered steps, not extra "Mulai"/"Selesai" rows.
Every renderer (flowchart, table page, Mermaid, BPMN) asks this module, so they
agree on the symbol of every step.
"""

from __future__ import annotations

from typing import Literal

from sopengine.definition.flow import Flow
from sopengine.definition.model import END

Symbol = Literal["terminator", "process", "decision"]


def symbol(flow: Flow, step_id: str) -> Symbol:
    """A decision is a diamond; the first step and a step that ends the SOP are
    capsules; every other step is a rectangle."""
    step = flow.sop.step(step_id)
    if step.is_decision:
        return "decision"
    if step_id == flow.start or any(e.target == END for e in flow.out_edges(step_id)):
        return "terminator"
    return "process"


def decision_ends(flow: Flow) -> list[str]:
    """Decisions with a branch straight to the end (a request refused): the only
    place a renderer adds a terminator that is not a step."""
    return [s.id for s in flow.sop.steps
            if s.is_decision and any(e.target == END for e in flow.out_edges(s.id))]
