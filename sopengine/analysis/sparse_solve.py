"""Solve ``(I - A) x = b`` for a sparse, non-negative ``A`` by Gaussian elimination.

An SOP's flow gives such systems (visits of each step: ``v = e + A v``). Rows are
eliminated in the order given, with no pivoting: ``I - A`` is an M-matrix when
every loop can be left (``A`` >= 0, spectral radius below 1), and then every
pivot stays positive. In row order of an SOP the forward edges lie below the
diagonal and only loop-back edges above, so the fill is confined to the rows a
loop spans: time and memory grow with the steps plus the loops' spans, never with
steps squared as a dense matrix does. A pivot that is not positive means a loop
is never left; the answer is then None.
"""

from __future__ import annotations

from collections.abc import Iterable

TINY = 1e-12


def solve(n: int, entries: Iterable[tuple[int, int, float]],
          rhs: list[float]) -> list[float] | None:
    """``x`` with ``(I - A) x = rhs``; ``entries`` are ``(row, column, A[row, column])``,
    repeats added. None when the system has no non-negative solution."""
    rows: list[dict[int, float]] = [{k: 1.0} for k in range(n)]
    below: list[set[int]] = [set() for _ in range(n)]  # column -> rows under the diagonal
    for r, c, a in entries:
        rows[r][c] = rows[r].get(c, 0.0) - a
        if r > c:
            below[c].add(r)
    b = list(rhs)
    for k in range(n):
        if rows[k][k] <= TINY:
            return None
        _eliminate(k, rows, below, b)
    return _back_substitute(rows, b)


def _eliminate(k: int, rows: list[dict[int, float]], below: list[set[int]],
               b: list[float]) -> None:
    """Subtract row ``k`` from each row under it with an entry in column ``k``."""
    pivot_row, pivot = rows[k], rows[k][k]
    tail = [(c, v) for c, v in pivot_row.items() if c > k]
    for r in below[k]:
        factor = rows[r].pop(k) / pivot
        if factor == 0.0:
            continue
        row = rows[r]
        b[r] -= factor * b[k]
        for c, v in tail:
            row[c] = row.get(c, 0.0) - factor * v
            if c < r:
                below[c].add(r)
    below[k] = set()


def _back_substitute(rows: list[dict[int, float]], b: list[float]) -> list[float]:
    x = [0.0] * len(rows)
    for k in range(len(rows) - 1, -1, -1):
        row = rows[k]
        x[k] = (b[k] - sum(v * x[c] for c, v in row.items() if c > k)) / row[k]
    return x


