"""The SOP as BPMN 2.0 XML, laid out, so bpmn.io and Camunda Modeler open it.

Mapping: the SOP is a process in a pool, each actor a lane (file order, top to
bottom); a start event before the first step; each step a user task; a
decision is its task followed by an exclusive gateway whose outgoing flows are
named by the answers; ``next: [a, b]`` is the task followed by a diverging
parallel gateway, and the join step is preceded by a converging one; every
way to the end gets an end event. Diagram coordinates (BPMNDI) place each node
in its actor's lane, left to right by its depth in the flow.

XML is written with ElementTree, which escapes all author text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import networkx as nx

from sopengine.definition.flow import Flow
from sopengine.definition.model import END, Sop

NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
      "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
      "dc": "http://www.omg.org/spec/DD/20100524/DC",
      "di": "http://www.omg.org/spec/DD/20100524/DI"}
SIZES = {"userTask": (120, 80), "exclusiveGateway": (40, 40), "parallelGateway": (40, 40),
         "startEvent": (32, 32), "endEvent": (32, 32)}
LANE_HEIGHT, X_STEP, X0, LABEL_W = 150, 165, 90, 30

for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)


def _q(prefix: str, tag: str) -> str:
    return f"{{{NS[prefix]}}}{tag}"


@dataclass
class _Node:
    id: str
    kind: str
    name: str
    lane: int
    level: int = 0
    incoming: list[str] = field(default_factory=list)
    outgoing: list[str] = field(default_factory=list)


@dataclass
class _Graph:
    nodes: dict[str, _Node] = field(default_factory=dict)
    flows: list[tuple[str, str, str, str | None]] = field(default_factory=list)  # id, a, b, name
    back: set[str] = field(default_factory=set)  # rework flows, left out of the layout order

    def add(self, node: _Node) -> str:
        self.nodes[node.id] = node
        return node.id

    def link(self, a: str, b: str, name: str | None = None, back: bool = False) -> None:
        fid = f"Flow_{len(self.flows) + 1}"
        self.flows.append((fid, a, b, name))
        if back:
            self.back.add(fid)
        self.nodes[a].outgoing.append(fid)
        self.nodes[b].incoming.append(fid)


def bpmn(sop: Sop) -> str:
    """BPMN 2.0 XML (with diagram) of a valid SOP."""
    graph = _build(sop, Flow(sop))
    _levels(graph)
    root = ET.Element(_q("bpmn", "definitions"), {
        "id": "Definitions_1", "targetNamespace": "https://sopengine.example/bpmn",
        "exporter": "sopengine", "exporterVersion": "1"})
    collab = ET.SubElement(root, _q("bpmn", "collaboration"), id="Collaboration_1")
    ET.SubElement(collab, _q("bpmn", "participant"), id="Participant_1", name=sop.title,
                  processRef=_process_id(sop))
    _process(root, sop, graph)
    _diagram(root, sop, graph)
    ET.indent(root, "  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _process_id(sop: Sop) -> str:
    return "Process_" + sop.id.replace("-", "_")


def _build(sop: Sop, flow: Flow) -> _Graph:
    g = _Graph()
    lane = {a: k for k, a in enumerate(sop.actors)}
    task = {s.id: g.add(_Node(f"Task_{n}", "userTask", f"{n}. {s.action}", lane[s.actor[0]]))
            for n, s in enumerate(sop.steps, 1)}
    exit_of = dict(task)  # the node a step's outgoing flows leave from
    entry_of = dict(task)  # the node a step's incoming flows arrive at
    for n, s in enumerate(sop.steps, 1):
        if s.is_decision:
            exit_of[s.id] = g.add(_Node(f"Gateway_{n}", "exclusiveGateway", s.ask or "",
                                        lane[s.actor[0]]))
            g.link(task[s.id], exit_of[s.id])
        elif flow.is_split(s.id):
            exit_of[s.id] = g.add(_Node(f"Split_{n}", "parallelGateway", "", lane[s.actor[0]]))
            g.link(task[s.id], exit_of[s.id])
        if len(flow.forward_in(s.id)) > 1 and _is_join(flow, s.id):
            entry_of[s.id] = g.add(_Node(f"Join_{n}", "parallelGateway", "", lane[s.actor[0]]))
            g.link(entry_of[s.id], task[s.id])
    start = g.add(_Node("Start_1", "startEvent", "", lane[sop.steps[0].actor[0]]))
    g.link(start, entry_of[sop.steps[0].id])
    for e in flow.edges:
        if e.target == END:
            end = g.add(_Node(f"End_{len(g.nodes)}", "endEvent", "",
                              g.nodes[exit_of[e.source]].lane))
            g.link(exit_of[e.source], end, e.label)
        else:
            g.link(exit_of[e.source], entry_of[e.target], e.label, e.back)
    return g


def _is_join(flow: Flow, step_id: str) -> bool:
    """Where parallel branches are awaited (not where a decision's answers meet)."""
    return flow.structure.awaits.get(step_id, 1) > 1


def _levels(g: _Graph) -> None:
    """Each node's column: its depth on the longest forward path (rework ignored)."""
    forward = nx.DiGraph()
    forward.add_nodes_from(g.nodes)
    forward.add_edges_from((a, b) for fid, a, b, _ in g.flows if fid not in g.back)
    for nid in nx.topological_sort(forward):
        g.nodes[nid].level = max((g.nodes[p].level + 1 for p in forward.predecessors(nid)),
                                 default=0)


def _process(root: ET.Element, sop: Sop, g: _Graph) -> None:
    proc = ET.SubElement(root, _q("bpmn", "process"), id=_process_id(sop), isExecutable="false")
    lanes = ET.SubElement(proc, _q("bpmn", "laneSet"), id="LaneSet_1")
    for k, actor in enumerate(sop.actors):
        lane = ET.SubElement(lanes, _q("bpmn", "lane"), id=f"Lane_{k + 1}",
                             name=sop.actors[actor])
        for node in g.nodes.values():
            if node.lane == k:
                ET.SubElement(lane, _q("bpmn", "flowNodeRef")).text = node.id
    for node in g.nodes.values():
        attrs = {"id": node.id}
        if node.name:
            attrs["name"] = node.name
        if node.kind in ("exclusiveGateway", "parallelGateway"):
            attrs["gatewayDirection"] = "Diverging" if len(node.outgoing) > 1 else "Converging"
        el = ET.SubElement(proc, _q("bpmn", node.kind), attrs)
        for fid in node.incoming:
            ET.SubElement(el, _q("bpmn", "incoming")).text = fid
        for fid in node.outgoing:
            ET.SubElement(el, _q("bpmn", "outgoing")).text = fid
    for fid, a, b, name in g.flows:
        attrs = {"id": fid, "sourceRef": a, "targetRef": b}
        if name is not None:
            attrs["name"] = name
        ET.SubElement(proc, _q("bpmn", "sequenceFlow"), attrs)


def _diagram(root: ET.Element, sop: Sop, g: _Graph) -> None:
    diagram = ET.SubElement(root, _q("bpmndi", "BPMNDiagram"), id="Diagram_1")
    plane = ET.SubElement(diagram, _q("bpmndi", "BPMNPlane"), id="Plane_1",
                          bpmnElement="Collaboration_1")
    width = X0 + (max(n.level for n in g.nodes.values()) + 1) * X_STEP
    height = LANE_HEIGHT * len(sop.actors)
    _shape(plane, "Participant_1", 0, 0, width, height, isHorizontal="true")
    for k in range(len(sop.actors)):
        _shape(plane, f"Lane_{k + 1}", LABEL_W, k * LANE_HEIGHT, width - LABEL_W, LANE_HEIGHT,
               isHorizontal="true")
    box: dict[str, tuple[float, float, float, float]] = {}
    for node in g.nodes.values():
        w, h = SIZES[node.kind]
        x = X0 + node.level * X_STEP + (SIZES["userTask"][0] - w) / 2
        y = node.lane * LANE_HEIGHT + (LANE_HEIGHT - h) / 2
        box[node.id] = (x, y, w, h)
        _shape(plane, node.id, x, y, w, h)
    for fid, a, b, _ in g.flows:
        edge = ET.SubElement(plane, _q("bpmndi", "BPMNEdge"), id=f"{fid}_di", bpmnElement=fid)
        for x, y in _waypoints(box[a], box[b]):
            ET.SubElement(edge, _q("di", "waypoint"), x=_n(x), y=_n(y))


def _waypoints(a: tuple[float, float, float, float],
               b: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    if bx > ax:  # forward: right side to left side, bending once
        start, end = (ax + aw, ay + ah / 2), (bx, by + bh / 2)
        mid = (start[0] + end[0]) / 2
        return [start, (mid, start[1]), (mid, end[1]), end]
    # back (rework): under both, then up into the target
    low = max(ay + ah, by + bh) + 18
    return [(ax + aw / 2, ay + ah), (ax + aw / 2, low), (bx + bw / 2, low), (bx + bw / 2, by + bh)]


def _shape(plane: ET.Element, element: str, x: float, y: float, w: float, h: float,
           **extra: str) -> None:
    shape = ET.SubElement(plane, _q("bpmndi", "BPMNShape"), id=f"{element}_di",
                          bpmnElement=element, **extra)
    ET.SubElement(shape, _q("dc", "Bounds"), x=_n(x), y=_n(y), width=_n(w), height=_n(h))


def _n(v: float) -> str:
    return f"{v:g}"
