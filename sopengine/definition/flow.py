"""The flow of an SOP as a graph: the one place that turns steps into edges.

Rules, analysis, the runtime and the renderers all read the flow from here, so
"what follows what" has one definition (the spec's Flow section):

* a step without ``next``/``branches`` flows to the following step, the last one to END;
* ``next: [a, b]`` is a parallel split; ``branches`` make a decision;
* an edge to the same or an earlier row is a loop-back edge (rework).

Nodes are step ids plus the pseudo-node :data:`END`. Edges carry their kind,
the decision label and the chance resolved as the spec says (branches without
a chance share what the others leave, equally).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

import networkx as nx

from sopengine.definition.model import END, Sop, Step
from sopengine.definition.structure import Structure, analyse_structure

EdgeKind = Literal["seq", "split", "branch"]


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    kind: EdgeKind
    label: str | None = None  # a decision's answer
    chance: float | None = None  # resolved probability of a branch
    back: bool = False  # a loop-back (rework) edge
    index: int = 0  # position among the source's out-edges


class Flow:
    """The flow graph of a (reference-valid) SOP; targets that do not exist are skipped."""

    def __init__(self, sop: Sop) -> None:
        self.sop = sop
        self.ids: tuple[str, ...] = tuple(s.id for s in sop.steps)
        self.row: dict[str, int] = {sid: i for i, sid in enumerate(self.ids)}
        self.start = self.ids[0]
        self.graph = nx.MultiDiGraph()
        self.graph.add_nodes_from(self.ids)
        self.graph.add_node(END)
        self.edges: tuple[Edge, ...] = tuple(
            edge for i, step in enumerate(sop.steps) for edge in self._out(i, step))
        for e in self.edges:
            self.graph.add_edge(e.source, e.target, key=e.index, edge=e)

    def _out(self, i: int, step: Step) -> list[Edge]:
        if step.branches:
            chances = resolve_chances([b.chance for b in step.branches.values()])
            targets = [(label, b.to, p) for (label, b), p
                       in zip(step.branches.items(), chances, strict=True)]
            kind: EdgeKind = "branch"
        else:
            default = self.ids[i + 1] if i + 1 < len(self.ids) else END
            nxt = step.next or (default,)
            kind = "split" if len(nxt) > 1 else "seq"
            targets = [(None, t, None) for t in nxt]
        return [Edge(step.id, t, kind, label, p, self._is_back(i, t), k)
                for k, (label, t, p) in enumerate(targets) if t == END or t in self.row]

    def _is_back(self, i: int, target: str) -> bool:
        return target != END and self.row[target] <= i

    def out_edges(self, node: str) -> list[Edge]:
        return [d["edge"] for _, _, d in self.graph.out_edges(node, data=True)]

    def in_edges(self, node: str) -> list[Edge]:
        return [d["edge"] for _, _, d in self.graph.in_edges(node, data=True)]

    def forward_out(self, node: str) -> list[Edge]:
        return [e for e in self.out_edges(node) if not e.back]

    def forward_in(self, node: str) -> list[Edge]:
        return [e for e in self.in_edges(node) if not e.back]

    def loop_body(self, back: Edge) -> set[str]:
        """The steps on the loop that ``back`` closes: on a forward path target -> source."""
        ahead = self._forward_closure(back.target, self.forward_out, lambda e: e.target)
        behind = self._forward_closure(back.source, self.forward_in, lambda e: e.source)
        return ahead & behind

    def _forward_closure(self, start: str, edges: Any, far: Any) -> set[str]:
        seen, todo = {start}, [start]
        while todo:
            for e in edges(todo.pop()):
                if far(e) not in seen and far(e) != END:
                    seen.add(far(e))
                    todo.append(far(e))
        return seen

    def is_split(self, node: str) -> bool:
        return node != END and len(self.sop.steps[self.row[node]].next or ()) > 1

    @cached_property
    def reachable(self) -> set[str]:
        """Steps reachable from the first step (over every edge, loops included)."""
        return {self.start} | (nx.descendants(self.graph, self.start) - {END})

    @cached_property
    def can_end(self) -> set[str]:
        """Steps from which END can be reached."""
        return nx.ancestors(self.graph, END) - {END}

    @cached_property
    def structure(self) -> Structure:
        """Where parallel branches rejoin, and what is wrong with the nesting."""
        return analyse_structure(self)


def resolve_chances(chances: list[float | None]) -> list[float]:
    """Fill unset chances with an equal share of what the set ones leave (never below 0)."""
    given = sum(c for c in chances if c is not None)
    unset = sum(1 for c in chances if c is None)
    share = max(0.0, 1.0 - given) / unset if unset else 0.0
    return [share if c is None else c for c in chances]
