"""Mermaid and BPMN 2.0 exports: the flow's nodes and edges, BPMN valid
against the OMG schema, golden files."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from sopengine.definition.collection import OFFICE_FILES
from sopengine.definition.flow import Flow
from sopengine.definition.model import END
from sopengine.render.bpmn import bpmn
from sopengine.render.mermaid import mermaid
from tests.conftest import ROOT
from tests.render.conftest import SEEDS, golden, seed

SEED_PATHS = sorted(p for p in (ROOT / "sops").glob("*.yaml")
                    if p.name not in OFFICE_FILES)

XSD = ROOT / "tests" / "data" / "bpmn" / "BPMN20.xsd"
B = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


@pytest.mark.parametrize("name", SEEDS)
def test_bpmn_is_valid_against_the_bpmn_20_schema(name: str, schema: etree.XMLSchema) -> None:
    doc = etree.fromstring(bpmn(seed(name)).encode())
    assert schema.validate(doc), schema.error_log


@pytest.mark.parametrize("name", SEEDS)
def test_bpmn_has_a_lane_per_actor_a_task_per_step_and_the_gateways(name: str) -> None:
    sop = seed(name)
    doc = etree.fromstring(bpmn(sop).encode())
    lanes = [lane.get("name") for lane in doc.iter(f"{B}lane")]
    assert lanes == list(sop.actors.values())
    tasks = [t.get("name") for t in doc.iter(f"{B}userTask")]
    assert tasks == [f"{n}. {s.action}" for n, s in enumerate(sop.steps, 1)]
    decisions = [s for s in sop.steps if s.is_decision]
    diverging = [g for g in doc.iter(f"{B}exclusiveGateway")
                 if g.get("gatewayDirection") == "Diverging"]
    assert len(diverging) == len(decisions)
    splits = [s for s in sop.steps if s.next and len(s.next) > 1]
    parallel = list(doc.iter(f"{B}parallelGateway"))
    assert len([g for g in parallel if g.get("gatewayDirection") == "Diverging"]) == len(splits)
    assert len(parallel) == 2 * len(splits)
    shapes = doc.findall(".//{http://www.omg.org/spec/BPMN/20100524/DI}BPMNShape")
    flows = list(doc.iter(f"{B}sequenceFlow"))
    nodes = [e for e in doc.find(f"{B}process") if not e.tag.endswith(("laneSet",
                                                                       "sequenceFlow"))]
    assert len(shapes) == len(nodes) + len(lanes) + 1  # + the pool
    named = sorted(f.get("name") for f in flows if f.get("name"))
    assert named == sorted(label for s in decisions for label in s.branches or {})


def _process(path) -> etree._Element:
    from sopengine.definition.loader import load_sop

    return etree.fromstring(bpmn(load_sop(path)).encode()).find(f"{B}process")


def _incoming(proc: etree._Element, node: str) -> list[str]:
    return [f.get("sourceRef") for f in proc.iter(f"{B}sequenceFlow")
            if f.get("targetRef") == node]


def test_a_join_has_one_incoming_flow_per_branch() -> None:
    """nested-parallel: b1's answers both reach the join; they merge first (item 2)."""
    proc = _process(ROOT / "tests" / "cases" / "valid" / "nested-parallel.yaml")
    joins = [g for g in proc.iter(f"{B}parallelGateway")
             if g.get("gatewayDirection") == "Converging"]
    assert [len(_incoming(proc, g.get("id"))) for g in joins] == [2, 2]
    [merge] = [g for g in proc.iter(f"{B}exclusiveGateway")
               if g.get("gatewayDirection") == "Converging"]
    assert sorted(_incoming(proc, merge.get("id"))) == ["Gateway_6", "Task_7"]


def test_rework_back_to_a_join_step_enters_a_merge_after_the_join(tmp_path) -> None:
    """A loop back to the join step must not enter the parallel gateway (item 3)."""
    path = tmp_path / "rework.yaml"
    path.write_text("""\
sop: 1
id: ulang
title: Ulang
actors: {a: A, b: B}
steps:
  - {id: s, actor: a, action: Membagi, time: 1, outputs: [x], next: [p, r]}
  - {id: p, actor: a, action: Mengisi, time: 1, outputs: [x], next: j}
  - {id: r, actor: b, action: Mengisi, time: 1, outputs: [x], next: j}
  - {id: j, actor: a, action: Menggabungkan, time: 1, outputs: [x]}
  - {id: c, actor: a, action: Memeriksa, time: 1, outputs: [x], branches: {Ya: end, Tidak: j}}
""")
    proc = _process(path)
    [join] = [g.get("id") for g in proc.iter(f"{B}parallelGateway") if g.get("id") != "Split_1"]
    assert sorted(_incoming(proc, join)) == ["Task_2", "Task_3"]
    [merge] = [g.get("id") for g in proc.iter(f"{B}exclusiveGateway")
               if g.get("gatewayDirection") == "Converging"]
    assert sorted(_incoming(proc, merge)) == sorted([join, "Gateway_5"])
    assert _incoming(proc, "Task_4") == [merge]


def test_export_is_executable_with_conditions_time_inputs_and_outputs() -> None:
    """Item 6: a BPMN engine can run it as written."""
    sop = seed("pengukuran")
    doc = etree.fromstring(bpmn(sop).encode())
    proc = doc.find(f"{B}process")
    assert proc.get("isExecutable") == "true"
    gateway = next(g for g in proc.iter(f"{B}exclusiveGateway")
                   if g.get("gatewayDirection") == "Diverging")
    out = [f for f in proc.iter(f"{B}sequenceFlow") if f.get("sourceRef") == gateway.get("id")]
    assert sorted(f.find(f"{B}conditionExpression").text for f in out) == [
        'answer_koreksi == "Tidak"', 'answer_koreksi == "Ya"']
    step = sop.steps[0]
    task = proc.find(f"{B}userTask")
    doc_text = task.find(f"{B}documentation").text
    assert f"Waktu: {step.time}" in doc_text
    assert all(o in doc_text for o in step.outputs)
    info = task.find(f"{B}extensionElements")[0]
    assert info.get("id") == step.id
    assert info.get("time") == str(step.time)
    assert [o.text for o in info if o.tag.endswith("output")] == list(step.outputs)


def test_diagram_boxes_never_overlap_and_multi_actor_steps_span_their_lanes() -> None:
    """Item 5: alternatives of one actor at one column are not stacked on each other;
    a step of several actors spans their lanes; long actions get taller boxes."""
    from sopengine.definition.loader import load_sop
    from sopengine.render.bpmn import build
    from sopengine.render.bpmn_layout import boxes

    for path in [*SEED_PATHS, *sorted((ROOT / "tests/cases/valid").glob("*.yaml"))]:
        sop = load_sop(path)
        graph = build(sop, Flow(sop))
        box, lanes = boxes(graph, len(sop.actors))
        shapes = list(box.items())
        for i, (a, (ax, ay, aw, ah)) in enumerate(shapes):
            for b, (bx, by, bw, bh) in shapes[i + 1:]:
                apart = ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay
                assert apart, f"{path.name}: {a} and {b} overlap"
        for n, step in enumerate(sop.steps, 1):
            _, y, _, h = box[f"Task_{n}"]
            for actor in step.actor:
                top, height = lanes[list(sop.actors).index(actor)]
                assert y < top + height, f"{step.id} not in lane {actor}"
                assert y + h > top, f"{step.id} not in lane {actor}"
            assert h >= 15 * len(step.action) / 20


def test_bpmn_matches_the_golden_file() -> None:
    golden("pengukuran.bpmn", bpmn(seed("pengukuran")), exact=False)


@pytest.mark.parametrize("name", SEEDS)
def test_mermaid_nodes_and_edges_are_the_steps_and_the_flow(name: str) -> None:
    sop = seed(name)
    text = mermaid(sop)
    assert text.startswith("flowchart TD\n")
    nodes = re.findall(r"^    (s\d+)[\[\(\{]", text, re.MULTILINE)
    assert sorted(nodes) == sorted(f"s{n}" for n in range(1, len(sop.steps) + 1))
    edges = re.findall(r"^  (s\d+) -\.?->(?:\|\"[^\"]*\"\|)? (s\d+)", text, re.MULTILINE)
    flow = Flow(sop)
    assert sorted(edges) == sorted((f"s{flow.row[e.source] + 1}", f"s{flow.row[e.target] + 1}")
                                   for e in flow.edges if e.target != END)
    assert text.count("subgraph ") == len(sop.actors)


def test_mermaid_matches_the_golden_file() -> None:
    golden("pengukuran.mmd", mermaid(seed("pengukuran")))


def test_bpmn_keeps_its_prefixes_after_a_pdf_was_written_in_the_same_process() -> None:
    # WeasyPrint registers ElementTree's prefix "dc" for Dublin Core when it loads;
    # the export must still write dc:Bounds (and leave WeasyPrint's prefixes alone)
    import xml.etree.ElementTree as ET

    import weasyprint.pdf.metadata  # noqa: F401  (what building a PDF imports)

    text = bpmn(seed("pengukuran"))
    assert "<dc:Bounds" in text
    assert "ns0:" not in text
    assert "ns1:" not in text
    assert ET.tostring(ET.Element("{http://purl.org/dc/elements/1.1/}title"), "unicode") == (
        '<dc:title xmlns:dc="http://purl.org/dc/elements/1.1/" />')
