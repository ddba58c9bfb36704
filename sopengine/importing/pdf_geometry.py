"""The flowchart table of a PDF page by geometry: ruling lines, words, symbols, arrows.

Nothing here depends on where a renderer puts things: columns are the table's
vertical rules, rows the full-width horizontal ones, a symbol is a filled shape
(rectangle, capsule, diamond) inside an actor column, an arrow is a chain of
thin strokes ending at an arrowhead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass
class Symbol:
    kind: str
    box: Box

    @property
    def center(self) -> tuple[float, float]:
        return (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2


def _cluster(values: list[float], gap: float = 1.5) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > gap:
            out.append(v)
    return out


def rules(page: Any) -> tuple[list[float], list[float]]:
    """(column x boundaries, row y boundaries) of the page's largest ruled table."""
    lines = page.lines + [e for r in page.rects for e in _rect_edges(r)]
    verticals = [ln for ln in lines
                 if abs(ln["x0"] - ln["x1"]) < 1 and ln["bottom"] - ln["top"] > 40]
    if len(verticals) < 4:
        return [], []
    tallest = max(ln["bottom"] - ln["top"] for ln in verticals)
    verticals = [ln for ln in verticals if ln["bottom"] - ln["top"] > 0.5 * tallest]
    xs = _cluster([ln["x0"] for ln in verticals])
    left, right = xs[0], xs[-1]
    width = right - left
    horizontals = [ln for ln in lines if abs(ln["top"] - ln["bottom"]) < 1
                   and ln["x1"] - ln["x0"] > 0.8 * width]
    return xs, _cluster([ln["top"] for ln in horizontals])


def _rect_edges(r: dict[str, Any]) -> list[dict[str, float]]:
    if not r.get("stroke") or r["x1"] - r["x0"] > 700:
        return []  # a page frame or a filled background is no rule
    x0, x1, top, bottom = r["x0"], r["x1"], r["top"], r["bottom"]
    return [{"x0": x0, "x1": x0, "top": top, "bottom": bottom},
            {"x0": x1, "x1": x1, "top": top, "bottom": bottom}]


def symbols(page: Any, xs: list[float] | None = None) -> list[Symbol]:
    """Filled shapes of symbol size; a rectangle between two column rules is a
    header cell, not a symbol (a symbol spanning several columns stays one)."""
    found = [Symbol("process", _box(r)) for r in page.rects if _symbol_sized(r)
             and r.get("fill") and not _on_rules(r, xs or [])]
    for c in page.curves:
        if c.get("fill") and _symbol_sized(c):
            found.append(Symbol(_curve_kind(c), _box(c)))
    return [s for s in found if s.kind]


def _on_rules(r: dict[str, Any], xs: list[float]) -> bool:
    def on(x: float) -> bool:
        return any(abs(x - rule) < 1.5 for rule in xs)
    wide = bool(xs) and r["x1"] - r["x0"] > 0.9 * (xs[-1] - xs[0])
    return (on(r["x0"]) and on(r["x1"])) or wide


def _symbol_sized(o: dict[str, Any]) -> bool:
    w, h = o["x1"] - o["x0"], o["bottom"] - o["top"]
    return w >= 15 and h >= 8 and not (abs(w - h) < 3 and w < 25)


def _box(o: dict[str, Any]) -> Box:
    return (o["x0"], o["top"], o["x1"], o["bottom"])


def _curve_kind(c: dict[str, Any]) -> str:
    pts = c.get("pts") or []
    x0, x1 = c["x0"], c["x1"]
    mid = (c["top"] + c["bottom"]) / 2
    pointy = any(abs(x - x0) < 1 and abs(y - mid) < 2 for x, y in pts) and \
        any(abs(x - x1) < 1 and abs(y - mid) < 2 for x, y in pts)
    if len(pts) <= 6 and pointy:
        return "decision"
    return "terminator"


def connectors(page: Any) -> list[Box]:
    """Off-page connectors: small circles."""
    out = []
    for c in page.curves:
        w, h = c["x1"] - c["x0"], c["bottom"] - c["top"]
        if 6 < w < 25 and abs(w - h) < 3:
            out.append(_box(c))
    return out


def arrowheads(page: Any) -> list[Box]:
    return [_box(c) for c in page.curves if c.get("fill")
            and c["x1"] - c["x0"] <= 10 and c["bottom"] - c["top"] <= 10
            and not (abs((c["x1"] - c["x0"]) - (c["bottom"] - c["top"])) < 3
                     and c["x1"] - c["x0"] > 6 and len(c.get("pts") or []) > 5)]


def strokes(page: Any, table_width: float) -> list[list[tuple[float, float]]]:
    """Thin unfilled strokes (arrow shafts) as point lists."""
    out = [list(c["pts"]) for c in page.curves if not c.get("fill") and c.get("pts")]
    for ln in page.lines:
        if max(ln["x1"] - ln["x0"], ln["bottom"] - ln["top"]) < 0.5 * table_width and \
                not (abs(ln["x0"] - ln["x1"]) < 1 and ln["bottom"] - ln["top"] > 40):
            out.append([(ln["x0"], ln["top"]), (ln["x1"], ln["bottom"])])
    return out


def near(point: tuple[float, float], box: Box, pad: float = 3.0) -> bool:
    x, y = point
    return box[0] - pad <= x <= box[2] + pad and box[1] - pad <= y <= box[3] + pad


def chains(pieces: list[list[tuple[float, float]]],
           heads: list[Box] = ()) -> list[list[tuple[float, float]]]:  # type: ignore[assignment]
    """Join strokes that meet end to end into paths; an arrow ends at its head, so
    strokes meeting at an arrowhead are two arrows (one ends where the next begins)."""
    paths = [list(p) for p in pieces]
    merged = True
    while merged:
        merged = False
        for i, a in enumerate(paths):
            for j, b in enumerate(paths):
                if i != j and _close(a[-1], b[0]) and not any(near(a[-1], h, 2)
                                                               for h in heads):
                    paths[i] = a + b[1:]
                    del paths[j]
                    merged = True
                    break
            if merged:
                break
    return paths


def _close(p: tuple[float, float], q: tuple[float, float], tol: float = 1.5) -> bool:
    return abs(p[0] - q[0]) <= tol and abs(p[1] - q[1]) <= tol
