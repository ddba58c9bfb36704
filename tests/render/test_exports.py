"""Mermaid and BPMN 2.0 exports: the flow's nodes and edges, BPMN valid
against the OMG schema, golden files."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from sopengine.definition.flow import Flow
from sopengine.definition.model import END
from sopengine.render.bpmn import bpmn
from sopengine.render.mermaid import mermaid
from tests.conftest import ROOT
from tests.render.conftest import SEEDS, golden, seed

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
    assert len(list(doc.iter(f"{B}exclusiveGateway"))) == len(decisions)
    splits = [s for s in sop.steps if s.next and len(s.next) > 1]
    assert len(list(doc.iter(f"{B}parallelGateway"))) == 2 * len(splits)
    shapes = doc.findall(".//{http://www.omg.org/spec/BPMN/20100524/DI}BPMNShape")
    flows = list(doc.iter(f"{B}sequenceFlow"))
    nodes = [e for e in doc.find(f"{B}process") if not e.tag.endswith(("laneSet",
                                                                       "sequenceFlow"))]
    assert len(shapes) == len(nodes) + len(lanes) + 1  # + the pool
    named = sorted(f.get("name") for f in flows if f.get("name"))
    assert named == sorted(label for s in decisions for label in s.branches or {})


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
