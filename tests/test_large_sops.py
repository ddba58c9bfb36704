"""Large legal SOPs (issue 10 item 19, issue 14): what the 1 MiB file limit admits
loads, and analysis, simulation and automatic runs stay linear in memory."""

from __future__ import annotations

import tracemalloc

import networkx as nx
import numpy as np
import pytest
import yaml
from hypothesis import given, settings

from bench.generate import large_sop_text
from sopengine.analysis import montecarlo
from sopengine.analysis.cpm import critical_path
from sopengine.analysis.expected import expected_total, expected_visits
from sopengine.definition import yamlsource
from sopengine.definition.flow import Flow
from sopengine.definition.loader import check_bytes, check_text
from sopengine.definition.model import END
from tests.strategies import valid_flows

STEPS = 11_110


@pytest.fixture(scope="module")
def long_sop():
    text = large_sop_text(STEPS)
    assert len(text.encode()) <= yamlsource.MAX_BYTES
    loaded = check_text(text, "besar.yaml")
    assert list(loaded.diagnostics) == []  # no node limit, no hint about aliases it lacks
    return loaded.sop


@pytest.fixture(scope="module")
def long_sequence():
    loaded = check_text(large_sop_text(STEPS, parallel_every=0), "urut.yaml")
    assert loaded.ok
    return loaded.sop


def test_a_file_dense_in_nodes_within_the_size_limit_is_not_refused_for_its_size() -> None:
    body = b"[" + b"1," * ((yamlsource.MAX_BYTES - 100) // 2) + b"1]"  # 524,000 nodes
    loaded = check_bytes(b"sop: 1\nid: x\ntitle: X\nx: " + body + b"\n")
    assert len(body) < yamlsource.MAX_BYTES
    assert "document-too-large" not in {d.code for d in loaded.diagnostics}


def test_only_aliases_count_toward_the_node_limit() -> None:
    bomb = "a: &a [" + ", ".join(["x"] * 1000) + "]\nb: [" + ", ".join(["*a"] * 201) + "]\n"
    [d] = check_bytes(bomb.encode()).diagnostics
    assert d.code == "document-too-large"
    assert "aliases" in d.message
    assert "*name" in (d.hint or "")


def test_expected_visits_of_a_long_sop_need_no_square_matrix(long_sequence) -> None:
    tracemalloc.start()
    try:
        total = expected_total(long_sequence)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 100 * 2**20  # a dense 11,110 x 11,110 matrix alone is 987 MB
    visits = expected_visits(long_sequence)
    assert visits is not None
    assert total is not None
    assert visits["s6"] == pytest.approx(1.25)
    assert visits["s8"] == pytest.approx(1.0)


@settings(max_examples=60, deadline=None)
@given(valid_flows())
def test_sparse_visits_equal_the_dense_solution(doc: dict) -> None:
    loaded = check_bytes(yaml.safe_dump(doc, sort_keys=False).encode())
    assert loaded.sop is not None
    flow = Flow(loaded.sop)
    ids = [sid for sid in flow.ids if sid in flow.reachable]
    index = {sid: i for i, sid in enumerate(ids)}
    a = np.zeros((len(ids), len(ids)))
    for e in flow.edges:
        if e.target != END and e.source in index:
            share = e.chance if e.kind == "branch" else 1.0
            awaited = 1 if e.back else flow.structure.awaits.get(e.target, 1)
            a[index[e.target], index[e.source]] += (share or 0.0) / awaited
    first = np.zeros(len(ids))
    first[0] = 1.0
    got = expected_visits(loaded.sop, flow)
    try:
        dense = np.linalg.solve(np.eye(len(ids)) - a, first)
    except np.linalg.LinAlgError:
        assert got is None
        return
    if got is not None:
        assert [got[sid] for sid in ids] == pytest.approx(list(dense), rel=1e-9, abs=1e-9)


def test_the_critical_path_is_networkx_longest_path(long_sop) -> None:
    flow = Flow(long_sop)
    graph = nx.DiGraph()
    graph.add_weighted_edges_from((e.source, e.target, long_sop.step(e.source).time.minutes())
                                  for e in flow.edges if not e.back)
    cp = critical_path(long_sop, flow)
    assert cp.total_minutes == pytest.approx(nx.dag_longest_path_length(graph))
    longest = nx.dag_longest_path(graph)
    assert set(longest) - {END} <= set(cp.critical_path)


def _peak(fn) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_simulation_memory_does_not_grow_with_the_runs(monkeypatch) -> None:
    steps, batch = 300, 100
    loaded = check_text(large_sop_text(steps))
    assert loaded.sop is not None
    monkeypatch.setattr(montecarlo, "CELLS", steps * batch)
    few = _peak(lambda: montecarlo.simulate(loaded.sop, batch, seed=3))
    many = _peak(lambda: montecarlo.simulate(loaded.sop, 30 * batch, seed=3))
    assert many < 1.5 * few  # thirty batches of 100 runs, one at a time
    sim = montecarlo.simulate(loaded.sop, 3 * batch + 7, seed=3)
    assert len(sim.totals) == 3 * batch + 7
    assert sim.criticality[f"s{steps}"] == 1.0  # the last step ends every run


def test_batches_give_the_exact_mean(monkeypatch) -> None:
    loaded = check_text(large_sop_text(60, parallel_every=0))
    assert loaded.sop is not None
    monkeypatch.setattr(montecarlo, "CELLS", 60 * 700)
    sim = montecarlo.simulate(loaded.sop, 20_000, seed=5)
    exact = expected_total(loaded.sop)
    assert exact is not None
    assert abs(sim.mean - exact) < 4 * sim.totals.std() / np.sqrt(20_000)
