"""Expected visits of each step, and the exact expected total with rework loops.

Visits: each step is entered, on average, as often as the flow into it says:
``v = e_first + A v``, where ``A[t, s]`` is the chance of the edge s -> t (1 for a
sequence or a parallel branch), divided by the number of arrivals a join awaits.
Solved as one sparse linear system, loops included (``sparse_solve``: linear in
the steps and the loops' spans, where a dense matrix was steps squared).

Expected total: for an SOP without parallel branches the steps run one at a
time, so the total is a sum over steps of visits times mean duration: the
absorbing Markov chain's ``N t`` (fundamental matrix times step times). With
parallel branches the total is a maximum, not a sum; then only simulation
answers (``montecarlo``).
"""

from __future__ import annotations

import math

from sopengine.analysis.montecarlo import pert_mean
from sopengine.analysis.sparse_solve import solve
from sopengine.definition.duration import DEFAULT_WORKING_TIME, WorkingTime
from sopengine.definition.flow import Flow
from sopengine.definition.model import END, Sop


def expected_visits(sop: Sop, flow: Flow | None = None) -> dict[str, float] | None:
    """Mean number of times each step runs; None when a loop never ends (chance 1)."""
    flow = flow or Flow(sop)
    ids = [sid for sid in flow.ids if sid in flow.reachable]
    index = {sid: i for i, sid in enumerate(ids)}
    entries = []
    for edge in flow.edges:
        if edge.target == END or edge.source not in index:
            continue
        share = edge.chance if edge.kind == "branch" else 1.0
        awaited = 1 if edge.back else flow.structure.awaits.get(edge.target, 1)
        entries.append((index[edge.target], index[edge.source], (share or 0.0) / awaited))
    first = [0.0] * len(ids)
    first[index[flow.start]] = 1.0
    visits = solve(len(ids), entries, first)
    if visits is None or not all(map(math.isfinite, visits)) or min(visits) < -1e-9:
        return None
    return {sid: visits[i] for sid, i in index.items()}


def mean_minutes(sop: Sop, step_id: str, wt: WorkingTime = DEFAULT_WORKING_TIME) -> float:
    return pert_mean(*sop.step(step_id).time.three_point(wt))


def expected_total(sop: Sop, flow: Flow | None = None,
                   wt: WorkingTime = DEFAULT_WORKING_TIME) -> float | None:
    """The exact expected total in minutes, rework included; None with parallel branches."""
    flow = flow or Flow(sop)
    if any(flow.is_split(sid) for sid in flow.ids):
        return None
    visits = expected_visits(sop, flow)
    if visits is None:
        return None
    return sum(v * mean_minutes(sop, sid, wt) for sid, v in visits.items())
