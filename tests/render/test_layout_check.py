"""The layout checker of the table pages: it finds each kind of violation it
names, and the seed, every valid case and generated stress SOPs have none of
the kinds the table is held to (see FIXED_KINDS)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sopengine.definition.loader import check_text, load_sop
from sopengine.definition.model import Sop
from sopengine.render.table import TableOptions, table_pages
from sopengine.render.table_check import Violation, check_pages
from sopengine.render.table_grid import Grid, Port
from sopengine.render.table_ports import LEFT, UP, Shape, ports
from tests.conftest import CASES, ROOT
from tests.render.conftest import SEEDS, seed
from tests.strategies import _Layout, _trees

# The kinds every table is held to zero of: all the checker names.
FIXED_KINDS = {"missing-step", "symbol-outside", "text-outside", "small-type", "arrow-through",
               "arrows-share", "arrow-on-rule", "crossing-no-gap", "connector-overlap",
               "label-overlap"}


def kinds(sop: Sop, rows_per_page: int = 10) -> list[Violation]:
    pages = table_pages(sop, TableOptions(rows_per_page=rows_per_page))
    return [v for v in check_pages([p.svg for p in pages], len(sop.steps))
            if v.kind in FIXED_KINDS]


SVG = ('<svg xmlns="http://www.w3.org/2000/svg">{}</svg>')


def planted(body: str, steps: int = 1) -> set[str]:
    return {v.kind for v in check_pages([SVG.format(body)], steps)}


def test_the_checker_finds_each_kind_it_names() -> None:
    row = ('<g class="row" data-step="1" data-top="0" data-bottom="50">{}</g>')
    symbol = '<rect class="symbol" x="10" y="10" width="40" height="20"/>'
    assert planted(row.format(symbol)) == set()
    assert planted("", 1) == {"missing-step"}
    assert "symbol-outside" in planted(row.format(
        '<rect class="symbol" x="10" y="40" width="40" height="20"/>'))
    assert "symbol-outside" in planted(row.format(symbol) +
                                       '<line class="rule" x1="30" y1="0" x2="30" y2="50"/>')
    assert "arrow-through" in planted(row.format(symbol) + '<path class="arrow" d="M0,20 L60,20"/>')
    assert "arrow-on-rule" in planted(row.format(symbol) +
                                      '<line class="rule" x1="0" y1="50" x2="90" y2="50"/>'
                                      '<path class="arrow" d="M60,50 L80,50"/>')
    assert "arrows-share" in planted(row.format(symbol) + '<path class="arrow" d="M60,0 L60,40"/>'
                                     '<path class="arrow" d="M60,20 L60,45"/>')
    assert "arrows-share" in planted(row.format(symbol) + '<path class="arrow" d="M60,0 L60,40"/>'
                                     '<path class="arrow" d="M62,20 L62,45"/>')  # 2 apart
    assert "arrows-share" in planted(row.format(symbol) + '<path class="arrow" d="M50,20 L70,20"/>'
                                     '<path class="arrow" d="M52,45 L52,21"/>')  # one point
    crossing = '<path class="arrow" d="M60,0 L60,40"/><path class="arrow" d="M55,20 L80,20"/>'
    assert "crossing-no-gap" in planted(row.format(symbol) + crossing)
    assert "crossing-no-gap" not in planted(row.format(symbol) + crossing.replace(
        '<path class="arrow" d="M55', '<line class="gap" x1="56" y1="20" x2="64" y2="20"/>'
        '<path class="arrow" d="M55'))
    assert "connector-overlap" in planted(row.format(
        '<text class="cell" x="2" y="10" font-size="9" data-left="0" data-right="200">'
        '<tspan>Kelengkapan</tspan></text>') + '<polygon class="connector" points='
        '"10,0 26,0 26,12 18,19 10,12"/>')
    assert "label-overlap" in planted(row.format(symbol) +
                                      '<text class="label" x="12" y="22" font-size="9">'
                                      '<tspan>Ya</tspan></text>')
    assert "text-outside" in planted(row.format(
        '<text class="cell" x="2" y="10" font-size="9" data-left="0" data-right="20">'
        '<tspan>a line far too long for its cell</tspan></text>'))
    assert "small-type" in planted(row.format(
        '<text class="cell" x="2" y="10" font-size="6" data-left="0" data-right="200">'
        '<tspan>kecil</tspan></text>'))


@pytest.mark.parametrize("name", SEEDS)
@pytest.mark.parametrize("rows", [10, 5, 3])
def test_the_seed_tables_have_no_violations(name: str, rows: int) -> None:
    assert kinds(seed(name), rows) == []


@pytest.mark.parametrize("path", sorted((CASES / "valid").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_valid_case_has_no_violations(path: Path) -> None:
    sop = load_sop(path)
    assert kinds(sop) == []
    assert kinds(sop, 2) == []


FOUND = ROOT / "tests" / "data" / "layout"


@pytest.mark.parametrize("path", sorted(FOUND.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_layouts_the_stress_test_found_have_no_violations(path: Path) -> None:
    """Each file is a case the generated stress SOPs below once failed on, at the
    rows per page its name ends with (NAME.rows-N.yaml)."""
    rows = int(re.search(r"\.rows-(\d+)$", path.stem)[1])
    assert kinds(load_sop(path), rows) == []


def test_an_arrow_reaches_a_diamond_edge_with_no_track_beyond_it() -> None:
    """A diamond in the last actor column: the node of a port on its right edges
    is the column's last track, so an arrow comes up that track and turns into
    the edge there, with room for its arrowhead (issue 13: the stress case
    arrows-share-10-actors, whose fifth arrow into one diamond found no port)."""
    grid = Grid([628.0 + 6 * k for k in range(7)], [284.0 + 6 * k for k in range(11)])
    diamond = Shape("diamond", 646.0, 308.0, 32.0, 30.0)
    grid.block(diamond.box)
    ends = [p for p in ports(grid, diamond, False) if p.dir == LEFT]
    found = grid.route([Port((6, 10), UP, (664.0, 350.0))], ends)
    assert found is not None
    path = found[0]
    assert [x for x, _ in path[:-1]] == [664.0] * (len(path) - 1)  # up the last track
    arrowhead = 7 * 1.1  # its marker: 7 stroke widths long
    assert path[-1] in {p.point for p in ends}
    assert path[-2][0] - path[-1][0] >= arrowhead


JABATAN = ("Kepala Sub Bagian Umum dan Kepegawaian Sekretariat Daerah",
           "Pengelola Data Kinerja", "Camat", "Sekretaris Kecamatan",
           "Kepala Seksi Pemerintahan dan Ketenteraman Ketertiban Umum")
WORDS = ("menyusun", "memeriksa", "dan", "menyampaikan", "laporan", "kinerja", "triwulan",
         "kepada", "pejabat")


@st.composite
def stress_sops(draw: st.DrawFn) -> dict[str, Any]:
    """Up to 12 actors with long jabatan names, up to 60 steps, activities up to
    300 characters, nested parallel blocks and loops (back across page breaks
    at small rows_per_page)."""
    layout = _Layout(draw)
    steps = layout.seq(draw(st.lists(_trees(0), min_size=1, max_size=10)), "end")
    assume(len(steps) <= 60)
    actors = {f"a{k}": draw(st.sampled_from(JABATAN)) + f" {k}"
              for k in range(draw(st.integers(1, 12)))}
    for s in steps:
        for target in (s.get("branches") or {}).values():
            if isinstance(target, dict):
                target["chance"] = round(target["chance"], 2)
        s["actor"] = draw(st.sampled_from(sorted(actors)))
        chars = draw(st.integers(10, 300))
        text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=60, max_size=60)))
        s["action"] = text[:chars].strip() or "menyusun"
    return {"sop": 1, "id": "stres", "title": "Stres", "actors": actors, "steps": steps}


WIDE = int(os.environ.get("STRESS_EXAMPLES", "0"))  # a wider search by hand (docstring)


@settings(derandomize=not WIDE, max_examples=WIDE or 25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(doc=stress_sops(), rows=st.integers(2, 12))
def test_generated_stress_sops_have_no_violations(doc: dict[str, Any], rows: int) -> None:
    """The same 25 generated SOPs on every run (derandomized, no example
    database): a failure in CI is the change's doing, never a case found by chance
    and then shrunk for minutes. Wider searches are run by hand with a seed, e.g.
    ``STRESS_EXAMPLES=300 python -m pytest tests/render/test_layout_check.py -k
    generated_stress --hypothesis-seed=7``; each case one finds goes into
    tests/data/layout (the test above) with its fix."""
    loaded = check_text(json.dumps(doc))
    assert loaded.sop is not None, loaded.diagnostics
    assert kinds(loaded.sop, rows) == []
