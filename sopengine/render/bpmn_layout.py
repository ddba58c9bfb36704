"""The BPMN export's nodes, flows and diagram (BPMNDI): where each shape goes.

Each node sits in its actor's lane, in the column of its depth on the longest
forward path (rework ignored). Nodes of one lane in one column (the
alternatives of a decision) get rows of their own, so no two boxes overlap; a
step of several actors spans their lanes; a task is as tall as its wrapped
action needs.
"""

from __future__ import annotations

import textwrap
import threading
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
      "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
      "dc": "http://www.omg.org/spec/DD/20100524/DC",
      "di": "http://www.omg.org/spec/DD/20100524/DI"}
SIZES = {"userTask": (140, 80), "exclusiveGateway": (40, 40), "parallelGateway": (40, 40),
         "startEvent": (32, 32), "endEvent": (32, 32)}
X_STEP, X0, LABEL_W, PAD = 185, 90, 30, 20
CHARS_PER_LINE, LINE_H = 20, 15  # bpmn-js draws task labels in 12px Arial


def to_xml(root: ET.Element, extra: dict[str, str]) -> str:
    """``root`` as text with this module's prefixes (and ``extra``), whatever else the
    process registered: WeasyPrint claims "dc" for Dublin Core when it loads. The
    process-wide prefix table is restored afterwards, under a lock (the web app's
    threads share it)."""
    with _PREFIXES_LOCK:
        saved = dict(ET._namespace_map)
        try:
            for prefix, uri in {**NS, **extra}.items():
                ET.register_namespace(prefix, uri)
            return ET.tostring(root, "unicode")
        finally:
            ET._namespace_map.clear()
            ET._namespace_map.update(saved)


_PREFIXES_LOCK = threading.Lock()
Box = tuple[float, float, float, float]


def q(prefix: str, tag: str) -> str:
    return f"{{{NS[prefix]}}}{tag}"


@dataclass
class Node:
    id: str
    kind: str
    name: str
    lanes: tuple[int, ...]  # the actors' lanes (several for a step of several actors)
    step: Any = None  # the SOP step of a task
    level: int = 0
    incoming: list[str] = field(default_factory=list)
    outgoing: list[str] = field(default_factory=list)


@dataclass
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)
    # id, source, target, name, condition
    flows: list[tuple[str, str, str, str | None, str | None]] = field(default_factory=list)
    back: set[str] = field(default_factory=set)  # rework flows, left out of the layout order

    def add(self, node: Node) -> str:
        self.nodes[node.id] = node
        return node.id

    def link(self, a: str, b: str, name: str | None = None, back: bool = False,
             condition: str | None = None) -> None:
        fid = f"Flow_{len(self.flows) + 1}"
        self.flows.append((fid, a, b, name, condition))
        if back:
            self.back.add(fid)
        self.nodes[a].outgoing.append(fid)
        self.nodes[b].incoming.append(fid)


def size(node: Node) -> tuple[float, float]:
    w, h = SIZES[node.kind]
    if node.kind == "userTask":
        lines = len(textwrap.wrap(node.name, CHARS_PER_LINE, break_long_words=True)) or 1
        h = max(h, lines * LINE_H + 24)
    return w, h


def levels(g: Graph) -> None:
    """Each node's column: its depth on the longest forward path (rework ignored)."""
    forward = nx.DiGraph()
    forward.add_nodes_from(g.nodes)
    forward.add_edges_from((a, b) for fid, a, b, _, _ in g.flows if fid not in g.back)
    for nid in nx.topological_sort(forward):
        g.nodes[nid].level = max((g.nodes[p].level + 1 for p in forward.predecessors(nid)),
                                 default=0)


def _span(node: Node) -> range:
    return range(node.lanes[0], node.lanes[-1] + 1)


def _rows(g: Graph) -> dict[str, int]:
    """Row of each node inside its cell (lane, column): 0, 1, ... in flow order."""
    taken: dict[tuple[int, int], int] = defaultdict(int)
    row: dict[str, int] = {}
    for node in sorted(g.nodes.values(), key=lambda n: (len(n.lanes) == 1, n.level)):
        cells = [(lane, node.level) for lane in _span(node)]
        row[node.id] = max(taken[c] for c in cells)
        for c in cells:
            taken[c] = row[node.id] + 1
    return row


def boxes(g: Graph, lane_count: int) -> tuple[dict[str, Box], list[tuple[float, float]]]:
    """The box of each node and the (top, height) of each lane."""
    levels(g)
    row = _rows(g)
    row_h = max(size(n)[1] for n in g.nodes.values()) + 2 * PAD
    rows_in = [1 + max((row[n.id] for n in g.nodes.values() if lane in _span(n)), default=0)
               for lane in range(lane_count)]
    lanes, top = [], 0.0
    for count in rows_in:
        lanes.append((top, count * row_h))
        top += count * row_h
    out: dict[str, Box] = {}
    for node in g.nodes.values():
        w, h = size(node)
        first, last = lanes[node.lanes[0]], lanes[node.lanes[-1]]
        y0 = first[0] + row[node.id] * row_h
        if len(node.lanes) > 1:  # spans every lane from its first actor's to its last's
            h = last[0] + last[1] - y0 - 2 * PAD
        x = X0 + node.level * X_STEP + (SIZES["userTask"][0] - w) / 2
        out[node.id] = (x, y0 + (row_h - h) / 2 if len(node.lanes) == 1 else y0 + PAD, w, h)
    return out, lanes


def diagram(root: ET.Element, actors: list[str], g: Graph) -> None:
    box, lanes = boxes(g, len(actors))
    dia = ET.SubElement(root, q("bpmndi", "BPMNDiagram"), id="Diagram_1")
    plane = ET.SubElement(dia, q("bpmndi", "BPMNPlane"), id="Plane_1",
                          bpmnElement="Collaboration_1")
    width = X0 + (max(n.level for n in g.nodes.values()) + 1) * X_STEP
    _shape(plane, "Participant_1", (0, 0, width, sum(h for _, h in lanes)),
           isHorizontal="true")
    for k, (top, height) in enumerate(lanes):
        _shape(plane, f"Lane_{k + 1}", (LABEL_W, top, width - LABEL_W, height),
               isHorizontal="true")
    for nid, b in box.items():
        _shape(plane, nid, b)
    for fid, a, b, _, _ in g.flows:
        edge = ET.SubElement(plane, q("bpmndi", "BPMNEdge"), id=f"{fid}_di", bpmnElement=fid)
        for x, y in _waypoints(box[a], box[b]):
            ET.SubElement(edge, q("di", "waypoint"), x=_n(x), y=_n(y))


def _waypoints(a: Box, b: Box) -> list[tuple[float, float]]:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    if bx > ax:  # forward: right side to left side, bending once
        start, end = (ax + aw, ay + ah / 2), (bx, by + bh / 2)
        mid = (start[0] + end[0]) / 2
        return [start, (mid, start[1]), (mid, end[1]), end]
    # back (rework): under both, then up into the target
    low = max(ay + ah, by + bh) + 18
    return [(ax + aw / 2, ay + ah), (ax + aw / 2, low), (bx + bw / 2, low), (bx + bw / 2, by + bh)]


def _shape(plane: ET.Element, element: str, b: Box, **extra: str) -> None:
    shape = ET.SubElement(plane, q("bpmndi", "BPMNShape"), id=f"{element}_di",
                          bpmnElement=element, **extra)
    x, y, w, h = b
    ET.SubElement(shape, q("dc", "Bounds"), x=_n(x), y=_n(y), width=_n(w), height=_n(h))


def _n(v: float) -> str:
    return f"{v:g}"
