"""Writing SOP documents the way offices do, for the import tests.

Word: an identity table (label | value, lists as numbered lines with line
breaks), a flowchart table with a two-row merged header (Pelaksana and Mutu
Baku over their columns) and the symbols as shapes anchored in the actor
cells (DrawingML with the VML fallback Word writes beside it). Excel: the same
table with merged header cells, and the symbols either typed as marks or drawn
as shapes in the sheet's drawing part.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from sopengine import Sop
from sopengine.definition.duration import Duration

_KIND = {"terminator": ("flowChartTerminator", "116"), "process": ("flowChartProcess", "109"),
         "decision": ("flowChartDecision", "110")}
_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
       'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
       'xmlns:v="urn:schemas-microsoft-com:vml"')


def kind(sop: Sop, n: int) -> str:
    step = sop.steps[n]
    if step.branches:
        return "decision"
    return "terminator" if n in (0, len(sop.steps) - 1) else "process"


def time_text(d: Duration) -> str:
    words = {"m": "menit", "h": "jam", "d": "hari", "w": "minggu"}
    if d.is_estimate and d.low and d.high:
        return f"{d.low.value:g} {words[d.low.unit]} - {d.high.value:g} {words[d.high.unit]}"
    return f"{d.likely.value:g} {words[d.likely.unit]}"


def lines(items: tuple[str, ...] | list[str], numbered: bool = True) -> str:
    if len(items) <= 1 or not numbered:
        return "\n".join(items)
    return "\n".join(f"{i}. {t}" for i, t in enumerate(items, start=1))


def identity_rows(sop: Sop) -> list[tuple[str, str]]:
    rows = [("Nomor SOP", sop.number or ""), ("Nama SOP", sop.title)]
    if sop.approved_by:
        by = sop.approved_by
        rows.append(("Disahkan oleh", "\n".join(
            x for x in (by.position, by.name, f"NIP. {by.nip}" if by.nip else "") if x)))
    for label, key in (("Dasar Hukum", "legal_basis"), ("Kualifikasi Pelaksana", "qualifications"),
                       ("Peralatan/Perlengkapan", "equipment"), ("Peringatan", "warnings"),
                       ("Pencatatan dan Pendataan", "records")):
        rows.append((label, lines(getattr(sop, key))))
    return rows


def shape_xml(kind_name: str, n: int) -> str:
    prst, vml = _KIND[kind_name]
    return (f'<w:r {_NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
            f'relativeHeight="{n}"'
            ' behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
            '<wp:simplePos x="0" y="0"/>'
            f'<wp:extent cx="540000" cy="216000"/><wp:docPr id="{n}" name="Shape {n}"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
            f'wordprocessingShape"><wps:wsp><wps:spPr><a:prstGeom prst="{prst}"><a:avLst/>'
            '</a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>'
            '</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>'
            f'<v:shape type="#_x0000_t{vml}" style="width:42pt;height:17pt"/></w:pict>'
            '</mc:Fallback></mc:AlternateContent></w:r>')


def write_docx(sop: Sop, path: Path, *, marks: dict[int, str] | None = None) -> None:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph(f"SOP {sop.title}")
    rows = identity_rows(sop)
    table = document.add_table(rows=len(rows), cols=2)
    for r, (label, value) in enumerate(rows):
        table.cell(r, 0).text = label
        table.cell(r, 1).text = value
    document.add_page_break()
    actors = list(sop.actors)
    width = 2 + len(actors) + 4
    flow = document.add_table(rows=2 + len(sop.steps), cols=width)
    _docx_header(flow, sop)
    for n, step in enumerate(sop.steps):
        cells = flow.rows[2 + n].cells
        cells[0].text = str(n + 1)
        cells[1].text = step.action
        for a in step.actor:
            paragraph = cells[2 + actors.index(a)].paragraphs[0]
            if marks and n in marks:
                paragraph.add_run(marks[n])
            else:
                paragraph._p.append(parse_xml(shape_xml(kind(sop, n), 100 + n)))
        cells[2 + len(actors)].text = lines(step.inputs)
        cells[3 + len(actors)].text = time_text(step.time)
        cells[4 + len(actors)].text = lines(step.outputs)
        cells[5 + len(actors)].text = step.note or ""
    document.save(str(path))


def _docx_header(flow: Any, sop: Sop) -> None:
    n = len(sop.actors)
    top, sub = flow.rows[0].cells, flow.rows[1].cells
    top[0].merge(sub[0]).text = "No"
    top[1].merge(sub[1]).text = "Kegiatan"
    top[2].merge(top[1 + n]).text = "Pelaksana"
    top[2 + n].merge(top[4 + n]).text = "Mutu Baku"
    top[5 + n].merge(sub[5 + n]).text = "Keterangan"
    for i, name in enumerate(sop.actors.values()):
        sub[2 + i].text = name
    for i, label in enumerate(("Kelengkapan", "Waktu", "Output")):
        sub[2 + n + i].text = label


def write_xlsx(sop: Sop, path: Path, *, drawn: frozenset[int] = frozenset()) -> None:
    import openpyxl
    from openpyxl.styles import Alignment

    book = openpyxl.Workbook()
    ident = book.active
    ident.title = "Identitas"
    for r, (label, value) in enumerate(identity_rows(sop), start=1):
        ident.cell(r, 1, label)
        ident.cell(r, 2, value).alignment = Alignment(wrap_text=True)
    sheet = book.create_sheet("Diagram Alir")
    actors = list(sop.actors)
    n = len(actors)
    sheet.cell(1, 1, "No")
    sheet.merge_cells(start_row=1, start_column=1, end_row=2, end_column=1)
    sheet.cell(1, 2, "Kegiatan")
    sheet.merge_cells(start_row=1, start_column=2, end_row=2, end_column=2)
    sheet.cell(1, 3, "Pelaksana")
    sheet.merge_cells(start_row=1, start_column=3, end_row=1, end_column=2 + n)
    sheet.cell(1, 3 + n, "Mutu Baku")
    sheet.merge_cells(start_row=1, start_column=3 + n, end_row=1, end_column=5 + n)
    sheet.cell(1, 6 + n, "Keterangan")
    for i, name in enumerate(sop.actors.values()):
        sheet.cell(2, 3 + i, name)
    for i, label in enumerate(("Kelengkapan", "Waktu", "Output")):
        sheet.cell(2, 3 + n + i, label)
    anchors = []
    for k, step in enumerate(sop.steps):
        r = 3 + k
        sheet.cell(r, 1, k + 1)
        sheet.cell(r, 2, step.action).alignment = Alignment(wrap_text=True)
        for a in step.actor:
            if k in drawn:
                anchors.append((r - 1, 2 + actors.index(a), kind(sop, k)))
            else:
                sheet.cell(r, 3 + actors.index(a), "◇" if step.branches else "X")
        sheet.cell(r, 3 + n, lines(step.inputs))
        sheet.cell(r, 4 + n, time_text(step.time))
        sheet.cell(r, 5 + n, lines(step.outputs))
        sheet.cell(r, 6 + n, step.note or None)
    book.save(str(path))
    if anchors:
        add_drawing(path, sheet_index=2, anchors=anchors)


def add_drawing(path: Path, sheet_index: int, anchors: list[tuple[int, int, str]]) -> None:
    """Add shapes as Excel writes them: xl/drawings/drawing1.xml, related from the sheet."""
    with zipfile.ZipFile(path) as z:
        files = {name: z.read(name) for name in z.namelist()}
    sheet = f"xl/worksheets/sheet{sheet_index}.xml"
    shapes = "".join(
        f'<xdr:twoCellAnchor><xdr:from><xdr:col>{c}</xdr:col><xdr:colOff>0</xdr:colOff>'
        f'<xdr:row>{r}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>{c}</xdr:col>'
        f'<xdr:colOff>500000</xdr:colOff><xdr:row>{r}</xdr:row><xdr:rowOff>150000</xdr:rowOff>'
        f'</xdr:to><xdr:sp><xdr:nvSpPr><xdr:cNvPr id="{i + 2}" name="Shape {i}"/><xdr:cNvSpPr/>'
        f'</xdr:nvSpPr><xdr:spPr><a:prstGeom prst="{_KIND[k][0]}"><a:avLst/></a:prstGeom>'
        '</xdr:spPr></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>'
        for i, (r, c, k) in enumerate(anchors))
    files["xl/drawings/drawing1.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><xdr:wsDr xmlns:xdr="http://'
        'schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://'
        f'schemas.openxmlformats.org/drawingml/2006/main">{shapes}</xdr:wsDr>').encode()
    files[f"xl/worksheets/_rels/sheet{sheet_index}.xml.rels"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://'
        b'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" '
        b'Target="../drawings/drawing1.xml"/></Relationships>')
    text = files[sheet].decode()
    if "xmlns:r=" not in text:
        text = text.replace("<worksheet ", '<worksheet xmlns:r="http://schemas.openxmlformats.org/'
                            'officeDocument/2006/relationships" ', 1)
    files[sheet] = text.replace("</worksheet>", '<drawing r:id="rId1"/></worksheet>').encode()
    types = files["[Content_Types].xml"].decode().replace(
        "</Types>", '<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.drawing+xml"/></Types>')
    files["[Content_Types].xml"] = types.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
