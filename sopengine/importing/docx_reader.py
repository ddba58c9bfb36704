"""Word (.docx) SOP documents, read with python-docx.

Tables give the identity page and the flowchart table; the symbols are the
shapes (DrawingML or VML) anchored in the actor cells. A flowchart table that
follows another one with no identity table between continues it (a table split
across pages); each identity table starts a new SOP.
"""

from __future__ import annotations

from pathlib import Path

from sopengine.errors import SopFileError
from sopengine.importing import shapes
from sopengine.importing.columns import is_header_row
from sopengine.importing.grid import Cell, Part
from sopengine.importing.identity_grid import identity_fields
from sopengine.importing.messages import message


def read(path: Path, lang: str = "id") -> list[Part]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise SopFileError(str(path), message("corrupt", lang, kind=".docx", why=exc)) from exc
    parts: list[Part] = []
    current: Part | None = None
    for t, table in enumerate(document.tables, start=1):
        rows = _rows(table, t)
        if any(is_header_row(r) for r in rows):
            if current is None:
                current = Part(where=f"table {t}")
                parts.append(current)
            current.table.rows.extend(rows)
        else:
            fields, where = identity_fields(rows)
            if fields:
                current = Part(identity=fields, identity_where=where, where=f"table {t}")
                parts.append(current)
    return [p for p in parts if p.table.rows]


def _rows(table, t: int) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    for r, row in enumerate(table.rows, start=1):
        cells: list[Cell] = []
        seen: dict[object, Cell] = {}  # keyed by the element itself, which keeps it alive
        for c, cell in enumerate(row.cells, start=1):
            key = cell._tc  # id() of a freed lxml proxy can be reused: not a key
            if key in seen:  # a merged cell: the same cell again, spanning columns
                cells.append(Cell(seen[key].text, [], seen[key].where))
                continue
            found = shapes.in_element(cell._tc)
            text = "\n".join([p.text for p in cell.paragraphs] + found.texts).strip()
            seen[key] = Cell(text, found.kinds, f"table {t}, row {r}, column {c}")
            cells.append(seen[key])
        out.append(cells)
    return out
