"""The short-name legend under a flowchart table page: where the book gives an
actor a short header name (``short_names`` in book.yaml), one line under the
table spells out every such name once ("Kasubbag Umum = Kasubbag Umum dan
Kepegawaian"), so the page still carries the full jabatan.
"""

from __future__ import annotations

from collections.abc import Mapping

from sopengine.definition.model import Sop
from sopengine.render import table_layout as tl
from sopengine.render.glyphs import wrap_to
from sopengine.render.svg import Svg

GAP = 8.0  # between the table's last rule and the legend


def legend_lines(sop: Sop, short_names: Mapping[str, str], width: float) -> list[str]:
    """The legend's lines, wrapped to ``width``; none when no header is shortened."""
    pairs = [f"{short_names[name]} = {name}" for name in dict.fromkeys(sop.actors.values())
             if short_names.get(name, name) != name]
    return wrap_to("; ".join(pairs), width - 2 * tl.PAD, tl.TEXT) if pairs else []


def legend_height(lines: list[str]) -> float:
    return GAP + len(lines) * tl.LINE if lines else 0.0


def draw_legend(svg: Svg, lines: list[str], y: float) -> None:
    """The legend under the table whose last rule is at ``y``."""
    if lines:
        svg.text(tl.PAD, y + GAP + tl.TEXT * 0.8, lines, tl.TEXT, class_="legend")
