"""Excel (.xlsx) SOP documents, read with openpyxl (cells, merged ranges).

openpyxl does not keep drawn shapes, so the drawing parts are read from the
package: each shape's anchor cell and preset geometry. Marks typed in the
actor cells ("X", "√", "◇") count too. Each sheet with a flowchart table is
an SOP; identity fields above the table or on the sheet before belong to it.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from sopengine.errors import SopFileError
from sopengine.importing import shapes
from sopengine.importing.columns import is_header_row
from sopengine.importing.grid import Cell, Part
from sopengine.importing.identity_grid import identity_fields
from sopengine.importing.messages import message

_NS = {"r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
       "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"}


def read(path: Path, lang: str = "id") -> list[Part]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(str(path), data_only=True)
        with zipfile.ZipFile(path) as archive:
            drawn = _drawings(archive)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, ElementTree.ParseError) as exc:
        raise SopFileError(str(path), message("corrupt", lang, kind=".xlsx", why=exc)) from exc
    parts: list[Part] = []
    pending: tuple[dict[str, str], dict[str, str]] | None = None
    for sheet in book.worksheets:
        rows = _rows(sheet, drawn.get(sheet.title, {}))
        start = next((i for i, r in enumerate(rows) if is_header_row(r)), None)
        fields, where = identity_fields(rows[:start] if start is not None else rows)
        if start is None:
            pending = (fields, where) if fields else pending
            continue
        if not fields and pending:
            fields, where = pending
        pending = None
        part = Part(identity=fields, identity_where=where, where=f"sheet {sheet.title}")
        part.table.rows = rows[start:]
        parts.append(part)
    return parts


def _rows(sheet, drawn: dict[tuple[int, int], shapes.Found]) -> list[list[Cell]]:
    merged = {}
    for rng in sheet.merged_cells.ranges:
        top = sheet.cell(rng.min_row, rng.min_col).value
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    merged[(r, c)] = top
    last_row = max([sheet.max_row, *(r + 1 for r, _ in drawn)])
    last_col = max([sheet.max_column, *(c + 1 for _, c in drawn)])
    out = []
    for r in range(1, last_row + 1):
        row = []
        for c in range(1, last_col + 1):
            value = merged.get((r, c), sheet.cell(r, c).value)
            found = drawn.get((r - 1, c - 1), shapes.Found())
            text = "\n".join([_text(value), *found.texts]).strip()
            row.append(Cell(text, list(found.kinds), f"{sheet.title}!{_col(c)}{r}"))
        out.append(row)
    return out


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _col(c: int) -> str:
    name = ""
    while c:
        c, rem = divmod(c - 1, 26)
        name = chr(65 + rem) + name
    return name


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in archive.namelist():
        return {}
    root = ElementTree.fromstring(archive.read(rels))
    return {r.get("Id", ""): _target(folder, r.get("Target", ""))
            for r in root.findall("pr:Relationship", _NS)}


def _target(folder: str, target: str) -> str:
    """A relationship's part name: absolute ("/xl/...") or relative to its folder."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def _drawings(archive: zipfile.ZipFile) -> dict[str, dict[tuple[int, int], shapes.Found]]:
    """Sheet title -> (row, column) zero-based -> the shapes anchored there."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    targets = _rels(archive, "xl/workbook.xml")
    out: dict[str, dict[tuple[int, int], shapes.Found]] = {}
    for sheet in workbook.iterfind("m:sheets/m:sheet", _NS):
        part = targets.get(sheet.get(f"{{{_NS['r']}}}id", ""), "")
        if part not in archive.namelist():
            continue
        for drawing in _rels(archive, part).values():
            if "drawings/" in drawing and drawing in archive.namelist():
                out[sheet.get("name", "")] = _anchors(archive.read(drawing))
    return out


def _anchors(xml: bytes) -> dict[tuple[int, int], shapes.Found]:
    out: dict[tuple[int, int], shapes.Found] = {}
    root = ElementTree.fromstring(xml)
    for anchor in root:
        start = anchor.find("xdr:from", _NS)
        if start is None:
            continue
        key = (int(start.findtext("xdr:row", "0", _NS)), int(start.findtext("xdr:col", "0", _NS)))
        found = shapes.in_element(anchor)
        cell = out.setdefault(key, shapes.Found())
        cell.kinds += found.kinds
        cell.texts += found.texts
    return out
