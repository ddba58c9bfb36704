"""Where a decision's answer is written: beside its arrow, as near its start as
a place is free of everything else drawn (symbols, connectors, other labels,
table rules, arrows) and inside the actor columns."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from sopengine.render.svg import CHAR_WIDTH
from sopengine.render.table_grid import Box, Point

Segment = tuple[float, float, float, float]
GAP = 3.0  # between the label and its arrow
PAD = 1.5  # room kept round a label
ALONG = 4.0  # step of the places tried along the arrow


@dataclass(frozen=True)
class Placed:
    x: float
    y: float  # baseline
    anchor: str
    box: Box


def extent(text: str, size: float, x: float, y: float, anchor: str) -> Box:
    """The box a label takes (as the layout checker measures it)."""
    width = len(text) * size * CHAR_WIDTH
    left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    return left, y - size * 0.8, left + width, y + size * 0.25


def place(text: str, size: float, path: list[Point], boxes: list[Box],
          lines: list[Segment], area: Box) -> Placed | None:
    """The first free place beside ``path``, from its start (None if there is none)."""
    return next((c for c in _candidates(text, size, path)
                 if _fits(c.box, boxes, lines, area)), None)


def first(text: str, size: float, path: list[Point]) -> Placed:
    """The place beside ``path``'s start, free or not."""
    return next(iter(_candidates(text, size, path)))


def _candidates(text: str, size: float, path: list[Point]):
    for (x1, y1), (x2, y2) in pairwise(path):
        length = abs(x2 - x1) + abs(y2 - y1)
        steps = max(1, int(length // ALONG))
        for k in range(steps + 1):
            t = min(1.0, k * ALONG / length) if length else 0.0
            x, y = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
            if abs(y1 - y2) < 0.01:  # above or below a horizontal piece, from the point on
                forward = x2 >= x1
                anchor = "start" if forward else "end"
                for baseline in (y - GAP - size * 0.25, y + GAP + size * 0.8):
                    yield _at(text, size, x, baseline, anchor)
            else:  # right or left of a vertical piece
                baseline = y + size * 0.8 if y2 > y1 else y - size * 0.25
                for anchor, dx in (("start", GAP), ("end", -GAP)):
                    yield _at(text, size, x + dx, baseline, anchor)


def _at(text: str, size: float, x: float, y: float, anchor: str) -> Placed:
    return Placed(x, y, anchor, extent(text, size, x, y, anchor))


def _fits(box: Box, boxes: list[Box], lines: list[Segment], area: Box) -> bool:
    left, top, right, bottom = box[0] - PAD, box[1] - PAD, box[2] + PAD, box[3] + PAD
    if left < area[0] or top < area[1] or right > area[2] or bottom > area[3]:
        return False
    if any(left < b[2] and b[0] < right and top < b[3] and b[1] < bottom for b in boxes):
        return False
    return not any(min(s[0], s[2]) < right and max(s[0], s[2]) > left
                   and min(s[1], s[3]) < bottom and max(s[1], s[3]) > top for s in lines)
