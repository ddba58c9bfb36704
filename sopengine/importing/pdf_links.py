"""Following a PDF flowchart's arrows from each decision to the rows they point at.

An arrow is a chain of strokes; its head is the end at an arrowhead, its label
the answer word ("Ya", "Tidak") nearest its tail. An arrow into a lettered
connector continues from the connector with the same letter on another page.
"""

from __future__ import annotations

import itertools
import math
import re
from typing import Any

from sopengine.importing import pdf_geometry as geo

_ANSWER = re.compile(r"^(ya|tidak|sesuai|lengkap|setuju|benar|salah)$", re.IGNORECASE)
Target = int | tuple[str, str]


class Links:
    """Arrows gathered page by page; ``resolve`` gives row -> {label: row}."""

    def __init__(self) -> None:
        self.edges: dict[int, dict[str, Target]] = {}
        self.incomplete: set[int] = set()
        self.from_connector: dict[str, int] = {}

    def add_page(self, page: Any, xs: list[float], ys: list[float],
                 words: list[dict[str, Any]], base: int, n: int) -> None:
        bands = [(-math.inf, ys[0]), *list(itertools.pairwise(ys))]
        rows = [(s, base + _band(s.center[1], bands)) for s in geo.symbols(page, xs)]
        conns = [(b, _letter(b, words)) for b in geo.connectors(page)]
        heads = geo.arrowheads(page)
        answers = [w for w in words if _ANSWER.match(w["text"])]
        for path in geo.chains(geo.strokes(page, xs[-1] - xs[0]), heads):
            self._path(path, rows, conns, heads, answers)

    def _path(self, path: list[tuple[float, float]], rows: list[tuple[geo.Symbol, int]],
              conns: list[tuple[geo.Box, str]], heads: list[geo.Box],
              answers: list[dict[str, Any]]) -> None:
        tail, head = path[0], path[-1]
        if not any(geo.near(head, h, 2) for h in heads):
            if not any(geo.near(tail, h, 2) for h in heads):
                return
            tail, head, path = head, tail, path[::-1]
        target = _at(head, rows, conns, 7)
        source = _at(tail, rows, conns, 3)
        if target is None or source is None:
            return
        if isinstance(source, tuple):
            if isinstance(target, int):
                self.from_connector[source[1]] = target
            return
        symbol = next(s for s, r in rows if r == source and geo.near(tail, s.box, 3))
        if symbol.kind != "decision":
            return
        label = _label(path, answers)
        if label is None:
            self.incomplete.add(source)
        else:
            self.edges.setdefault(source, {})[label] = target

    def resolve(self) -> dict[int, dict[str, int | None]]:
        out: dict[int, dict[str, int | None]] = {}
        for row, edges in self.edges.items():
            targets = {label: t if isinstance(t, int) else self.from_connector.get(t[1])
                       for label, t in edges.items()}
            if row not in self.incomplete and len(targets) >= 2 and \
                    all(isinstance(t, int) for t in targets.values()):
                out[row] = targets  # type: ignore[assignment]
        return out


def _band(y: float, bands: list[tuple[float, float]]) -> int:
    return next((i for i, (top, bottom) in enumerate(bands) if top <= y <= bottom),
                len(bands) - 1)


def _letter(box: geo.Box, words: list[dict[str, Any]]) -> str:
    inside = [w["text"] for w in words if geo.near(((w["x0"] + w["x1"]) / 2,
                                                    (w["top"] + w["bottom"]) / 2), box, 0)]
    return "".join(inside)


def _at(point: tuple[float, float], rows: list[tuple[geo.Symbol, int]],
        conns: list[tuple[geo.Box, str]], pad: float) -> Target | None:
    for box, letter in conns:
        if geo.near(point, box, pad):
            return ("conn", letter)
    hits = [(_gap(point, s.box), r) for s, r in rows if geo.near(point, s.box, pad)]
    return min(hits)[1] if hits else None


def _gap(point: tuple[float, float], box: geo.Box) -> float:
    dx = max(box[0] - point[0], 0, point[0] - box[2])
    dy = max(box[1] - point[1], 0, point[1] - box[3])
    return math.hypot(dx, dy)


def _label(path: list[tuple[float, float]], answers: list[dict[str, Any]]) -> str | None:
    """The answer word nearest the arrow's first segment (within 30 pt)."""
    first = path[:3]
    best = min(answers, key=lambda w: distance_first(w, first), default=None)
    if best is None or distance_first(best, first) > 30:
        return None
    return best["text"]


def distance_first(w: dict[str, Any], first: list[tuple[float, float]]) -> float:
    cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
    return min(_to_segment((cx, cy), a, b) for a, b in itertools.pairwise(first))


def _to_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))
