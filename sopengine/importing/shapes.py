"""Flowchart symbols in Office XML: DrawingML preset shapes and VML shapes.

Word anchors shapes in a table cell's paragraphs; Excel keeps them in a
drawing part anchored to a cell. Either way a shape's geometry names the
symbol: a terminator (capsule), a process (rectangle), a decision (diamond).
Lines and connectors are arrows, not symbols.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from sopengine.importing.grid import DECISION, PROCESS, TERMINATOR

_PRESETS = {
    "flowChartTerminator": TERMINATOR, "roundRect": TERMINATOR, "flowChartAlternateProcess":
    TERMINATOR, "ellipse": None, "flowChartConnector": None, "flowChartOffpageConnector": None,
    "rect": PROCESS, "flowChartProcess": PROCESS, "flowChartPredefinedProcess": PROCESS,
    "flowChartDecision": DECISION, "diamond": DECISION,
}
_VML_TYPES = {"#_x0000_t116": TERMINATOR, "#_x0000_t109": PROCESS, "#_x0000_t110": DECISION,
              "#_x0000_t4": DECISION, "#_x0000_t176": TERMINATOR}
_VML_TAGS = {"roundrect": TERMINATOR, "rect": PROCESS}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_V = "{urn:schemas-microsoft-com:vml}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


@dataclass
class Found:
    kinds: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


def in_element(root: Element) -> Found:
    """Symbols and text boxes under ``root`` (a cell, or a drawing anchor)."""
    found = Found()
    # the elements themselves, not id()s: lxml frees a proxy nobody holds, and its id
    # is then reused by another element's proxy
    fallbacks = {e for fb in root.iter(_MC_FALLBACK) for e in fb.iter()}
    for el in root.iter():
        if el in fallbacks:
            continue  # the VML copy of a DrawingML shape already counted
        kind = _kind(el)
        if kind:
            found.kinds.append(kind)
        if not isinstance(el.tag, str):
            continue
        if el.tag == f"{_W}txbxContent" or el.tag == f"{_A}txBody":
            text = " ".join("".join(t.text or "" for t in p.iter() if t.tag in (f"{_W}t", f"{_A}t"))
                            for p in el if p.tag in (f"{_W}p", f"{_A}p")).strip()
            if text:
                found.texts.append(text)
    return found


def _kind(el: Element) -> str | None:
    if not isinstance(el.tag, str):
        return None  # a comment or processing instruction
    if el.tag == f"{_A}prstGeom":
        return _PRESETS.get(el.get("prst", ""))
    if el.tag.startswith(_V):
        local = el.tag[len(_V):]
        if local == "shape":
            return _VML_TYPES.get(el.get("type", ""))
        return _VML_TAGS.get(local)
    return None
