"""The flow graph that validation, analysis, the runtime and renderers share."""

from __future__ import annotations

import networkx as nx

from sopengine.definition.flow import Flow, resolve_chances
from sopengine.definition.loader import load_sop
from sopengine.definition.model import END
from tests.conftest import CASES, SOPS


def test_edges_of_the_seed_sop() -> None:
    flow = Flow(load_sop(SOPS / "pengukuran.yaml"))
    koreksi = flow.out_edges("koreksi")
    assert [(e.target, e.label, e.chance, e.back) for e in koreksi] == [
        ("sampaikan-dokumen", "Ya", 0.8, False), ("himpun-format", "Tidak", 0.2, True)]
    assert [e.target for e in flow.out_edges("arsipkan")] == [END]
    assert flow.loop_body(koreksi[1]) == {"himpun-format", "validasi-data", "sampaikan-data",
                                          "koreksi"}


def test_joins_know_how_many_arrivals_they_await() -> None:
    flow = Flow(load_sop(SOPS / "pengumpulan-data.yaml"))
    assert flow.structure.awaits == {"validasi": 7}
    nested = Flow(load_sop(CASES / "valid" / "nested-parallel.yaml"))
    assert nested.structure.awaits == {"a4": 2, "gabung": 2}


def test_networkx_view_mirrors_the_edges() -> None:
    flow = Flow(load_sop(SOPS / "pengawasan-internal.yaml"))
    graph = flow.graph
    assert isinstance(graph, nx.MultiDiGraph)
    assert set(graph.nodes) == {*flow.ids, END}
    assert sorted((u, v) for u, v, _ in graph.edges(keys=True)) == sorted(
        (e.source, e.target) for e in flow.edges)
    forward = nx.DiGraph((e.source, e.target) for e in flow.edges if not e.back)
    assert nx.is_directed_acyclic_graph(forward)


def test_unset_chances_share_the_rest() -> None:
    assert resolve_chances([None, 0.2]) == [0.8, 0.2]
    assert resolve_chances([None, None, 0.5]) == [0.25, 0.25, 0.5]
    assert resolve_chances([0.7, 0.6, None]) == [0.7, 0.6, 0.0]
