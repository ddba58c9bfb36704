"""Arrows of the flowchart table: from cell to cell, and across pages.

Routing rules, chosen so that an arrow never runs through another symbol:

* the next row in the same column: straight down;
* another column, forward: out of the symbol's side, across, then down into
  the target from above (the table's usual "bend across actor columns");
* back up (rework) or down past other symbols in the column: out of the side
  into a channel along the column's right edge, then into the target's side;
* to a row on another page: into an off-page connector (pentagon) with a
  letter, either in the band under the page's last row (the flow simply goes
  on overleaf) or beside the symbol (a jump), and the same letter on the
  target's page.
"""

from __future__ import annotations

from sopengine.definition.flow import Edge, Flow
from sopengine.definition.model import END
from sopengine.render import table_layout as tl
from sopengine.render.svg import Svg

INK = "#222"
REWORK = "#9a5b00"
ARROW = {"stroke": INK, "stroke-width": 1.1, "marker-end": "url(#arrow)", "class": "arrow"}
LABEL = 9.0  # answers' type: 6.5 pt printed


class Router:
    def __init__(self, svg: Svg, flow: Flow, page: tl.Page, boxes: dict[int, tl.Box],
                 page_of: dict[int, tl.Page], letters: dict[Edge, str]) -> None:
        self.svg, self.flow, self.page, self.boxes = svg, flow, page, boxes
        self.page_of, self.letters = page_of, letters
        self.channels = 0  # back arrows drawn so far: each gets its own channel
        self.exits: set[tuple[int, str]] = set()  # sides of a symbol already left by
        self.beside: dict[int, int] = {}  # connectors already drawn beside a symbol

    def draw(self) -> list[str]:
        """Draw every arrow touching this page; returns the connector letters drawn.
        Arrows to other pages go first, so their connectors take the symbol's right
        side and the arrows within the page route around them."""
        drawn: list[str] = []
        crossing = [e for e in self.flow.edges if e in self.letters]
        for e in [*crossing, *(e for e in self.flow.edges if e not in self.letters)]:
            i = self.flow.row[e.source]
            j = None if e.target == END else self.flow.row[e.target]
            here_i, here_j = i in self.boxes, j is not None and j in self.boxes
            if here_i and j is None:
                self._to_end(e, self.boxes[i])
            elif here_i and here_j and j is not None:
                self._inside(e, i, j)
            elif here_i and j is not None:
                drawn.append(self._outgoing(e, i, j))
            elif here_j and j is not None:
                drawn.append(self._incoming(e, i, j))
        return drawn

    def _inside(self, e: Edge, i: int, j: int) -> None:
        a, b = self.boxes[i], self.boxes[j]
        overlap = max(a.left, b.left) + 1 < min(a.right, b.right) - 1
        if e.back or (overlap and self._blocked(i, j, b.cx)):
            self._channel(e, i, a, b)
            return
        if overlap:  # one above the other (or a wide symbol): straight down
            x = min(max(a.cx, b.left + 8), b.right - 8) if a.w < b.w else \
                min(max(b.cx, a.left + 8), a.right - 8)
            self._claim(i, "bottom")
            self._arrow(e, [(x, a.bottom), (x, b.top)], below=True)
            return
        if self._blocked(i, j, b.cx):  # the way down into the target is taken
            self._channel(e, i, a, b)
            return
        side = self._claim(i, "right" if b.cx > a.cx else "left", "bottom")
        if side == "bottom":  # the side is taken by another answer: down, then across
            y = a.bottom + 7
            self._arrow(e, [(a.cx, a.bottom), (a.cx, y), (b.cx, y), (b.cx, b.top)], below=True)
        else:
            x = a.right if side == "right" else a.left
            self._arrow(e, [(x, a.cy), (b.cx, a.cy), (b.cx, b.top)])

    def _claim(self, i: int, *sides: str) -> str:
        """The first of ``sides`` of symbol ``i`` no arrow has left by yet (or the last)."""
        side = next((s for s in sides if (i, s) not in self.exits), sides[-1])
        self.exits.add((i, side))
        return side

    def _blocked(self, i: int, j: int, x: float) -> bool:
        return any(abs(self.boxes[k].cx - x) < self.boxes[k].w / 2 + 1
                   for k in range(i + 1, j) if k in self.boxes)

    def _channel(self, e: Edge, i: int, a: tl.Box, b: tl.Box) -> None:
        self.channels += 1
        x = max(a.right, b.right) + 4 + 4 * self.channels
        if self._claim(i, "right", "bottom") == "right":
            start = [(a.right, a.cy), (x, a.cy)]
        else:
            start = [(a.cx, a.bottom), (a.cx, a.bottom + 7), (x, a.bottom + 7)]
        self._arrow(e, [*start, (x, b.cy), (b.right, b.cy)], below=start[0][0] == a.cx)

    def _to_end(self, e: Edge, a: tl.Box) -> None:
        """A decision's branch straight to the end: a small capsule beside it."""
        if not self.flow.sop.step(e.source).is_decision:
            return
        x = a.right + 10
        self._arrow(e, [(a.right, a.cy), (x, a.cy), (x, a.bottom + 10)])
        self.svg.rect(x - 9, a.bottom + 10, 18, 10, rx=5, fill="#fff", stroke=INK,
                      class_="connector")

    def _outgoing(self, e: Edge, i: int, j: int) -> str:
        a, letter = self.boxes[i], self.letters[e]
        if self._in_band(i, j):
            y = self.page.top[i] + self.page.height[i] + tl.BAND / 2 - 4
            self._arrow(e, [(a.cx, a.bottom), (a.cx, y - 9)], below=True)
            self._pentagon(a.cx, y, letter)
        else:
            self.exits.add((i, "right"))
            x = self._beside(i, a)
            self._arrow(e, [(a.right, a.cy), (x - 8, a.cy)])
            self._pentagon(x, a.cy, letter)
        return letter

    def _beside(self, i: int, box: tl.Box, left: bool = False) -> float:
        """x of the next connector beside symbol ``i``: side by side, never on top."""
        k = self.beside.get(i, 0)
        self.beside[i] = k + 1
        return box.left - 16 - 20 * k if left else box.right + 16 + 20 * k

    def _incoming(self, e: Edge, i: int, j: int) -> str:
        b, letter = self.boxes[j], self.letters[e]
        if self._in_band(i, j):
            y = self.page.table_top + tl.BAND / 2 - 4
            self._pentagon(b.cx, y, letter)
            self._arrow(e, [(b.cx, y + 10), (b.cx, b.top)], label=False)
        else:  # on the left: the right side is where rework arrows come in
            x = self._beside(j, b, left=True)
            self._pentagon(x, b.cy, letter)
            self._arrow(e, [(x + 8, b.cy), (b.left, b.cy)], label=False)
        return letter

    def _in_band(self, i: int, j: int) -> bool:
        """The flow runs on from a page's last row to the next page's first."""
        return j == i + 1 and self.page_of[i].rows[-1] == i

    def _pentagon(self, x: float, y: float, letter: str) -> None:
        """The off-page connector: a pentagon pointing down, with its letter."""
        self.svg.polygon([(x - 8, y - 9), (x + 8, y - 9), (x + 8, y + 3), (x, y + 10),
                          (x - 8, y + 3)], fill="#fff", stroke=INK, stroke_width=1.1,
                         class_="connector")
        self.svg.text(x, y + 1.5, [letter], tl.TEXT, "middle", font_weight="bold")

    def _arrow(self, e: Edge, points: list[tuple[float, float]], below: bool = False,
               label: bool = True) -> None:
        colour = REWORK if e.back else INK
        self.svg.path(points, **dict(ARROW, stroke=colour))
        if label and e.label is not None:
            x, y = points[0]
            # beside the first segment, on the side the arrow does not turn to
            turns_right = len(points) > 2 and points[2][0] > x
            anchor, dx = ("end", -3) if below and turns_right else ("start", 3)
            self.svg.text(x + dx, y + (11 if below else -3), [e.label], LABEL, anchor,
                          fill=colour, font_style="italic", class_="label")
