"""What book.pdf draws on a page, read with pdfplumber: the colour of every
line, and whether anything drawn passes through a decision's answer."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber

Point = tuple[float, float]
WHITE = (1.0, 1.0, 1.0)


def stroke_colours(pdf: Path, pages: list[int]) -> set[tuple[float, ...]]:
    """The stroking colours of the lines, boxes and paths on ``pages`` (1-based)."""
    with pdfplumber.open(pdf) as doc:
        return {_colour(o["stroking_color"]) for n in pages
                for o in _drawn(doc.pages[n - 1]) if o.get("stroke")}


def answers_crossed(pdf: Path, pages: list[int]) -> list[str]:
    """The answers (italic words) on ``pages`` that a line, box edge or path
    drawn in ink passes through: page number and word."""
    out = []
    with pdfplumber.open(pdf) as doc:
        for n in pages:
            page = doc.pages[n - 1]
            segments = [s for o in _drawn(page) if _colour(o["stroking_color"]) != WHITE
                        for s in _segments(o)]
            for w in page.extract_words(extra_attrs=["fontname"]):
                if "Oblique" not in w["fontname"] and "Italic" not in w["fontname"]:
                    continue
                box = (w["x0"] + 0.3, w["top"] + 0.3, w["x1"] - 0.3, w["bottom"] - 0.3)
                if any(_meets(a, b, box) for a, b in segments):
                    out.append(f"page {n}: {w['text']}")
    return out


def _drawn(page: Any) -> list[dict[str, Any]]:
    return [*page.lines, *page.rects, *page.curves]


def _colour(value: Any) -> tuple[float, ...]:
    if value is None:
        return (0.0, 0.0, 0.0)
    values = tuple(float(v) for v in (value if isinstance(value, list | tuple) else [value]))
    return values * 3 if len(values) == 1 else values


def _segments(o: dict[str, Any]) -> Iterator[tuple[Point, Point]]:
    if o["object_type"] == "rect":
        x0, top, x1, bottom = o["x0"], o["top"], o["x1"], o["bottom"]
        corners = [(x0, top), (x1, top), (x1, bottom), (x0, bottom), (x0, top)]
        yield from pairwise(corners)
    else:
        yield from pairwise([(float(x), float(y)) for x, y in o["pts"]])


def _meets(a: Point, b: Point, box: tuple[float, float, float, float]) -> bool:
    """The segment a-b enters the box (Liang-Barsky clipping)."""
    (x0, y0), (dx, dy) = a, (b[0] - a[0], b[1] - a[1])
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True
