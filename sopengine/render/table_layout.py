"""Geometry of the SOP AP flowchart table: columns, rows, pages and where each
step's symbol sits. Drawing is :mod:`sopengine.render.table`; this module only
measures, so the numbers can be tested without parsing SVG.

Columns: No | Kegiatan | one per actor (Pelaksana) | Kelengkapan | Waktu |
Output (Mutu Baku) | Keterangan. One row per step, in the file's order; a page holds as many rows as
fit its printed height (at most ``rows_per_page``), the header repeated on each.
A row never splits: one too tall for any page is a :class:`RenderError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sopengine.definition.flow import Flow
from sopengine.errors import RenderError
from sopengine.render.paper import table_area

TEXT = 9.7  # font size of cell and header text: 7.05 pt printed (the table is never scaled)
LINE = TEXT * 1.2
PAD = 6
MIN_ROW = 46
HEADER1 = 20  # "Pelaksana" / "Mutu Baku" row
BAND = 34  # room for off-page connectors above the first / below the last row
TOTAL_ROW = 22
NUMBER_ROW = 16  # the optional row numbering the columns under the header
# The printed area of an A4 landscape page (12 mm margins) less the page heading:
# the table's SVG is scaled to the area's width, so its height in SVG units is
# PAGE_HEIGHT (render/paper.py: another paper, another width and height, one scale)
PRINTED_MM = (273.0, 186.0)
WIDTH = int(table_area("A4").width)  # 1060
PAGE_HEIGHT = table_area("A4").height


@dataclass(frozen=True)
class Column:
    key: str  # "no", "kegiatan", "actor:<id>", "kelengkapan", ...
    x: float
    width: float

    @property
    def center(self) -> float:
        return self.x + self.width / 2

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass(frozen=True)
class Box:
    """Where a step's symbol is drawn: its centre and size (spanning for a step
    of several adjacent actors); ``extra`` holds the centres of repeated copies."""

    cx: float
    cy: float
    w: float
    h: float
    extra: tuple[float, ...] = ()

    @property
    def top(self) -> float:
        return self.cy - self.h / 2

    @property
    def bottom(self) -> float:
        return self.cy + self.h / 2

    @property
    def left(self) -> float:
        return self.cx - self.w / 2

    @property
    def right(self) -> float:
        return self.cx + self.w / 2


@dataclass
class Page:
    number: int
    rows: list[int]  # step indexes (0-based) on this page
    top: dict[int, float] = field(default_factory=dict)  # row index -> y of its top
    height: dict[int, float] = field(default_factory=dict)
    band_top: bool = False
    band_bottom: bool = False
    total: bool = False  # the total-time row closes this page
    table_top: float = 0.0
    table_bottom: float = 0.0


@dataclass(frozen=True)
class Header:
    """One header cell's lines, and whether they run upright (rotated)."""

    lines: tuple[str, ...]
    upright: bool = False


@dataclass(frozen=True)
class TableGeometry:
    columns: tuple[Column, ...]
    header_height: float  # the column-number row included
    headers: dict[str, Header] = field(default_factory=dict)  # column key -> its header
    number_row: float = 0.0  # the height of the column-number row (0: none)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    @property
    def width(self) -> float:
        return self.columns[-1].right


def row_height(cells: dict[str, list[str]]) -> float:
    tallest = max(len(lines) for lines in cells.values())
    return max(MIN_ROW, tallest * LINE + 2 * PAD)


def paginate(heights: list[float], rows_per_page: int, header: float, total: float = 0.0,
             room: float = PAGE_HEIGHT) -> list[list[int]]:
    """Rows per page: as many as fit ``room`` (header, the bands for off-page
    connectors above and below, the ``total`` row after the last row), at most
    ``rows_per_page``. Raises :class:`RenderError` for a row no page can hold."""
    pages: list[list[int]] = []
    current: list[int] = []
    used = 0.0
    for i, h in enumerate(heights):
        foot = BAND + (total if i == len(heights) - 1 else 0.0)
        if current and (len(current) >= max(1, rows_per_page)
                        or header + (BAND if pages else 0.0) + used + h + foot > room):
            pages.append(current)
            current, used = [], 0.0
        if header + (BAND if pages else 0.0) + h + foot > room:
            raise RenderError(f"step {i + 1} is too tall for a table page "
                              f"({h:.0f} of {room - header - 2 * BAND:.0f} units)",
                              hint="shorten its activity, Kelengkapan or Output text, "
                              "or split the step")
        current.append(i)
        used += h
    return [*pages, current] if current else pages


def symbol_box(flow: Flow, index: int, geo: TableGeometry, top: float, height: float,
               decision: bool) -> Box:
    """The symbol of step ``index``: centred in its actor's column; a step of
    several actors spans adjacent columns, or is repeated when they are apart."""
    step = flow.sop.steps[index]
    cols = [geo.column(f"actor:{a}") for a in step.actor]
    keys = [c.key for c in geo.columns]
    positions = sorted(keys.index(c.key) for c in cols)
    adjacent = positions == list(range(positions[0], positions[0] + len(positions)))
    cy = top + height / 2
    width = min(cols[0].width - 12, 60)
    h = 30.0 if decision else 24.0
    if len(cols) > 1 and adjacent:
        left = geo.columns[positions[0]].x + 6
        right = geo.columns[positions[-1]].right - 6
        return Box((left + right) / 2, cy, right - left, h)
    return Box(cols[0].center, cy, width, h, tuple(c.center for c in cols[1:]))
