"""Arrows of the flowchart table: from cell to cell, and across pages.

Every arrow is routed on the grid of :mod:`sopengine.render.table_grid` (tracks
through the actor columns, clear of the table rules), from a port of its
source's outline to a port of its target's (:mod:`sopengine.render.table_ports`),
the cheapest way by length, bends and crossings, around every symbol,
connector and answer label. Where two arrows cross, the later one is drawn
over a short white gap in the earlier. A flow to a row on another page ends
in an off-page connector (pentagon) with a letter: in the band under the
page's last row when the flow simply goes on overleaf, else in a free place
of the actor columns near the symbol; the same letter starts it again on the
target's page. A decision's answer to the end gets a small capsule.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from sopengine.definition.flow import Edge, Flow
from sopengine.definition.model import END
from sopengine.render import table_layout as tl
from sopengine.render.svg import Svg
from sopengine.render.symbols import symbol
from sopengine.render.table_grid import Box, Grid, Point, tracks
from sopengine.render.table_labels import Placed, first, place
from sopengine.render.table_ports import Shape, corners, ports
from sopengine.render.table_spots import Spots

INK = "#000"
ARROW = {"stroke": INK, "stroke-width": 1.1, "marker-end": "url(#arrow)", "class": "arrow"}
LABEL = 9.0  # answers' type: 6.5 pt printed
GAP = 4.0  # half the length of the white gap under a crossing


class Router:
    def __init__(self, svg: Svg, flow: Flow, page: tl.Page, boxes: dict[int, tl.Box],
                 page_of: dict[int, tl.Page], letters: dict[Edge, str],
                 geo: tl.TableGeometry) -> None:
        self.svg, self.flow, self.page, self.boxes = svg, flow, page, boxes
        self.page_of, self.letters, self.geo = page_of, letters, geo
        self.grid = _grid(geo, page)
        self.shapes = {i: _shape(flow, i, b) for i, b in boxes.items()}
        self.paths: list[list[Point]] = []
        self.labels: list[tuple[float, float, str, str]] = []
        self.job = 0  # the arrow being routed, by the order drawn in
        self.ranks: dict[str, list[int]] = {"paths": [], "labels": [], "spots": []}
        self.label_boxes: list[tuple[float, float, float, float]] = []
        self.spots = Spots(geo, page, self.grid, boxes, self.label_boxes)
        for b in boxes.values():
            for cx in (b.cx, *b.extra):
                self.grid.block((cx - b.w / 2, b.top, cx + b.w / 2, b.bottom))
            if b.extra:  # the dashed line joining a symbol's copies
                self.grid.block((b.right, b.cy - 1, b.extra[-1] - b.w / 2, b.cy + 1), 1.0)
        for shape in self.shapes.values():
            if shape.kind == "diamond":
                self.grid.reserved.update(corners(self.grid, shape))

    def draw(self) -> list[str]:
        """Draw every arrow touching this page; returns the connector letters drawn."""
        drawn: list[str] = []
        jobs: list[tuple[Edge, int, int | None]] = []
        for e in self.flow.edges:
            i = self.flow.row[e.source]
            j = None if e.target == END else self.flow.row[e.target]
            here_i, here_j = i in self.boxes, j is not None and j in self.boxes
            if here_i and j is None and not self.flow.sop.step(e.source).is_decision:
                continue  # the last step: the SOP simply ends
            if here_j and not here_i and self.letters[e] in drawn:
                continue  # one connector brings every arrow from that page
            crossing = (here_i or here_j) and j is not None and not (here_i and here_j)
            if crossing and self.letters[e] not in drawn:
                drawn.append(self.letters[e])
            if here_i or here_j:
                jobs.append((e, i, j))
        layer = {job: k for k, job in enumerate(sorted(jobs, key=self._layer))}
        for job in sorted(jobs, key=self._order):
            e, i, j = job
            self.job = layer[job]
            a, b = self._ends(e, i, j)
            self._route(e, a, b, label=a.kind != "connector")
        self._paint()
        return drawn

    def _ends(self, e: Edge, i: int, j: int | None) -> tuple[Shape, Shape]:
        """The shapes an arrow runs between: a connector placed now, where nothing
        is drawn yet, for an end or another page."""
        fits = None if e.label is None or i not in self.shapes else \
            self._fits(self.shapes[i], e.label)
        if j is None:
            return self.shapes[i], self._placed(self.spots.end(i, fits))
        if i in self.shapes and j in self.shapes:
            return self.shapes[i], self.shapes[j]
        if i in self.shapes:
            return self.shapes[i], self._placed(self.spots.outgoing(i, j, self.letters[e],
                                                                    fits))
        return self._placed(self.spots.incoming(i, j, self.letters[e])), self.shapes[j]

    def _fits(self, a: Shape, text: str) -> Callable[[Shape], bool]:
        """Whether the answer ``text`` finds room beside the plain way from ``a``
        to a connector or end capsule (placed when it does)."""
        def fits(c: Shape) -> bool:
            y = c.cy if c.kind == "end" else c.box[1] + 6  # its side ports' track
            side = c.box[0] if c.cx > a.cx else c.box[2]
            if abs(y - a.cy) < 0.5:  # in line: one straight piece on the track at y
                start = (a.box[2] if c.cx > a.cx else a.box[0], y)
                path = [start, (side, y)]
            else:
                start = (a.cx, a.box[3] if y > a.cy else a.box[1])
                path = [start, (a.cx, y), (side, y)]
            return self._spot(text, path, c.box) is not None
        return fits

    def _placed(self, shape: Shape) -> Shape:
        self.grid.block(shape.box)
        self.ranks["spots"].append(self.job)
        return shape

    def _layer(self, job: tuple[Edge, int, int | None]) -> tuple[bool, bool]:
        """The order arrows are drawn in: decisions' answers first, rework last."""
        e = job[0]
        return not self.flow.sop.step(e.source).is_decision, e.back

    def _order(self, job: tuple[Edge, int, int | None]) -> tuple[bool, bool, bool]:
        """The order arrows are routed in: decisions' answers first (their labels
        need room near the diamond), then, before the arrows from or to a
        connector (placed where room is left), those between two symbols of the
        page, which have no other way; rework last."""
        _, i, j = job
        inside = i in self.boxes and j is not None and j in self.boxes
        first, back = self._layer(job)
        return first, not inside, back

    def _route(self, e: Edge, a: Shape, b: Shape, label: bool) -> None:
        """Route ``e``; a decision's answer is routed again out of another side
        of the diamond while its label finds no free place beside it."""
        text = e.label if label else None
        sides: set[int] = set()
        for _ in range(4):
            saved = self.grid.save()
            path, side = self._path(a, b, sides)
            spot = self._spot(text, path) if text is not None and side is not None else None
            if side is not None and (text is None or spot is not None):
                self._keep(path, text, spot)
                return
            self.grid.restore(saved)
            if side is None:
                break
            sides.add(side)
        path, _ = self._path(a, b, set())  # no side has room: the plain way
        self._keep(path, text, None if text is None else first(text, LABEL, path))

    def _keep(self, path: list[Point], text: str | None, spot: Placed | None) -> None:
        self.paths.append(path)
        self.ranks["paths"].append(self.job)
        if text is not None and spot is not None:
            self.labels.append((spot.x, spot.y, spot.anchor, text))
            self.ranks["labels"].append(self.job)
            self.label_boxes.append(spot.box)
            self.grid.block(spot.box, 1.5)

    def _path(self, a: Shape, b: Shape, sides: set[int]) -> tuple[list[Point], int | None]:
        """The way from ``a`` to ``b`` leaving by none of ``sides``, and its side."""
        starts = [p for p in ports(self.grid, a, True) if p.dir not in sides]
        found = None  # a clean way, by an arrowhead beside another if need be; else any
        for strict, crowd in ((True, False), (True, True), (False, False), (False, True)):
            found = found or self.grid.route(starts, ports(self.grid, b, False, crowd=crowd),
                                             strict)
        if found is None:  # no free port: a plain line (the checker reports it)
            return [(a.cx, a.cy + a.h / 2), (a.cx, b.cy), (b.cx - b.w / 2, b.cy)], None
        return found[0], found[1].dir

    def _spot(self, text: str, path: list[Point], *more: Box) -> Placed | None:
        """A free place for ``text`` beside ``path`` (``more``: boxes to keep off)."""
        lines = [(*p, *q) for other in [*self.paths, path] for p, q in pairwise(other)]
        symbols = [s.box for s in self.shapes.values()] + [s.box for s in self.spots.placed]
        return place(text, LABEL, path, [*symbols, *self.label_boxes, *more],
                     lines + self.spots.rules, self.spots.area)

    def _paint(self) -> None:
        """Connectors, arrows (each over white gaps in those it crosses drawn
        before) and labels, decisions' answers first and rework last, whatever
        the order they were routed in."""
        for shape in self._ranked("spots", self.spots.placed):
            self.spots.draw(self.svg, shape)
        paths = self._ranked("paths", self.paths)
        for k, path in enumerate(paths):
            for x, y, horizontal in _crossings(path, paths[:k]):
                dx, dy = (GAP, 0) if horizontal else (0, GAP)
                self.svg.line(x - dx, y - dy, x + dx, y + dy, stroke="#fff", stroke_width=4,
                              class_="gap")
            self.svg.path(path, **ARROW)
        for x, y, anchor, text in self._ranked("labels", self.labels):
            self.svg.text(x, y, [text], LABEL, anchor, fill=INK, font_style="italic",
                          class_="label")

    def _ranked(self, kind: str, items: list) -> list:
        """``items`` (made in the order routed) in the order drawn."""
        ranks = self.ranks[kind]
        return [item for _, item in sorted(zip(ranks, items, strict=True), key=lambda p: p[0])]


def _grid(geo: tl.TableGeometry, page: tl.Page) -> Grid:
    xs = [x for c in geo.columns if c.key.startswith("actor:")
          for x in tracks(c.x, c.right, c.center)]
    bands = []
    if page.band_top:
        bands.append((page.table_top, page.top[page.rows[0]]))
    last = page.rows[-1]
    rows_bottom = page.top[last] + page.height[last]
    if page.band_bottom:
        bands.append((rows_bottom, rows_bottom + tl.BAND))
    spans = [(page.top[i], page.top[i] + page.height[i]) for i in page.rows] + bands
    ys = sorted(y for top, bottom in spans for y in tracks(top, bottom, (top + bottom) / 2))
    return Grid(xs, ys)


def _shape(flow: Flow, i: int, b: tl.Box) -> Shape:
    step = flow.sop.steps[i]
    kind = "diamond" if step.is_decision else "capsule" if _terminator(flow, i) else "box"
    return Shape(kind, b.cx, b.cy, b.w, b.h)


def _terminator(flow: Flow, i: int) -> bool:
    return symbol(flow, flow.sop.steps[i].id) == "terminator"


def _crossings(path: list[Point], earlier: list[list[Point]]):
    """Points where ``path`` crosses an earlier path at right angles, and whether
    ``path`` runs horizontally there."""
    for p, q in pairwise(path):
        for other in earlier:
            for r, s in pairwise(other):
                hit = _cross(p, q, r, s)
                if hit is not None:
                    yield (*hit, p[1] == q[1])


def _cross(p: Point, q: Point, r: Point, s: Point) -> Point | None:
    if p[1] == q[1] and r[0] == s[0]:
        x, y = r[0], p[1]
        if min(p[0], q[0]) < x < max(p[0], q[0]) and min(r[1], s[1]) < y < max(r[1], s[1]):
            return x, y
    if p[0] == q[0] and r[1] == s[1]:
        hit = _cross(r, s, p, q)
        return hit
    return None
