"""Critical path of a large SOP against networkx's ``dag_longest_path`` on the same graph.

The SOP (``bench/generate.py``'s ``large_sop_text``: sequences, rework decisions
every 7th step, a three-branch parallel block every 50th) is loaded once and
its flow built once. networkx gets the flow without its loop-back edges as a
``DiGraph`` whose edge weights are the source step's nominal minutes (an edge
to END carries the last step's), built before timing, and finds the longest
path only. sopengine's ``critical_path`` does the forward and backward passes
and returns every step's earliest/latest times, slack and free slack, the
critical steps, the rework-only steps and the load per actor. Both run
alternately in this process; the figure is the ratio of the medians (target:
at most 2x).

    python bench/cpm.py [--steps 10000] [--runs 21]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import large_sop_text
from sopengine.analysis.cpm import critical_path
from sopengine.definition.flow import Flow
from sopengine.definition.loader import check_text


def nx_graph(flow: Flow, minutes: dict[str, float]) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_weighted_edges_from((e.source, e.target, minutes[e.source])
                                  for e in flow.edges if not e.back)
    return graph


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    loaded = check_text(large_sop_text(args.steps))
    sop = loaded.sop
    assert sop is not None, loaded.errors[:3]
    flow = Flow(sop)
    minutes = {s.id: s.time.minutes() for s in sop.steps}
    graph = nx_graph(flow, minutes)
    ours = critical_path(sop, flow)
    peer = nx.dag_longest_path_length(graph)
    assert abs(ours.total_minutes - peer) < 1e-6, (ours.total_minutes, peer)
    times: dict[str, list[float]] = {"networkx": [], "sopengine": []}
    for _ in range(args.runs):
        times["networkx"].append(timed(lambda: nx.dag_longest_path(graph)))
        times["sopengine"].append(timed(lambda: critical_path(sop, flow)))
    print(f"machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, networkx {nx.__version__}")
    print(f"SOP: {args.steps} steps, {len(flow.edges)} edges; total {ours.total_minutes:g} "
          f"minutes (both); median of {args.runs}, alternating")
    base = statistics.median(times["networkx"])
    for name, xs in times.items():
        med = statistics.median(xs)
        print(f"{name:10s} median {med * 1000:7.1f} ms  range {min(xs) * 1000:7.1f}-"
              f"{max(xs) * 1000:7.1f} ms  {med / base:5.2f}x networkx")


if __name__ == "__main__":
    main()
