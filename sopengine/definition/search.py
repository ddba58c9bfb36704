"""Finding SOPs by words: in the title, the unit, or anywhere in the text."""

from __future__ import annotations

from sopengine.definition.model import Sop

FIELDS = ("all", "title", "unit")


def searchable(sop: Sop, field: str = "all") -> str:
    """The text of ``sop`` that a search in ``field`` looks at, case-folded."""
    if field == "title":
        parts = [sop.title]
    elif field == "unit":
        parts = [sop.unit or ""]
    else:
        parts = [sop.title, sop.unit or "", str(sop.number or ""), *sop.legal_basis,
                 *sop.qualifications, *sop.equipment, *sop.warnings, *sop.records,
                 *sop.actors.values()]
        for step in sop.steps:
            parts += [step.action, *step.inputs, *step.outputs, step.note or "",
                      step.ask or ""]
    return " ".join(parts).casefold()


def matches(sop: Sop, query: str, field: str = "all") -> bool:
    """Every word of ``query`` occurs in ``field`` (case does not matter)."""
    if field not in FIELDS:
        raise ValueError(f"field must be one of {', '.join(FIELDS)}")
    text = searchable(sop, field)
    return all(word in text for word in query.casefold().split())
