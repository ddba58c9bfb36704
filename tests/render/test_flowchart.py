"""The Graphviz flowchart: exact DOT, the flow's nodes and edges, lane order,
and both ways of rendering (system dot, WebAssembly)."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from sopengine.definition.flow import Flow
from sopengine.definition.model import END
from sopengine.errors import RenderError
from sopengine.render import graphviz_run
from sopengine.render.flowchart import FlowchartOptions, flowchart
from tests.render.conftest import SEEDS, golden, seed

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("name", SEEDS)
def test_dot_is_exactly_the_golden_file(name: str) -> None:
    golden(f"{name}.dot", flowchart(seed(name)).source)


def test_critical_dot_is_exactly_the_golden_file() -> None:
    golden("pengukuran-critical.dot",
           flowchart(seed("pengukuran"), FlowchartOptions(critical=True)).source)


@pytest.mark.parametrize("name", SEEDS)
def test_nodes_and_edges_are_the_steps_and_the_flow(name: str) -> None:
    sop = seed(name)
    source = flowchart(sop).source
    nodes = set(re.findall(r"^\s+(s\d+) \[label=", source, re.MULTILINE))
    assert nodes == {f"s{i}" for i in range(1, len(sop.steps) + 1)}
    drawn = {(a, b) for a, b, attrs in
             re.findall(r"^\s+(\S+) -> (\S+)(?: \[(.*)\])?$", source, re.MULTILINE)
             if "style=invis" not in attrs and "dir=none" not in attrs}
    flow = Flow(sop)
    expected = {(f"s{flow.row[e.source] + 1}", f"s{flow.row[e.target] + 1}")
                for e in flow.edges if e.target != END}
    assert drawn == expected


def test_shapes_are_the_guidelines_symbols() -> None:
    source = flowchart(seed("pengukuran")).source
    found = re.findall(r"^\s+(s\d+) \[.*?shape=(\w+) style=\"?([\w,]+)", source, re.MULTILINE)
    shape = {name: (kind, style) for name, kind, style in found}
    assert shape["s1"] == ("box", "rounded,filled")  # first activity: capsule
    assert shape["s14"] == ("box", "rounded,filled")  # last activity: capsule
    assert shape["s9"][0] == "diamond"  # the Camat's correction: a decision
    assert shape["s2"] == ("box", "filled")
    assert 'xlabel=Tidak' in source
    assert 'xlabel=Ya' in source


@pytest.mark.parametrize("name", SEEDS)
def test_lanes_are_laid_out_in_the_files_order(name: str) -> None:
    sop = seed(name)
    svg = ET.fromstring(graphviz_run.render(flowchart(sop).source, "svg"))
    lefts = {}
    for g in svg.iter(f"{SVG}g"):
        if g.get("class") == "cluster":
            title = g.find(f"{SVG}title").text  # cluster_N
            points = g.find(f"{SVG}polygon").get("points").split()
            lefts[int(title.split("_")[1])] = min(float(p.split(",")[0]) for p in points)
    assert len(lefts) == len(sop.actors)
    assert sorted(lefts, key=lefts.get) == list(range(1, len(sop.actors) + 1))


def test_webassembly_graphviz_draws_svg_without_the_system_program(monkeypatch) -> None:
    monkeypatch.setenv("SOPENGINE_GRAPHVIZ", "wasm")
    svg = graphviz_run.render(flowchart(seed("pengukuran")).source, "svg").decode()
    assert "Camat memerintahkan" in svg
    assert "Camat" in svg


def test_png_without_the_system_program_says_what_to_install(monkeypatch) -> None:
    monkeypatch.setenv("SOPENGINE_GRAPHVIZ", "wasm")
    with pytest.raises(RenderError, match="apt install graphviz"):
        graphviz_run.render(flowchart(seed("pengukuran")).source, "png")


def test_pdf_without_the_system_program_goes_through_weasyprint(monkeypatch) -> None:
    monkeypatch.setenv("SOPENGINE_GRAPHVIZ", "wasm")
    assert graphviz_run.render(flowchart(seed("pengukuran")).source, "pdf")[:5] == b"%PDF-"


@pytest.mark.skipif(shutil.which("dot") is None, reason="system Graphviz not installed")
def test_system_graphviz_draws_png() -> None:
    png = graphviz_run.render(flowchart(seed("pengukuran")).source, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
