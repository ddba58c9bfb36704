"""The book's paper: A4 or F4 (Folio, 215 x 330 mm, common in Indonesian
offices), the orientation of each kind of page, and the room a flowchart table
page gives its SVG.

The flowchart table pages are always landscape; the identity pages take the
book's ``orientation`` and the pages before the first SOP (cover, Keputusan,
Daftar Isi, Penjelasan singkat) its ``front_orientation``, by default the same.
The table keeps one scale on every paper (its type prints at the same size),
so a wider sheet gives it more units across and a taller one more rows.
"""

from __future__ import annotations

from dataclasses import dataclass

PAPERS_MM = {"A4": (210.0, 297.0), "F4": (215.0, 330.0)}  # short side, long side
TABLE_MARGIN_MM = 12.0  # the flowchart table pages
TEXT_MARGIN_MM = 15.0  # the identity pages and the pages before the first SOP
HEADING_MM = 12.0  # the table page's heading above its SVG
UNITS_PER_MM = 1061 / 273  # the table's scale: its 9.7-unit type prints at 7.05 pt


@dataclass(frozen=True)
class TableArea:
    width: float  # the table's width in SVG units (its SVG is one unit wider)
    height: float  # the SVG units a page's header, rows and foot may take


def table_area(paper: str = "A4") -> TableArea:
    """The room of a landscape table page of ``paper``, in the table's units."""
    short, long = PAPERS_MM[paper]
    printed_w = long - 2 * TABLE_MARGIN_MM
    printed_h = short - 2 * TABLE_MARGIN_MM - HEADING_MM
    svg_w = round(printed_w * UNITS_PER_MM)
    return TableArea(svg_w - 1.0, printed_h * svg_w / printed_w)


def size(paper: str, orientation: str) -> str:
    """A CSS page size: ``210mm 297mm`` (width, height)."""
    short, long = PAPERS_MM[paper]
    w, h = (short, long) if orientation == "portrait" else (long, short)
    return f"{w:g}mm {h:g}mm"


def page_css(paper: str = "A4", orientation: str = "portrait",
             front: str | None = None) -> str:
    """The @page rules of a book: named pages ``front``, ``identity`` and
    ``table`` (book.css says which sheet prints on which)."""
    table = size(paper, "landscape")
    return (f"@page {{ size: {table}; margin: {TABLE_MARGIN_MM:g}mm; }}\n"
            f"@page front {{ size: {size(paper, front or orientation)}; "
            f"margin: {TEXT_MARGIN_MM:g}mm; }}\n"
            f"@page identity {{ size: {size(paper, orientation)}; "
            f"margin: {TEXT_MARGIN_MM:g}mm; }}\n"
            f"@page table {{ size: {table}; margin: {TABLE_MARGIN_MM:g}mm; }}\n")
