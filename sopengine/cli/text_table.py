"""Tables on the console: rich's ``Table``, or for a long table the same layout
written as plain lines.

rich measures, pads and wraps every cell through its renderables, about 0.1 ms a
cell: the table of times of a 10,000-step SOP cost ``analyze`` 9 of its 11.6
seconds. A long table whose cells all fit on one line each needs none of that: its
lines are written here, character for character what rich prints
(``tests/test_text_table.py`` compares the two), with the same styles on a terminal.
The layout is the house one: ``box.SIMPLE_HEAD``, no padding at the edges, the
title on the left.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

LONG = 200  # rows from which a table that fits is written as lines


@dataclass(frozen=True)
class Column:
    header: str  # may hold line breaks: a header of several lines
    right: bool = False  # justified right (numbers)
    wrap: bool = True  # rich may wrap the column's cells to fit the console
    min_width: int | None = None


@dataclass(frozen=True)
class Row:
    cells: Sequence[str]
    style: str = ""


def print_table(console: Console, title: str, columns: Sequence[Column],
                rows: Sequence[Row], *, long: int | None = None) -> None:
    """Print the table: as lines when it has ``long`` rows (default ``LONG``) or more,
    each cell plain text on one line, and it fits the console unwrapped; else through
    rich."""
    widths = _widths_if_lines(console, title, columns, rows, LONG if long is None else long)
    if widths is None:
        console.print(rich_table(title, columns, rows))
        return
    console.print(_as_text(title, columns, rows, widths), crop=False, overflow="ignore",
                  no_wrap=True)


def rich_table(title: str, columns: Sequence[Column], rows: Sequence[Row]) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for c in columns:
        table.add_column(c.header, justify="right" if c.right else "left", no_wrap=not c.wrap,
                         min_width=c.min_width)
    for row in rows:
        table.add_row(*row.cells, style=row.style or None)
    return table


def _widths_if_lines(console: Console, title: str, columns: Sequence[Column],
                     rows: Sequence[Row], long: int) -> list[int] | None:
    """The columns' widths when the table is written as lines, else None."""
    if len(rows) < max(long, 1) or not title or not _plain(title, rows):
        return None  # (rich leaves out an empty title's line)
    widths = _widths(columns, rows)
    fits = 0 < cell_len(title) <= _table_width(widths) <= console.width
    return widths if fits and min(widths) > 0 else None  # (rich widens an empty column)


def _table_width(widths: list[int]) -> int:
    return sum(widths) + 3 * (len(widths) - 1) + 2  # the edges, 3 between cells


def _widths(columns: Sequence[Column], rows: Sequence[Row]) -> list[int]:
    widths = [max([c.min_width or 0, *map(cell_len, c.header.split("\n"))]) for c in columns]
    for row in rows:
        for i, cell in enumerate(row.cells):
            n = cell_len(cell)
            if n > widths[i]:
                widths[i] = n
    return widths


def _plain(title: str, rows: Sequence[Row]) -> bool:
    """Every cell and the title printable as it is, one cell a character: no line
    breaks, tabs or control codes (rich expands or drops them), no odd spaces or
    combining marks (rich's justifying and wrapping treat them their own way)."""
    return _simple(title) and all(_simple(cell) for row in rows for cell in row.cells)


def _simple(text: str) -> bool:
    return text.isprintable() and (text.isascii() or all(cell_len(c) > 0 for c in text))


def _line(cells: Sequence[str], columns: Sequence[Column], widths: list[int]) -> str:
    parts = [_fit(cell, width, c.right) for cell, c, width in zip(cells, columns, widths,
                                                                   strict=True)]
    return " " + "   ".join(parts) + " "


def _fit(cell: str, width: int, right: bool) -> str:
    if right:  # (as rich justifies: trailing white space dropped, then padded on the left)
        cell = cell.rstrip()
        return " " * (width - cell_len(cell)) + cell
    return cell + " " * (width - cell_len(cell))


def _as_text(title: str, columns: Sequence[Column], rows: Sequence[Row],
             widths: list[int]) -> Text:
    """The table as rich prints it: its title, a blank line (the box's top), the header
    (lines aligned at the bottom), a rule, the rows, a blank line (the box's bottom)."""
    table_width = _table_width(widths)
    text = Text()
    text.append(_fit(title, table_width, False), "table.title")
    text.append("\n" + " " * table_width + "\n")
    headers = [c.header.split("\n") for c in columns]
    height = max(map(len, headers))
    for k in range(height):
        cells = [h[k - (height - len(h))] if k >= height - len(h) else "" for h in headers]
        text.append(_line(cells, columns, widths), "table.header")
        text.append("\n")
    text.append(" " + "─" * (table_width - 2) + " \n")
    for row in rows:
        text.append(_line(row.cells, columns, widths), row.style)
        text.append("\n")
    text.append(" " * table_width)
    return text
