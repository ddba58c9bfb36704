"""Where an arrow may meet a shape of the flowchart table: a port per track
that reaches the shape's outline, on each side it may be entered or left by.

Rectangles and capsules have a port on every track across a side (a capsule's
ends only at its middle), diamonds at their four corners, connectors on their
top, sides and point. Each port is used once, and none closer than
:data:`~sopengine.render.table_grid.APART` to a port in use (two sides of a
diamond meet on its edges), so every arrow enters and leaves a symbol at its
own point.
"""

from __future__ import annotations

from dataclasses import dataclass

from sopengine.render.table_grid import Grid, Point, Port

RIGHT, LEFT, DOWN, UP = range(4)
STUB = 3.0  # least length of the straight piece between a track node and the outline
CROWDED = 60.0  # a port beside another
MARGIN = 2.5  # blocked round a shape (and a little)
BEYOND = 20.0  # the farthest a port's first node may lie from the shape


@dataclass(frozen=True)
class Shape:
    kind: str  # "box", "capsule", "diamond", "connector" (a pentagon), "end" (a capsule)
    cx: float
    cy: float
    w: float
    h: float

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.cx - self.w / 2, self.cy - self.h / 2, self.cx + self.w / 2, \
            self.cy + self.h / 2


# side costs: forward flow leaves down or sideways and comes in from above or beside
OUT_COST = {DOWN: 0.0, RIGHT: 2.0, LEFT: 2.0, UP: 40.0}
IN_COST = {DOWN: 0.0, LEFT: 2.0, RIGHT: 2.0, UP: 40.0}  # by direction of travel


def ports(grid: Grid, shape: Shape, leaving: bool, crowd: bool = False) -> list[Port]:
    """The free ports of ``shape``: starts when ``leaving``, else ends (not beside
    another arrowhead unless ``crowd``)."""
    out = []
    left, top, right, bottom = shape.box
    for side in (RIGHT, LEFT, DOWN, UP):  # side as the outward direction
        edge = (right, left, bottom, top)[side]  # of the shape's box on that side
        for point, offset in _outline(grid, shape, side):
            port = _port(grid, point, side, leaving, offset, crowd, edge)
            if port is not None:
                out.append(port)
    return out


def _port(grid: Grid, point: Point, side: int, leaving: bool, offset: float,
          crowd: bool, edge: float) -> Port | None:
    x, y = point
    node = _approach(grid, point, side, edge)
    if node is None or not grid.free(node):
        return None
    crowded = node in grid.crowded
    if crowded and grid.crowded[node] and not leaving and not crowd:
        return None  # no arrowhead beside another
    point = (x, grid.ys[node[1]]) if side in (LEFT, RIGHT) else (grid.xs[node[0]], y)
    if grid.taken(point):
        return None
    travel = side if leaving else side ^ 1
    cost = (OUT_COST[side] if leaving else IN_COST[travel]) + 0.2 * abs(offset) + \
        (CROWDED if crowded else 0.0)
    return Port(node, travel, point, cost)


def _approach(grid: Grid, point: Point, side: int, edge: float) -> tuple[int, int] | None:
    """The first node outside the shape on the track through ``point``, going
    out of ``side``: at least STUB away, and the first track beyond ``edge``
    (the shape's box), so the piece to it runs over nothing else."""
    horizontal = side in (LEFT, RIGHT)
    along, across = (grid.xs, grid.ys) if horizontal else (grid.ys, grid.xs)
    fixed = grid.near(across, point[1] if horizontal else point[0])
    if fixed is None:
        return None
    v = point[0] if horizontal else point[1]
    step = 1 if side in (RIGHT, DOWN) else -1
    order = range(len(along)) if step > 0 else range(len(along) - 1, -1, -1)
    for k in order:
        distance = (along[k] - v) * step
        if distance < STUB:
            continue
        node = (k, fixed) if horizontal else (fixed, k)
        if node not in grid.blocked:
            return node if (along[k] - edge) * step <= BEYOND else None
        if (along[k] - edge) * step > MARGIN:  # something else lies in the way
            return None
    return None


def _outline(grid: Grid, s: Shape, side: int) -> list[tuple[Point, float]]:
    """Points of the outline on ``side`` where a track meets it, with their offset
    from the side's middle."""
    left, top, right, bottom = s.box
    if s.kind == "diamond":
        return _diamond(grid, s, side)
    if s.kind in ("connector", "end"):
        return _connector(s, side)
    if side in (LEFT, RIGHT):
        edge = right if side == RIGHT else left
        ys = [y for y in grid.ys if top + 5 <= y <= bottom - 5]
        return [((edge, y), _round(s, y - s.cy, s.h, s.h)) for y in ys]
    edge = bottom if side == DOWN else top
    return [((x, edge), _round(s, x - s.cx, s.w, s.h)) for x in grid.xs
            if left + 5 <= x <= right - 5 or abs(x - s.cx) < 0.5]


def _round(s: Shape, offset: float, length: float, straight: float = 0.0) -> float:
    """The offset counted for a port: on a capsule's rounded part (where the
    line stops a little short of the curve) it counts far more."""
    if s.kind == "capsule" and abs(offset) > max(0.5, (length - straight) / 2):
        return 200 + abs(offset)
    return offset


def _connector(s: Shape, side: int) -> list[tuple[Point, float]]:
    """A pentagon's (or end capsule's) ports: top, the middle of each side, its point."""
    left, top, right, bottom = s.box
    mid = s.cy if s.kind == "end" else top + 6  # the side ports lie on a track
    return [({RIGHT: (right, mid), LEFT: (left, mid), DOWN: (s.cx, bottom),
              UP: (s.cx, top)}[side], 0.0)]


def _diamond(grid: Grid, s: Shape, side: int) -> list[tuple[Point, float]]:
    """A diamond's corner on ``side``, and the points of its edges on tracks near
    it (dearer: they are used when the corners are taken)."""
    a, b = s.w / 2, s.h / 2
    sign = 1 if side in (RIGHT, DOWN) else -1
    if side in (LEFT, RIGHT):
        return [((s.cx + sign * a * (1 - abs(y - s.cy) / b), y), _aside(y - s.cy))
                for y in grid.ys if abs(y - s.cy) <= b - 5]
    return [((x, s.cy + sign * b * (1 - abs(x - s.cx) / a)), _aside(x - s.cx))
            for x in grid.xs if abs(x - s.cx) <= a - 6]


def _aside(offset: float) -> float:
    """The cost of a port ``offset`` from a diamond's corner."""
    return 0.0 if abs(offset) < 0.5 else 120 + abs(offset)


def corners(grid: Grid, s: Shape) -> list[tuple[int, int]]:
    """The nodes of a diamond's four corner ports (kept for its own arrows)."""
    left, top, right, bottom = s.box
    points = ((right, s.cy), (left, s.cy), (s.cx, bottom), (s.cx, top))
    found = (_approach(grid, p, side, (right, left, bottom, top)[side])
             for side, p in enumerate(points))
    return [n for n in found if n is not None]
