"""The book's optional flowchart sheet (``flowchart_page`` in book.yaml).

An SOP AP book has no such page, so it is off by default. When it is on, the
Graphviz chart is printed only if a reader can use it: its lanes in the table's
column order and its smallest type at least the book's minimum once the chart is
scaled to the printed area; otherwise the sheet is left out and the reason is
returned for the command to print.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from sopengine.definition.book import Book
from sopengine.definition.model import Sop
from sopengine.labels import label
from sopengine.render import graphviz_run
from sopengine.render.flowchart import FlowchartOptions, flowchart
from sopengine.render.numbers import number

MM = 72 / 25.4  # points per millimetre
PRINTED_WIDTH = (297 - 2 * 12) * MM  # A4 landscape less the 12 mm margins (book.css)
PRINTED_HEIGHT = 175 * MM  # the chart's max-height in print (book.css)
MIN_TYPE = 7.0  # points, as the table's body text
_SVG = "{http://www.w3.org/2000/svg}"


def flowchart_sheet(sop: Sop, book: Book) -> tuple[bytes | None, str | None]:
    """The chart's SVG to print, or None and why it is left out."""
    svg = graphviz_run.render(flowchart(sop, FlowchartOptions(
        lang=book.lang, working_time=book.working_time)).source, "svg")
    root = ET.fromstring(svg)
    if lane_order(root) != list(range(1, len(sop.actors) + 1)):
        return None, label("flowchart_lanes", book.lang).format(sop=sop.id)
    smallest = printed_type(root)
    if smallest < MIN_TYPE:
        return None, label("flowchart_small", book.lang).format(
            sop=sop.id, size=number(smallest, book.lang, ".1f"), least=f"{MIN_TYPE:g}")
    return svg, None


def lane_order(root: ET.Element) -> list[int]:
    """The lanes' numbers (cluster_1 is the first actor) from left to right."""
    lefts = []
    for g in root.iter(f"{_SVG}g"):
        title, shape = g.find(f"{_SVG}title"), g.find(f"{_SVG}polygon")
        if g.get("class") == "cluster" and title is not None and shape is not None:
            xs = [float(p.split(",")[0]) for p in (shape.get("points") or "").split()]
            number = re.fullmatch(r"cluster_(\d+)", title.text or "")
            if xs and number:
                lefts.append((min(xs), int(number.group(1))))
    return [n for _, n in sorted(lefts)]


def printed_type(root: ET.Element) -> float:
    """The smallest type on the chart, in points, once scaled to the printed area."""
    width, height = (float(re.sub(r"[a-z]+$", "", root.get(k) or "1")) for k in ("width",
                                                                                "height"))
    scale = min(PRINTED_WIDTH / width, PRINTED_HEIGHT / height)
    sizes = [float(t.get("font-size") or 14) for t in root.iter(f"{_SVG}text")]
    return min(sizes, default=MIN_TYPE) * scale
