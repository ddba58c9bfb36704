"""The routing grid of the flowchart table's arrows.

Arrows run only on tracks: vertical lines through the actor columns and
horizontal lines through the rows and bands, 6 units apart and never closer
than 3 units to a table rule, so no arrow can lie on a rule. Symbols,
connectors and labels block the nodes and edges they cover. An arrow uses a
node along one axis when it runs straight through it, and both axes where it
bends or ends: a later arrow may cross it there at right angles, never run
along it or turn on it, so no two arrows share a segment or a point where one
turns. An arrow comes to a port's node in line with the port, or, where no
node lies before it in line (the last track of the grid), turns into it there.
The search (A*) minimises length, bends and crossings.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from itertools import count, pairwise

Point = tuple[float, float]
Node = tuple[int, int]
Box = tuple[float, float, float, float]  # left, top, right, bottom
STEP = 6.0  # track spacing
CLEAR = 3.0  # least distance of a track from a rule
DIRS = ((1, 0), (-1, 0), (0, 1), (0, -1))  # right, left, down, up
H, V = 1, 2  # the axes a node is used along
BEND = 24.0
CROSS = 30.0
SHARE = 2000.0  # only when no clean way exists (the checker then reports it)
LIMIT = 60000  # nodes expanded before giving up on a clean way
APART = 4.0  # least distance between two arrows' ends (the checker reads 3 as one point)
HEAD = 8.0  # an arrowhead's length (and a little): the least last piece after a bend


def tracks(low: float, high: float, centre: float) -> list[float]:
    """Track positions in [low + CLEAR, high - CLEAR], STEP apart, one on ``centre``."""
    lo, hi = low + CLEAR, high - CLEAR
    if not lo <= centre <= hi:
        centre = (lo + hi) / 2
    below = int((centre - lo) // STEP)
    above = int((hi - centre) // STEP)
    return [centre + STEP * k for k in range(-below, above + 1)]


@dataclass(frozen=True)
class Port:
    """Where an arrow meets a shape: ``point`` on its outline, ``node`` the grid
    node just outside, ``dir`` the direction of travel at that node (away from
    the shape for a start, towards it for an end)."""

    node: Node
    dir: int
    point: Point
    cost: float = 0.0


@dataclass
class Grid:
    xs: list[float]
    ys: list[float]
    blocked: set[Node] = field(default_factory=set)
    cut: set[tuple[Node, int]] = field(default_factory=set)  # (node, axis): edge to +1
    used: dict[Node, int] = field(default_factory=dict)
    crowded: dict[Node, bool] = field(default_factory=dict)  # beside a port: True by an end
    reserved: set[Node] = field(default_factory=set)  # a diamond's corner ports: no way through
    ends: list[Point] = field(default_factory=list)  # where the arrows so far meet their shapes

    def block(self, box: Box, margin: float = 2.0) -> None:
        """Nodes inside ``box`` (grown by ``margin``) and edges through it."""
        left, top, right, bottom = box[0] - margin, box[1] - margin, box[2] + margin, \
            box[3] + margin
        ix = range(bisect_right(self.xs, left), bisect_left(self.xs, right))
        iy = range(bisect_right(self.ys, top), bisect_left(self.ys, bottom))
        self.blocked.update((i, j) for i in ix for j in iy)
        for j in iy:  # horizontal edges through the box
            for i in range(max(0, ix.start - 1), min(len(self.xs) - 1, ix.stop)):
                self.cut.add(((i, j), H))
        for i in ix:
            for j in range(max(0, iy.start - 1), min(len(self.ys) - 1, iy.stop)):
                self.cut.add(((i, j), V))

    def save(self) -> tuple[dict[Node, int], dict[Node, bool], list[Point]]:
        return dict(self.used), dict(self.crowded), list(self.ends)

    def restore(self, saved: tuple[dict[Node, int], dict[Node, bool], list[Point]]) -> None:
        self.used, self.crowded, self.ends = dict(saved[0]), dict(saved[1]), list(saved[2])

    def taken(self, point: Point) -> bool:
        """An arrow already meets a shape at ``point`` or closer than APART to it
        (two ports on one edge of a diamond, from two sides)."""
        return any(abs(point[0] - x) < APART and abs(point[1] - y) < APART for x, y in self.ends)

    def runs(self, box: Box, margin: float) -> bool:
        """An arrow already runs through ``box`` (grown by ``margin``)."""
        ix = range(bisect_right(self.xs, box[0] - margin), bisect_left(self.xs, box[2] + margin))
        iy = range(bisect_right(self.ys, box[1] - margin), bisect_left(self.ys, box[3] + margin))
        return any((i, j) in self.used for i in ix for j in iy)

    def free(self, node: Node) -> bool:
        return node not in self.blocked and not self.used.get(node, 0)

    def near(self, values: list[float], v: float) -> int | None:
        """The index of the track at ``v`` (within 0.5), if any."""
        k = bisect_left(values, v - 0.5)
        return k if k < len(values) and abs(values[k] - v) <= 0.5 else None

    def point(self, node: Node) -> Point:
        return self.xs[node[0]], self.ys[node[1]]

    def route(self, starts: list[Port], ends: list[Port],
              strict: bool = True) -> tuple[list[Point], Port, Port] | None:
        """The cheapest way from one of ``starts`` to one of ``ends``; marks it used.
        Not ``strict``: a clean way if any, else one sharing with another arrow."""
        starts = [p for p in starts if self.free(p.node)]
        ends = [p for p in ends if self.free(p.node)]
        if not starts or not ends:
            return None
        found = self._search(starts, ends, strict=True) or (
            None if strict else self._search(starts, ends, strict=False))
        if found is None:
            return None
        nodes, start, end = found
        self._mark(nodes)
        self.ends += [start.point, end.point]
        for port in (start, end):  # ports side by side keep apart (arrowheads never)
            (i, j), horizontal = port.node, port.dir < 2
            for node in ((i, j - 1), (i, j + 1)) if horizontal else ((i - 1, j), (i + 1, j)):
                self.crowded[node] = self.crowded.get(node, False) or port is end
        points = [start.point, *(self.point(n) for n in nodes), end.point]
        return _straight(points), start, end

    def _search(self, starts: list[Port], ends: list[Port],
                strict: bool) -> tuple[list[Node], Port, Port] | None:
        goal = {(p.node, p.dir): p for p in ends}
        for p in ends:  # a port nothing can reach in line: turn into it at its node
            for d in self._turns_into(p):
                goal.setdefault((p.node, d), replace(p, cost=p.cost + BEND))
        gx = [self.xs[p.node[0]] for p in ends]
        gy = [self.ys[p.node[1]] for p in ends]
        box = (min(gx), min(gy), max(gx), max(gy))
        tie = count()
        heap: list[tuple[float, int, float, Node, int]] = []
        came: dict[tuple[Node, int], tuple[Node, int] | Port] = {}
        best: dict[tuple[Node, int], float] = {}
        for p in starts:
            state = (p.node, p.dir)
            if p.cost < best.get(state, float("inf")):
                best[state], came[state] = p.cost, p
                heapq.heappush(heap, (p.cost + self._h(p.node, box), next(tie), p.cost,
                                      p.node, p.dir))
        expanded = 0
        while heap and expanded < LIMIT:
            _, _, g, node, d = heapq.heappop(heap)
            if g > best.get((node, d), float("inf")):
                continue
            expanded += 1
            if (node, d) in goal:
                end = goal[(node, d)]
                return self._back(came, (node, d)), self._first(came, (node, d)), end
            for nd, step, nxt in self._moves(node, d, strict):
                if nxt in self.reserved and (nxt, nd) not in goal:
                    continue
                cost = g + step + end_cost(goal, nxt, nd)
                state = (nxt, nd)
                if cost < best.get(state, float("inf")):
                    best[state], came[state] = cost, (node, d)
                    heapq.heappush(heap, (cost + self._h(nxt, box), next(tie), cost, nxt, nd))
        return None

    def _turns_into(self, port: Port) -> tuple[int, ...]:
        """The directions an arrow may come to ``port``'s node in to turn there
        into it: none while the node before it in line is on the grid and free of
        symbols, or while the last piece would be too short for the arrowhead.
        (A side port of the last actor column has no track beyond it.)"""
        dx, dy = DIRS[port.dir]
        before = (port.node[0] - dx, port.node[1] - dy)
        x, y = self.point(port.node)
        inside = 0 <= before[0] < len(self.xs) and 0 <= before[1] < len(self.ys)
        if (inside and before not in self.blocked) or \
                abs(x - port.point[0]) + abs(y - port.point[1]) < HEAD:
            return ()
        return (2, 3) if port.dir < 2 else (0, 1)

    def _moves(self, node: Node, d: int, strict: bool):
        used = self.used.get(node, 0)
        for nd, (dx, dy) in enumerate(DIRS):
            if nd == d ^ 1:  # no turning back
                continue
            axis = H if dx else V
            cost = 0.0
            if nd != d:
                cost += BEND
                if used:  # no turn where another arrow runs
                    if strict:
                        continue
                    cost += SHARE
            nxt = (node[0] + dx, node[1] + dy)
            if not (0 <= nxt[0] < len(self.xs) and 0 <= nxt[1] < len(self.ys)):
                continue
            edge = (min(node, nxt), axis)
            if nxt in self.blocked or edge in self.cut:
                continue
            there = self.used.get(nxt, 0)
            if there & axis or used & axis:
                if strict:
                    continue
                cost += SHARE
            elif there:
                cost += CROSS
            cost += abs(self.xs[nxt[0]] - self.xs[node[0]]) + abs(self.ys[nxt[1]] -
                                                                  self.ys[node[1]])
            yield nd, cost, nxt

    def _h(self, node: Node, box: Box) -> float:
        x, y = self.point(node)
        return max(box[0] - x, 0, x - box[2]) + max(box[1] - y, 0, y - box[3])

    def _back(self, came: dict, state: tuple[Node, int]) -> list[Node]:
        nodes = []
        while not isinstance(state, Port):
            nodes.append(state[0])
            state = came[state]
        return nodes[::-1]

    def _first(self, came: dict, state: tuple[Node, int]) -> Port:
        while not isinstance(state, Port):
            state = came[state]
        return state

    def _mark(self, nodes: list[Node]) -> None:
        for k, node in enumerate(nodes):
            axes = H | V
            if 0 < k < len(nodes) - 1:
                a, b = nodes[k - 1], nodes[k + 1]
                axes = H if a[1] == b[1] == node[1] else V if a[0] == b[0] == node[0] else H | V
            self.used[node] = self.used.get(node, 0) | axes


def end_cost(goal: dict[tuple[Node, int], Port], node: Node, d: int) -> float:
    port = goal.get((node, d))
    return port.cost if port else 0.0


def _straight(points: list[Point]) -> list[Point]:
    """The corners of a polyline (points in line with their neighbours dropped)."""
    out = [points[0]]
    for p, q in pairwise(points[1:]):
        a = out[-1]
        if not ((abs(a[0] - p[0]) < 0.01 and abs(p[0] - q[0]) < 0.01)
                or (abs(a[1] - p[1]) < 0.01 and abs(p[1] - q[1]) < 0.01)):
            out.append(p)
    out.append(points[-1])
    return out
