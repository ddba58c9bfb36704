"""Identity fields from a grid of cells, however the office laid the labels out.

A label's value is the rest of its own cell (label on the first line), else
the cell to its right, else the cell below it (the lists of the SOP AP
identity page sit under their headings).
"""

from __future__ import annotations

from sopengine.importing.grid import Cell
from sopengine.importing.identity import key_of


def _split(cell: Cell) -> tuple[str, str]:
    """(label, the rest): a label may wrap ("Tanggal / Pembuatan")."""
    lines = cell.text.strip().splitlines()
    whole = " ".join(cell.text.split())
    if len(lines) > 1 and len(whole) <= 40 and key_of(whole) and not key_of(lines[0]):
        return whole, ""
    return (lines[0].strip(), "\n".join(lines[1:]).strip()) if lines else ("", "")


def _is_label(cell: Cell) -> bool:
    label, _ = _split(cell)
    return bool(label) and key_of(label) is not None and len(label) <= 40


def identity_fields(rows: list[list[Cell]]) -> tuple[dict[str, str], dict[str, str]]:
    fields: dict[str, str] = {}
    where: dict[str, str] = {}
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if not _is_label(cell) or (c > 0 and row[c - 1] is cell):
                continue
            label, rest = _split(cell)
            right = _right(row, c)
            value = rest or (right if right is not None else _below(rows, r, c))
            if label not in fields:
                fields[label] = value.lstrip(": ").strip()
                where[label] = cell.where
    return fields, where


def _right(row: list[Cell], c: int) -> str | None:
    """The text of the next cell on the right; None when there is none (or a label)."""
    for other in row[c + 1:]:
        if other is row[c]:
            continue
        return None if _is_label(other) else other.text.strip()
    return None


def _below(rows: list[list[Cell]], r: int, c: int) -> str:
    if r + 1 < len(rows) and c < len(rows[r + 1]):
        cell = rows[r + 1][c]
        return "" if _is_label(cell) else cell.text.strip()
    return ""
