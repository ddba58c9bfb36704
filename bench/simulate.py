"""Simulation runs per second: vectorised (numpy) against a plain Python loop.

Both simulate the same model (Beta-PERT times, branch chances, parallel joins,
rework loops) of a generated 50-step SOP (bench/generate.py: a three-branch
parallel block, rework decisions, three-point times). The plain loop walks the
flow run by run with scalars, as one would write it first; its mean is printed
beside the vectorised one as a cross-check.

    python bench/simulate.py [--steps 50] [--runs 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import sop_document
from sopengine.analysis.montecarlo import simulate
from sopengine.definition.flow import Flow
from sopengine.definition.loader import check_bytes
from sopengine.definition.model import END, Sop


def plain_run(sop: Sop, flow: Flow, rng: random.Random) -> float:
    """One run, event by event: tokens wait at joins, decisions draw, loops go back."""
    points = {s.id: s.time.three_point() for s in sop.steps}
    arrivals: dict[str, list[float]] = {}
    pending = [(0.0, flow.start)]
    end = 0.0
    while pending:
        pending.sort()
        at, sid = pending.pop(0)
        low, likely, high = points[sid]
        if high > low:
            a = 1 + 4 * (likely - low) / (high - low)
            b = 1 + 4 * (high - likely) / (high - low)
            finish = at + low + (high - low) * rng.betavariate(a, b)
        else:
            finish = at + likely
        edges = flow.out_edges(sid)
        if sop.step(sid).branches:
            edges = rng.choices(edges, weights=[e.chance or 0.0 for e in edges])
        for e in edges:
            if e.target == END:
                end = max(end, finish)
                continue
            awaited = 1 if e.back else flow.structure.awaits.get(e.target, 1)
            waiting = arrivals.setdefault(e.target, [])
            waiting.append(finish)
            if len(waiting) == awaited:
                pending.append((max(waiting), e.target))
                del arrivals[e.target]
    return end


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    loaded = check_bytes(yaml.safe_dump(sop_document(0, args.steps), sort_keys=False).encode())
    assert loaded.sop is not None, loaded.diagnostics
    sop, flow = loaded.sop, Flow(loaded.sop)
    vector_times, loop_times = [], []
    for k in range(args.repeat):
        start = time.perf_counter()
        sim = simulate(sop, args.runs, seed=k, flow=flow)
        vector_times.append(time.perf_counter() - start)
        rng = random.Random(k)
        start = time.perf_counter()
        plain = [plain_run(sop, flow, rng) for _ in range(args.runs)]
        loop_times.append(time.perf_counter() - start)
    vec, loop = statistics.median(vector_times), statistics.median(loop_times)
    print(f"machine: {platform.machine()}, CPython {platform.python_version()}, "
          f"numpy {np.__version__}")
    print(f"SOP of {len(sop.steps)} steps, {args.runs:,} runs, median of {args.repeat}")
    print(f"  vectorised:  {vec * 1000:8.1f} ms  {args.runs / vec:12,.0f} runs/s  "
          f"mean {sim.mean:.1f}")
    print(f"  plain loop:  {loop * 1000:8.1f} ms  {args.runs / loop:12,.0f} runs/s  "
          f"mean {statistics.fmean(plain):.1f}")
    print(f"vectorised is {loop / vec:.1f}x faster")


if __name__ == "__main__":
    main()
