"""The SOP as executable BPMN 2.0 XML, laid out, so bpmn.io, Camunda Modeler and
BPMN engines (SpiffWorkflow) open and run it.

Mapping: the SOP is a process in a pool, each actor a lane (file order, top to
bottom); a start event before the first step; each step a user task carrying
its standard time, inputs and outputs (``documentation`` for people,
``sop:step`` extension elements for programs); a decision is its task followed
by an exclusive gateway whose outgoing flows are named by the answers and
conditioned on the answer variable (``answer_<step> == "Ya"``, Python syntax,
as SpiffWorkflow evaluates it); ``next: [a, b]`` is the task followed by a
diverging parallel gateway; every way to the end gets an end event.

Incoming flows follow BPMN's token rules: at a join, the arrivals of each
branch are merged by an exclusive gateway first, so the converging parallel
gateway has exactly one incoming flow per branch (nested splits closed at one
step get one parallel gateway each); alternatives (several answers, rework
loops, the start) meet at an exclusive merge after the join, so a rework loop
back to a join step never enters the parallel gateway. Diagram coordinates are
computed in :mod:`sopengine.render.bpmn_layout`.

XML is written with ElementTree, which escapes all author text.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from sopengine.definition.flow import Edge, Flow
from sopengine.definition.model import END, Sop, Step
from sopengine.definition.structure import Stack
from sopengine.render.bpmn_layout import NS, Graph, Node, diagram, q, to_xml

SOP_NS = "https://sopengine.example/bpmn/sop"
PREFIXES = {"sop": SOP_NS, "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"

Arrival = tuple[Stack, str, Edge | None]  # the token's stack, the node it leaves, the edge


def answer_variable(step_id: str) -> str:
    """The process variable holding a decision's answer: ``answer_<id>``."""
    return "answer_" + re.sub(r"\W", "_", step_id)


def condition(step_id: str, label: str) -> str:
    """The condition of the flow taking ``label`` (a Python expression)."""
    return f"{answer_variable(step_id)} == {json.dumps(label)}"


def bpmn(sop: Sop) -> str:
    """BPMN 2.0 XML (with diagram) of a valid SOP."""
    graph = build(sop, Flow(sop))
    root = ET.Element(q("bpmn", "definitions"), {
        "id": "Definitions_1", "targetNamespace": "https://sopengine.example/bpmn",
        "exporter": "sopengine", "exporterVersion": "2"})
    collab = ET.SubElement(root, q("bpmn", "collaboration"), id="Collaboration_1")
    ET.SubElement(collab, q("bpmn", "participant"), id="Participant_1", name=sop.title,
                  processRef=process_id(sop))
    _process(root, sop, graph)
    diagram(root, list(sop.actors), graph)
    ET.indent(root, "  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + to_xml(root, PREFIXES) + "\n"


def process_id(sop: Sop) -> str:
    return "Process_" + re.sub(r"\W", "_", sop.id)


class _Builder:
    def __init__(self, sop: Sop, flow: Flow) -> None:
        self.sop, self.flow, self.g = sop, flow, Graph()
        self.lane = {a: k for k, a in enumerate(sop.actors)}
        self.count = 0

    def lanes(self, step: Step) -> tuple[int, ...]:
        return tuple(sorted({self.lane[a] for a in step.actor}))

    def gateway(self, kind: str, prefix: str, step: Step) -> str:
        self.count += 1
        return self.g.add(Node(f"{prefix}_{self.count}", kind, "", self.lanes(step)[:1]))

    def link(self, source: str, edge: Edge | None, target: str) -> None:
        name = edge.label if edge else None
        cond = condition(edge.source, str(edge.label)) if edge and edge.kind == "branch" else None
        self.g.link(source, target, name, back=bool(edge and edge.back), condition=cond)


def build(sop: Sop, flow: Flow) -> Graph:
    """The BPMN nodes and flows of an SOP (before layout)."""
    b = _Builder(sop, flow)
    task, exit_of = {}, {}
    for n, s in enumerate(sop.steps, 1):
        task[s.id] = b.g.add(Node(f"Task_{n}", "userTask", f"{n}. {s.action}", b.lanes(s),
                                  step=s))
        exit_of[s.id] = task[s.id]
        if s.is_decision or flow.is_split(s.id):
            kind = "exclusiveGateway" if s.is_decision else "parallelGateway"
            exit_of[s.id] = b.g.add(Node(f"{'Gateway' if s.is_decision else 'Split'}_{n}",
                                         kind, s.ask or "", b.lanes(s)[:1]))
            b.g.link(task[s.id], exit_of[s.id])
    start = b.g.add(Node("Start_1", "startEvent", "", b.lanes(sop.steps[0])[:1]))
    for s in sop.steps:
        arrivals = _arrivals(flow, s.id, exit_of)
        if s.id == flow.start:
            arrivals.append(((), start, None))
        _enter(b, s, arrivals, task[s.id])
    for e in flow.edges:
        if e.target == END:
            lanes = b.g.nodes[exit_of[e.source]].lanes
            end = b.g.add(Node(f"End_{len(b.g.nodes)}", "endEvent", "", lanes))
            b.link(exit_of[e.source], e, end)
    return b.g


def _arrivals(flow: Flow, step: str, exit_of: dict[str, str]) -> list[Arrival]:
    """Every flow into ``step`` with the stack of parallel branches its token is in."""
    context = flow.structure.context
    out: list[Arrival] = []
    for e in flow.in_edges(step):
        stack = context.get(e.source, ())
        if e.kind == "split":
            stack = (*stack, (e.source, e.index))
        out.append((context.get(step, ()) if e.back else stack, exit_of[e.source], e))
    return out


def _enter(b: _Builder, step: Step, arrivals: list[Arrival], task: str) -> None:
    """Wire the arrivals into the task: joins per split, then one exclusive merge."""
    here = b.flow.structure.context.get(step.id, ())
    ends = _gather(b, step, here, arrivals)
    if len(ends) == 1:
        source, edge = ends[0]
        b.link(source, edge, task)
        return
    merge = b.gateway("exclusiveGateway", "Merge", step)
    for source, edge in ends:
        b.link(source, edge, merge)
    b.g.link(merge, task)


def _gather(b: _Builder, step: Step, prefix: Stack,
            arrivals: list[Arrival]) -> list[tuple[str, Edge | None]]:
    """The alternative flows at level ``prefix``: arrivals there as they are, and
    for each split closed below it one parallel gateway fed one flow per branch."""
    ends = [(source, edge) for stack, source, edge in arrivals if stack == prefix]
    deeper = [a for a in arrivals if len(a[0]) > len(prefix)]
    for split in dict.fromkeys(a[0][len(prefix)][0] for a in deeper):
        join = b.gateway("parallelGateway", "Join", step)
        for k in range(len(b.flow.forward_out(split))):
            frame = (*prefix, (split, k))
            inner = [a for a in deeper if a[0][:len(frame)] == frame]
            branch = _gather(b, step, frame, inner)
            if len(branch) > 1:  # a decision's answers meeting inside the branch
                merge = b.gateway("exclusiveGateway", "Merge", step)
                for source, edge in branch:
                    b.link(source, edge, merge)
                branch = [(merge, None)]
            for source, edge in branch:
                b.link(source, edge, join)
        ends.append((join, None))
    return ends


def _process(root: ET.Element, sop: Sop, g: Graph) -> None:
    proc = ET.SubElement(root, q("bpmn", "process"), id=process_id(sop), isExecutable="true")
    lanes = ET.SubElement(proc, q("bpmn", "laneSet"), id="LaneSet_1")
    for k, actor in enumerate(sop.actors):
        lane = ET.SubElement(lanes, q("bpmn", "lane"), id=f"Lane_{k + 1}",
                             name=sop.actors[actor])
        for node in g.nodes.values():
            if node.lanes[0] == k:
                ET.SubElement(lane, q("bpmn", "flowNodeRef")).text = node.id
    for node in g.nodes.values():
        _node(proc, node, sop)
    for fid, a, b, name, cond in g.flows:
        attrs = {"id": fid, "sourceRef": a, "targetRef": b}
        if name is not None:
            attrs["name"] = name
        el = ET.SubElement(proc, q("bpmn", "sequenceFlow"), attrs)
        if cond is not None:
            expr = ET.SubElement(el, q("bpmn", "conditionExpression"),
                                 {XSI_TYPE: "bpmn:tFormalExpression"})
            expr.text = cond


def _node(proc: ET.Element, node: Node, sop: Sop) -> None:
    attrs = {"id": node.id}
    if node.name:
        attrs["name"] = node.name
    if node.kind in ("exclusiveGateway", "parallelGateway"):
        attrs["gatewayDirection"] = "Diverging" if len(node.outgoing) > 1 else "Converging"
    el = ET.SubElement(proc, q("bpmn", node.kind), attrs)
    if node.step is not None:
        _step_details(el, node.step, sop)
    for fid in node.incoming:
        ET.SubElement(el, q("bpmn", "incoming")).text = fid
    for fid in node.outgoing:
        ET.SubElement(el, q("bpmn", "outgoing")).text = fid


def _step_details(el: ET.Element, step: Step, sop: Sop) -> None:
    """Standard time, actors, inputs and outputs: as text and as extension elements."""
    actors = [sop.actors[a] for a in step.actor]
    lines = [f"Pelaksana: {', '.join(actors)}", f"Waktu: {step.time}",
             f"Kelengkapan: {'; '.join(step.inputs) or '-'}",
             f"Output: {'; '.join(step.outputs) or '-'}"]
    ET.SubElement(el, q("bpmn", "documentation")).text = "\n".join(lines)
    ext = ET.SubElement(el, q("bpmn", "extensionElements"))
    info = ET.SubElement(ext, f"{{{SOP_NS}}}step", id=step.id, time=str(step.time))
    for a in step.actor:
        ET.SubElement(info, f"{{{SOP_NS}}}actor", id=a).text = sop.actors[a]
    for text in step.inputs:
        ET.SubElement(info, f"{{{SOP_NS}}}input").text = text
    for text in step.outputs:
        ET.SubElement(info, f"{{{SOP_NS}}}output").text = text
    if step.is_decision:
        info.set("answerVariable", answer_variable(step.id))


__all__ = ["NS", "answer_variable", "bpmn", "build", "condition"]
