"""What a reader finds in a document, before it is an SOP: plain cells and symbols.

A reader fills these from its format; :mod:`builder` reads them the same way
whatever the format was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Symbol kinds, as the guideline draws them.
TERMINATOR, PROCESS, DECISION, MARK = "terminator", "process", "decision", "mark"


@dataclass
class Cell:
    """One table cell: its text, the symbols anchored in it, where it is."""

    text: str = ""
    symbols: list[str] = field(default_factory=list)
    where: str = ""


@dataclass
class FlowTable:
    """The flowchart table of one SOP: rows of cells (header rows included).

    ``links`` holds what arrows say, when a reader can follow them: for a row
    index (into ``rows``), the answer label -> the target row index, or ``None``
    for the end of the SOP.
    """

    rows: list[list[Cell]] = field(default_factory=list)
    links: dict[int, dict[str, int | None]] = field(default_factory=dict)


@dataclass
class Part:
    """One SOP in a document: identity fields (label -> text) and its table."""

    identity: dict[str, str] = field(default_factory=dict)
    identity_where: dict[str, str] = field(default_factory=dict)
    table: FlowTable = field(default_factory=FlowTable)
    title: str = ""
    where: str = ""


@dataclass(frozen=True)
class Warning:
    """Something not read for certain: where (the row, the cell) and what."""

    where: str
    message: str
    path: tuple[str | int, ...] = ()

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message
