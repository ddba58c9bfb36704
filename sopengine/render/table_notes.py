"""What the flowchart table writes in words about a decision (issue 13, item 9):
its question under the activity, and in Keterangan where each answer goes when
it does not simply lead to the next row ("Tidak: kembali ke langkah 6"), so the
row can be read without following the arrows."""

from __future__ import annotations

from collections.abc import Callable

from sopengine.definition.model import END, Step

Text = Callable[[str], str]


def activity(step: Step) -> list[str]:
    """The Kegiatan cell's paragraphs: the activity, then a decision's question."""
    return [step.action, step.ask] if step.is_decision and step.ask else [step.action]


def remarks(step: Step, row: dict[str, int], last: int, text: Text) -> list[str]:
    """The Keterangan cell's paragraphs: the author's note, then each answer that
    jumps, in the order written (``row`` is the flow's 0-based row of each step)."""
    here = row[step.id]
    out = [step.note] if step.note else []
    for answer, branch in (step.branches or {}).items():
        target = branch.to
        if target == END:
            if here != last:  # ending from the last row is where the table ends anyway
                out.append(text("jump_end").format(answer=answer))
        elif row[target] <= here:
            out.append(text("jump_back").format(answer=answer, n=row[target] + 1))
        elif row[target] != here + 1:
            out.append(text("jump_on").format(answer=answer, n=row[target] + 1))
    return out
