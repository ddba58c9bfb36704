"""Where the table's off-page connectors (and a decision's small end capsule)
go: in the band under the page's last row (or above its first) when the flow
simply runs on overleaf, otherwise in the free place of the actor columns
nearest the symbol, in its own row if there is room, never on a rule, a
symbol or another connector, and never over the text columns."""

from __future__ import annotations

from collections.abc import Callable

from sopengine.render import table_layout as tl
from sopengine.render.svg import Svg
from sopengine.render.table_grid import Box, Grid
from sopengine.render.table_ports import Shape, ports

Segment = tuple[float, float, float, float]
Fits = Callable[[Shape], bool] | None
ROOM = 8.0  # kept free round a connector
LABEL_ROOM = 22.0
INK = "#000"


class Spots:
    def __init__(self, geo: tl.TableGeometry, page: tl.Page, grid: Grid,
                 boxes: dict[int, tl.Box], labels: list[Box]) -> None:
        self.geo, self.page, self.grid, self.boxes = geo, page, grid, boxes
        self.labels = labels  # answer labels placed so far
        self.actors = [c for c in geo.columns if c.key.startswith("actor:")]
        self.placed: list[Shape] = []
        self.letter: dict[Shape, str] = {}
        last = page.rows[-1]
        self.rows_bottom = page.top[last] + page.height[last]
        body_bottom = page.table_bottom - (tl.TOTAL_ROW if page.total else 0)
        self.area: Box = (self.actors[0].x, page.table_top, self.actors[-1].right, body_bottom)
        xs = [c.x for c in geo.columns] + [geo.width]
        ys = [page.table_top, body_bottom, *(page.top[i] for i in page.rows)]
        self.rules: list[Segment] = [(x, page.table_top, x, body_bottom) for x in xs] + \
            [(0.0, y, geo.width, y) for y in ys]

    def outgoing(self, i: int, j: int, letter: str, fits: Fits = None) -> Shape:
        if j == i + 1 and self.page.rows[-1] == i and self.page.band_bottom:
            band = (self.rows_bottom, self.rows_bottom + tl.BAND)
            return self._put("connector", self._find(i, [band], "connector", False), letter)
        return self._put("connector", self._find(i, self._rows(i), "connector", False, fits),
                         letter)

    def incoming(self, i: int, j: int, letter: str) -> Shape:
        if j == i + 1 and self.page.rows[0] == j and self.page.band_top:
            band = (self.page.table_top, self.page.top[j])
            return self._put("connector", self._find(j, [band], "connector", True), letter)
        return self._put("connector", self._find(j, self._rows(j), "connector", True), letter)

    def end(self, i: int, fits: Fits = None) -> Shape:
        return self._put("end", self._find(i, self._rows(i), "end", False, fits), "")

    def _put(self, kind: str, at: tuple[float, float], letter: str) -> Shape:
        shape = _shape(kind, *at)
        self.placed.append(shape)
        self.letter[shape] = letter
        return shape

    def _rows(self, i: int) -> list[tuple[float, float]]:
        """The page's rows, nearest row ``i`` first."""
        order = sorted(self.page.rows, key=lambda r: abs(r - i))
        return [(self.page.top[r], self.page.top[r] + self.page.height[r]) for r in order]

    def _find(self, i: int, spans: list[tuple[float, float]], kind: str, leaving: bool,
              fits: Fits = None) -> tuple[float, float]:
        """The free place nearest symbol ``i`` (x, and y of the connector's side
        track) from which an arrow can leave it (``leaving``) or reach it, and
        where ``fits`` (room for the answer's label on the way there)."""
        anchor = self.boxes[i]
        best = None
        for rank, (top, bottom) in enumerate(spans):
            y = top + (bottom - top) / 2
            for x in self.grid.xs:
                shape = _shape(kind, x, y)
                score = rank * 200 + abs(x - anchor.cx)
                if best is not None and score >= best[0]:
                    continue
                if shape.box[1] < top + 3 or shape.box[3] > bottom - 3 or \
                        not self._free(shape.box) or not ports(self.grid, shape, leaving) \
                        or (fits is not None and not fits(shape)):
                    continue
                best = (score, x, y)
        if best is None:  # nowhere free: beside the symbol (the checker reports it)
            return anchor.right + 16, anchor.cy
        return best[1], best[2]

    def _free(self, box: Box) -> bool:
        left, top, right, bottom = box
        if not any(c.x + 2 <= left and right <= c.right - 2 for c in self.actors):
            return False
        # room beside a symbol for its arrow and an answer label
        taken = [(cx - b.w / 2 - LABEL_ROOM, b.top, cx + b.w / 2 + LABEL_ROOM, b.bottom)
                 for b in self.boxes.values() for cx in (b.cx, *b.extra)] + \
            [s.box for s in self.placed] + self.labels
        if self.grid.runs(box, ROOM):
            return False
        return not any(left - ROOM < t[2] and t[0] < right + ROOM and top - ROOM < t[3]
                       and t[1] < bottom + ROOM for t in taken)

    def draw(self, svg: Svg, s: Shape) -> None:
        left, top, right, _ = s.box
        if s.kind == "end":
            svg.rect(left, top, s.w, s.h, rx=5, fill="#fff", stroke=INK, class_="connector")
            return
        svg.polygon([(left, top), (right, top), (right, top + 12), (s.cx, top + 19),
                     (left, top + 12)], fill="#fff", stroke=INK, stroke_width=1.1,
                    class_="connector")
        svg.text(s.cx, top + 10.5, [self.letter[s]], tl.TEXT, "middle", font_weight="bold")


def _shape(kind: str, x: float, y: float) -> Shape:
    """A connector (pentagon) or end capsule whose side ports lie on track ``y``."""
    return Shape(kind, x, y + 3.5, 16, 19) if kind == "connector" else Shape(kind, x, y, 18, 10)
