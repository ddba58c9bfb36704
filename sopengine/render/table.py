"""The SOP AP flowchart table ("bagian prosedur") as one SVG per page.

Each step is a numbered row; its symbol (capsule, rectangle or diamond) sits
in its actor's column, arrows run from cell to cell with the decisions'
answers on them, rework arrows go back up along the column's edge. A flow that
crosses a page boundary ends in an off-page connector (pentagon) marked with a
letter, and the same letter starts it again on the other page. If the book asks
for them: a row numbering the columns under the header, the total time closing
the last page (table_total.py) and the signature block under it (table_sign.py).
Actors the book gives a short name are headed by it, and a legend under the
table gives their full jabatan (table_legend.py).
The table is as wide as a landscape page of the book's paper (paper.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sopengine.definition.duration import DEFAULT_WORKING_TIME, Duration, WorkingTime
from sopengine.definition.flow import Edge, Flow
from sopengine.definition.model import END, Sop
from sopengine.errors import RenderError
from sopengine.labels import label
from sopengine.render import table_columns as tc
from sopengine.render import table_layout as tl
from sopengine.render import table_notes as tn
from sopengine.render.glyphs import wrap_to
from sopengine.render.paper import table_area
from sopengine.render.svg import Svg
from sopengine.render.symbols import symbol
from sopengine.render.table_legend import draw_legend, legend_height, legend_lines
from sopengine.render.table_route import Router
from sopengine.render.table_sign import draw_signature, signature
from sopengine.render.table_total import draw_total

DEFAULT_ROWS_PER_PAGE = 10
DECISION_ROW = 60  # room above and below a diamond for an answer label


@dataclass(frozen=True)
class TableOptions:
    lang: str = "id"
    rows_per_page: int = DEFAULT_ROWS_PER_PAGE
    total_row: bool = False  # not in the guideline: a book setting
    labels: Mapping[str, str] = field(default_factory=dict)  # e.g. {"col_kegiatan": "..."}
    working_time: WorkingTime = DEFAULT_WORKING_TIME
    short_names: Mapping[str, str] = field(default_factory=dict)  # jabatan -> header name
    paper: str = "A4"  # the page's paper (render/paper.py): its width and rows
    column_numbers: bool = False  # the seed's row numbering the columns 1, 2, 3 ...
    signature: bool = False  # the seed's signature block under the last page

    def text(self, key: str) -> str:
        return self.labels.get(key) or label(key, self.lang)


@dataclass(frozen=True)
class TablePage:
    number: int
    rows: tuple[int, ...]  # step numbers (1-based) on this page
    svg: str
    connectors: tuple[str, ...]  # off-page connector letters drawn on this page


def table_pages(sop: Sop, options: TableOptions | None = None) -> list[TablePage]:
    """The flowchart table of a valid SOP, paginated."""
    opts = options or TableOptions()
    flow = Flow(sop)
    bare = _all_minutes(sop)
    area = table_area(opts.paper)
    geo = tc.geometry(*_header_texts(sop, opts, bare), area.width, opts.column_numbers)
    cells = [_cells(sop, i, geo, opts, bare) for i in range(len(sop.steps))]
    heights = [max(tl.row_height(c), DECISION_ROW if sop.steps[i].is_decision else 0)
               for i, c in enumerate(cells)]
    sign = signature(sop.approved_by) if opts.signature else None
    foot = (tl.TOTAL_ROW if opts.total_row else 0) + (sign.height if sign else 0)
    legend = legend_lines(sop, opts.short_names, geo.width)  # under every page
    under = legend_height(legend)
    try:
        rows = tl.paginate(heights, opts.rows_per_page, geo.header_height + under, foot,
                           area.height)
    except RenderError as exc:
        raise RenderError(f"SOP {sop.id}: {exc}") from None
    pages = [tl.Page(n + 1, r) for n, r in enumerate(rows)]
    page_of = {i: p for p in pages for i in p.rows}
    letters = _connector_letters(flow, page_of)
    _place(pages, geo, heights, [(flow.row[e.source], flow.row[e.target]) for e in letters],
           opts)
    out = []
    for page in pages:
        below = sign.height if sign and page is pages[-1] else 0
        svg = Svg(geo.width + 1, page.table_bottom + under + below + 1)
        boxes = {i: tl.symbol_box(flow, i, geo, page.top[i], page.height[i],
                                  sop.steps[i].is_decision) for i in page.rows}
        _draw_page(svg, sop, flow, geo, page, cells, boxes, opts)
        draw_legend(svg, legend, page.table_bottom)
        if below and sign:
            draw_signature(svg, sign, geo.width, page.table_bottom + under)
        drawn = Router(svg, flow, page, boxes, page_of, letters, geo).draw()
        out.append(TablePage(page.number, tuple(i + 1 for i in page.rows),
                             svg.render(sop.title, f"arrow-{sop.id}-{page.number}"),
                             tuple(drawn)))
    return out


def _header_texts(sop: Sop, opts: TableOptions, bare: bool) -> tuple[list[str], list[str]]:
    """The column keys and their header texts (an actor's short name when the book
    gives one)."""
    waktu = opts.text("col_waktu") + (f" ({opts.text('unit_m')})" if bare else "")
    actors = [(f"actor:{a}", opts.short_names.get(name, name)) for a, name in sop.actors.items()]
    pairs = [("no", opts.text("col_no")), ("kegiatan", opts.text("col_kegiatan")), *actors,
             ("kelengkapan", opts.text("col_kelengkapan")), ("waktu", waktu),
             ("output", opts.text("col_output")), ("keterangan", opts.text("col_keterangan"))]
    return [k for k, _ in pairs], [h for _, h in pairs]


def _connector_letters(flow: Flow, page_of: dict[int, tl.Page]) -> dict[Edge, str]:
    """A letter per arrow that crosses a page boundary: A, B, ..., Z, AA, ...;
    arrows from one page into one step share a letter (one connector there)."""
    letters: dict[Edge, str] = {}
    seen: dict[tuple[int, int], str] = {}
    for e in flow.edges:
        if e.target == END:
            continue
        i, j = flow.row[e.source], flow.row[e.target]
        if page_of[i] is not page_of[j]:
            n = len(seen)
            letters[e] = seen.setdefault((page_of[i].number, j),
                                         (chr(65 + n // 26 - 1) if n >= 26 else "") +
                                         chr(65 + n % 26))
    return letters


def _place(pages: list[tl.Page], geo: tl.TableGeometry, heights: list[float],
           crossing: list[tuple[int, int]], opts: TableOptions) -> None:
    """Row tops per page; a band above/below the rows where the flow simply runs on
    to the next page (``crossing``: rows joined by an arrow across pages)."""
    for page in pages:
        page.band_top = any(j == page.rows[0] and i == j - 1 for i, j in crossing)
        page.band_bottom = any(i == page.rows[-1] and j == i + 1 for i, j in crossing)
        page.total = opts.total_row and page is pages[-1]
        y = geo.header_height + (tl.BAND if page.band_top else 0)
        page.table_top = geo.header_height
        for i in page.rows:
            page.top[i], page.height[i] = y, heights[i]
            y += heights[i]
        y += tl.BAND if page.band_bottom else 0
        page.table_bottom = y + (tl.TOTAL_ROW if page.total else 0)


def _cells(sop: Sop, i: int, geo: tl.TableGeometry, opts: TableOptions,
           bare: bool) -> dict[str, list[str]]:
    step = sop.steps[i]

    def lines(key: str, items: tuple[str, ...] | list[str], bullet: bool = True) -> list[str]:
        width = geo.column(key).width - 2 * tl.PAD
        bullet = bullet and len(items) > 1
        return [line for item in items  # measured: text never reaches the rules
                for line in wrap_to(f"- {item}" if bullet else item, width, tl.TEXT)] or [""]

    rows = {s.id: k for k, s in enumerate(sop.steps)}
    return {"no": [str(i + 1)], "kegiatan": lines("kegiatan", tn.activity(step), False),
            "kelengkapan": lines("kelengkapan", step.inputs),
            "waktu": lines("waktu", [_time(step.time, opts, bare)]),
            "output": lines("output", step.outputs),
            "keterangan": lines("keterangan", tn.remarks(step, rows, len(sop.steps) - 1,
                                                         opts.text), False)}


def _all_minutes(sop: Sop) -> bool:
    """Minutes in every row: the unit goes in the header, bare numbers in the cells."""
    return all(s.time.likely.unit == "m" and not s.time.is_estimate for s in sop.steps)


def _time(d: Duration, opts: TableOptions, bare: bool) -> str:
    if bare:
        return f"{d.likely.value:g}"
    if d.is_estimate and d.low and d.high:  # the range the author allowed
        if d.low.unit == d.high.unit:
            return f"{d.low.value:g}–{_amount(d.high.value, d.high.unit, opts)}"
        low, high = _amount(d.low.value, d.low.unit, opts), _amount(d.high.value, d.high.unit, opts)
        return f"{low}–{high}"
    return _amount(d.likely.value, d.likely.unit, opts)


def _amount(value: float, unit: str, opts: TableOptions) -> str:
    return f"{value:g} {opts.text('unit_' + unit)}"


def _draw_page(svg: Svg, sop: Sop, flow: Flow, geo: tl.TableGeometry, page: tl.Page,
               cells: list[dict[str, list[str]]], boxes: dict[int, tl.Box],
               opts: TableOptions) -> None:
    _draw_header(svg, geo, opts)
    grid = {"stroke": "#222", "stroke-width": 0.8, "fill": "none", "class_": "rule"}
    body_top = page.table_top
    body_bottom = page.table_bottom - (tl.TOTAL_ROW if page.total else 0)
    for c in geo.columns:  # the column rules through bands and rows
        svg.line(c.x, body_top, c.x, body_bottom, **grid)
    svg.line(geo.width, body_top, geo.width, body_bottom, **grid)
    for i in page.rows:
        top = page.top[i]
        svg.open("g", class_="row", data_step=i + 1, data_top=top,
                 data_bottom=top + page.height[i])
        svg.line(0, top, geo.width, top, **grid)
        _draw_cells(svg, geo, cells[i], top, page.height[i])
        _draw_symbol(svg, symbol(flow, sop.steps[i].id), boxes[i],
                     len(sop.steps[i].actor) > 1 and not boxes[i].extra)
        svg.close("g")
    svg.line(0, body_bottom, geo.width, body_bottom, **grid)
    if page.band_top:
        svg.line(0, page.table_top, geo.width, page.table_top, **grid)
    if page.total:
        draw_total(svg, sop, flow, geo, body_bottom, opts)


def _draw_header(svg: Svg, geo: tl.TableGeometry, opts: TableOptions) -> None:
    grid = {"stroke": "#222", "stroke-width": 0.8, "fill": "#eef1f3"}
    h1, h = tl.HEADER1, geo.header_height - geo.number_row
    for col in geo.columns:
        spans_both = not (col.key.startswith("actor:") or col.key in _MUTU)
        top = 0 if spans_both else h1
        _header_cell(svg, col, top, h - top, geo.headers[col.key], grid)
    actor_cols = [c for c in geo.columns if c.key.startswith("actor:")]
    mutu = [geo.column(k) for k in _MUTU]
    for cols, key in ((actor_cols, "col_pelaksana"), (mutu, "col_mutu_baku")):
        width = cols[-1].right - cols[0].x
        _header_cell(svg, tl.Column(key, cols[0].x, width), 0, h1,
                     tl.Header(tc.header_lines(opts.text(key), width)), grid)
    for k, col in enumerate(geo.columns if geo.number_row else ()):  # 1, 2, 3 ...
        _header_cell(svg, col, h, geo.number_row, tl.Header((str(k + 1),)),
                     dict(grid, fill="#fff"), bold=False)


_MUTU = ("kelengkapan", "waktu", "output")


def _header_cell(svg: Svg, col: tl.Column, y: float, h: float, head: tl.Header,
                 style: dict[str, object], bold: bool = True) -> None:
    svg.rect(col.x, y, col.width, h, **style)
    cx, cy = col.center, y + h / 2
    first = cy - (len(head.lines) - 1) * tl.LINE / 2 + tl.TEXT * 0.35
    turn = {"transform": f"rotate(-90 {cx:.1f} {cy:.1f})"} if head.upright else {}
    svg.text(cx, first, list(head.lines), tl.TEXT, "middle",
             font_weight="bold" if bold else "normal", class_="head", data_left=col.x,
             data_right=col.right, data_top=y, data_bottom=y + h, **turn)


def _draw_cells(svg: Svg, geo: tl.TableGeometry, cells: dict[str, list[str]], top: float,
                height: float) -> None:
    for key, lines in cells.items():
        col = geo.column(key)
        centred = key in ("no", "waktu")
        x = col.center if centred else col.x + tl.PAD
        y = top + tl.PAD + tl.TEXT if not centred else \
            top + height / 2 - (len(lines) - 1) * tl.LINE / 2 + tl.TEXT * 0.35
        svg.text(x, y, lines, tl.TEXT, "middle" if centred else "start", class_="cell",
                 data_left=col.x, data_right=col.right)


def _draw_symbol(svg: Svg, kind: str, box: tl.Box, spans: bool) -> None:
    style = {"fill": "#fff", "stroke": "#222", "stroke-width": 1.2, "class_": "symbol"}
    if spans:  # one symbol across the adjacent columns of a step's actors
        style["data-span"] = "1"
    for cx in (box.cx, *box.extra):
        if kind == "decision":
            svg.polygon([(cx, box.top), (cx + box.w / 2, box.cy), (cx, box.bottom),
                         (cx - box.w / 2, box.cy)], **style)
        else:
            rx = box.h / 2 if kind == "terminator" else 0
            svg.rect(cx - box.w / 2, box.top, box.w, box.h, rx=rx, **style)
    if box.extra:  # one step, several actors apart: the copies joined by a line
        svg.line(box.right, box.cy, box.extra[-1] - box.w / 2, box.cy, stroke="#222",
                 stroke_dasharray="3,2", stroke_width=1)
