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

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from sopengine.definition.model import END, Sop, Step
from sopengine.definition.structure import Structure, analyse_structure

if TYPE_CHECKING:
    import networkx as nx

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
        self.edges: tuple[Edge, ...] = tuple(
            edge for i, step in enumerate(sop.steps) for edge in self._out(i, step))
        self._outgoing: dict[str, list[Edge]] = {n: [] for n in (*self.ids, END)}
        self._incoming: dict[str, list[Edge]] = {n: [] for n in (*self.ids, END)}
        for e in self.edges:
            self._outgoing[e.source].append(e)
            self._incoming[e.target].append(e)
        self._forward_out = {n: [e for e in es if not e.back] for n, es in self._outgoing.items()}
        self._forward_in = {n: [e for e in es if not e.back] for n, es in self._incoming.items()}
        self._loop_bodies: dict[Edge, frozenset[str]] = {}

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

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The flow as a networkx graph; each edge's ``edge`` attribute is its Edge."""
        import networkx as nx  # only the drawings use it: validation does not load it

        graph = nx.MultiDiGraph()
        graph.add_nodes_from((*self.ids, END))
        graph.add_edges_from((e.source, e.target, e.index, {"edge": e}) for e in self.edges)
        return graph

    def out_edges(self, node: str) -> list[Edge]:
        return self._outgoing[node]

    def in_edges(self, node: str) -> list[Edge]:
        return self._incoming[node]

    def forward_out(self, node: str) -> list[Edge]:
        return self._forward_out[node]

    def forward_in(self, node: str) -> list[Edge]:
        return self._forward_in[node]

    def loop_body(self, back: Edge) -> frozenset[str]:
        """The steps on the loop that ``back`` closes: on a forward path target -> source.
        Forward edges go down the table, so the search stays between the two rows: the
        cost is the loop's span, not the SOP's length."""
        if back not in self._loop_bodies:
            low, high = self.row[back.target], self.row[back.source]
            ahead = _closure(back.target, self.forward_out, _target,
                             lambda n: n != END and self.row[n] <= high)
            behind = _closure(back.source, self.forward_in, _source,
                              lambda n: self.row[n] >= low)
            self._loop_bodies[back] = frozenset(ahead & behind)
        return self._loop_bodies[back]

    def is_split(self, node: str) -> bool:
        return node != END and len(self.sop.steps[self.row[node]].next or ()) > 1

    @cached_property
    def reachable(self) -> set[str]:
        """Steps reachable from the first step (over every edge, loops included)."""
        return _closure(self.start, self.out_edges, _target) - {END}

    @cached_property
    def main_line(self) -> set[str]:
        """Steps on a path from the first step to the end without loop-backs: the
        steps that run when there is no rework (a rework-only step is not)."""
        ahead = _closure(self.start, self.forward_out, _target)
        behind = _closure(END, self.forward_in, _source)
        return (ahead & behind) - {END}

    @cached_property
    def can_end(self) -> set[str]:
        """Steps from which END can be reached."""
        return _closure(END, self.in_edges, _source) - {END}

    @cached_property
    def structure(self) -> Structure:
        """Where parallel branches rejoin, and what is wrong with the nesting."""
        return analyse_structure(self)


def _target(e: Edge) -> str:
    return e.target


def _source(e: Edge) -> str:
    return e.source


def _closure(start: str, edges: Callable[[str], list[Edge]], far: Callable[[Edge], str],
             within: Callable[[str], bool] = lambda _: True) -> set[str]:
    """Every node reachable from ``start`` along ``edges`` (start included), through
    nodes ``within`` admits only."""
    seen, todo = {start}, [start]
    while todo:
        for e in edges(todo.pop()):
            node = far(e)
            if node not in seen and within(node):
                seen.add(node)
                todo.append(node)
    return seen


def resolve_chances(chances: list[float | None]) -> list[float]:
    """Fill unset chances with an equal share of what the set ones leave (never below 0)."""
    given = sum(c for c in chances if c is not None)
    unset = sum(1 for c in chances if c is None)
    share = max(0.0, 1.0 - given) / unset if unset else 0.0
    return [share if c is None else c for c in chances]
