"""Monte Carlo simulation of an SOP's total time, vectorised over runs.

Every step holds one numpy array per quantity, one entry per run: whether the
step ran, when it started and finished. Steps are evaluated in row order (a
topological order of the flow without its loop-back edges):

* a step starts at the latest finish among the edges that were taken into it
  (one for a sequence or a decision's merge, all branches at a join);
* its duration is drawn from its three-point estimate (Beta-PERT: mean
  ``(min + 4 likely + max) / 6``), or is fixed;
* a decision draws each run's answer from the branches' chances;
* when some runs answer with a loop-back (rework), the loop's body is evaluated
  again for those runs only, starting when the decision finished, until no run
  loops any more. Nested loops repeat the same way.

A step's criticality index is the share of runs in which it lies on the chain
of steps that determined the end: walked back from the end through, at each
step, the incoming edge whose finish set its start.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sopengine.definition.duration import DEFAULT_WORKING_TIME, WorkingTime
from sopengine.definition.flow import Edge, Flow
from sopengine.definition.model import END, Sop

MAX_LOOP_ROUNDS = 10_000
CAUSE = np.int16  # index of an incoming edge (a step has far fewer than 32,767)
CELLS = 10_000_000  # steps x runs simulated at once (about 20 bytes each: ~200 MB)


@dataclass(frozen=True)
class Simulation:
    runs: int
    totals: np.ndarray  # minutes, one per run
    criticality: dict[str, float]  # step -> share of runs on the critical chain
    standard_total: float  # the critical-path total (nominal times)

    def percentile(self, q: float) -> float:
        return float(np.percentile(self.totals, q))

    @property
    def mean(self) -> float:
        return float(self.totals.mean())

    @property
    def within_standard(self) -> float:
        """Share of runs finishing within the standard (critical-path) total."""
        return float((self.totals <= self.standard_total + 1e-9).mean())


def pert_mean(low: float, likely: float, high: float) -> float:
    """The mean of a Beta-PERT estimate: (min + 4 likely + max) / 6."""
    return (low + 4 * likely + high) / 6


class _Runner:
    def __init__(self, sop: Sop, flow: Flow, n: int, rng: np.random.Generator,
                 wt: WorkingTime) -> None:
        self.sop, self.flow, self.n, self.rng = sop, flow, n, rng
        self.points = {s.id: s.time.three_point(wt) for s in sop.steps}
        self.finish = {sid: np.zeros(n) for sid in flow.ids}
        self.repeating: set[tuple[str, int]] = set()  # loop-back edges being repeated
        self.again: dict[tuple[str, int], np.ndarray] = {}  # runs answering them again
        self.taken: dict[tuple[str, int], np.ndarray] = {}  # (source, edge index) -> mask
        self.cause: dict[str, np.ndarray] = {}  # step -> index of the edge that set its start
        self.first_cause: dict[str, np.ndarray] = {}  # the same, on the first entry
        self.ever: dict[str, np.ndarray] = {sid: np.zeros(n, dtype=bool) for sid in flow.ids}
        self.in_edges = {sid: flow.forward_in(sid) for sid in (*flow.ids, END)}

    def duration(self, sid: str, count: int) -> np.ndarray:
        low, likely, high = self.points[sid]
        if high - low <= 1e-12:
            return np.full(count, likely)
        alpha = 1 + 4 * (likely - low) / (high - low)
        beta = 1 + 4 * (high - likely) / (high - low)
        return low + (high - low) * self.rng.beta(alpha, beta, count)

    def run(self) -> np.ndarray:
        everyone = np.ones(self.n, dtype=bool)
        self.evaluate(list(self.flow.ids), everyone, entry=None)
        return self._arrival(END, everyone)[0]

    def evaluate(self, steps: list[str], mask: np.ndarray, entry: tuple[str, Edge] | None) -> None:
        for sid in steps:
            if sid not in self.flow.reachable:
                continue
            if entry is not None and sid == entry[0]:  # a loop body's first step, again
                start = np.where(mask, self.finish[entry[1].source], 0.0)
                arrived, cause = mask, np.full(self.n, -1, dtype=CAUSE)
            else:
                start, cause = self._arrival(sid, mask)
                arrived = self._arrived(sid) & mask
            self._run_step(sid, arrived, start, cause)
            self._leave(sid, arrived)

    def _arrival(self, sid: str, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        edges = self.in_edges[sid]
        if not edges:
            return np.zeros(self.n), np.full(self.n, -1, dtype=CAUSE)
        times = np.stack([np.where(self.taken.get((e.source, e.index), False),
                                   self.finish[e.source], -np.inf) for e in edges])
        cause = times.argmax(axis=0).astype(CAUSE)
        start = np.where(np.isfinite(times.max(axis=0)), times.max(axis=0), 0.0)
        return np.where(mask, start, 0.0), cause

    def _arrived(self, sid: str) -> np.ndarray:
        edges = self.in_edges[sid]
        if not edges:  # the first step
            return np.ones(self.n, dtype=bool)
        out = np.zeros(self.n, dtype=bool)
        for e in edges:
            out |= self.taken.get((e.source, e.index), False)
        return out

    def _run_step(self, sid: str, arrived: np.ndarray, start: np.ndarray,
                  cause: np.ndarray) -> None:
        count = int(arrived.sum())
        finish = start.copy()
        finish[arrived] += self.duration(sid, count)
        self.finish[sid] = np.where(arrived, finish, self.finish[sid])
        self.cause[sid] = np.where(arrived, cause, self.cause.get(sid, cause))
        first = arrived & ~self.ever[sid]
        self.first_cause[sid] = np.where(first, cause, self.first_cause.get(sid, cause))
        self.ever[sid] |= arrived

    def _leave(self, sid: str, arrived: np.ndarray) -> None:
        edges = self.flow.out_edges(sid)
        step = self.sop.steps[self.flow.row[sid]]
        chosen = self._choose(edges, arrived) if step.branches else [arrived] * len(edges)
        for edge, mask in zip(edges, chosen, strict=True):
            if not edge.back:
                old = self.taken.get((sid, edge.index), np.zeros(self.n, dtype=bool))
                self.taken[(sid, edge.index)] = np.where(arrived, mask, old)
        for edge, mask in zip(edges, chosen, strict=True):
            if not edge.back or not mask.any():
                continue
            if (sid, edge.index) in self.repeating:  # the enclosing _repeat goes round again
                self.again[(sid, edge.index)] = mask
            else:
                self._repeat(edge, mask)

    def _choose(self, edges: list[Edge], arrived: np.ndarray) -> list[np.ndarray]:
        chances = np.array([e.chance or 0.0 for e in edges])
        if chances.sum() <= 0:
            chances = np.ones(len(edges))
        cumulative = np.cumsum(chances / chances.sum())
        draw = self.rng.random(self.n)
        pick = np.searchsorted(cumulative, draw, side="right").clip(max=len(edges) - 1)
        return [arrived & (pick == k) for k in range(len(edges))]

    def _repeat(self, back: Edge, looping: np.ndarray) -> None:
        """Run the loop body again for the runs that answered with ``back``, round after
        round, until none answers so any more."""
        key = (back.source, back.index)
        body = sorted(self.flow.loop_body(back), key=self.flow.row.__getitem__)
        self.repeating.add(key)
        for _ in range(MAX_LOOP_ROUNDS):
            if not looping.any():
                break
            for sid in body:  # forget the last round's choices of these runs
                for e in self.flow.out_edges(sid):
                    if (sid, e.index) in self.taken:
                        self.taken[(sid, e.index)] &= ~looping
            self.evaluate(body, looping, entry=(back.target, back))
            looping = self.again.pop(key, np.zeros(self.n, dtype=bool))
        else:
            raise RuntimeError(f"the loop back to '{back.target}' never ends")
        self.repeating.discard(key)

    def critical_chain(self) -> dict[str, np.ndarray]:
        """Per step, the runs in which it lies on the chain that set the end time."""
        on: dict[str, np.ndarray] = {sid: np.zeros(self.n, dtype=bool) for sid in self.flow.ids}
        _, end_cause = self._arrival(END, np.ones(self.n, dtype=bool))
        frontier = [(self.in_edges[END], end_cause, np.ones(self.n, dtype=bool))]
        order = [sid for sid in reversed(self.flow.ids) if sid in self.flow.reachable]
        marks = {sid: np.zeros(self.n, dtype=bool) for sid in self.flow.ids}
        for edges, cause, mask in frontier:
            for k, e in enumerate(edges):
                marks[e.source] |= mask & (cause == k)
        for sid in order:
            here = marks[sid] & self.ever[sid]
            on[sid] |= here
            edges = self.in_edges[sid]
            for k, e in enumerate(edges):
                via = here & ((self.cause[sid] == k) | (self.first_cause[sid] == k))
                marks[e.source] |= via
        return on


def simulate(sop: Sop, runs: int = 10_000, seed: int | None = None,
             working_time: WorkingTime = DEFAULT_WORKING_TIME,
             flow: Flow | None = None) -> Simulation:
    """Simulate ``runs`` executions of a valid SOP; times in minutes.

    Runs are simulated in batches of at most ``CELLS`` / steps, one generator
    drawing for all of them, so memory stays bounded however long the SOP (a
    batch holds one array entry per step and run) and a seed repeats its result."""
    from sopengine.analysis.cpm import critical_path

    flow = flow or Flow(sop)
    rng = np.random.default_rng(seed)
    batch = max(1, min(runs, CELLS // len(flow.ids)))
    totals, on_chain = [], dict.fromkeys(flow.ids, 0)
    for first in range(0, runs, batch):
        runner = _Runner(sop, flow, min(batch, runs - first), rng, working_time)
        totals.append(runner.run())
        for sid, on in runner.critical_chain().items():
            on_chain[sid] += int(on.sum())
    criticality = {sid: on_chain[sid] / runs for sid in flow.ids}
    standard = critical_path(sop, flow, working_time).total_minutes
    return Simulation(runs, np.concatenate(totals), criticality, standard)
