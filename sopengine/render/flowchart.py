"""The flowchart of an SOP as Graphviz DOT, built with the ``graphviz`` package.

One lane (cluster) per actor in the file's order, steps top to bottom by their
place in the flow (parallel branches side by side on one rank), the guideline's
symbols only (see :mod:`sopengine.render.symbols`), decision answers on their
arrows, rework arrows drawn back up in a colour of their own. A step of several
actors sits in its first actor's lane and is repeated, dashed, in the others',
joined by a line: a Graphviz node cannot span clusters.

Layout is Graphviz's; this module only says what is drawn. The DOT text is
deterministic (node names are positions, not author text), so it is tested
against golden files exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import graphviz

from sopengine.analysis.cpm import CriticalPath, critical_path
from sopengine.definition.duration import DEFAULT_WORKING_TIME, WorkingTime
from sopengine.definition.flow import Edge, Flow
from sopengine.definition.model import END, Sop
from sopengine.labels import label
from sopengine.render.svg import wrap
from sopengine.render.symbols import decision_ends, symbol

FONT = "DejaVu Sans"
CRITICAL = "#c0392b"
REWORK = "#b9770e"
MARK = "#ffe08a"
WRAP = 22  # characters per line inside a symbol

_SHAPES = {
    "terminator": {"shape": "box", "style": "rounded"},
    "process": {"shape": "box"},
    "decision": {"shape": "diamond"},
}


@dataclass(frozen=True)
class FlowchartOptions:
    lang: str = "id"
    critical: bool = False  # highlight the critical path, with times
    working_time: WorkingTime = DEFAULT_WORKING_TIME
    mark: str | None = None  # a step id drawn highlighted (the web app's "you are here")


def dot_text(text: str) -> str:
    """Author text as a DOT string that shows exactly that text: backslashes and
    quotes escaped, never read as an HTML label (``graphviz.nohtml``)."""
    return graphviz.nohtml(text.replace("\\", "\\\\").replace('"', '\\"'))


def _label(lines: list[str]) -> str:
    # each line escaped on its own, joined by DOT's centred line break
    return graphviz.nohtml("\\n".join(dot_text(line) for line in lines))


def node_name(flow: Flow, step_id: str) -> str:
    return "end" if step_id == END else f"s{flow.row[step_id] + 1}"


def flowchart(sop: Sop, options: FlowchartOptions | None = None) -> graphviz.Digraph:
    """The flowchart of a valid SOP as a ``graphviz.Digraph`` (its ``.source`` is DOT)."""
    opts = options or FlowchartOptions()
    flow = Flow(sop)
    cpm = critical_path(sop, flow, opts.working_time) if opts.critical else None
    dot = graphviz.Digraph(sop.id, graph_attr=_graph_attrs(sop, cpm, opts),
                           node_attr={"fontname": FONT, "fontsize": "10", "margin": "0.12,0.06"},
                           edge_attr={"fontname": FONT, "fontsize": "9", "arrowsize": "0.7"})
    lanes = _lanes(sop, flow)
    for k, actor in enumerate(sop.actors):
        with dot.subgraph(name=f"cluster_{k + 1}") as lane:
            lane.attr(label=dot_text(sop.actors[actor]), style="filled", fillcolor="#f4f6f7",
                      color="#7f8c8d", fontname=FONT, fontsize="11", labeljust="c")
            for where in ("top", "bottom"):
                lane.node(f"{where}{k + 1}", "", shape="point", style="invis", width="0")
            for step_id, copy in lanes[actor]:
                name = _copy_name(flow, step_id, actor) if copy else node_name(flow, step_id)
                _add_step(lane, flow, step_id, name, copy, cpm, opts)
    _order_lanes(dot, sop, flow, lanes)
    for e in flow.edges:
        _add_edge(dot, flow, e, cpm)
    _add_ends(dot, flow, opts)
    return dot


def flowchart_svg(sop: Sop, *, mark: str | None = None, lang: str = "id") -> str:
    """The flowchart as SVG text (no XML prolog, ready to put inside HTML), with
    the step ``mark`` highlighted."""
    from sopengine.render.graphviz_run import render

    svg = render(flowchart(sop, FlowchartOptions(lang=lang, mark=mark)).source, "svg").decode()
    return svg[svg.index("<svg"):]


def _graph_attrs(sop: Sop, cpm: CriticalPath | None, opts: FlowchartOptions) -> dict[str, str]:
    title = sop.title
    if cpm is not None:
        title += (f"\n{label('critical_path', opts.lang)}: {cpm.total_minutes:g} "
                  f"{label('minutes', opts.lang)}")
    # remincross off and a tiny mclimit: crossing reduction must not reorder the lanes
    return {"rankdir": "TB", "newrank": "true", "remincross": "false", "mclimit": "0.001",
            "nodesep": "0.35", "ranksep": "0.4",
            "fontname": FONT, "fontsize": "13", "labelloc": "t",
            "label": _label(title.splitlines())}


def _lanes(sop: Sop, flow: Flow) -> dict[str, list[tuple[str, bool]]]:
    """Per actor, its steps in row order; ``True`` marks the repeated copy of a
    step of several actors in a lane other than its first actor's."""
    lanes: dict[str, list[tuple[str, bool]]] = {a: [] for a in sop.actors}
    for step in sop.steps:
        for k, actor in enumerate(step.actor):
            if actor in lanes:
                lanes[actor].append((step.id, k > 0))
    return lanes


def _add_step(lane: graphviz.Digraph, flow: Flow, step_id: str, name: str, copy: bool,
              cpm: CriticalPath | None, opts: FlowchartOptions) -> None:
    step = flow.sop.step(step_id)
    lines = wrap(f"{flow.row[step_id] + 1}. {step.action}", WRAP)
    shape = _SHAPES[symbol(flow, step_id)]
    styles = [shape["style"]] if "style" in shape else []
    attrs = dict(shape, fillcolor="white")
    if cpm is not None:
        times = cpm.steps[flow.row[step_id]]
        lines.append(f"{times.duration:g} {label('minutes', opts.lang)}"
                     f" ({times.earliest_start:g}–{times.earliest_finish:g})")
        if times.critical:
            attrs.update(color=CRITICAL, penwidth="2.2", fontcolor=CRITICAL)
    if step_id == opts.mark:
        attrs.update(fillcolor=MARK, penwidth="3")
    attrs["style"] = ",".join([*styles, "filled", *(["dashed"] if copy else [])])
    lane.node(name, _label(lines), **attrs)


def _order_lanes(dot: graphviz.Digraph, sop: Sop, flow: Flow,
                 lanes: dict[str, list[tuple[str, bool]]]) -> None:
    """Lanes left to right in the file's order, all as tall as the chart: a top
    and a bottom anchor per lane, each lane's steps between its two anchors. The
    order comes from one hidden root whose out-edges keep their order
    (``ordering=out``): flat edges between clusters do not hold it."""
    count = len(sop.actors)
    dot.node("root", "", shape="point", style="invis", width="0", ordering="out")
    for k in range(count):
        dot.edge("root", f"top{k + 1}", style="invis")
    for where in ("top", "bottom"):
        with dot.subgraph() as rank:
            rank.attr(rank="same")
            for k in range(count):
                rank.node(f"{where}{k + 1}")
    for k, actor in enumerate(sop.actors):
        names = [_copy_name(flow, sid, actor) if copy else node_name(flow, sid)
                 for sid, copy in lanes[actor]]
        for a, b in zip([f"top{k + 1}", *names], [*names, f"bottom{k + 1}"], strict=True):
            dot.edge(a, b, style="invis", weight="0")
    for step in sop.steps:  # a step of several actors: its copies beside it, joined
        for actor in step.actor[1:]:
            copy = _copy_name(flow, step.id, actor)
            with dot.subgraph() as same:
                same.attr(rank="same")
                same.node(node_name(flow, step.id))
                same.node(copy)
            dot.edge(node_name(flow, step.id), copy, dir="none", style="dashed",
                     constraint="false")


def _copy_name(flow: Flow, step_id: str, actor: str) -> str:
    return f"{node_name(flow, step_id)}_{flow.sop.step(step_id).actor.index(actor)}"


def _add_edge(dot: graphviz.Digraph, flow: Flow, e: Edge, cpm: CriticalPath | None) -> None:
    if e.target == END and flow.sop.step(e.source).is_decision:
        target = f"{node_name(flow, e.source)}_end"
    elif e.target == END:
        return  # a capsule ends the flow: no arrow out of it
    else:
        target = node_name(flow, e.target)
    attrs: dict[str, str] = {}
    if e.label is not None:
        attrs["xlabel"] = dot_text(e.label)
    if e.back:  # rework: leave the side, come back up, do not pull the layout
        attrs.update(color=REWORK, fontcolor=REWORK, constraint="false", style="bold",
                     tailport="e", headport="e")
    elif cpm is not None and _on_critical(flow, e, cpm):
        attrs.update(color=CRITICAL, penwidth="2.2")
    dot.edge(node_name(flow, e.source), target, **attrs)


def _on_critical(flow: Flow, e: Edge, cpm: CriticalPath) -> bool:
    if e.target == END:
        return False
    a, b = cpm.steps[flow.row[e.source]], cpm.steps[flow.row[e.target]]
    return a.critical and b.critical and abs(a.earliest_finish - b.earliest_start) < 1e-9


def _add_ends(dot: graphviz.Digraph, flow: Flow, opts: FlowchartOptions) -> None:
    """A decision that can end the SOP gets a small 'Selesai' capsule of its own."""
    for step_id in decision_ends(flow):
        name = f"{node_name(flow, step_id)}_end"
        dot.node(name, label("finish", opts.lang), shape="box", style="rounded",
                 fontsize="9", height="0.3")
