"""The layout checker of the flowchart table: reads a rendered table page's SVG
(the geometry a reader meets) and reports every violation of the book's layout
rules, so tests can run it on any SOP.

It relies on the classes the table drawing gives its parts: ``rule`` (table
lines), ``row`` groups (``data-step``, ``data-top``, ``data-bottom``), ``cell``
text (``data-left``, ``data-right``), ``symbol`` shapes, ``arrow`` paths,
``connector`` pentagons and ``label`` text (a decision's answers).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from sopengine.render import table_layout as tl
from sopengine.render.glyphs import text_width
from sopengine.render.svg import CHAR_WIDTH
from sopengine.render.table_columns import HEAD_CHAR

NS = "{http://www.w3.org/2000/svg}"
PT_PER_UNIT = tl.PRINTED_MM[0] / (tl.WIDTH + 1) * 72 / 25.4  # printed size of one unit
MIN_BODY_PT = 7.0
MIN_LABEL_PT = 6.5
EPS = 1.0
CELL_PAD = 4.0  # cell text keeps 3 units (EPS less: 0.8 mm printed) from its cell's rules
NEAR = 3.0  # arrows closer than this (1 mm printed) read as one line

Box = tuple[float, float, float, float]  # left, top, right, bottom
Segment = tuple[float, float, float, float]  # x1, y1, x2, y2 (horizontal or vertical)


@dataclass(frozen=True)
class Violation:
    kind: str  # missing-step, symbol-outside, arrow-through, arrows-share, arrow-on-rule,
    # crossing-no-gap, connector-overlap, label-overlap, text-outside, small-type
    page: int
    detail: str

    def __str__(self) -> str:
        return f"page {self.page}: {self.kind}: {self.detail}"


@dataclass
class _Page:
    rules: list[Segment]
    rows: dict[int, tuple[float, float]]
    cells: list[tuple[int, Box, Box]]  # step, text box, cell bounds
    symbols: list[tuple[int, Box, bool]]  # step, box, spans several columns
    arrows: list[list[Segment]]
    connectors: list[Box]
    labels: list[tuple[Box, float]]
    diamonds: list[Box]  # the boxes of symbols drawn as diamonds
    sizes: list[tuple[str, float]]  # class, font size in units
    heads: list[tuple[Box, Box]] = field(default_factory=list)  # header text, its cell
    gaps: list[Segment] = field(default_factory=list)  # white breaks under crossings


def check_pages(svgs: Iterable[str], steps: int) -> list[Violation]:
    """Every violation on the pages of one SOP's table (``steps``: its step count)."""
    out: list[Violation] = []
    seen: set[int] = set()
    for number, svg in enumerate(svgs, 1):
        page = _read(svg)
        seen |= set(page.rows)
        out += [Violation(kind, number, detail) for kind, detail in _problems(page)]
    out += [Violation("missing-step", 0, f"step {n} is on no page")
            for n in range(1, steps + 1) if n not in seen]
    return out


def _problems(p: _Page) -> Iterator[tuple[str, str]]:
    yield from _symbols_inside(p)
    for k, (text, cell) in enumerate(p.heads):
        if not _within(text, cell):
            yield "text-outside", f"header {k + 1}: text leaves its cell"
    yield from _text_inside(p)
    yield from _arrows(p)
    yield from _crossings(p)
    yield from _connectors(p)
    yield from _labels(p)
    for cls, size in p.sizes:
        least = MIN_LABEL_PT if cls == "label" else MIN_BODY_PT
        if size * PT_PER_UNIT < least - 0.05:
            yield "small-type", f"{cls} text at {size * PT_PER_UNIT:.1f} pt"


def _symbols_inside(p: _Page) -> Iterator[tuple[str, str]]:
    verticals = [r[0] for r in p.rules if r[0] == r[2]]
    for step, (left, top, right, bottom), spans in p.symbols:
        row_top, row_bottom = p.rows[step]
        if top < row_top - EPS or bottom > row_bottom + EPS:
            yield "symbol-outside", f"step {step}'s symbol leaves its row"
        if not spans and any(left + EPS < x < right - EPS for x in verticals):
            yield "symbol-outside", f"step {step}'s symbol crosses a column rule"


def _text_inside(p: _Page) -> Iterator[tuple[str, str]]:
    """Cell text, measured in the font's own widths, inside its cell and clear of
    its rules by CELL_PAD (text touching a rule reads as leaving the cell)."""
    for step, text, (left, top, right, bottom) in p.cells:
        inner = (left + CELL_PAD, top + CELL_PAD, right - CELL_PAD, bottom - CELL_PAD)
        if not _within(text, inner):
            yield "text-outside", f"step {step}: text leaves its cell or touches its rule"


def _within(a: Box, b: Box) -> bool:
    return a[0] >= b[0] - EPS and a[2] <= b[2] + EPS and a[1] >= b[1] - EPS \
        and a[3] <= b[3] + EPS


def _arrows(p: _Page) -> Iterator[tuple[str, str]]:
    solid = [b for _, b, _ in p.symbols if b not in p.diamonds] + p.connectors + \
        [b for _, b, _ in p.cells]
    for k, arrow in enumerate(p.arrows):
        for seg in arrow:
            if any(_through(seg, b) for b in solid) or \
                    any(_into_diamond(seg, d) for d in p.diamonds):
                yield "arrow-through", f"arrow {k + 1} runs through a symbol, connector or text"
            if any(_shared(seg, rule) for rule in p.rules):
                yield "arrow-on-rule", f"arrow {k + 1} runs along a table rule"
            for other in p.arrows[k + 1:]:
                if any(_shared(seg, s, NEAR) for s in other):
                    yield "arrows-share", f"arrow {k + 1} shares a segment with another"
        for other in p.arrows[k + 1:]:
            if any(abs(a[0] - b[0]) < NEAR and abs(a[1] - b[1]) < NEAR
                   for a in _ends(arrow) for b in _ends(other)):
                yield "arrows-share", f"arrow {k + 1} meets another at one point"


def _connectors(p: _Page) -> Iterator[tuple[str, str]]:
    """An off-page connector (or end capsule) over text, a symbol, another
    connector or a table rule."""
    things = [b for _, b, _ in p.symbols] + [b for _, b, _ in p.cells]
    for k, box in enumerate(p.connectors):
        if any(_overlap(box, b) for b in things + p.connectors[k + 1:]) or \
                any(_through(r, box) for r in p.rules):
            yield "connector-overlap", f"connector {k + 1} lies over something drawn"


def _crossings(p: _Page) -> Iterator[tuple[str, str]]:
    """Two arrows crossing at right angles: a white gap must break the lower one."""
    for k, arrow in enumerate(p.arrows):
        for other in p.arrows[k + 1:]:
            for a in arrow:
                for b in other:
                    hit = _cross(a, b)
                    if hit is not None and not any(_on(hit, g) for g in p.gaps):
                        yield "crossing-no-gap", f"arrow {k + 1} crosses another with no gap"


def _cross(a: Segment, b: Segment) -> tuple[float, float] | None:
    """Where a horizontal and a vertical segment cross inside both."""
    if a[1] == a[3] and b[0] == b[2]:
        x, y = b[0], a[1]
        if min(a[0], a[2]) + EPS < x < max(a[0], a[2]) - EPS and \
                min(b[1], b[3]) + EPS < y < max(b[1], b[3]) - EPS:
            return x, y
        return None
    if a[0] == a[2] and b[1] == b[3]:
        return _cross(b, a)
    return None


def _on(point: tuple[float, float], s: Segment) -> bool:
    x, y = point
    return min(s[0], s[2]) - 0.5 <= x <= max(s[0], s[2]) + 0.5 and \
        min(s[1], s[3]) - 0.5 <= y <= max(s[1], s[3]) + 0.5


def _labels(p: _Page) -> Iterator[tuple[str, str]]:
    things = [b for _, b, _ in p.symbols] + p.connectors + [b for _, b, _ in p.cells]
    for k, (box, _) in enumerate(p.labels):
        others = things + [b for b, _ in p.labels[k + 1:]]
        lines = p.rules + [s for a in p.arrows for s in a]
        if any(_overlap(box, b) for b in others) or any(_through(s, box) for s in lines):
            yield "label-overlap", f"label {k + 1} overlaps something drawn"


def _into_diamond(s: Segment, d: Box) -> bool:
    """The (horizontal or vertical) segment enters the inside of the diamond
    drawn in box ``d`` by more than EPS (ending on its outline is not)."""
    cx, cy, a, b = (d[0] + d[2]) / 2, (d[1] + d[3]) / 2, (d[2] - d[0]) / 2, (d[3] - d[1]) / 2
    if s[0] == s[2]:  # vertical
        lo, hi = sorted((s[1], s[3]))
        far = abs(s[0] - cx) / a + max(lo - cy, 0, cy - hi) / b
        return far < 1 - EPS / b
    lo, hi = sorted((s[0], s[2]))
    return abs(s[1] - cy) / b + max(lo - cx, 0, cx - hi) / a < 1 - EPS / a


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] - EPS and b[0] < a[2] - EPS and a[1] < b[3] - EPS and b[1] < a[3] - EPS


def _through(s: Segment, b: Box) -> bool:
    """The segment enters the inside of the box (touching its edge is not)."""
    left, right = sorted((s[0], s[2]))
    top, bottom = sorted((s[1], s[3]))
    return left < b[2] - EPS and right > b[0] + EPS and top < b[3] - EPS and bottom > b[1] + EPS


def _ends(arrow: list[Segment]) -> list[tuple[float, float]]:
    return [arrow[0][:2], arrow[-1][2:]] if arrow else []


def _shared(a: Segment, b: Segment, near: float = 1.5) -> bool:
    """Two segments on one line (or less than ``near`` apart: nearly coincident)
    that overlap over more than a point."""
    if a[1] == a[3] and b[1] == b[3] and abs(a[1] - b[1]) < near:
        lo, hi = max(min(a[0], a[2]), min(b[0], b[2])), min(max(a[0], a[2]), max(b[0], b[2]))
        return hi - lo > 2
    if a[0] == a[2] and b[0] == b[2] and abs(a[0] - b[0]) < near:
        lo, hi = max(min(a[1], a[3]), min(b[1], b[3])), min(max(a[1], a[3]), max(b[1], b[3]))
        return hi - lo > 2
    return False


def _read(svg: str) -> _Page:
    page = _Page([], {}, [], [], [], [], [], [], [])
    root = ET.fromstring(svg)
    for g in root.iter(f"{NS}g"):
        if g.get("class") == "row":
            step = int(g.get("data-step", "0"))
            page.rows[step] = (float(g.get("data-top", "0")), float(g.get("data-bottom", "0")))
            for el in g:
                _read_in_row(page, step, el)
    for el in root.iter():
        _read_element(page, el)
    return page


def _read_in_row(page: _Page, step: int, el: ET.Element) -> None:
    cls = el.get("class")
    if cls == "cell":
        top, bottom = page.rows[step]
        bounds = (float(el.get("data-left", "0")), top, float(el.get("data-right", "0")), bottom)
        page.cells.append((step, text_box(el, measured=True), bounds))
    elif cls == "symbol":
        page.symbols.append((step, shape_box(el), el.get("data-span") == "1"))
        if el.tag == f"{NS}polygon" and len(el.get("points", "").split()) == 4:
            page.diamonds.append(shape_box(el))


def _read_element(page: _Page, el: ET.Element) -> None:
    cls = el.get("class")
    if el.tag == f"{NS}text":
        page.sizes.append((cls or "text", float(el.get("font-size", "0"))))
    if cls == "rule":
        page.rules.append(tuple(float(el.get(k, "0")) for k in ("x1", "y1", "x2", "y2")))
    elif cls == "arrow":
        points = [tuple(map(float, p.split(","))) for p in re.findall(r"[-\d.]+,[-\d.]+",
                                                                      el.get("d", ""))]
        page.arrows.append([(*a, *b) for a, b in pairwise(points)])
    elif cls == "connector":
        page.connectors.append(shape_box(el))
    elif cls == "head":
        cell = tuple(float(el.get(f"data-{k}", "0")) for k in ("left", "top", "right", "bottom"))
        page.heads.append((head_box(el), cell))
    elif cls == "label":
        page.labels.append((text_box(el), float(el.get("font-size", "0"))))
    elif cls == "gap":
        page.gaps.append(tuple(float(el.get(k, "0")) for k in ("x1", "y1", "x2", "y2")))


def shape_box(el: ET.Element) -> Box:
    if el.tag == f"{NS}rect":
        x, y = float(el.get("x", "0")), float(el.get("y", "0"))
        return x, y, x + float(el.get("width", "0")), y + float(el.get("height", "0"))
    xs, ys = zip(*(map(float, p.split(",")) for p in el.get("points", "").split()),
                 strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def head_box(el: ET.Element) -> Box:
    """A header's text box, in bold type, turned a quarter when it is set upright."""
    left, top, right, bottom = text_box(el, HEAD_CHAR)
    turn = re.match(r"rotate\(-90 ([-\d.]+) ([-\d.]+)\)", el.get("transform", ""))
    if not turn:
        return left, top, right, bottom
    cx, cy = float(turn[1]), float(turn[2])  # (x, y) -> (cx + (y - cy), cy - (x - cx))
    return cx + top - cy, cy - right + cx, cx + bottom - cy, cy - left + cx


def text_box(el: ET.Element, char_width: float = CHAR_WIDTH, measured: bool = False) -> Box:
    """The box a text element's lines take, from the font's average glyph width
    (or, ``measured``, its glyphs' own widths: render/glyphs.py)."""
    size = float(el.get("font-size", "0"))
    lines = [span.text or "" for span in el.iter(f"{NS}tspan")]
    width = max((text_width(line, size) if measured else len(line) * size * char_width
                 for line in lines), default=0.0)
    x, y = float(el.get("x", "0")), float(el.get("y", "0"))
    anchor = el.get("text-anchor", "start")
    left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    return left, y - size * 0.8, left + width, y + (len(lines) - 1) * size * 1.2 + size * 0.25
