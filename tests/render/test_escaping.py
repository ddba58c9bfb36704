"""Whatever an author writes is shown as text in every output: markup, quotes,
braces, backslashes and newlines cannot break or inject into any of them."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from lxml import etree

from sopengine.definition.book import Book
from sopengine.definition.loader import check_text
from sopengine.render import graphviz_run
from sopengine.render.book import identity_html, table_document
from sopengine.render.bpmn import bpmn
from sopengine.render.flowchart import flowchart
from sopengine.render.mermaid import mermaid
from sopengine.render.table import table_pages

NASTY = '<script>alert("x")</script> {a} \\n \\" & #1'
SOP = f"""\
sop: 1
id: nakal
title: 'Judul {NASTY.replace("'", "''")}'
legal_basis: ['{NASTY.replace("'", "''")}']
actors:
  camat: 'Camat <b>"x"</b>'
  staf: Staf
steps:
  - actor: camat
    action: 'Memulai {NASTY.replace("'", "''")}'
    time: 5
    outputs: [Surat]
  - actor: staf
    action: "Baris satu\\nbaris dua \\\\ akhir"
    inputs: [Surat]
    time: 5
    branches:
      '"Ya" <i>': camat-akhir
      'Tidak {{}}': {{to: '1', chance: 0.1}}
    outputs: [Surat]
  - id: camat-akhir
    actor: camat
    action: Menutup
    inputs: [Surat]
    time: 5
    outputs: [Arsip]
"""


def sop():  # type: ignore[no-untyped-def]
    loaded = check_text(SOP, "nakal.yaml")
    assert loaded.ok, loaded.errors
    return loaded.sop


def all_text(svg: str) -> str:
    return " ".join(ET.fromstring(svg).itertext())


def test_the_fixture_really_holds_the_nasty_text() -> None:
    s = sop()
    assert s.steps[0].action == f"Memulai {NASTY}"
    assert "\n" in s.steps[1].action
    assert "\\" in s.steps[1].action


def test_graphviz_shows_the_text_as_written() -> None:
    svg = graphviz_run.render(flowchart(sop()).source, "svg").decode()
    root = ET.fromstring(svg)  # still well-formed XML
    shown = " ".join(root.itertext())
    assert "<script>" in shown
    assert 'alert("x")' in shown
    assert "{a}" in shown
    assert '\\n \\"' in shown  # backslashes stay backslashes
    assert "Baris satu" in shown
    assert "baris dua \\ akhir" in shown
    assert not list(root.iter("{http://www.w3.org/2000/svg}script"))


def test_table_svg_shows_the_text_as_written() -> None:
    svg = table_pages(sop())[0].svg
    shown = all_text(svg)
    assert "<script>" in shown
    assert 'Camat <b>"x"</b>' in shown
    assert '"Ya" <i>' in shown
    assert "script" not in {el.tag.split("}")[1] for el in ET.fromstring(svg).iter()}


def test_html_escapes_author_text() -> None:
    html = identity_html(sop(), Book()) + table_document(sop(), Book())
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<b>" not in html.replace("<body>", "")


def test_bpmn_keeps_the_text_in_attributes() -> None:
    doc = etree.fromstring(bpmn(sop()).encode())
    names = [e.get("name") for e in doc.iter() if e.get("name")]
    assert f"1. Memulai {NASTY}" in names
    assert '"Ya" <i>' in names


def test_mermaid_labels_cannot_be_closed_or_marked_up() -> None:
    text = mermaid(sop())
    for line in text.splitlines()[1:]:
        if '"' in line:  # every quote is a label delimiter of ours, in pairs
            assert line.count('"') % 2 == 0, line
    assert "<script" not in text
    assert "#lt;script#gt;" in text
    assert "<br>" in text  # the author's line break, as Mermaid's
